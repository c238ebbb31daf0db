//! `sfn import`: every conformance definition, imported as `workflow!` source, parses and
//! lowers (with the DSL's library API) back to exactly the same ASL.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;
use sfn_dsl::diag::Errors;
use sfn_dsl::import::to_source;

/// The inside of the printed `workflow! { .. }`.
fn body(source: &str) -> &str {
    let start = source.find('{').map_or(0, |i| i + 1);
    let end = source.rfind('}').unwrap_or(source.len());
    &source[start..end]
}

/// Parses and lowers workflow source; the definition and the number of errors.
fn lower(source: &str) -> (Value, usize) {
    let tokens: proc_macro2::TokenStream = body(source).parse().expect("generated source lexes");
    let mut errors = Errors::default();
    let defs = sfn_dsl::parse::parse_all(tokens, |s| sfn_dsl::parse::parse_workflows(s, &mut errors))
        .expect("generated source parses");
    assert_eq!(defs.len(), 1, "one workflow");
    let lowered = sfn_dsl::lower::lower_workflow(&defs[0], &mut errors);
    (lowered.definition, errors.len())
}

fn definitions(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance").join(dir);
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
                let (lowered, errors) = lower(&source);
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
    assert!(failures.is_empty(), "{} of {} failed:\n{}", failures.len(), files.len(), failures.join("\n"));
}

#[test]
fn semantics_definitions_round_trip() {
    round_trip_dir("semantics");
}

#[test]
fn cdk_definitions_round_trip() {
    round_trip_dir("cdk");
}
