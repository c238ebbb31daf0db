#![no_main]
//! parse_intrinsic on arbitrary text, then evaluation of whatever parses: never panic.

use libfuzzer_sys::fuzz_target;
use sfn_runtime::path::{Scope, SplitMix64, eval_intrinsic, parse_intrinsic};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else { return };
    if let Ok(call) = parse_intrinsic(src) {
        let (input, context, variables) = (common::document(), common::context(), common::variables());
        let scope = Scope { input: &input, context: &context, variables: &variables };
        let mut rng = SplitMix64::new(data.len() as u64);
        let _ = eval_intrinsic(&call, &scope, &mut rng.as_fn());
    }
});
