//! Rendering a call from its class description.

use super::value::{Out, Rcx, place};
use super::{Ctx, arn, checks};
use crate::model::{RenderedTask, TaskCall, TaskError, TaskValue};
use crate::spec::{Asl, Pattern, ResourceForm, TaskSpec};
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
    let dropped = dropped_expressions(spec, call, &resource, parameters.as_ref());
    if !dropped.is_empty() {
        return Err(dropped);
    }
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

/// Fields the generic renderer does not place (`Asl::Skip`) are read at compile time: for
/// the IAM policy (`queue_arn`), or to choose the form of the state (`payload_response_only`).
/// A path, intrinsic or JSONata value there is known only at run time; unless the class's
/// hook placed it in the state (HttpInvoke's `api_root`), it would be silently dropped, so
/// it is an error at the value.
fn dropped_expressions(
    spec: &TaskSpec,
    call: &TaskCall,
    resource: &str,
    parameters: Option<&Value>,
) -> Vec<TaskError> {
    // Written out only when a skipped field holds an expression to look for (most calls
    // have none, and this ran for every task state).
    let mut rendered: Option<String> = None;
    let mut errors = Vec::new();
    for field in spec.fields.iter().filter(|f| matches!(f.asl, Asl::Skip)) {
        let Some(given) = call.fields.iter().find(|f| f.name == field.name) else {
            continue;
        };
        let mut found = Vec::new();
        expressions(&given.value, given.value_loc, &mut found);
        for (text, loc) in found {
            // A hook may splice a JSONata expression's body into one of its own.
            let text = match sfn_runtime::jsonata::expression(text) {
                Some(body) => body.trim(),
                None => text,
            };
            let quoted = Value::String(text.to_owned()).to_string();
            let inner = &quoted[1..quoted.len() - 1];
            let rendered = rendered
                .get_or_insert_with(|| parameters.map(Value::to_string).unwrap_or_default());
            if !rendered.contains(inner) && !resource.contains(text) {
                errors.push(
                    TaskError::new(
                        loc,
                        format!(
                            "`{}` of {} takes a literal value: it is read when the workflow is compiled (for the IAM policy or the form of the state), and `{text}` is only known at run time",
                            field.name, spec.class
                        ),
                    )
                    .hint("write the value itself, e.g. a quoted string, number or `true`"),
                );
            }
        }
    }
    errors
}

/// Every path, intrinsic and JSONata text inside `value`, with its location.
fn expressions<'v>(
    value: &'v TaskValue,
    loc: crate::model::Loc,
    out: &mut Vec<(&'v str, crate::model::Loc)>,
) {
    match value {
        TaskValue::Path(t) | TaskValue::Intrinsic(t) | TaskValue::Jsonata(t) => out.push((t, loc)),
        TaskValue::Object(members) => {
            for (_, kloc, v) in members {
                expressions(v, *kloc, out);
            }
        }
        TaskValue::Array(items) => {
            for (iloc, v) in items {
                expressions(v, *iloc, out);
            }
        }
        _ => {}
    }
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
    // Built once: every LambdaInvoke state gets a copy.
    static RETRY: std::sync::LazyLock<Value> = std::sync::LazyLock::new(build_lambda_retry);
    RETRY.clone()
}

fn build_lambda_retry() -> Value {
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
