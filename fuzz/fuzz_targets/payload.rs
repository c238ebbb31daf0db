#![no_main]
//! render_payload on arbitrary JSON templates (or, for non-JSON input, a template whose
//! one `.$` field holds the text): never panic.

use libfuzzer_sys::fuzz_target;
use serde_json::{Value, json};
use sfn_runtime::path::{Scope, SplitMix64, render_payload};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let template = match serde_json::from_slice::<Value>(data) {
        Ok(v) => v,
        Err(_) => match std::str::from_utf8(data) {
            Ok(s) => json!({"x.$": s, "nested": [{"y.$": s}]}),
            Err(_) => return,
        },
    };
    let (input, context, variables) = (common::document(), common::context(), common::variables());
    let scope = Scope {
        input: &input,
        context: &context,
        variables: &variables,
    };
    let mut rng = SplitMix64::default();
    let _ = render_payload(&template, &scope, &mut rng.as_fn());
});
