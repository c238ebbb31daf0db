//! Amazon Bedrock: `BedrockInvokeModel`, `BedrockCreateModelCustomizationJob`.

use crate::engine::{Ctx, Out, Rcx, arn, member};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::Value;
use sfn_runtime::iam::Statement;

/// A foundation model id as its ARN; ARNs and substitutions unchanged.
fn model_arn(id: &str) -> String {
    if id.starts_with("arn:") || id.starts_with("${") {
        id.to_string()
    } else {
        format!("arn:aws:bedrock:{}::foundation-model/{id}", arn::REGION)
    }
}

fn model(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Str(s) => Ok(Out::lit(Value::String(model_arn(s)))),
        other => rcx.render(&Kind::Str, other, loc),
    }
}

const GUARDRAIL: &[Field] = &[
    Field::new("identifier", "GuardrailIdentifier", Kind::Str).req(),
    Field::new(
        "version",
        "GuardrailVersion",
        Kind::Custom(guardrail_version),
    )
    .or("\"DRAFT\""),
];

fn guardrail_version(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Number(n) => match n.as_i64() {
            Some(v) if (1..=99_999_999).contains(&v) => Ok(Out::lit(Value::String(v.to_string()))),
            _ => Err(TaskError::new(
                loc,
                format!("`version` must be between 1 and 99999999, not {n}"),
            )
            .cdk(format!(
                "`version` must be between 1 and 99999999, got {n}."
            ))),
        },
        TaskValue::Ident(w) if w.eq_ignore_ascii_case("draft") => {
            Ok(Out::lit(Value::String("DRAFT".into())))
        }
        other => rcx.render(&Kind::Str, other, loc),
    }
}

fn trace(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Bool(true) => Ok(Out::lit(Value::String("ENABLED".into()))),
        TaskValue::Bool(false) => Ok(Out::lit(Value::String("DISABLED".into()))),
        other => rcx.render(&Kind::Bool, other, loc),
    }
}

/// `BedrockInvokeModel`: invoke a model.
pub static INVOKE_MODEL: TaskSpec = TaskSpec {
    class: "BedrockInvokeModel",
    service: "Amazon Bedrock",
    resource: ResourceForm::Integration("bedrock:invokeModel"),
    patterns: patterns::RR,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("model", "ModelId", Kind::Custom(model)).req(),
        Field::new("body", "Body", Kind::Json),
        Field::new("accept", "Accept", Kind::Str),
        Field::new("content_type", "ContentType", Kind::Str),
        Field::at("input_s3_uri", &["Input", "S3Uri"], Kind::Str),
        Field::at("output_s3_uri", &["Output", "S3Uri"], Kind::Str),
        Field::new("guardrail", "-guardrail", Kind::Struct(GUARDRAIL)),
        Field::new("trace_enabled", "Trace", Kind::Custom(trace)),
    ],
    token_field: None,
    jsonata: true,
    check: Some(check_invoke),
    finish: Some(|_, params| {
        let mut out = serde_json::Map::new();
        for (k, v) in params {
            match (k.as_str(), v) {
                ("-guardrail", Value::Object(g)) => out.extend(g),
                (_, v) => {
                    out.insert(k, v);
                }
            }
        }
        Some(Value::Object(out))
    }),
    iam: iam_invoke,
    lambda_retry: false,
};

fn check_invoke(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if ctx.value("guardrail").is_some_and(TaskValue::is_expression) {
        // It fills two parameters, so one expression cannot stand for it.
        errors.push(
            TaskError::new(ctx.loc("guardrail"), "`guardrail` must be an object")
                .hint("write { identifier: \"...\", version: 1 }"),
        );
    }
    match (ctx.has("body"), ctx.has("input_s3_uri")) {
        (true, true) => errors.push(
            TaskError::new(
                ctx.key_loc("input_s3_uri"),
                "BedrockInvokeModel takes `body` or `input_s3_uri`, not both",
            )
            .hint("remove `body` or `input_s3_uri`")
            .cdk("Either `body` or `input` must be specified, but not both."),
        ),
        (false, false) => errors.push(
            TaskError::new(
                ctx.call.class_loc,
                "BedrockInvokeModel needs `body` or `input_s3_uri`",
            )
            .hint("add `body: { ... }` or `input_s3_uri: \"s3://...\"`")
            .cdk("Either `body` or `input` must be specified."),
        ),
        _ => {}
    }
    for name in ["input_s3_uri", "output_s3_uri"] {
        if ctx.str(name) == Some("") {
            errors.push(
                TaskError::new(ctx.loc(name), format!("`{name}` must not be empty"))
                    .cdk("S3 Uri cannot be an empty string"),
            );
        }
    }
    if let Some(g) = ctx.value("guardrail")
        && let Some((TaskValue::Str(id), loc)) = member(g, "identifier")
    {
        if id.chars().count() > 2048 {
            let n = id.chars().count();
            errors.push(
                TaskError::new(
                    loc,
                    format!("`identifier` must be at most 2048 characters long, not {n}"),
                )
                .cdk(format!(
                    "`guardrailIdentifier` length must be between 0 and 2048, got {n}."
                )),
            );
        }
        let name = if id.starts_with("arn:") {
            match id.split_once(":guardrail/") {
                Some((_, n)) if !n.is_empty() => Some(n),
                _ => {
                    errors.push(
                        TaskError::new(loc, format!("`identifier` must be a guardrail id or `arn:<partition>:bedrock:<region>:<account-id>:guardrail/<id>`, not `{id}`"))
                            .cdk(format!("Invalid ARN format. The ARN of Guradrail should have the format: `arn:<partition>:bedrock:<region>:<account-id>:guardrail/<guardrail-name>`, got {id}.")),
                    );
                    None
                }
            }
        } else {
            Some(id.as_str())
        };
        if let Some(n) = name
            && !n
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        {
            errors.push(
                TaskError::new(
                    loc,
                    format!("a guardrail id must be lowercase letters and digits, not `{n}`"),
                )
                .hint(format!("did you mean `{}`?", n.to_ascii_lowercase()))
                .cdk(format!(
                    "The id of Guardrail must contain only lowercase letters and numbers, got {n}."
                )),
            );
        }
    }
}

