"""boto3 (pinned in .ci/requirements.txt) against `sfn serve`: the calls an application's
integration test makes. Every expectation is the documented behaviour of the service
(botocore's model and the Step Functions API reference). Usage: python boto3_client.py URL"""

import json
import sys
import time

import boto3
from botocore.config import Config
from botocore.exceptions import ClientError

URL = sys.argv[1]
sfn = boto3.client(
    "stepfunctions",
    endpoint_url=URL,
    region_name="us-east-1",
    aws_access_key_id="test",
    aws_secret_access_key="test",
    config=Config(retries={"max_attempts": 1}),
)
ROLE = "arn:aws:iam::123456789012:role/sfn-local"


def error_code(call, **kwargs):
    try:
        call(**kwargs)
    except ClientError as e:
        return e.response["Error"]["Code"]
    raise AssertionError(f"{call.__name__} succeeded, expected an error")


def wait(arn, limit=20.0):
    deadline = time.time() + limit
    while time.time() < deadline:
        described = sfn.describe_execution(executionArn=arn)
        if described["status"] != "RUNNING":
            return described
        time.sleep(0.05)
    raise AssertionError(f"{arn} still running after {limit} s")


# A machine with a Pass, a 1 s Wait (real time by default) and a Choice.
definition = {
    "StartAt": "Greet",
    "States": {
        "Greet": {"Type": "Pass", "Parameters": {"greeting.$": "States.Format('hello {}', $.who)"}, "Next": "Pause"},
        "Pause": {"Type": "Wait", "Seconds": 1, "Next": "Check"},
        "Check": {"Type": "Choice", "Choices": [{"Variable": "$.greeting", "StringEquals": "hello ada", "Next": "Done"}], "Default": "Nope"},
        "Done": {"Type": "Succeed"},
        "Nope": {"Type": "Fail", "Error": "NotAda", "Cause": "someone else"},
    },
}
created = sfn.create_state_machine(name="Greeter", definition=json.dumps(definition), roleArn=ROLE)
machine = created["stateMachineArn"]
assert machine == "arn:aws:states:us-east-1:123456789012:stateMachine:Greeter", machine
assert sfn.describe_state_machine(stateMachineArn=machine)["name"] == "Greeter"
assert [m["name"] for m in sfn.list_state_machines()["stateMachines"]] == ["Greeter"]
print("ok create/describe/list state machine")

started = time.time()
ada = sfn.start_execution(stateMachineArn=machine, name="ada", input=json.dumps({"who": "ada"}))
bob = sfn.start_execution(stateMachineArn=machine, name="bob", input=json.dumps({"who": "bob"}))
done = wait(ada["executionArn"])
assert done["status"] == "SUCCEEDED", done
assert json.loads(done["output"]) == {"greeting": "hello ada"}, done["output"]
failed = wait(bob["executionArn"])
elapsed = time.time() - started
# Both waited their 1 s Wait at the same time: concurrent, and in real time.
assert 1.0 <= elapsed < 5.0, elapsed
assert failed["status"] == "FAILED" and failed["error"] == "NotAda" and failed["cause"] == "someone else", failed
print("ok executions run concurrently in real time", round(elapsed, 2))

# History through the paginator, forwards and backwards, with and without data.
pages = sfn.get_paginator("get_execution_history").paginate(
    executionArn=ada["executionArn"], PaginationConfig={"PageSize": 2})
events = [e for page in pages for e in page["events"]]
types = [e["type"] for e in events]
assert types[0] == "ExecutionStarted" and types[-1] == "ExecutionSucceeded", types
assert "WaitStateEntered" in types and "ChoiceStateExited" in types, types
assert [e["id"] for e in events] == list(range(1, len(events) + 1))
assert json.loads(events[0]["executionStartedEventDetails"]["input"]) == {"who": "ada"}
backwards = sfn.get_paginator("get_execution_history").paginate(
    executionArn=ada["executionArn"], reverseOrder=True, includeExecutionData=False,
    PaginationConfig={"PageSize": 3})
reversed_events = [e for page in backwards for e in page["events"]]
assert [e["id"] for e in reversed_events] == [e["id"] for e in reversed(events)]
assert "input" not in reversed_events[-1].get("executionStartedEventDetails", {})
print("ok history paginated,", len(events), "events")

# ListExecutions: newest first, status filter, pagination.
for i in range(5):
    sfn.start_execution(stateMachineArn=machine, name=f"n{i}", input=json.dumps({"who": "ada"}))
listed = [e for page in sfn.get_paginator("list_executions").paginate(
    stateMachineArn=machine, PaginationConfig={"PageSize": 2}) for e in page["executions"]]
