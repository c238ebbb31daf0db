//! `sfn graph --format svg` and `sfn run --view`: the files they write, without a browser
//! (tests/view_browser.rs opens them in one).

use std::process::Command;

const EXAMPLE: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../examples/view/order-flow.asl.json"
);

#[test]
fn graph_svg_is_well_formed_and_names_every_state() {
    let out = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(["graph", "--format", "svg", EXAMPLE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let svg = String::from_utf8(out.stdout).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let mut drawn: Vec<&str> = doc
        .descendants()
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.starts_with("state "))
        })
        .filter_map(|n| n.attribute("data-name"))
        .collect();
    drawn.sort_unstable();
    let mut expected = vec![
        "Validate",
        "Charge",
        "Fulfil",
        "Reserve stock",
        "Notify",
        "Pack items",
        "Pack",
        "Label",
        "Done",
        "Rejected",
    ];
    expected.sort_unstable();
    assert_eq!(drawn, expected);
}

#[test]
fn graph_rejects_an_unknown_format_naming_svg() {
    let out = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(["graph", "--format", "png", EXAMPLE])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("[possible values: mermaid, dot, svg]"),
        "{err}"
    );
}

#[test]
fn run_view_writes_the_page_and_keeps_stdout_as_it_was() {
    let file = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("run-view.html");
    let _ = std::fs::remove_file(&file);
    let out = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(["run", EXAMPLE, "--input", r#"{"amount": 0}"#, "--view"])
        .arg(&file)
        .output()
        .unwrap();
    // Rejected by the Choice: a failed execution, exit 1, the usual one JSON object.
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["error"], "OrderRejected");
    assert!(
        printed.get("history").is_none(),
        "--view alone does not print the history"
    );
    let html = std::fs::read_to_string(&file).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(
        html.contains(r#""outcome":"failed""#),
        "the Fail state is in the data"
    );
    // Nothing to fetch: no external script, stylesheet or image.
    for needle in ["src=\"http", "href=\"http", "@import", "url(http"] {
        assert!(!html.contains(needle), "{needle}");
    }
}

#[test]
fn run_view_reports_an_unwritable_path() {
    let out = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(["run", EXAMPLE, "--view", "/nonexistent-dir/v.html"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("/nonexistent-dir/v.html: cannot write the view"),
        "{err}"
    );
}
