//! `sfn import`: every conformance definition, imported as `workflow!` source, parses and
//! lowers (with the DSL's library API) back to exactly the same ASL.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use sfn_dsl::diag::Errors;
use sfn_dsl::import::{import, to_source};

/// The inside of the printed `workflow! { .. }`.
fn body(source: &str) -> &str {
    let start = source.find('{').map_or(0, |i| i + 1);
    let end = source.rfind('}').unwrap_or(source.len());
    &source[start..end]
}

/// Parses, lowers and checks workflow source as the macro does: the definition, the number
/// of lowering errors and the number of rule-set errors.
fn lower(source: &str) -> (Value, usize, usize) {
    let tokens: proc_macro2::TokenStream = body(source).parse().expect("generated source lexes");
    let mut errors = Errors::default();
    let defs =
        sfn_dsl::parse::parse_all(tokens, |s| sfn_dsl::parse::parse_workflows(s, &mut errors))
            .expect("generated source parses");
    assert_eq!(defs.len(), 1, "one workflow");
    let lowered = sfn_dsl::lower::lower_workflow(&defs[0], &mut errors);
    let lowering = errors.len();
    // The rule set the macro runs next: valid definitions give source that compiles.
    let mut rules = Errors::default();
    sfn_dsl::check::check(&lowered, &mut rules);
    (lowered.definition, lowering, rules.len())
}

fn definitions(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/conformance")
        .join(dir);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("conformance directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
}

/// The definition in a conformance file (semantics cases wrap it in `"definition"`).
fn definition(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).expect("readable");
    let value: Value = serde_json::from_str(&text).expect("JSON");
    match value.get("definition") {
        Some(definition) if value.get("StartAt").is_none() => definition.clone(),
        _ => value,
    }
}

fn round_trip_dir(dir: &str) {
    let files = definitions(dir);
    assert!(!files.is_empty(), "{dir} has definitions");
    let mut failures = Vec::new();
    for path in &files {
        let original = definition(path);
        match to_source(&original, "IMPORTED") {
            Ok(source) => {
                let (lowered, lowering, rules) = lower(&source);
                let errors = lowering + rules;
                if errors != 0 || lowered != original {
                    failures.push(format!(
                        "{}: {errors} errors, lowered differs\n{source}\n{lowered:#}",
                        path.display()
                    ));
                }
            }
            Err(error) => failures.push(format!("{}: {error}", path.display())),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} failed:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}

#[test]
fn semantics_definitions_round_trip() {
    round_trip_dir("semantics");
}

#[test]
fn cdk_definitions_round_trip() {
    round_trip_dir("cdk");
}

/// `LINE:COL` (1-based, columns in characters) of the first `needle` in `text`, counted
/// here independently of the CLI.
fn line_col(text: &str, needle: &str) -> String {
    let at = text.find(needle).expect("needle in text");
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    format!("{line}:{column}")
}

/// Runs `sfn import ARGS` with `stdin`; exit code, stdout, stderr.
fn sfn_import(args: &[&str], stdin: &str) -> (i32, String, String) {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .arg("import")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sfn runs");
    if let Some(mut input) = child.stdin.take() {
        input.write_all(stdin.as_bytes()).expect("stdin written");
    }
    let output = child.wait_with_output().expect("sfn finishes");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn temp_file(name: &str, text: &str) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).expect("temp file written");
    path.to_string_lossy().into_owned()
}

const FLOW: &str = r#"{"StartAt": "Hello", "States": {"Hello": {"Type": "Pass", "Result": "hi", "Next": "Done now"}, "Done now": {"Type": "Succeed"}}}"#;

#[test]
fn cli_prints_source_that_lowers_to_the_file() {
    let file = temp_file("order-flow.asl.json", FLOW);
    let (code, out, err) = sfn_import(&[&file], "");
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("workflow! {\n    pub ORDER_FLOW {\n"),
        "{out}"
    );
    assert!(
        out.contains("Hello: Pass { result: \"hi\" } -> \"Done now\","),
        "{out}"
    );
    let (lowered, lowering, rules) = lower(&out);
    assert_eq!((lowering, rules), (0, 0));
    assert_eq!(lowered, serde_json::from_str::<Value>(FLOW).expect("JSON"));
}

