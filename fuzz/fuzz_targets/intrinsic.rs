#![no_main]
//! parse_intrinsic on arbitrary text, then evaluation of whatever parses: never panic;
//! printed calls re-parse.
//! The first byte also picks a function name that is put in front of the rest, so that
//! most inputs get past the name and exercise the argument grammar and the functions.

use libfuzzer_sys::fuzz_target;
use sfn_runtime::path::{IntrinsicFn, Scope, SplitMix64, eval_intrinsic, parse_intrinsic};

#[path = "common.rs"]
mod common;

fn check(src: &str, seed: u64) {
    if let Ok(call) = parse_intrinsic(src) {
        // Printing gives text that parses back to a call printing the same way.
        let printed = call.to_string();
        let again = parse_intrinsic(&printed).unwrap_or_else(|e| panic!("{src} -> {printed}: {e}"));
        assert_eq!(again.to_string(), printed, "{src}");
        let (input, context, variables) =
            (common::document(), common::context(), common::variables());
        let scope = Scope {
            input: &input,
            context: &context,
            variables: &variables,
        };
        let mut rng = SplitMix64::new(seed);
        let _ = eval_intrinsic(&call, &scope, &mut rng.as_fn());
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((first, rest)) = data.split_first() else {
        return;
    };
    let Ok(rest) = std::str::from_utf8(rest) else {
        return;
    };
    let function = IntrinsicFn::ALL[usize::from(*first) % IntrinsicFn::ALL.len()];
    check(&format!("{}({rest}", function.name()), u64::from(*first));
    if let Ok(whole) = std::str::from_utf8(data) {
        check(whole, data.len() as u64);
    }
});
