#!/usr/bin/env python3
"""Writes the definitions of the whole-process `sfn validate` comparison (issue #19 goal 5).

gen_asl.py big N FILE      one definition of N top-level states (Task with Parameters,
                           ResultSelector, Retry and Catch; Choice; Map; Parallel; Pass; Wait)
gen_asl.py corpus K DIR    K small definitions (10 states each) in DIR

JSONPath only, so asl-validator 4.0 (which predates JSONata) reads every feature used.
"""
import json
import os
import sys


def definition(n):
    states = {}
    for i in range(n):
        nxt = f"S{i + 1}" if i + 1 < n else "Done"
        kind = i % 6
        if kind == 0:
            state = {
                "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": f"arn:aws:lambda:us-east-1:123456789012:function:f{i}",
                               "Payload": {"id.$": "$.id", "msg.$": "States.Format('item {} of {}', $.i, $.n)"}},
                "ResultSelector": {"body.$": "$.Payload"}, "ResultPath": "$.result",
                "Retry": [{"ErrorEquals": ["Lambda.ServiceException"], "IntervalSeconds": 2,
                           "MaxAttempts": 3, "BackoffRate": 2.0}],
                "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "Done"}],
                "Next": nxt,
            }
        elif kind == 1:
            state = {
                "Type": "Choice",
                "Choices": [
                    {"And": [{"Variable": "$.count", "NumericGreaterThan": 10},
                             {"Variable": "$.flag", "IsPresent": True}], "Next": nxt},
                    {"Variable": "$.when", "TimestampLessThan": "2016-03-14T01:59:00Z", "Next": nxt},
                ],
                "Default": nxt,
            }
        elif kind == 2:
            state = {
                "Type": "Map", "ItemsPath": "$.items", "MaxConcurrency": 5,
                "ItemSelector": {"value.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index"},
                "ItemProcessor": {"StartAt": f"M{i}", "States": {f"M{i}": {"Type": "Pass", "End": True}}},
                "ResultPath": "$.mapped", "Next": nxt,
            }
        elif kind == 3:
            state = {
                "Type": "Parallel",
                "Branches": [
                    {"StartAt": f"L{i}", "States": {f"L{i}": {"Type": "Wait", "Seconds": 1, "End": True}}},
                    {"StartAt": f"R{i}", "States": {f"R{i}": {"Type": "Succeed"}}},
                ],
                "Next": nxt,
            }
        elif kind == 4:
            state = {"Type": "Wait", "SecondsPath": "$.delay", "Next": nxt}
        else:
            state = {"Type": "Pass", "InputPath": "$.data", "Result": {"x": 1},
                     "ResultPath": "$.out", "OutputPath": "$", "Next": nxt}
        states[f"S{i}"] = state
    states["Done"] = {"Type": "Succeed"}
    return {"Comment": "generated", "StartAt": "S0", "States": states}


def main():
    what, count, out = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    if what == "big":
        with open(out, "w") as f:
            json.dump(definition(count), f, indent=2)
    elif what == "corpus":
        os.makedirs(out, exist_ok=True)
        for k in range(count):
            with open(os.path.join(out, f"m{k:04}.asl.json"), "w") as f:
                json.dump(definition(10), f, indent=2)
    else:
        sys.exit(f"unknown: {what}")


if __name__ == "__main__":
    main()