#[test]
fn cli_reads_stdin_and_takes_a_name() {
    let (code, out, err) = sfn_import(&["--name", "CHECKOUT", "-"], FLOW);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("pub CHECKOUT {"), "{out}");
}

#[test]
fn cli_reports_what_cannot_be_expressed_with_its_pointer() {
    let orphan =
        r#"{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}"#;
    let file = temp_file("orphan.json", orphan);
    let (code, out, err) = sfn_import(&["--message-format", "short", &file], "");
    assert_eq!(code, 1);
    assert!(out.is_empty());
    assert!(
        err.starts_with(&format!(
            "{file}:{}: error: state `B` is unreachable",
            line_col(orphan, r#""B""#)
        )),
        "{err}"
    );
}

#[test]
fn cli_notes_each_rewrite_of_an_older_form_and_exits_0() {
    let legacy = r#"{"StartAt": "M", "States": {
        "M": {"Type": "Map", "Parameters": {"v.$": "$$.Map.Item.Value"},
              "Iterator": {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}, "Next": "C"},
        "C": {"Type": "Choice", "Choices": [
            {"Not": {"Variable": "$.x", "IsPresent": true}, "Next": "F"},
            {"Or": [{"Variable": "$.y", "IsNull": true}], "Next": "F"}
        ], "Default": "F"},
        "F": {"Type": "Fail", "ErrorPath": "States.Format('{}',$.e)"}
    }}"#;
    let file = temp_file("legacy.asl.json", legacy);
    let (code, out, err) = sfn_import(&["--message-format", "short", &file], "");
    assert_eq!(code, 0, "{err}");
    let notes: Vec<&str> = err.lines().collect();
    // Objects are shown at the key naming them, strings at the value.
    let at = |needle: &str| line_col(legacy, needle);
    assert_eq!(
        notes,
        [
            format!(
                "{file}:{}: note: Parameters written as item_selector (ItemSelector), same meaning at /States/M/Parameters",
                at(r#""Parameters""#)
            ),
            format!(
                "{file}:{}: note: Iterator written as processor (ItemProcessor), same meaning at /States/M/Iterator",
                at(r#""Iterator""#)
            ),
            format!(
                "{file}:{}: note: Not around IsPresent: true written as !is_present (IsPresent: false), same meaning at /States/C/Choices/0/Not",
                at(r#""Not""#)
            ),
            format!(
                "{file}:{}: note: Or of one rule written as that rule, same meaning at /States/C/Choices/1/Or",
                at(r#""Or""#)
            ),
            format!(
                "{file}:{}: note: `States.Format('{{}}',$.e)` written as `States.Format('{{}}', $.e)` (spacing only), same meaning at /States/F/ErrorPath",
                at(r#""States.Format"#)
            ),
        ]
    );
    for modern in [
        "item_selector: { \"v\": $$.Map.Item.Value }",
        "processor: {",
        "!is_present($.x) => F,",
        "is_null($.y) => F,",
        "error: States.Format(\"{}\", $.e)",
    ] {
        assert!(out.contains(modern), "missing `{modern}` in\n{out}");
    }
    // The printed source means the file: it lowers to the file with the same rewrites.
    let (lowered, lowering, rules) = lower(&out);
    assert_eq!((lowering, rules), (0, 0));
    let original: Value = serde_json::from_str(legacy).expect("JSON");
    assert_eq!(
        lowered,
        import(&original, "LEGACY").expect("imports").definition
    );
    assert_eq!(
        lowered.pointer("/States/C/Choices/0/IsPresent"),
        Some(&Value::Bool(false))
    );
    assert!(lowered.pointer("/States/M/ItemProcessor").is_some());
}

#[test]
fn cli_exit_2_for_unreadable_or_non_json_input() {
    let (code, _, err) = sfn_import(&["-"], "{ not json");
    assert_eq!(code, 2);
    assert!(
        err.contains("error: not JSON: key must be a string"),
        "{err}"
    );
    assert!(err.contains("--> <stdin>:1:3"), "{err}");
    let missing = Path::new(env!("CARGO_TARGET_TMPDIR")).join("no-such-file.json");
    let (code, _, err) = sfn_import(&[&missing.to_string_lossy()], "");
    assert_eq!(code, 2);
    assert!(err.contains("cannot read"), "{err}");
    let (code, _, _) = sfn_import(&[], "");
    assert_eq!(code, 2);
}

#[test]
fn cli_help_has_examples() {
    let (code, out, _) = sfn_import(&["--help"], "");
    assert_eq!(code, 0);
    assert!(out.contains("Usage: sfn import [OPTIONS] <FILE>"), "{out}");
    assert!(out.contains("examples:"), "{out}");
}

/// The README's import example is the importer's real output.
#[test]
fn readme_example_is_real_output() {
    let definition = serde_json::json!({
        "Comment": "Charges an order",
        "StartAt": "Charge card",
        "States": {
            "Charge card": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": { "FunctionName": "charge", "Payload.$": "$.order" },
                "Retry": [{ "ErrorEquals": ["States.Timeout"], "IntervalSeconds": 2, "MaxAttempts": 3 }],
                "Next": "Route"
            },
            "Route": {
                "Type": "Choice",
                "Choices": [{ "And": [{ "Variable": "$.amount", "NumericGreaterThan": 100 }, { "Variable": "$.vip", "IsPresent": true }], "Next": "Done" }],
                "Default": "Done"
            },
            "Done": { "Type": "Succeed" }
        }
    });
    let readme =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../README.md"))
            .expect("README");
    let marker = "$ sfn import order-flow.asl.json\n";
    let start = readme.find(marker).expect("README has the import example") + marker.len();
    let shown = &readme[start..];
    let shown = &shown[..shown.find("```").expect("block ends")];
    assert_eq!(
        to_source(&definition, "ORDER_FLOW").expect("imports"),
        shown
    );
}

/// Every pointer into `value` (objects and arrays included).
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (key, item) in map {
                pointers(
                    item,
                    format!("{at}/{}", key.replace('~', "~0").replace('/', "~1")),
                    out,
                );
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                pointers(item, format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

fn mutation() -> impl proptest::strategy::Strategy<Value = Value> {
    use proptest::prelude::*;
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i32>().prop_map(Value::from),
        Just(serde_json::json!(1.5)),
        Just(serde_json::json!({})),
        Just(serde_json::json!([])),
        prop_oneof![
            Just("$.x".to_owned()),
            Just("$$.Map.Item.Value".to_owned()),
            Just("States.Format('{}', $.a)".to_owned()),
            Just("{% $states.input %}".to_owned()),
            Just("Pass".to_owned()),
            Just("end".to_owned()),
            "[ -~]{0,8}",
        ]
        .prop_map(Value::String),
    ]
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(300))]
    /// A conformance definition with one value replaced: the importer never panics, and
    /// whatever it prints lowers back to exactly the mutated definition.
    #[test]
    fn mutated_definitions_never_panic_and_output_is_exact(
        file in 0usize..1000,
        spot in 0usize..10_000,
        replacement in mutation(),
    ) {
        let mut files = definitions("semantics");
        files.extend(definitions("cdk"));
        let mut definition = definition(&files[file % files.len()]);
        let mut all = Vec::new();
        pointers(&definition, String::new(), &mut all);
        let pointer = &all[spot % all.len()];
        if let Some(slot) = definition.pointer_mut(pointer) {
            *slot = replacement;
        }
        if let Ok(imported) = import(&definition, "MUTATED") {
            let (lowered, lowering, _) = lower(&imported.source);
            proptest::prop_assert_eq!(lowering, 0);
            // Exactly the mutated definition, or it after the noted (same-meaning) rewrites.
            proptest::prop_assert_eq!(imported.notes.is_empty(), imported.definition == definition);
            proptest::prop_assert_eq!(lowered, imported.definition);
        }
    }
}
