//! Every bound sfn puts on a definition, a value or an evaluation, decided once here.
//!
//! The service's own quotas are used where they exist (payload size, history length: see
//! [`crate::exec::MAX_PAYLOAD_BYTES`] and [`crate::exec::MAX_EVENTS`]); the others are chosen
//! so that no input can make a command or library call hang, exhaust memory or overflow the
//! stack, and each ends in a clear error that names the limit. docs/limits.md lists them.

use std::time::Duration;

/// The deepest nesting of JSON anywhere in the pipeline (a definition, a field value, an
/// execution input, a JSONata result): `{}` and `[]` each count one level, so
/// `{"a": [1]}` is 2 deep. `workflow!`, `sfn validate` and `sfn import` refuse a deeper
/// definition; serde_json (which reads every file and every `const` definition back) stops
/// at 128 levels, and a CloudFormation template wraps a definition in 4 more, so every
/// document sfn accepts can also be written and read back.
pub const MAX_JSON_DEPTH: usize = 100;

/// The deepest nesting of one expression in the `workflow!` language: parentheses and `!`
/// in Choice conditions, nested calls in payload templates. Beyond it the macro reports a
/// compile error at the token instead of overflowing rustc's stack.
pub const MAX_DSL_DEPTH: usize = MAX_JSON_DEPTH;

/// Wall-clock time one JSONata expression may run (jsonata-core checks it at every node it
/// evaluates and at every loop iteration): an endless recursion or loop ends in
/// `States.QueryEvaluationError` after this long. Memory has its own budget,
/// [`JSONATA_MEMORY_BUDGET`].
pub const JSONATA_TIME_BUDGET: Duration = Duration::from_millis(1_000);

/// Evaluation levels one JSONata expression may nest (jsonata-core's `max_stack_depth`):
/// a non-tail recursive function call costs about three, so about 1,000 nested calls.
pub const JSONATA_MAX_STACK_DEPTH: usize = 3_000;

/// Items one JSONata sequence may hold (jsonata-core's `max_sequence_length`: ranges, maps,
/// filters, wildcards, descendants, `$append`, ...).
pub const JSONATA_MAX_SEQUENCE: usize = 1_000_000;

/// Size, in bytes of compact JSON, of the value one JSONata expression may return (or read
/// through `$parse`). Larger than the service's 256 KiB payload quota on purpose: a result
/// between the two still reaches the state and fails there with `States.DataLimitExceeded`,
/// as on the service; this bound only stops the conversion of a runaway value.
pub const JSONATA_MAX_RESULT_BYTES: usize = 16 * 1024 * 1024;

/// Bytes one JSONata evaluation may build: every string and array made by an operator or a
/// built-in function (`&`, `..`, `$join`, `$string`, `$pad`, `$append`, `$map`, ...) is
/// charged as it is made, and never given back, so this bounds the expression's peak memory
/// whatever it keeps. Calls whose one result could dwarf their inputs (`$string` of a value
/// with shared parts, `$pad` to a huge width, `$join` with a long separator, `$replace` with a
/// long replacement) are measured before they run, so the value is never built. Generous for
/// any result a state can use (the service's payload quota is 256 KiB): appending 10-byte
/// pieces one at a time to a string, a quadratic cost, still reaches about 70 KB.
pub const JSONATA_MEMORY_BUDGET: usize = 64 * 1024 * 1024;

/// The cause text of an error for `limit`, so every limit is named the same way.
pub fn exceeded(limit: &str, value: impl std::fmt::Display) -> String {
    format!("the limit {limit} ({value}) was exceeded")
}

/// Whether `value` nests deeper than `max` levels (arrays and objects), measured without
/// recursion, so any hand-built value is measured safely.
pub fn deeper_than(value: &serde_json::Value, max: usize) -> bool {
    use serde_json::Value;
    let mut stack = vec![(value, 1usize)];
    while let Some((value, depth)) = stack.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        if depth > max {
            return true;
        }
        stack.extend(
            children
                .filter(|v| v.is_array() || v.is_object())
                .map(|v| (v, depth + 1)),
        );
    }
    false
}

/// Drops a value of any depth without recursion (serde_json's own drop recurses once per
/// level and overflows the stack on a value thousands of levels deep).
pub fn drop_deep(value: serde_json::Value) {
    use serde_json::Value;
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}

/// The failure for a value nested deeper than [`MAX_JSON_DEPTH`] that reached the executor
/// from outside (an execution input, a handler's result, a token's output).
pub(crate) fn too_deep_cause(what: &str) -> String {
    format!(
        "{what} is nested deeper than {MAX_JSON_DEPTH} levels: {}",
        exceeded("MAX_JSON_DEPTH", format_args!("{MAX_JSON_DEPTH} levels"))
    )
}
