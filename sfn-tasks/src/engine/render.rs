//! Rendering a call from its class description.

use super::value::{Out, Rcx, place};
use super::{Ctx, arn, checks};
use crate::model::{RenderedTask, TaskCall, TaskError};
use crate::spec::{Pattern, ResourceForm, TaskSpec};
use serde_json::{Map, Value, json};
use sfn_runtime::asl::QueryLanguage;

/// Renders a call whose class is `spec`: every check first (all errors of the call are
/// returned together), then the resource, the parameters, the default Retry and the IAM.
pub fn render_spec(
    spec: &'static TaskSpec,
    call: &TaskCall,
) -> Result<RenderedTask, Vec<TaskError>> {
    let mut errors = Vec::new();
    let rcx = Rcx {
        jsonata: spec.jsonata && call.query_language == QueryLanguage::Jsonata,
    };
    checks::field_names(spec, call, &mut errors);
    let (pattern, pattern_explicit) = checks::pattern(spec, call, &mut errors);
    checks::required(spec, call, &mut errors);
    let params = parameters(spec, call, &rcx, &mut errors);
    let ctx = Ctx {
        call,
        spec,
        pattern,
        pattern_explicit,
        rcx,
    };
    checks::task_token(&ctx, &mut errors);
    if let Some(check) = spec.check {
        check(&ctx, &mut errors);
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let resource = match spec.resource {
        ResourceForm::Integration(api) => arn::states(&format!("{api}{}", pattern.suffix())),
        ResourceForm::IntegrationSync2(api) => {
            let suffix = match pattern {
                Pattern::RunJob => ".sync:2",
                p => p.suffix(),
            };
            arn::states(&format!("{api}{suffix}"))
        }
        ResourceForm::Custom(f) => f(&ctx).map_err(|e| vec![e])?,
    };
    let parameters = match spec.finish {
        Some(finish) => finish(&ctx, params),
        None => Some(Value::Object(params)),
    };
    let mut fields = Map::new();
    if spec.lambda_retry && ctx.bool("retry_on_service_exceptions") != Some(false) {
        fields.insert("Retry".into(), lambda_retry());
    }
    if let Some(p) = parameters {
        let key = if ctx.jsonata() {
            "Arguments"
        } else {
            "Parameters"
        };
        fields.insert(key.into(), p);
    }
    Ok(RenderedTask {
        resource,
        fields,
        statements: (spec.iam)(&ctx),
        native_state: None,
    })
}

/// The generic `Parameters`/`Arguments`, in the spec's (CDK's) order, with defaults.
fn parameters(
    spec: &TaskSpec,
    call: &TaskCall,
    rcx: &Rcx,
    errors: &mut Vec<TaskError>,
) -> Map<String, Value> {
    let mut params = Map::new();
    for field in spec.fields {
        match call.fields.iter().find(|f| f.name == field.name) {
            Some(given) => match rcx.render(&field.kind, &given.value, given.value_loc) {
                Ok(out) => place(&mut params, &field.asl, out),
                Err(e) => errors.push(e),
            },
            None => {
                if let Some(json) = field.default
                    && let Ok(v) = serde_json::from_str::<Value>(json)
                {
                    place(&mut params, &field.asl, Out::lit(v));
                }
            }
        }
    }
    params
}

/// CDK's Lambda service-exception Retry (`LambdaInvoke`, `CallAwsServiceCrossRegion`).
pub fn lambda_retry() -> Value {
    json!([{
        "ErrorEquals": [
            "Lambda.ClientExecutionTimeoutException",
            "Lambda.ServiceException",
            "Lambda.AWSLambdaException",
            "Lambda.SdkClientException"
        ],
        "IntervalSeconds": 2,
        "MaxAttempts": 6,
        "BackoffRate": 2
    }])
}
