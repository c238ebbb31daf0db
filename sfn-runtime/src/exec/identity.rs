//! States whose output is their input, unchanged (a `Pass` without data fields, a `Choice`
//! without `Output`, ...). Their Exited event shows the very payload their Entered event
//! showed, and their output needs no new size check.

use crate::asl::{QueryLanguage, State};

/// Whether `state`, run in `language`, always outputs its input as it came (on success).
pub(crate) fn passes_input_through(state: &State, language: QueryLanguage) -> bool {
    match (state, language) {
        (State::Pass(s), QueryLanguage::JsonPath) => {
            whole(&s.input_path)
                && s.parameters.is_none()
                && s.result.is_none()
                // Absent, `$` and `null` all give the input back when the result is it.
                && (whole(&s.result_path) || s.result_path == Some(None))
                && whole(&s.output_path)
        }
        (State::Pass(s), QueryLanguage::Jsonata) => s.output.is_none(),
        (State::Choice(s), QueryLanguage::JsonPath) => {
            whole(&s.input_path) && whole(&s.output_path)
        }
        (State::Choice(s), QueryLanguage::Jsonata) => {
            s.output.is_none() && s.choices.iter().all(|rule| rule.output.is_none())
        }
        (State::Succeed(s), QueryLanguage::JsonPath) => {
            whole(&s.input_path) && whole(&s.output_path)
        }
        (State::Succeed(s), QueryLanguage::Jsonata) => s.output.is_none(),
        _ => false,
    }
}

/// An `InputPath`/`OutputPath` that selects the whole value (absent or `$`; `null` gives `{}`).
fn whole(path: &Option<Option<String>>) -> bool {
    match path {
        None => true,
        Some(Some(p)) => p == "$",
        Some(None) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::asl::StateMachine;
    use serde_json::json;

    fn first(state: serde_json::Value) -> (State, QueryLanguage) {
        let machine = StateMachine::from_value(json!({"StartAt": "S", "States": {"S": state}}))
            .expect("valid");
        let state = machine.states["S"].clone();
        let language = state
            .query_language()
            .unwrap_or_else(|| machine.query_language());
        (state, language)
    }

    #[test]
    fn only_states_without_data_fields_pass_through() {
        for (state, expected) in [
            (json!({"Type": "Pass", "End": true}), true),
            (
                json!({"Type": "Pass", "InputPath": "$", "OutputPath": "$", "ResultPath": null, "End": true}),
                true,
            ),
            (
                json!({"Type": "Pass", "ResultPath": "$", "Assign": {"x": 1}, "End": true}),
                true,
            ),
            (
                json!({"Type": "Pass", "InputPath": null, "End": true}),
                false,
            ),
            (
                json!({"Type": "Pass", "OutputPath": null, "End": true}),
                false,
            ),
            (
                json!({"Type": "Pass", "InputPath": "$.a", "End": true}),
                false,
            ),
            (json!({"Type": "Pass", "Result": 1, "End": true}), false),
            (
                json!({"Type": "Pass", "Parameters": {}, "End": true}),
                false,
            ),
            (
                json!({"Type": "Pass", "ResultPath": "$.r", "End": true}),
                false,
            ),
            (
                json!({"Type": "Pass", "QueryLanguage": "JSONata", "End": true}),
                true,
            ),
            (
                json!({"Type": "Pass", "QueryLanguage": "JSONata", "Output": 1, "End": true}),
                false,
            ),
            (json!({"Type": "Succeed"}), true),
            (json!({"Type": "Succeed", "OutputPath": "$.a"}), false),
            (
                json!({"Type": "Choice", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "S"}], "Default": "S"}),
                true,
            ),
            (
                json!({"Type": "Choice", "InputPath": "$.a", "Choices": [{"Variable": "$.a", "IsPresent": true, "Next": "S"}], "Default": "S"}),
                false,
            ),
            (
                json!({"Type": "Choice", "QueryLanguage": "JSONata", "Choices": [{"Condition": "{% true %}", "Next": "S", "Output": 1}], "Default": "S"}),
                false,
            ),
            (json!({"Type": "Wait", "Seconds": 1, "End": true}), false),
        ] {
            let (s, language) = first(state.clone());
            assert_eq!(passes_input_through(&s, language), expected, "{state}");
        }
    }
}
