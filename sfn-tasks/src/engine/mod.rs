//! The generic engine: checks and renders any task class from its [`TaskSpec`].

pub mod arn;
pub mod suggest;
pub mod token;
mod value;

pub use value::{Out, Rcx, place, put, whole_object};

use crate::model::{Loc, RenderedTask, TaskCall, TaskError, TaskField, TaskValue};
use crate::spec::{Pattern, ResourceForm, TaskSpec};
use serde_json::{Map, Value, json};
use sfn_runtime::asl::QueryLanguage;
use sfn_runtime::iam::Statement;

/// What a class's hooks see: the call, its spec and the resolved pattern.
pub struct Ctx<'a> {
    /// The call being rendered.
    pub call: &'a TaskCall,
    /// Its class description.
    pub spec: &'static TaskSpec,
    /// The integration pattern (given or the class default).
    pub pattern: Pattern,
    /// Whether `pattern` was written by the user.
    pub pattern_explicit: bool,
    /// The render context.
    pub rcx: Rcx,
}

impl<'a> Ctx<'a> {
    /// The field named `name`, if given.
    pub fn field(&self, name: &str) -> Option<&'a TaskField> {
        self.call.fields.iter().find(|f| f.name == name)
    }

    /// The value of `name`, if given.
    pub fn value(&self, name: &str) -> Option<&'a TaskValue> {
        self.field(name).map(|f| &f.value)
    }

    /// The literal string value of `name`.
    pub fn str(&self, name: &str) -> Option<&'a str> {
        self.value(name).and_then(TaskValue::as_str)
    }

    /// The text of `name`: a literal string or the source of a path/intrinsic/JSONata.
    pub fn text(&self, name: &str) -> Option<&'a str> {
        match self.value(name)? {
            TaskValue::Str(s)
            | TaskValue::Path(s)
            | TaskValue::Intrinsic(s)
            | TaskValue::Jsonata(s)
            | TaskValue::Ident(s) => Some(s),
            _ => None,
        }
    }

    /// True when `name` is given as a path, intrinsic or JSONata expression.
    pub fn is_expr(&self, name: &str) -> bool {
        self.value(name).is_some_and(TaskValue::is_expression)
    }

    /// A literal string of `name`, or `"*"` when it is an expression or absent: the IAM
    /// resource part CDK uses for values only known at run time.
    pub fn name_or_star(&self, name: &str) -> &'a str {
        self.str(name).unwrap_or("*")
    }

    /// The location of the value of `name`, or of the class name when absent.
    pub fn loc(&self, name: &str) -> Loc {
        self.field(name)
            .map(|f| f.value_loc)
            .unwrap_or(self.call.class_loc)
    }

    /// A literal number of `name`.
    pub fn num(&self, name: &str) -> Option<f64> {
        match self.value(name)? {
            TaskValue::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// A literal boolean of `name`.
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.value(name)? {
            TaskValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A duration of `name`, in seconds.
    pub fn secs(&self, name: &str) -> Option<u64> {
        match self.value(name)? {
            TaskValue::DurationSecs(s) => Some(*s),
            _ => None,
        }
    }

    /// True when `name` is given.
    pub fn has(&self, name: &str) -> bool {
        self.field(name).is_some()
    }

    /// Whether the state renders JSONata `Arguments`.
    pub fn jsonata(&self) -> bool {
        self.rcx.jsonata
    }
}

/// A member of an object value: (value, location of the key).
pub fn member<'v>(value: &'v TaskValue, key: &str) -> Option<(&'v TaskValue, Loc)> {
    match value {
        TaskValue::Object(members) => members
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, loc, v)| (v, *loc)),
        _ => None,
    }
}

/// The CDK Lambda service-exception Retry.
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

