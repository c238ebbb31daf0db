//! `ValidateStateMachineDefinition`: the service's own check, where the endpoint offers it.

use aws_sdk_sfn::error::SdkError;
use aws_sdk_sfn::types::{
    StateMachineType, ValidateStateMachineDefinitionResultCode,
    ValidateStateMachineDefinitionSeverity,
};
use sfn_runtime::WorkflowKind;

use crate::connect::Aws;
use crate::error::{Error, describe};

/// Asks the service to check `definition`. Errors are its findings with their location;
/// `Ok` carries notes: warnings, or that the endpoint does not offer the check.
pub async fn check(aws: &Aws, definition: &str, kind: WorkflowKind) -> Result<Vec<String>, Error> {
    let answer = aws
        .sfn
        .validate_state_machine_definition()
        .definition(definition)
        .r#type(machine_type(kind))
        .send()
        .await;
    let out = match answer {
        Ok(out) => out,
        // An endpoint without the operation (moto, older local servers) answers with an
        // error of its own; the local rule set has run, so the deploy goes on and says so.
        Err(e @ (SdkError::ServiceError(_) | SdkError::ResponseError(_))) => {
            return Ok(vec![format!(
                "the endpoint did not run ValidateStateMachineDefinition ({}); only the local rules were checked",
                describe(&e)
            )]);
        }
        Err(e) => return Err(Error::aws("validate the definition on the service", &e)),
    };
    let mut errors = Vec::new();
    let mut notes = Vec::new();
    for finding in out.diagnostics() {
        let line = format!(
            "{}: {}: {}",
            finding.location().unwrap_or("(definition)"),
            finding.code(),
            finding.message()
        );
        match finding.severity() {
            ValidateStateMachineDefinitionSeverity::Error => errors.push(line),
            _ => notes.push(format!("service warning: {line}")),
        }
    }
    if *out.result() == ValidateStateMachineDefinitionResultCode::Fail || !errors.is_empty() {
        if errors.is_empty() {
            errors.push("(no finding given)".into());
        }
        return Err(Error::Rejected(errors));
    }
    Ok(notes)
}

/// The SDK's type for `kind`.
pub fn machine_type(kind: WorkflowKind) -> StateMachineType {
    match kind {
        WorkflowKind::Standard => StateMachineType::Standard,
        WorkflowKind::Express => StateMachineType::Express,
    }
}
