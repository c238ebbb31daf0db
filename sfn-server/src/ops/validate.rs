//! ValidateStateMachineDefinition: sfn's rule set (`sfn_runtime::validate`), reported in the
//! service's result/diagnostic shape.

use serde::Deserialize;
use serde_json::{Value, json};
use sfn_runtime::WorkflowKind;
use sfn_runtime::validate::{Options, Severity, validate_str_with};

use super::machines::MAX_DEFINITION;
use crate::api::checks::Checks;
use crate::api::error::ApiError;

/// One diagnostic in the service's shape.
pub struct ServiceDiagnostic {
    /// `ERROR` (CreateStateMachine refuses the definition) or `WARNING`: the rule's severity.
    pub severity: Severity,
    /// The service's code: `INVALID_JSON_DESCRIPTION` for text that is not JSON,
    /// `SCHEMA_VALIDATION_FAILED` for every error rule of ours (our rule code is in the
    /// message), and for a warning our rule code upper-cased (`VARIABLE_UNKNOWN`), as the
    /// service's own warning codes (`NO_DOLLAR`, `NO_PATH`) name what they found.
    pub code: String,
    pub message: String,
    /// The JSON pointer of the problem (`/States/Charge/Next`).
    pub location: Option<String>,
}

/// Every problem of a definition for a machine of type `kind`, errors and warnings.
pub fn service_diagnostics(definition: &str, kind: WorkflowKind) -> Vec<ServiceDiagnostic> {
    match validate_str_with(definition, Options { kind }) {
        Err(e) => vec![ServiceDiagnostic {
            severity: Severity::Error,
            code: "INVALID_JSON_DESCRIPTION".into(),
            message: format!(
                "the definition is not JSON: {} at line {}, column {}",
                e.message, e.line, e.column
            ),
            location: None,
        }],
        Ok(diagnostics) => diagnostics
            .into_iter()
            .map(|d| ServiceDiagnostic {
                severity: d.severity,
                code: match d.severity {
                    Severity::Error => "SCHEMA_VALIDATION_FAILED".into(),
                    Severity::Warning => d.code.to_uppercase().replace('-', "_"),
                },
                message: match &d.hint {
                    Some(hint) => format!("{} [{}; {hint}]", d.message, d.code),
                    None => format!("{} [{}]", d.message, d.code),
                },
                location: Some(if d.pointer.is_empty() {
                    "/".into()
                } else {
                    d.pointer
                }),
            })
            .collect(),
    }
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ValidateInput {
    definition: Option<String>,
    r#type: Option<String>,
    severity: Option<String>,
    max_results: Option<i64>,
}

pub fn validate(input: ValidateInput) -> Result<Value, ApiError> {
    let mut checks = Checks::new();
    let definition = checks.required("definition", input.definition);
    checks.length("definition", definition.as_deref(), 1, MAX_DEFINITION);
    checks.one_of("type", input.r#type.as_deref(), &["STANDARD", "EXPRESS"]);
    checks.one_of("severity", input.severity.as_deref(), &["ERROR", "WARNING"]);
    checks.range("maxResults", input.max_results, 0, 100);
    checks.finish()?;
    let kind = match input.r#type.as_deref() {
        Some("EXPRESS") => WorkflowKind::Express,
        _ => WorkflowKind::Standard,
    };
    let all = service_diagnostics(&definition.unwrap_or_default(), kind);
    let failed = all.iter().any(|d| d.severity == Severity::Error);
    // `severity`: "Minimum level of diagnostics to return. ERROR returns only ERROR
    // diagnostics, whereas WARNING returns both WARNING and ERROR diagnostics. The default
    // is ERROR." (API reference); `result` is FAIL only for errors.
    let with_warnings = input.severity.as_deref() == Some("WARNING");
    let diagnostics: Vec<&ServiceDiagnostic> = all
        .iter()
        .filter(|d| with_warnings || d.severity == Severity::Error)
        .collect();
    // 0 or absent: the service's default of 100.
    let limit = match input.max_results {
        Some(n) if n > 0 => usize::try_from(n).unwrap_or(100),
        _ => 100,
    };
    let listed: Vec<Value> = diagnostics
        .iter()
        .take(limit)
        .map(|d| {
            let mut item = json!({
                "severity": d.severity.service_name(),
                "code": d.code,
                "message": d.message,
            });
            if let Some(location) = &d.location {
                item["location"] = Value::String(location.clone());
            }
            item
        })
        .collect();
    Ok(json!({
        "result": if failed { "FAIL" } else { "OK" },
        "diagnostics": listed,
        "truncated": diagnostics.len() > limit,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(definition: &str, ty: Option<&str>, severity: Option<&str>) -> Value {
        validate(ValidateInput {
            definition: Some(definition.to_owned()),
            r#type: ty.map(str::to_owned),
            severity: severity.map(str::to_owned),
            max_results: None,
        })
        .unwrap()
    }

    // Accepted by the service, failing at run time (recorded): a WARNING, which the default
    // `severity` (ERROR) leaves out and which keeps `result` OK ("Since warnings do not
    // prevent deploying your workflow definition, the result value could be OK even when
    // warning diagnostics are present", API reference).
    const WARNED: &str = r#"{"StartAt":"A","States":{"A":{"Type":"Pass","QueryLanguage":"JSONata","Output":"{% $doesNotExist %}","End":true}}}"#;

    #[test]
    fn warnings_are_listed_only_when_asked_and_keep_the_result_ok() {
        let out = call(WARNED, None, None);
        assert_eq!(out["result"], "OK");
        assert_eq!(out["diagnostics"], json!([]));
        let out = call(WARNED, None, Some("WARNING"));
        assert_eq!(out["result"], "OK");
        assert_eq!(out["diagnostics"][0]["severity"], "WARNING");
        assert_eq!(out["diagnostics"][0]["code"], "JSONATA_VARIABLE_UNKNOWN");
        assert_eq!(out["diagnostics"][0]["location"], "/States/A/Output");
    }

    // The `type` argument: EXPRESS refuses `.sync` (integrate-optimized.html).
    #[test]
    fn type_express_refuses_sync() {
        let sync = r#"{"StartAt":"R","States":{"R":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun.sync","End":true}}}"#;
        assert_eq!(call(sync, Some("STANDARD"), None)["result"], "OK");
        let out = call(sync, Some("EXPRESS"), None);
        assert_eq!(out["result"], "FAIL");
        assert_eq!(out["diagnostics"][0]["severity"], "ERROR");
        assert_eq!(out["diagnostics"][0]["code"], "SCHEMA_VALIDATION_FAILED");
    }
}