assert [e["name"] for e in listed] == ["n4", "n3", "n2", "n1", "n0", "bob", "ada"], [e["name"] for e in listed]
failed_only = sfn.list_executions(stateMachineArn=machine, statusFilter="FAILED")["executions"]
assert [e["name"] for e in failed_only] == ["bob"], failed_only
print("ok list executions")

# Errors of the service's model.
missing = "arn:aws:states:us-east-1:123456789012:stateMachine:Nope"
assert error_code(sfn.start_execution, stateMachineArn=missing) == "StateMachineDoesNotExist"
assert error_code(sfn.describe_state_machine, stateMachineArn=missing) == "StateMachineDoesNotExist"
assert error_code(sfn.start_execution, stateMachineArn=machine, name="ada", input="{}") == "ExecutionAlreadyExists"
assert error_code(sfn.describe_execution, executionArn=machine.replace("stateMachine", "execution") + ":ghost") == "ExecutionDoesNotExist"
assert error_code(sfn.describe_state_machine, stateMachineArn="not-an-arn") == "InvalidArn"
assert error_code(sfn.create_state_machine, name="Greeter", definition=json.dumps({"StartAt": "X", "States": {"X": {"Type": "Succeed"}}}), roleArn=ROLE) == "StateMachineAlreadyExists"
assert error_code(sfn.create_state_machine, name="Broken", definition='{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}}', roleArn=ROLE) == "InvalidDefinition"
assert error_code(sfn.start_execution, stateMachineArn=machine, input="{not json") == "InvalidExecutionInput"
assert error_code(sfn.start_execution, stateMachineArn=machine, input=json.dumps({"big": "x" * 262144})) == "ValidationException"
assert error_code(sfn.send_task_success, taskToken="never-issued", output="{}") == "InvalidToken"
print("ok error codes")

# ValidateStateMachineDefinition: our rule set in the service's shape.
bad = sfn.validate_state_machine_definition(definition='{"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "Bee"}, "B": {"Type": "Succeed"}}}')
assert bad["result"] == "FAIL", bad
locations = {d["location"] for d in bad["diagnostics"]}
assert "/States/A/Next" in locations, bad["diagnostics"]
assert all(d["severity"] == "ERROR" for d in bad["diagnostics"])
good = sfn.validate_state_machine_definition(definition=json.dumps(definition))
assert good["result"] == "OK" and good["diagnostics"] == [], good
print("ok validate")

# A task token: the unmocked .waitForTaskToken task waits for SendTaskSuccess; the token
# is in TaskScheduled's parameters in the live history.
token_machine = sfn.create_state_machine(name="Approval", roleArn=ROLE, definition=json.dumps({
    "StartAt": "Ask",
    "States": {"Ask": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                       "Parameters": {"QueueUrl": "https://sqs.us-east-1.amazonaws.com/123456789012/q",
                                      "MessageBody": {"token.$": "$$.Task.Token"}},
                       "ResultPath": "$.approval", "End": True}}}))["stateMachineArn"]
run = sfn.start_execution(stateMachineArn=token_machine, input='{"order": 7}')["executionArn"]
token = None
deadline = time.time() + 10
while token is None and time.time() < deadline:
    for event in sfn.get_execution_history(executionArn=run)["events"]:
        if event["type"] == "TaskScheduled":
            token = json.loads(event["taskScheduledEventDetails"]["parameters"])["MessageBody"]["token"]
    time.sleep(0.05)
assert token, "no TaskScheduled event with a token"
assert sfn.describe_execution(executionArn=run)["status"] == "RUNNING"
sfn.send_task_heartbeat(taskToken=token)
sfn.send_task_success(taskToken=token, output='{"approved": true}')
approved = wait(run)
assert approved["status"] == "SUCCEEDED", approved
assert json.loads(approved["output"]) == {"order": 7, "approval": {"approved": True}}, approved["output"]
assert error_code(sfn.send_task_success, taskToken=token, output="{}") == "TaskTimedOut"
print("ok task token")

# StopExecution ends a long Wait at once, as ABORTED with the given error and cause.
sleeper = sfn.create_state_machine(name="Sleeper", roleArn=ROLE, definition=json.dumps({
    "StartAt": "Nap", "States": {"Nap": {"Type": "Wait", "Seconds": 3600, "End": True}}}))["stateMachineArn"]
nap = sfn.start_execution(stateMachineArn=sleeper)["executionArn"]
sfn.stop_execution(executionArn=nap, error="Enough", cause="tested")
stopped = wait(nap, limit=5)
assert stopped["status"] == "ABORTED" and stopped["error"] == "Enough", stopped
history = sfn.get_execution_history(executionArn=nap, reverseOrder=True, maxResults=1)["events"]
assert history[0]["type"] == "ExecutionAborted", history
assert history[0]["executionAbortedEventDetails"] == {"error": "Enough", "cause": "tested"}, history
print("ok stop")

