//! ValidateStateMachineDefinition: sfn's rule set (`sfn_runtime::validate`), reported in the
//! service's result/diagnostic shape.

use serde::Deserialize;
use serde_json::{Value, json};
use sfn_runtime::validate::validate_str;

use super::machines::MAX_DEFINITION;
use crate::api::checks::Checks;
use crate::api::error::ApiError;

/// One diagnostic in the service's shape.
pub struct ServiceDiagnostic {
    /// The service's code: `INVALID_JSON_DESCRIPTION` for text that is not JSON,
    /// `SCHEMA_VALIDATION_FAILED` for every rule of ours (our rule code is in the message).
    pub code: &'static str,
    pub message: String,
    /// The JSON pointer of the problem (`/States/Charge/Next`).
    pub location: Option<String>,
}

/// Every problem of a definition (all are errors: our rule set has no warnings).
pub fn service_diagnostics(definition: &str) -> Vec<ServiceDiagnostic> {
    match validate_str(definition) {
        Err(e) => vec![ServiceDiagnostic {
            code: "INVALID_JSON_DESCRIPTION",
            message: format!(
                "the definition is not JSON: {} at line {}, column {}",
                e.message, e.line, e.column
            ),
            location: None,
        }],
        Ok(diagnostics) => diagnostics
            .into_iter()
            .map(|d| ServiceDiagnostic {
                code: "SCHEMA_VALIDATION_FAILED",
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
    let diagnostics = service_diagnostics(&definition.unwrap_or_default());
    // 0 or absent: the service's default of 100.
    let limit = match input.max_results {
        Some(n) if n > 0 => usize::try_from(n).unwrap_or(100),
        _ => 100,
    };
    let listed: Vec<Value> = diagnostics
        .iter()
        .take(limit)
        .map(|d| {
            let mut item = json!({"severity": "ERROR", "code": d.code, "message": d.message});
            if let Some(location) = &d.location {
                item["location"] = Value::String(location.clone());
            }
            item
        })
        .collect();
    Ok(json!({
        "result": if diagnostics.is_empty() { "OK" } else { "FAIL" },
        "diagnostics": listed,
        "truncated": diagnostics.len() > limit,
    }))
}
