//! The context object (`$$` in JSONPath, `$states.context` in JSONata).
//!
//! One value per execution, updated in place as states are entered, so building it costs
//! nothing per state beyond two field writes.

use serde_json::{Map, Value, json};

use super::clock::format_timestamp;

/// Names used in the ARNs of the context object.
#[derive(Debug, Clone)]
pub(crate) struct Names {
    pub(crate) machine: String,
    pub(crate) execution: String,
    /// Set for Express executions: their ARNs have their own form (see `execution_arn`).
    pub(crate) express_id: Option<String>,
}

impl Names {
    pub(crate) fn machine_arn(&self) -> String {
        format!(
            "arn:aws:states:us-east-1:123456789012:stateMachine:{}",
            self.machine
        )
    }
    /// `...:execution:MACHINE:NAME`, or for Express executions
    /// `...:express:MACHINE:NAME:ID` (the service's form, AWS Developer Guide).
    pub(crate) fn execution_arn(&self) -> String {
        match &self.express_id {
            Some(id) => format!(
                "arn:aws:states:us-east-1:123456789012:express:{}:{}:{id}",
                self.machine, self.execution
            ),
            None => format!(
                "arn:aws:states:us-east-1:123456789012:execution:{}:{}",
                self.machine, self.execution
            ),
        }
    }
}

/// The context object of a fresh execution.
/// Express executions cannot be redriven: their context has no `RedriveCount`.
pub(crate) fn initial(names: &Names, input: &Value, start_ms: i64) -> Value {
    let mut execution = json!({
        "Id": names.execution_arn(),
        "Input": null,
        "StartTime": format_timestamp(start_ms),
        "Name": names.execution,
        "RoleArn": "arn:aws:iam::123456789012:role/sfn-local",
    });
    // Set here, not written inside `json!`, which serializes a value into a new one
    // (`to_value`): for the input, and again for `execution` below, a fifth of a
    // 1,000-item Map's run. A clone is the copy the context needs.
    execution["Input"] = input.clone();
    if names.express_id.is_none() {
        execution["RedriveCount"] = Value::from(0);
    }
    let mut context = json!({
        "Execution": null,
        "StateMachine": { "Id": names.machine_arn(), "Name": names.machine },
        "State": { "Name": "", "EnteredTime": "" },
    });
    context["Execution"] = execution;
    context
}

/// Sets `$$.State` for a state being entered (and drops the per-state members: `Task`,
/// `Map`). Updates the existing object in place: this runs for every state.
pub(crate) fn enter_state(
    context: &mut Value,
    name: &str,
    entered_time: &str,
    retry_count: Option<u64>,
) {
    let Value::Object(object) = context else {
        return;
    };
    if object.len() > 3 {
        object.remove("Task");
        object.remove("Map");
    }
    match object.get_mut("State") {
        Some(Value::Object(state)) => {
            set_string(state, "Name", name);
            set_string(state, "EnteredTime", entered_time);
            match retry_count {
                Some(count) => {
                    state.insert("RetryCount".into(), Value::from(count));
                }
                None => {
                    if state.len() > 2 {
                        state.remove("RetryCount");
                    }
                }
            }
        }
        _ => {
            let mut state = Map::new();
            state.insert("Name".into(), Value::String(name.to_owned()));
            state.insert("EnteredTime".into(), Value::String(entered_time.to_owned()));
            if let Some(count) = retry_count {
                state.insert("RetryCount".into(), Value::from(count));
            }
            object.insert("State".into(), Value::Object(state));
        }
    }
}

/// Overwrites a string member, reusing its allocation.
fn set_string(object: &mut Map<String, Value>, key: &str, text: &str) {
    match object.get_mut(key) {
        Some(Value::String(existing)) => text.clone_into(existing),
        _ => {
            object.insert(key.to_owned(), Value::String(text.to_owned()));
        }
    }
}

/// Sets `$$.State.RetryCount`.
pub(crate) fn set_retry_count(context: &mut Value, count: u64) {
    if let Some(state) = context.get_mut("State").and_then(Value::as_object_mut) {
        state.insert("RetryCount".into(), Value::from(count));
    }
}

/// Sets or clears a top-level member (`Task`, `Map`).
pub(crate) fn set_member(context: &mut Value, key: &str, value: Option<Value>) {
    if let Value::Object(object) = context {
        match value {
            Some(value) => object.insert(key.to_owned(), value),
            None => object.remove(key),
        };
    }
}
