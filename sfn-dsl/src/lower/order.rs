//! ASL key order: the order of the fields in the `sfn_runtime::asl` model, so that the
//! emitted JSON reads like a hand-written (or model-written) definition.

use serde_json::{Map, Value};

/// Every state field, in one order compatible with every state type of the model.
const STATE_KEYS: &[&str] = &[
    "Type",
    "Comment",
    "QueryLanguage",
    "Resource",
    "Branches",
    "ItemProcessor",
    "Iterator",
    "ItemReader",
    "ItemBatcher",
    "ResultWriter",
    "InputPath",
    "ItemsPath",
    "Items",
    "ItemSelector",
    "Parameters",
    "Arguments",
    "Credentials",
    "Result",
    "Choices",
    "Default",
    "Seconds",
    "SecondsPath",
    "Timestamp",
    "TimestampPath",
    "Error",
    "ErrorPath",
    "Cause",
    "CausePath",
    "MaxConcurrency",
    "MaxConcurrencyPath",
    "ToleratedFailurePercentage",
    "ToleratedFailurePercentagePath",
    "ToleratedFailureCount",
    "ToleratedFailureCountPath",
    "Label",
    "ResultSelector",
    "ResultPath",
    "OutputPath",
    "Output",
    "Assign",
    "TimeoutSeconds",
    "TimeoutSecondsPath",
    "HeartbeatSeconds",
    "HeartbeatSecondsPath",
    "Retry",
    "Catch",
    "Next",
    "End",
];

/// A state object with its keys in ASL order (unknown keys keep their order, at the end).
pub fn state_object(entries: Vec<(String, Value)>) -> Map<String, Value> {
    let mut entries = entries;
    // Each key's rank is looked up once, not at every comparison (the sort stays stable).
    entries.sort_by_cached_key(|(key, _)| {
        STATE_KEYS
            .iter()
            .position(|k| k == key)
            .unwrap_or(STATE_KEYS.len())
    });
    entries.into_iter().collect()
}
