//! Definitions of the conformance suite (`tests/conformance/semantics/`) written in the DSL
//! produce the same ASL (compared as JSON values).

use serde_json::Value;
use sfn::workflow;

fn expected(case: &str) -> Value {
    let path = format!(
        "{}/tests/conformance/semantics/{case}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let case: Value = serde_json::from_str(&text).expect("a conformance case is JSON");
    case["definition"].clone()
}

fn assert_same(workflow: &sfn::Workflow, case: &str) {
    let ours: Value = serde_json::from_str(workflow.definition()).expect("the definition is JSON");
    assert_eq!(ours, expected(case), "{case}");
}

workflow! {
    pub CHOICE_NESTED {
        Route: Choice {
            !($.a < 0 || (matches($.s, "tmp-*") && !($.flag == true))) => Keep,
            _ => Drop,
        },
        Keep: Pass { result: "Keep" } -> end,
        Drop: Pass { result: "Drop" } -> end,
    }
}

workflow! {
    pub FAIL_CAUSEPATH {
        S: Fail {
            error: States.Format("{}", $.Error),
            cause: States.Format("This is a custom error message for {}, caused by {}.", $.Error, $.Cause),
        },
    }
}

workflow! {
    pub MAP_CONTEXT {
        ExampleMapState: Map {
            item_selector: { "ContextIndex": $$.Map.Item.Index, "ContextValue": $$.Map.Item.Value },
            processor: { TestPass: Pass {} -> end },
        } -> end,
    }
}

workflow! {
    pub PARALLEL_CATCH {
        #[catch(errors = ["FailureType"], next = FinalCaught)]
        P: Parallel {
            branches: [{ Branch1: Fail { error: "FailureType", cause: "Cause description" } }],
        } -> Final,
        FinalCaught: Pass {} -> end,
        Final: Pass {} -> end,
    }
}

workflow! {
    pub RETRY_THEN_CATCH {
        #[retry(errors = ["CustomError"], interval = 1s, max_attempts = 1)]
        #[catch(errors = ["States.ALL"], result_path = $.error, next = Recover)]
        Work: Parallel {
            branches: [{ Boom: Fail { error: "CustomError", cause: "something broke" } }],
        } -> Done,
        Recover: Pass {} -> end,
        Done: Pass {} -> end,
    }
}

workflow! {
    #[query_language = jsonata]
    pub JSONATA_CHOICE {
        #[assign({ "range": "default" })]
        DispatchEvent: Choice {
            "{% $states.input.type != 'Private' %}" => Public,
            #[assign({ "range": "twenties" })]
            "{% $exists($states.input.value) and $type($states.input.value)='number' and $states.input.value>=20 and $states.input.value<30 %}" => ValueInTwenties,
            #[output({ "excess": "{% $states.input.rating - $states.input.auditThreshold %}" })]
            "{% $states.input.rating >= $states.input.auditThreshold %}" => StartAudit,
            _ => RecordEvent,
        },
        Public: Pass { output: { "at": "Public" } } -> end,
        ValueInTwenties: Pass { output: { "at": "ValueInTwenties", "range": "{% $range %}", "input": "{% $states.input %}" } } -> end,
        StartAudit: Pass { output: { "at": "StartAudit", "input": "{% $states.input %}" } } -> end,
        RecordEvent: Pass { output: { "at": "RecordEvent", "range": "{% $range %}" } } -> end,
    }
}

workflow! {
    pub VARS_CHOICE {
        #[assign({ "status": "INCORRECT", "guess": $.input_value })]
        CheckInputState: Choice {
            #[assign({ "status": "UNKNOWN" })]
            !is_present($.input_value) => FinalState,
            #[assign({ "status": "CORRECT" })]
            $.input_value == 42 => FinalState,
            _ => FinalState,
        },
        FinalState: Pass { parameters: { "result": $status } } -> end,
    }
}

workflow! {
    pub FORMAT_BRACES {
        S: Pass { parameters: { "t": States.Format("{literal} {}", $.v) } } -> end,
    }
}

workflow! {
    pub RESULT_SELECTOR {
        P: Parallel {
            branches: [{ B: Pass { result: [1, 3, 3] } -> end }],
            result_selector: { "uniq": States.ArrayUnique($[0]), "state": $$.State.Name },
        } -> end,
    }
}

workflow! {
    pub FILTER {
        S: Pass { parameters: { "FromInput": $.users[?(@.status == 0)] } } -> end,
    }
}

workflow! {
    pub WAIT_TIMESTAMPPATH {
        S: Wait { timestamp: $.expirydate } -> end,
    }
}

#[test]
fn dsl_definitions_equal_the_conformance_definitions() {
    assert_same(&CHOICE_NESTED, "choice-nested-not-or-and");
    assert_same(&FAIL_CAUSEPATH, "fail-causepath-intrinsic");
    assert_same(&MAP_CONTEXT, "map-itemselector-context-index-value");
    assert_same(&PARALLEL_CATCH, "parallel-catch-error-output");
    assert_same(&RETRY_THEN_CATCH, "retry-then-catch-resultpath");
    assert_same(&JSONATA_CHOICE, "jsonata-choice-default-assign");
    assert_same(&VARS_CHOICE, "vars-choice-rule-assign-wins");
    assert_same(&FORMAT_BRACES, "intrinsic-format-escaped-braces");
    assert_same(&RESULT_SELECTOR, "intrinsic-in-resultselector-and-context");
    assert_same(&FILTER, "io-parameters-filter-expression");
    assert_same(&WAIT_TIMESTAMPPATH, "wait-timestamppath");
}
