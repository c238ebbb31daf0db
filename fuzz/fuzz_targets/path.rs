#![no_main]
//! parse_path / parse_reference_path on arbitrary text: never panic; a parsed path prints
//! as text that parses back to the same tree; evaluation never panics.

use libfuzzer_sys::fuzz_target;
use sfn_runtime::path::{Scope, parse_path, parse_reference_path, select, write_at};

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    let full = parse_path(src);
    if let Ok(reference) = parse_reference_path(src) {
        assert!(reference.is_reference_path(), "{src}");
        assert!(full.as_ref().is_ok_and(|p| p.same_as(&reference)), "{src}");
        let _ = write_at(common::document(), &reference, serde_json::json!(1));
    }
    if let Ok(path) = full {
        let printed = path.to_string();
        let again = parse_path(&printed).unwrap_or_else(|e| panic!("{src} -> {printed}: {e}"));
        assert!(again.same_as(&path), "{src} -> {printed}");
        let (input, context, variables) =
            (common::document(), common::context(), common::variables());
        let scope = Scope {
            input: &input,
            context: &context,
            variables: &variables,
        };
        let _ = select(&path, &scope);
    }
});