/// The IAM resource of an S3 URI: the object, or any object when not known.
fn s3_object(v: Option<&TaskValue>) -> String {
    match v {
        Some(TaskValue::Str(uri)) => match uri.strip_prefix("s3://") {
            Some(rest) => arn::global("s3", rest),
            None => arn::global("s3", "*"),
        },
        _ => arn::global("s3", "*"),
    }
}

fn iam_invoke(ctx: &Ctx) -> Vec<Statement> {
    let model = match ctx.value("model") {
        Some(TaskValue::Str(s)) => model_arn(s),
        _ => "*".to_string(),
    };
    let mut out = vec![Statement::allow(["bedrock:InvokeModel"], [model])];
    if ctx.has("input_s3_uri") {
        out.push(Statement::allow(
            ["s3:GetObject"],
            [s3_object(ctx.value("input_s3_uri"))],
        ));
    }
    if ctx.has("output_s3_uri") {
        out.push(Statement::allow(
            ["s3:PutObject"],
            [s3_object(ctx.value("output_s3_uri"))],
        ));
    }
    if let Some(g) = ctx.value("guardrail") {
        let res = match member(g, "identifier") {
            Some((TaskValue::Str(id), _)) if id.starts_with("arn:") => id.clone(),
            Some((TaskValue::Str(id), _)) => arn::arn("bedrock", &format!("guardrail/{id}")),
            _ => "*".to_string(),
        };
        out.push(Statement::allow(["bedrock:ApplyGuardrail"], [res]));
    }
    out
}

const VPC: &[Field] = &[
    Field::new("security_group_ids", "SecurityGroupIds", Kind::StrList).req(),
    Field::new("subnet_ids", "SubnetIds", Kind::StrList).req(),
];

fn validators(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    let TaskValue::Array(items) = value else {
        return Err(TaskError::new(loc, "expected a list of S3 URIs"));
    };
    let mut list = Vec::new();
    for (iloc, item) in items {
        let mut m = serde_json::Map::new();
        crate::engine::put(&mut m, "S3Uri", rcx.render(&Kind::Str, item, *iloc)?);
        list.push(Value::Object(m));
    }
    Ok(Out::lit(Value::Array(list)))
}

/// `BedrockCreateModelCustomizationJob`: fine-tune or continue pre-training a model.
pub static CREATE_MODEL_CUSTOMIZATION_JOB: TaskSpec = TaskSpec {
    class: "BedrockCreateModelCustomizationJob",
    service: "Amazon Bedrock",
    // CDK never adds `.sync`, even for RUN_JOB; the service integration has it.
    resource: ResourceForm::Integration("bedrock:createModelCustomizationJob"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("base_model", "BaseModelIdentifier", Kind::Custom(model)).req(),
        Field::new("client_request_token", "ClientRequestToken", Kind::Str),
        Field::new(
            "customization_type",
            "CustomizationType",
            Kind::Enum(&[
                ("fine_tuning", "FINE_TUNING"),
                ("continued_pre_training", "CONTINUED_PRE_TRAINING"),
                ("distillation", "DISTILLATION"),
            ]),
        ),
        Field::new("custom_model_kms_key", "CustomModelKmsKeyId", Kind::Str),
        Field::new("custom_model_name", "CustomModelName", Kind::Str).req(),
        Field::new("custom_model_tags", "CustomModelTags", Kind::Tags),
        Field::new("hyper_parameters", "HyperParameters", Kind::StrMap),
        Field::new("job_name", "JobName", Kind::Str).req(),
        Field::new("job_tags", "JobTags", Kind::Tags),
        Field::at("output_data", &["OutputDataConfig", "S3Uri"], Kind::Str).req(),
        Field::new("role", "RoleArn", Kind::Str).req(),
        Field::at("training_data", &["TrainingDataConfig", "S3Uri"], Kind::Str).req(),
        Field::at(
            "validation_data",
            &["ValidationDataConfig", "Validators"],
            Kind::Custom(validators),
        ),
        Field::new("vpc_config", "VpcConfig", Kind::Struct(VPC)),
    ],
    token_field: None,
    // CDK always emits JSONPath `Parameters`, which a JSONata state cannot have.
    jsonata: true,
    check: Some(check_job),
    finish: None,
    iam: |ctx| {
        let base = match ctx.value("base_model") {
            Some(TaskValue::Str(s)) => model_arn(s),
            _ => "*".to_string(),
        };
        vec![
            Statement::allow(
                ["bedrock:CreateModelCustomizationJob", "bedrock:TagResource"],
                [
                    base,
                    arn::arn("bedrock", "custom-model/*"),
                    arn::arn("bedrock", "model-customization-job/*"),
                ],
            ),
            Statement::allow(["iam:PassRole"], [ctx.name_or_star("role")]),
        ]
    },
    lambda_retry: false,
};