# StartSyncExecution on an Express machine; a Standard one is refused.
express = sfn.create_state_machine(name="Quick", type="EXPRESS", roleArn=ROLE, definition=json.dumps({
    "StartAt": "P", "States": {"P": {"Type": "Pass", "Result": 42, "End": True}}}))["stateMachineArn"]
# The model puts StartSyncExecution and TestState on host `sync-<endpoint>`; a local endpoint needs the
# prefix off (as with Step Functions Local).
sync = boto3.client(
    "stepfunctions", endpoint_url=URL, region_name="us-east-1", aws_access_key_id="test",
    aws_secret_access_key="test", config=Config(inject_host_prefix=False, retries={"max_attempts": 1}))
result = sync.start_sync_execution(stateMachineArn=express, input="{}")
assert result["status"] == "SUCCEEDED" and json.loads(result["output"]) == 42, result
assert ":express:Quick:" in result["executionArn"], result["executionArn"]
assert error_code(sync.start_sync_execution, stateMachineArn=machine) == "StateMachineTypeNotSupported"
print("ok start sync execution")

# Mocks from --mock-config (Step Functions Local's format), chosen by `ARN#TestCase`; an
# unmocked task fails naming the state and its resource.
orders = sfn.create_state_machine(name="Orders", roleArn=ROLE, definition=json.dumps({
    "StartAt": "Charge",
    "States": {"Charge": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                          "Parameters": {"FunctionName": "charge", "Payload.$": "$"},
                          "Retry": [{"ErrorEquals": ["Payment.Declined"], "MaxAttempts": 1, "IntervalSeconds": 1}],
                          "ResultSelector": {"receipt.$": "$.Payload.receipt"}, "End": True}}}))["stateMachineArn"]
happy = wait(sfn.start_execution(stateMachineArn=orders + "#HappyPath", input="{}")["executionArn"])
assert happy["status"] == "SUCCEEDED" and json.loads(happy["output"]) == {"receipt": "R-1"}, happy
declined = wait(sfn.start_execution(stateMachineArn=orders + "#Declined", input="{}")["executionArn"])
assert declined["status"] == "FAILED" and declined["error"] == "Payment.Declined", declined
unmocked = wait(sfn.start_execution(stateMachineArn=orders, input="{}")["executionArn"])
assert unmocked["status"] == "FAILED", unmocked
assert "'Charge'" in unmocked["cause"] and "arn:aws:states:::lambda:invoke" in unmocked["cause"], unmocked
assert error_code(sfn.start_execution, stateMachineArn=orders + "#NoSuchCase") == "ValidationException"
print("ok mocks")

