//! The `tests/ui/pass/` cases: each must compile and its `main` must succeed.
//!
//! They run here as an ordinary test rather than through trybuild: one pass case makes
//! trybuild `cargo build` (code generation) every dependency again in its own target
//! directory, where the compile-fail cases alone need only `cargo check`.

mod doc_example {
    include!("ui/pass/doc_example.rs");
    pub(super) fn run() {
        main();
    }
}

mod multiple {
    include!("ui/pass/multiple.rs");
    pub(super) fn run() {
        main();
    }
}

#[test]
fn doc_example() {
    doc_example::run();
}

#[test]
fn multiple() {
    multiple::run();
}

/// A new file in `tests/ui/pass/` must be added above, or it would not be compiled at all.
#[test]
fn every_pass_case_is_listed() {
    let listed = include_str!("ui_pass.rs");
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/ui/pass");
    for entry in std::fs::read_dir(dir).expect("tests/ui/pass") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        if name.ends_with(".rs") {
            let line = format!("include!(\"ui/pass/{name}\");");
            assert!(
                listed.contains(&line),
                "tests/ui/pass/{name} is not included in tests/ui_pass.rs"
            );
        }
    }
}
