#![no_main]
//! `sfn import` (sfn_dsl::import::import) on any JSON text: never panics; an import that
//! succeeds has already been verified to lower back to the (normalised) definition.

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let Ok(definition) = serde_json::from_str::<serde_json::Value>(text) else { return };
    let out = std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            if let Ok(imported) = sfn_dsl::import::import(&definition, "FLOW") {
                assert!(imported.source.starts_with("workflow! {"));
            }
        })
        .expect("thread")
        .join();
    assert!(out.is_ok(), "import panicked");
});
