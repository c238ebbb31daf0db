//! The rule set speaks ASL (`ResultPath`, `"ProcessorConfig": ..`); in a `workflow!` the
//! same things are spelled `result_path`, `mode: distributed`. Messages are translated so
//! the fix they suggest is one the user can type.

/// ASL field names and their DSL spelling, as they appear in backticks in messages.
const FIELDS: &[(&str, &str)] = &[
    ("InputPath", "input_path"),
    ("OutputPath", "output_path"),
    ("ResultPath", "result_path"),
    ("ResultSelector", "result_selector"),
    ("Parameters", "parameters"),
    ("Arguments", "arguments"),
    ("Output", "output"),
    ("Assign", "#[assign(..)]"),
    ("Result", "result"),
    ("Resource", "resource"),
    ("Credentials", "credentials"),
    ("TimeoutSeconds", "timeout"),
    ("TimeoutSecondsPath", "timeout"),
    ("HeartbeatSeconds", "heartbeat"),
    ("HeartbeatSecondsPath", "heartbeat"),
    ("Seconds", "seconds"),
    ("SecondsPath", "seconds"),
    ("Timestamp", "timestamp"),
    ("TimestampPath", "timestamp"),
    ("Error", "error"),
    ("ErrorPath", "error"),
    ("Cause", "cause"),
    ("CausePath", "cause"),
    ("ItemsPath", "items"),
    ("Items", "items"),
    ("ItemSelector", "item_selector"),
    ("ItemReader", "item_reader"),
    ("ItemBatcher", "item_batcher"),
    ("ResultWriter", "result_writer"),
    ("ItemProcessor", "processor"),
    ("MaxConcurrency", "max_concurrency"),
    ("MaxConcurrencyPath", "max_concurrency"),
    ("ToleratedFailurePercentage", "tolerated_failure_percentage"),
    (
        "ToleratedFailurePercentagePath",
        "tolerated_failure_percentage",
    ),
    ("ToleratedFailureCount", "tolerated_failure_count"),
    ("ToleratedFailureCountPath", "tolerated_failure_count"),
    ("Label", "label"),
    ("ExecutionType", "execution_type"),
    ("Branches", "branches"),
    ("ErrorEquals", "errors"),
    ("IntervalSeconds", "interval"),
    ("MaxAttempts", "max_attempts"),
    ("BackoffRate", "backoff_rate"),
    ("MaxDelaySeconds", "max_delay"),
    ("JitterStrategy", "jitter"),
    ("Retry", "#[retry(..)]"),
    ("Catch", "#[catch(..)]"),
    ("Retrier", "#[retry(..)]"),
];

/// Whole phrases of hints, rewritten first.
const PHRASES: &[(&str, &str)] = &[
    (
        "set `\"ProcessorConfig\": {\"Mode\": \"DISTRIBUTED\", \"ExecutionType\": \"STANDARD\"}` in the ItemProcessor",
        "add `mode: distributed` to the Map",
    ),
    (
        "set `\"QueryLanguage\": \"JSONata\"` on the state",
        "add `#[query_language = jsonata]` to the state",
    ),
    (
        "set `\"QueryLanguage\": \"JSONPath\"` on the state",
        "add `#[query_language = jsonpath]` to the state",
    ),
    (
        "`Choices` must not be empty",
        "a Choice needs at least one `condition => Target` arm besides `_`",
    ),
    ("`Next`", "`-> Next`"),
    ("`\"End\": true`", "`-> end`"),
];

/// `message` with ASL spellings replaced by the DSL's.
pub fn to_dsl(message: &str) -> String {
    let mut out = assign_to_dsl(message);
    for (asl, dsl) in PHRASES {
        out = out.replace(asl, dsl);
    }
    for (asl, dsl) in FIELDS {
        out = out.replace(&format!("`{asl}`"), &format!("`{dsl}`"));
    }
    // Template keys are written without `.$` in the DSL.
    out.replace(".$`", "`")
}

/// `` `"Assign": {"x.$": "$"}` `` (one variable) -> `` `#[assign({ "x": $ })]` ``: the
/// attribute that writes it, with a path bare and a placeholder as `..`.
fn assign_to_dsl(message: &str) -> String {
    const START: &str = "`\"Assign\": {";
    let Some(at) = message.find(START) else {
        return message.to_owned();
    };
    let body_start = at + START.len();
    let Some(len) = message[body_start..].find("}`") else {
        return message.to_owned();
    };
    let body = &message[body_start..body_start + len];
    let Some((key, value)) = body.split_once("\": ") else {
        return message.to_owned();
    };
    let key = key.trim_start_matches('"');
    let (key, value) = match key.strip_suffix(".$") {
        Some(key) => (key, value.trim_matches('"').to_owned()),
        None if value == "..." => (key, "..".to_owned()),
        None => (key, value.to_owned()),
    };
    format!(
        "{}`#[assign({{ \"{key}\": {value} }})]`{}",
        &message[..at],
        assign_to_dsl(&message[body_start + len + 2..])
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_fields_and_hints() {
        assert_eq!(
            to_dsl("`HeartbeatSeconds` (60) must be smaller than `TimeoutSeconds` (30)"),
            "`heartbeat` (60) must be smaller than `timeout` (30)"
        );
        assert_eq!(to_dsl("`ResultPathX` stays"), "`ResultPathX` stays");
        assert_eq!(
            to_dsl("`cheap.$` is not a valid path"),
            "`cheap` is not a valid path"
        );
        // The runtime's hints (sfn-runtime validate/paths.rs) in the attribute's form.
        assert_eq!(
            to_dsl("assign it first with `\"Assign\": {\"total\": ...}`"),
            "assign it first with `#[assign({ \"total\": .. })]`"
        );
        assert_eq!(
            to_dsl("assign variables with `\"Assign\": {\"fn.$\": \"$\"}`"),
            "assign variables with `#[assign({ \"fn\": $ })]`"
        );
    }
}
