//! The README's diagram is `docs/quickstart.svg`, drawn by `Workflow::svg()` from the
//! quickstart's workflow: this test keeps the file equal to what the code draws.
//! `SFN_WRITE_DOCS=1 cargo test --test readme_diagram` rewrites it after a change.

#[allow(dead_code)]
#[path = "../examples/quickstart.rs"]
mod quickstart;
use quickstart::ORDER_FLOW;

#[test]
fn the_readme_diagram_is_what_the_workflow_draws() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/quickstart.svg");
    let drawn = ORDER_FLOW.svg();
    if std::env::var("SFN_WRITE_DOCS").is_ok_and(|v| v == "1") {
        std::fs::write(path, &drawn).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == drawn,
        "docs/quickstart.svg is out of date: run `SFN_WRITE_DOCS=1 cargo test --test readme_diagram`"
    );
    for state in ["Validate", "Charge", "Notify", "Done", "Rejected"] {
        assert!(
            drawn.contains(&format!(r#"data-name="{state}""#)),
            "{state}"
        );
    }
}
