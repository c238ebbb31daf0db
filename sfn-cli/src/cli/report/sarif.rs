//! `--format sarif`: a SARIF 2.1.0 log (OASIS), the format GitHub code scanning and other
//! code-scanning UIs import. Columns count Unicode code points, as the run declares.

use std::collections::BTreeMap;
use std::io::Write;

use serde_json::{Value, json};

use super::{Problem, Severity};

/// The schema the log declares (shipped in the repository for the test that checks it).
pub const SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// Writes one SARIF log with one run holding every problem.
pub fn write(out: &mut dyn Write, problems: &[&Problem]) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(problems))?;
    writeln!(out)
}

/// The log as JSON.
pub fn log(problems: &[&Problem]) -> Value {
    let summaries: BTreeMap<&str, &str> = sfn_runtime::validate::rules()
        .iter()
        .map(|r| (r.code, r.summary))
        .collect();
    let mut codes: Vec<&str> = problems.iter().filter_map(|p| p.code.as_deref()).collect();
    codes.sort_unstable();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|code| {
            let summary = summaries.get(code).copied().unwrap_or(code);
            json!({ "id": code, "shortDescription": { "text": summary } })
        })
        .collect();
    let results: Vec<Value> = problems.iter().map(|p| result(p)).collect();
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "sfn",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

fn result(p: &Problem) -> Value {
    let level = match p.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    };
    let mut text = p.message.clone();
    if let Some(hint) = &p.hint {
        text.push_str(&format!(" (help: {hint})"));
    }
    let mut physical = json!({ "artifactLocation": { "uri": uri(&p.file) } });
    if let Some(l) = &p.location {
        let inside = &l.text[l.range.clone()];
        let (end_line, end_column) = match inside.rfind('\n') {
            Some(at) => (
                l.line + inside.matches('\n').count(),
                inside[at + 1..].chars().count() + 1,
            ),
            None => (l.line, l.column + inside.chars().count()),
        };
        physical["region"] = json!({
            "startLine": l.line,
            "startColumn": l.column,
            "endLine": end_line,
            "endColumn": end_column,
        });
    }
    let mut location = json!({ "physicalLocation": physical });
    let mut names = Vec::new();
    if let Some(resource) = &p.resource {
        names.push(json!({ "name": resource, "kind": "resource" }));
    }
    if let Some(pointer) = &p.pointer {
        names.push(json!({ "fullyQualifiedName": pointer, "kind": "object" }));
    }
    if !names.is_empty() {
        location["logicalLocations"] = Value::Array(names);
    }
    let mut result = json!({
        "level": level,
        "message": { "text": text },
        "locations": [location],
    });
    if let Some(code) = &p.code {
        result["ruleId"] = json!(code);
    }
    result
}

/// A relative URI reference for `file` (`/` separators, spaces and `%` escaped).
fn uri(file: &str) -> String {
    let mut out = String::new();
    for c in file.replace('\\', "/").chars() {
        match c {
            ' ' => out.push_str("%20"),
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '?' => out.push_str("%3F"),
            c => out.push(c),
        }
    }
    out
}
