//! `SFN_VIEW_DIR`: every failed execution writes its view there; successes write nothing.
//! (Its own test binary: it sets a process-wide environment variable.)

use serde_json::json;
use sfn_runtime::exec::Executor;

#[test]
fn failed_executions_write_their_view_to_sfn_view_dir() {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("view-dir-test");
    let _ = std::fs::remove_dir_all(&dir);
    // SAFETY: the only test of this binary; nothing else reads the environment meanwhile.
    unsafe { std::env::set_var("SFN_VIEW_DIR", &dir) };
    let executor = Executor::from_json(
        r#"{"StartAt": "Check", "States": {
          "Check": {"Type": "Choice", "Choices": [{"Variable": "$.ok", "BooleanEquals": true, "Next": "Done"}], "Default": "Nope"},
          "Done": {"Type": "Succeed"},
          "Nope": {"Type": "Fail", "Error": "NotOk"}}}"#,
    )
    .unwrap()
    .with_names("checker", "local-execution");
    assert!(executor.run(json!({"ok": true})).succeeded());
    assert!(!dir.exists(), "a success writes no view");
    let failed = executor.run(json!({"ok": false}));
    assert!(!failed.succeeded());
    let files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let name = files[0].file_name().unwrap().to_str().unwrap().to_owned();
    // Named after the test (the thread cargo test runs it on) and the machine.
    assert!(
        name.starts_with("failed_executions_write_their_view_to_sfn_view_dir-checker-"),
        "{name}"
    );
    let html = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(html, failed.view_html());
    assert!(html.contains(r#""error":"NotOk""#));
    // SAFETY: as above.
    unsafe { std::env::remove_var("SFN_VIEW_DIR") };
}
