#![no_main]
//! validate_str on arbitrary text: never panic; every diagnostic's pointer resolves in the
//! document (to the offending value, or to the object that lacks a field).

use libfuzzer_sys::fuzz_target;
use sfn_runtime::validate::validate_str;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(diagnostics) = validate_str(text) else { return };
    let Ok(value) = serde_json::from_str::<serde_json::Value>(text) else { return };
    for d in diagnostics {
        assert!(value.pointer(&d.pointer).is_some(), "{} in {text}", d.pointer);
    }
});