fn alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// A length range and a pattern (the regex CDK quotes, and a matcher for it).
struct TextRule {
    name: &'static str,
    cdk: &'static str,
    min: usize,
    max: usize,
    ok: fn(&str) -> bool,
    pattern: &'static str,
}

const TEXT_RULES: &[TextRule] = &[
    TextRule {
        name: "client_request_token",
        cdk: "clientRequestToken",
        min: 1,
        max: 256,
        ok: |s| {
            s.starts_with(alnum) && s.ends_with(alnum) && s.chars().all(|c| alnum(c) || c == '-')
        },
        pattern: "^[a-zA-Z0-9](-*[a-zA-Z0-9])*$",
    },
    TextRule {
        name: "custom_model_name",
        cdk: "customModelName",
        min: 1,
        max: 63,
        ok: |s| {
            s.starts_with(alnum)
                && s.chars().all(|c| alnum(c) || c == '_' || c == '-')
                && !["__", "--", "_-", "-_"].iter().any(|d| s.contains(d))
        },
        pattern: "^([0-9a-zA-Z][_-]?)+$",
    },
    TextRule {
        name: "job_name",
        cdk: "jobName",
        min: 1,
        max: 63,
        ok: |s| s.starts_with(alnum) && s.chars().all(|c| alnum(c) || matches!(c, '-' | '+' | '.')),
        pattern: "^[a-zA-Z0-9](-*[a-zA-Z0-9\\+\\-\\.])*$",
    },
];

fn check_job(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    for rule in TEXT_RULES {
        if let Some(v) = ctx.str(rule.name) {
            let n = v.chars().count();
            if n < rule.min || n > rule.max {
                errors.push(
                    TaskError::new(
                        ctx.loc(rule.name),
                        format!(
                            "`{}` must be between {} and {} characters long, not {n}",
                            rule.name, rule.min, rule.max
                        ),
                    )
                    .cdk(format!(
                        "{} must be between {} and {} characters long, got: {n}.",
                        rule.cdk, rule.min, rule.max
                    )),
                );
            } else if !(rule.ok)(v) {
                errors.push(
                    TaskError::new(
                        ctx.loc(rule.name),
                        format!("`{}` must match `{}`, not `{v}`", rule.name, rule.pattern),
                    )
                    .cdk(format!(
                        "{} must match the pattern {}, got: {v}.",
                        rule.cdk, rule.pattern
                    )),
                );
            }
        }
    }
    for (name, cdk, min, max) in [
        ("custom_model_tags", "customModelTags", 0, 200),
        ("job_tags", "jobTags", 0, 200),
    ] {
        if let Some(TaskValue::Object(m)) = ctx.value(name)
            && (m.len() < min || m.len() > max)
        {
            errors.push(
                TaskError::new(
                    ctx.loc(name),
                    format!(
                        "`{name}` must have between {min} and {max} entries, not {}",
                        m.len()
                    ),
                )
                .cdk(format!(
                    "{cdk} must be between {min} and {max} items long, got: {}.",
                    m.len()
                )),
            );
        }
    }
    if let Some(TaskValue::Array(items)) = ctx.value("validation_data")
        && !(1..=10).contains(&items.len())
    {
        errors.push(TaskError::new(
            ctx.loc("validation_data"),
            format!(
                "`validation_data` must have between 1 and 10 entries, not {}",
                items.len()
            ),
        ));
    }
    if !ctx.has("validation_data") {
        let has_pct = matches!(ctx.value("hyper_parameters"), Some(TaskValue::Object(m)) if m.iter().any(|(k, _, _)| k == "Evaluation percentage"));
        if !has_pct {
            errors.push(
                TaskError::new(ctx.call.class_loc, "a customization job needs `validation_data` or the `Evaluation percentage` hyper-parameter")
                    .hint("add `validation_data: [\"s3://...\"]` or hyper_parameters { \"Evaluation percentage\": \"20\" }"),
            );
        }
    }
}