/// Renders a call whose class is `spec`.
pub fn render_spec(
    spec: &'static TaskSpec,
    call: &TaskCall,
) -> Result<RenderedTask, Vec<TaskError>> {
    let mut errors = Vec::new();
    let jsonata = spec.jsonata && call.query_language == QueryLanguage::Jsonata;
    let rcx = Rcx { jsonata };

    // Field names: known, not repeated.
    for (i, field) in call.fields.iter().enumerate() {
        let known = spec.field(&field.name).is_some()
            || (field.name == "pattern" && !spec.patterns.is_empty());
        if !known {
            let mut names: Vec<&str> = spec.fields.iter().map(|f| f.name).collect();
            if !spec.patterns.is_empty() {
                names.push("pattern");
            }
            let mut err = TaskError::new(
                field.name_loc,
                format!("unknown field `{}` for {}", field.name, spec.class),
            );
            err = match suggest::did_you_mean(&field.name, names.iter().copied()) {
                Some(h) => err.hint(h),
                None => err.hint(format!("{} takes: {}", spec.class, names.join(", "))),
            };
            errors.push(err);
        } else if call.fields[..i].iter().any(|f| f.name == field.name) {
            errors.push(TaskError::new(
                field.name_loc,
                format!("field `{}` is given twice", field.name),
            ));
        }
    }

    // Pattern.
    let (pattern, pattern_explicit) = match call.fields.iter().find(|f| f.name == "pattern") {
        Some(f) if !spec.patterns.is_empty() => {
            let word = match &f.value {
                TaskValue::Ident(w) | TaskValue::Str(w) => Some(w.as_str()),
                _ => None,
            };
            match word.and_then(Pattern::parse) {
                Some(p) if spec.patterns.contains(&p) => (p, true),
                Some(p) => {
                    errors.push(unsupported_pattern(spec, p, f.value_loc));
                    (spec.default_pattern, true)
                }
                None => {
                    errors.push(
                        TaskError::new(f.value_loc, "unknown integration pattern")
                            .hint("write `request_response`, `run_job` or `wait_for_task_token`"),
                    );
                    (spec.default_pattern, true)
                }
            }
        }
        _ => (spec.default_pattern, false),
    };

    // Required fields.
    for field in spec.fields.iter().filter(|f| f.required) {
        if !call.fields.iter().any(|f| f.name == field.name) {
            errors.push(
                TaskError::new(
                    call.class_loc,
                    format!(
                        "{} is missing the required field `{}`",
                        spec.class, field.name
                    ),
                )
                .hint(format!("add `{}: ...`", field.name)),
            );
        }
    }

    // Parameters, in the spec's (CDK's) order.
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

    let ctx = Ctx {
        call,
        spec,
        pattern,
        pattern_explicit,
        rcx,
    };

    // The task token under wait_for_task_token.
    if pattern == Pattern::WaitForTaskToken
        && let Some(name) = spec.token_field
        && !ctx.value(name).is_some_and(token::carries_token)
    {
        let token = if jsonata {
            "$states.context.Task.Token"
        } else {
            "$$.Task.Token"
        };
        errors.push(
            TaskError::new(
                ctx.loc(name),
                format!("Task Token is required in `{name}` for the wait_for_task_token pattern"),
            )
            .hint(format!(
                "pass the token somewhere in `{name}`, e.g. {{ \"token\": {token} }}"
            )),
        );
    }

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
        let key = if jsonata { "Arguments" } else { "Parameters" };
        fields.insert(key.into(), p);
    }
    let statements: Vec<Statement> = (spec.iam)(&ctx);
    Ok(RenderedTask {
        resource,
        fields,
        statements,
        native_state: None,
    })
}

/// CDK's message for a pattern the class does not support.
pub fn unsupported_pattern(spec: &TaskSpec, got: Pattern, loc: Loc) -> TaskError {
    let names: Vec<&str> = spec.patterns.iter().map(|p| p.cdk_name()).collect();
    let words: Vec<&str> = spec.patterns.iter().map(|p| p.word()).collect();
    TaskError::new(
        loc,
        format!(
            "Unsupported service integration pattern. Supported Patterns: {}. Received: {}",
            names.join(","),
            got.cdk_name()
        ),
    )
    .hint(format!("{} supports: {}", spec.class, words.join(", ")))
}