# Versions and aliases (API reference: PublishStateMachineVersion, CreateStateMachineAlias):
# a version is a snapshot; an alias routes StartExecution to a version.
versioned = sfn.create_state_machine(name="Versioned", roleArn=ROLE, publish=True, definition=json.dumps({
    "StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "one", "End": True}}}))
v1 = versioned["stateMachineVersionArn"]
assert v1 == versioned["stateMachineArn"] + ":1", v1
sfn.update_state_machine(stateMachineArn=versioned["stateMachineArn"], definition=json.dumps({
    "StartAt": "P", "States": {"P": {"Type": "Pass", "Result": "two", "End": True}}}))
v2 = sfn.publish_state_machine_version(stateMachineArn=versioned["stateMachineArn"], description="second")["stateMachineVersionArn"]
assert v2.endswith(":2"), v2
assert [v["stateMachineVersionArn"] for v in sfn.list_state_machine_versions(stateMachineArn=versioned["stateMachineArn"])["stateMachineVersions"]] == [v2, v1]
alias = sfn.create_state_machine_alias(name="prod", routingConfiguration=[{"stateMachineVersionArn": v1, "weight": 100}])["stateMachineAliasArn"]
on_alias = wait(sfn.start_execution(stateMachineArn=alias)["executionArn"])
assert json.loads(on_alias["output"]) == "one" and on_alias["stateMachineAliasArn"] == alias and on_alias["stateMachineVersionArn"] == v1, on_alias
latest = wait(sfn.start_execution(stateMachineArn=versioned["stateMachineArn"])["executionArn"])
assert json.loads(latest["output"]) == "two", latest
sfn.update_state_machine_alias(stateMachineAliasArn=alias, routingConfiguration=[{"stateMachineVersionArn": v2, "weight": 100}])
assert sfn.describe_state_machine_alias(stateMachineAliasArn=alias)["routingConfiguration"] == [{"stateMachineVersionArn": v2, "weight": 100}]
assert error_code(sfn.delete_state_machine_version, stateMachineVersionArn=v2) == "ConflictException"
sfn.delete_state_machine_version(stateMachineVersionArn=v1)
assert [a["stateMachineAliasArn"] for a in sfn.list_state_machine_aliases(stateMachineArn=versioned["stateMachineArn"])["stateMachineAliases"]] == [alias]
sfn.delete_state_machine_alias(stateMachineAliasArn=alias)
assert error_code(sfn.describe_state_machine_alias, stateMachineAliasArn=alias) == "ResourceNotFound"
print("ok versions and aliases")

# Tags.
sfn.tag_resource(resourceArn=machine, tags=[{"key": "team", "value": "pay"}])
assert sfn.list_tags_for_resource(resourceArn=machine)["tags"] == [{"key": "team", "value": "pay"}]
sfn.untag_resource(resourceArn=machine, tagKeys=["team"])
assert sfn.list_tags_for_resource(resourceArn=machine)["tags"] == []
print("ok tags")

# RedriveExecution: the failed Orders run (unmocked Charge) is redriven from Charge.
assert error_code(sfn.redrive_execution, executionArn=happy["executionArn"]) == "ExecutionNotRedrivable"
redriven_at = sfn.redrive_execution(executionArn=unmocked["executionArn"])["redriveDate"]
again = wait(unmocked["executionArn"])
assert again["status"] == "FAILED" and again["redriveCount"] == 1 and again["redriveDate"] == redriven_at, again
types = [e["type"] for e in sfn.get_execution_history(executionArn=unmocked["executionArn"])["events"]]
assert types.count("ExecutionFailed") == 2 and types.count("ExecutionRedriven") == 1, types
print("ok redrive")

# TestState with a mock, at DEBUG.
tested = sync.test_state(definition=json.dumps({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                                                "Parameters": {"Payload.$": "$"}, "ResultSelector": {"r.$": "$.Payload"}, "End": True}),
                        roleArn=ROLE, input='{"x": 1}', inspectionLevel="DEBUG", mock={"result": '{"Payload": 5}'})
assert tested["status"] == "SUCCEEDED" and json.loads(tested["output"]) == {"r": 5}, tested
assert json.loads(tested["inspectionData"]["afterParameters"]) == {"Payload": {"x": 1}}, tested
print("ok test state")

# An activity worker: GetActivityTask long-polls, SendTaskSuccess/Failure answer.
activity = sfn.create_activity(name="Review")["activityArn"]
assert activity == "arn:aws:states:us-east-1:123456789012:activity:Review", activity
assert sfn.describe_activity(activityArn=activity)["name"] == "Review"
assert [a["name"] for a in sfn.list_activities()["activities"]] == ["Review"]
reviewed = sfn.create_state_machine(name="Reviewed", roleArn=ROLE, definition=json.dumps({
    "StartAt": "Review", "States": {"Review": {"Type": "Task", "Resource": activity,
                                               "ResultPath": "$.review", "End": True}}}))["stateMachineArn"]
results = {}


def worker():
    # A worker that polls before any task exists: the long poll must hand it the task.
    for _ in range(2):
        task = sfn.get_activity_task(activityArn=activity, workerName="w1")
        payload = json.loads(task["input"])
        if payload["doc"] == "good":
            sfn.send_task_success(taskToken=task["taskToken"], output=json.dumps({"ok": True}))
        else:
            sfn.send_task_failure(taskToken=task["taskToken"], error="Rejected", cause="bad doc")
        results[payload["doc"]] = True


import threading
thread = threading.Thread(target=worker)
thread.start()
time.sleep(0.2)
good = sfn.start_execution(stateMachineArn=reviewed, input=json.dumps({"doc": "good"}))["executionArn"]
good_done = wait(good)
bad = sfn.start_execution(stateMachineArn=reviewed, input=json.dumps({"doc": "bad"}))["executionArn"]
bad_done = wait(bad)
thread.join(timeout=10)
assert good_done["status"] == "SUCCEEDED" and json.loads(good_done["output"])["review"] == {"ok": True}, good_done
assert bad_done["status"] == "FAILED" and bad_done["error"] == "Rejected" and bad_done["cause"] == "bad doc", bad_done
assert results == {"good": True, "bad": True}, results
missing_activity = "arn:aws:states:us-east-1:123456789012:activity:Nope"
assert error_code(sfn.describe_activity, activityArn=missing_activity) == "ActivityDoesNotExist"
sfn.delete_activity(activityArn=activity)
assert sfn.list_activities()["activities"] == []
print("ok activity worker")

sfn.delete_state_machine(stateMachineArn=sleeper)
assert error_code(sfn.describe_state_machine, stateMachineArn=sleeper) == "StateMachineDoesNotExist"
print("ok delete")
print("all ok")
