//! Which catalogue class a `Resource` ARN belongs to, with which pattern.

use crate::model::TaskValue;
use crate::services::{self, aws_sdk, lambda, stepfunctions};
use crate::spec::{Pattern, ResourceForm, TaskSpec};
use sfn_runtime::iam::Statement;

/// A resource matched to its class.
pub struct Found {
    pub spec: &'static TaskSpec,
    pub pattern: Pattern,
    /// Fields the resource itself says (the SDK service and action, the activity, ...).
    pub preset: Vec<(&'static str, TaskValue)>,
}

/// `arn:<partition>:states:::<api>` -> `<api>`.
fn integration_api(resource: &str) -> Option<&str> {
    let rest = resource.strip_prefix("arn:")?;
    let (_partition, rest) = rest.split_once(':')?;
    rest.strip_prefix("states:::")
}

/// The pattern a resource's suffix names.
pub fn pattern_of(resource: &str) -> Pattern {
    if resource.ends_with(".waitForTaskToken") {
        Pattern::WaitForTaskToken
    } else if resource.ends_with(".sync") || resource.contains(".sync:") {
        Pattern::RunJob
    } else {
        Pattern::RequestResponse
    }
}

fn strip_suffix(api: &str) -> &str {
    for suffix in [".waitForTaskToken", ".sync:2", ".sync"] {
        if let Some(base) = api.strip_suffix(suffix) {
            return base;
        }
    }
    api
}

/// The catalogue classes `resource` may belong to (several share `apigateway:invoke`),
/// empty when the catalogue knows none.
pub fn classify(resource: &str) -> Vec<Found> {
    let pattern = pattern_of(resource);
    if let Some(api) = integration_api(resource) {
        let base = strip_suffix(api);
        if base == "lambda:invoke" {
            return vec![Found {
                spec: &lambda::LAMBDA_INVOKE,
                pattern,
                preset: Vec::new(),
            }];
        }
        // A class's own integration first (`aws-sdk:glue:startCrawler` is GlueStartCrawlerRun).
        let own: Vec<Found> = services::SPECS
            .iter()
            .copied()
            .filter_map(|spec| {
                let api = match spec.resource {
                    ResourceForm::Integration(api) | ResourceForm::IntegrationSync2(api) => api,
                    ResourceForm::Custom(_) => return None,
                };
                (api == base).then(|| Found {
                    spec,
                    pattern,
                    preset: Vec::new(),
                })
            })
            .collect();
        if !own.is_empty() {
            return own;
        }
        if let Some(rest) = base.strip_prefix("aws-sdk:") {
            let Some((service, action)) = rest.split_once(':') else {
                return Vec::new();
            };
            return vec![Found {
                spec: &aws_sdk::CALL_AWS_SERVICE,
                pattern,
                preset: vec![
                    ("service", TaskValue::Str(service.to_string())),
                    ("action", TaskValue::Str(action.to_string())),
                ],
            }];
        }
        return Vec::new();
    }
    let parts: Vec<&str> = resource.split(':').collect();
    match parts.as_slice() {
        // A function called directly: LambdaInvoke with `payload_response_only`.
        ["arn", _, "lambda", _, _, "function", ..] => vec![Found {
            spec: &lambda::LAMBDA_INVOKE,
            pattern: Pattern::RequestResponse,
            preset: vec![
                ("lambda_function", TaskValue::Str(resource.to_string())),
                ("payload_response_only", TaskValue::Bool(true)),
            ],
        }],
        ["arn", _, "states", _, _, "activity", _] => vec![Found {
            spec: &stepfunctions::INVOKE_ACTIVITY,
            pattern: Pattern::RequestResponse,
            preset: vec![("activity", TaskValue::Str(resource.to_string()))],
        }],
        _ => Vec::new(),
    }
}

/// `getObject` -> `GetObject` (IAM actions are the API names in PascalCase).
pub fn sdk_action(action: &str) -> String {
    let mut chars = action.chars();
    chars
        .next()
        .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

/// An optimised integration the catalogue has no class for (`arn:aws:states:::svc:api`):
/// the action named by the resource, on every resource (nothing in the parameters says
/// which resource it is without the class's description).
pub fn unknown_integration(resource: &str) -> Option<Vec<Statement>> {
    let api = strip_suffix(integration_api(resource)?);
    let (service, action) = api.split_once(':')?;
    if service.is_empty() || action.is_empty() {
        return None;
    }
    Some(vec![Statement::allow(
        [format!(
            "{}:{}",
            aws_sdk::iam_prefix(service),
            sdk_action(action)
        )],
        ["*"],
    )])
}
