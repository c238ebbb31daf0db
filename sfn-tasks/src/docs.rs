//! The catalogue as a Markdown table (README, `sfn` CLI listings).

use crate::spec::{Pattern, ResourceForm};

/// One row per class: class, service, resource, patterns (default in bold), required fields.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| Class | Service | Resource | Patterns | Required fields |\n|---|---|---|---|---|\n",
    );
    for class in crate::class_names() {
        let Some(spec) = crate::spec(class) else {
            out.push_str(&format!(
                "| {class} | native (no Lambda) | a `Pass` state with a JSONata `Output` | — | expression |\n"
            ));
            continue;
        };
        let resource = match spec.resource {
            ResourceForm::Integration(api) => format!("`arn:aws:states:::{api}`"),
            ResourceForm::IntegrationSync2(api) => format!("`arn:aws:states:::{api}` (`.sync:2`)"),
            ResourceForm::Custom(_) => "given or derived (see docs)".to_string(),
        };
        let patterns = if spec.patterns.is_empty() {
            "—".to_string()
        } else {
            spec.patterns
                .iter()
                .map(|p: &Pattern| {
                    if *p == spec.default_pattern {
                        format!("**{}**", p.word())
                    } else {
                        p.word().to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let required: Vec<&str> = spec
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        out.push_str(&format!(
            "| {class} | {} | {resource} | {patterns} | {} |\n",
            spec.service,
            required.join(", ")
        ));
    }
    out
}

/// The reference page of a class, generated from its description: resource, patterns,
/// every field (ASL key, kind, required or optional, enum words, default; nested objects in
/// tables of their own) and the IAM statements of a call whose strings are `${field}`
/// substitutions. `None` for an unknown class; `EvaluateExpression` has a short page.
pub fn reference_page(class: &str) -> Option<String> {
    let mut out = format!(
        "# `{class}`\n\n<!-- generated from the catalogue by sfn_tasks::reference_page; `SFN_BLESS=1 cargo test -p sfn-tasks --test reference_pages` rewrites it -->\n\n"
    );
    let Some(spec) = crate::spec(class) else {
        if class == crate::services::evaluate_expression::CLASS {
            out.push_str("Compiled to a native `Pass` state whose JSONata `Output` is the expression (no Lambda, no IAM).\n\n| field | kind | required |\n|---|---|---|\n| `expression` | a CDK JavaScript expression over `$.paths` | yes |\n");
            return Some(out);
        }
        return None;
    };
    out.push_str(&format!("Service: {}.\n\n", spec.service));
    let resource = match spec.resource {
        ResourceForm::Integration(api) => {
            format!("`arn:aws:states:::{api}` + the pattern's suffix")
        }
        ResourceForm::IntegrationSync2(api) => {
            format!("`arn:aws:states:::{api}` + the pattern's suffix (`.sync:2` for `run_job`)")
        }
        ResourceForm::Custom(_) => "worked out by the class from its fields".to_string(),
    };
    out.push_str(&format!("Resource: {resource}.\n\n"));
    if spec.patterns.is_empty() {
        out.push_str("Patterns: none (`pattern` is not taken).\n\n");
    } else {
        let words: Vec<String> = spec
            .patterns
            .iter()
            .map(|p| {
                if *p == spec.default_pattern {
                    format!("`{}` (default)", p.word())
                } else {
                    format!("`{}`", p.word())
                }
            })
            .collect();
        out.push_str(&format!("Patterns: {}.\n\n", words.join(", ")));
    }
    if let Some(token) = spec.token_field {
        out.push_str(&format!(
            "Under `wait_for_task_token` the task token must be in `{token}`, e.g. `{token}: {}`.\n\n",
            crate::engine::token::dsl_text(&crate::engine::token::token_example(class, token, false))
        ));
    }
    out.push_str(&format!(
        "Query languages: JSONPath (`Parameters`){}.\n\n",
        if spec.jsonata {
            " and JSONata (`Arguments`)"
        } else {
            " only"
        }
    ));
    out.push_str("## Fields\n\n");
    let mut nested = Vec::new();
    fields_table(spec.fields, &mut out, &mut nested);
    let mut done: Vec<&str> = Vec::new();
    while let Some((name, fields)) = nested.pop() {
        if done.contains(&name) {
            continue;
        }
        done.push(name);
        out.push_str(&format!("\n### `{name}`\n\n"));
        fields_table(fields, &mut out, &mut nested);
    }
    out.push_str("\n## IAM\n\n");
    let patterns: Vec<Pattern> = if spec.patterns.is_empty() {
        vec![spec.default_pattern]
    } else {
        spec.patterns.to_vec()
    };
    for pattern in patterns {
        let mut fields: Vec<crate::TaskField> = spec
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| (f.name, sample(f.name, &f.kind, 0)))
            .chain(
                EXTRA
                    .iter()
                    .filter(|(c, _, _)| *c == class)
                    .map(|(_, n, v)| (*n, v())),
            )
            .fold(
                Vec::new(),
                |mut acc: Vec<(&str, crate::TaskValue)>, (n, v)| {
                    acc.retain(|(m, _)| *m != n);
                    acc.push((n, v));
                    acc
                },
            )
            .into_iter()
            .map(|(name, value)| crate::TaskField {
                name: name.into(),
                name_loc: 0,
                value,
                value_loc: 0,
            })
            .collect();
        if !spec.patterns.is_empty() {
            fields.push(crate::TaskField {
                name: "pattern".into(),
                name_loc: 0,
                value: crate::TaskValue::Ident(pattern.word().into()),
                value_loc: 0,
            });
        }
        if pattern == Pattern::WaitForTaskToken
            && let Some(token) = spec.token_field
        {
            fields.retain(|f| f.name != token);
            fields.push(crate::TaskField {
                name: token.into(),
                name_loc: 0,
                value: crate::engine::token::token_example(class, token, false),
                value_loc: 0,
            });
        }
        let call = crate::TaskCall {
            class: class.into(),
            class_loc: 0,
            fields,
            query_language: crate::QueryLanguage::JsonPath,
        };
        out.push_str(&format!("`{}`", pattern.word()));
        match crate::render(&call) {
            Ok(task) if task.statements.is_empty() => out.push_str(": no statement.\n\n"),
            Ok(task) => {
                out.push_str(", required fields given as `${field}`:\n\n");
                for st in &task.statements {
                    out.push_str(&format!("- `{}`\n", st.to_value()));
                }
                out.push('\n');
            }
            Err(_) => out.push_str(": depends on the values given (see the class's tests).\n\n"),
        }
    }
    out.push_str("Region and account in these ARNs are the pseudo parameters `${AWS::Region}` and `${AWS::AccountId}`: `cloudformation()` fills them, a role made by hand must (see the crate README).\n");
    Some(out)
}

fn fields_table(
    fields: &'static [crate::Field],
    out: &mut String,
    nested: &mut Vec<(&'static str, &'static [crate::Field])>,
) {
    out.push_str("| field | ASL key | kind | required | default |\n|---|---|---|---|---|\n");
    for f in fields {
        let key = match f.asl {
            crate::spec::Asl::Key(k) if k.starts_with('-') => "(by the class)".to_string(),
            crate::spec::Asl::Key(k) => format!("`{k}`"),
            crate::spec::Asl::At(path) => format!("`{}`", path.join(".")),
            crate::spec::Asl::Skip => "(IAM or form only: literal)".to_string(),
        };
        out.push_str(&format!(
            "| `{}` | {key} | {} | {} | {} |\n",
            f.name,
            kind_text(f.name, &f.kind, nested),
            if f.required { "yes" } else { "no" },
            f.default.map(|d| format!("`{d}`")).unwrap_or_default()
        ));
    }
}

fn kind_text(
    name: &'static str,
    kind: &crate::Kind,
    nested: &mut Vec<(&'static str, &'static [crate::Field])>,
) -> String {
    use crate::Kind;
    match kind {
        Kind::Str => "string".into(),
        Kind::Number => "number".into(),
        Kind::Int(min, max) => format!("integer {min}..={max}"),
        Kind::Bool => "boolean".into(),
        Kind::Enum(words) => {
            let w: Vec<String> = words.iter().map(|(w, _)| format!("`{w}`")).collect();
            format!("one of {}", w.join(", "))
        }
        Kind::Json => "JSON (paths become `key.$`)".into(),
        Kind::StrMap => "object of strings".into(),
        Kind::StrList => "list of strings".into(),
        Kind::Tags => "tags `{ key: \"value\" }`".into(),
        Kind::Struct(fields) => {
            nested.push((name, fields));
            format!("object (see `{name}`)")
        }
        Kind::List(inner) => format!("list of {}", kind_text(name, inner, nested)),
        Kind::Seconds => "duration (whole seconds)".into(),
        Kind::Minutes => "duration (whole minutes)".into(),
        Kind::Custom(_) => "checked by the class".into(),
    }
}

type Sample = fn() -> crate::TaskValue;

/// Values a page's generated call needs beyond `${field}` strings: the class's own checks
/// (a launch target, an object of attributes, a name pattern, ...) ask for them.
const EXTRA: &[(&str, &str, Sample)] = &[
    (
        "BedrockCreateModelCustomizationJob",
        "custom_model_name",
        || crate::TaskValue::Str("MyModel".into()),
    ),
    ("BedrockCreateModelCustomizationJob", "job_name", || {
        crate::TaskValue::Str("MyJob".into())
    }),
    ("BedrockInvokeModel", "body", || {
        crate::TaskValue::Object(Vec::new())
    }),
    ("CallAwsService", "action", || {
        crate::TaskValue::Str("getObject".into())
    }),
    ("CallAwsServiceCrossRegion", "action", || {
        crate::TaskValue::Str("getObject".into())
    }),
    ("CodeBuildStartBuild", "project_arn", || {
        crate::TaskValue::Str("${project_arn}".into())
    }),
    ("CodeBuildStartBuildBatch", "project_arn", || {
        crate::TaskValue::Str("${project_arn}".into())
    }),
    ("DynamoDeleteItem", "key", || {
        crate::TaskValue::Object(Vec::new())
    }),
    ("DynamoGetItem", "key", || {
        crate::TaskValue::Object(Vec::new())
    }),
    ("DynamoPutItem", "item", || {
        crate::TaskValue::Object(Vec::new())
    }),
    ("DynamoUpdateItem", "key", || {
        crate::TaskValue::Object(Vec::new())
    }),
    ("EcsRunTask", "launch_type", || {
        crate::TaskValue::Ident("fargate".into())
    }),
    ("EventBridgeSchedulerCreateScheduleTask", "schedule", || {
        crate::TaskValue::Str("rate(5 minutes)".into())
    }),
    ("HttpInvoke", "connection_secret_arn", || {
        crate::TaskValue::Str("${connection_secret_arn}".into())
    }),
    ("MediaConvertCreateJob", "create_job_request", || {
        crate::TaskValue::Object(Vec::new())
    }),
    ("SqsSendMessage", "queue_arn", || {
        crate::TaskValue::Str("${queue_arn}".into())
    }),
];

/// A value of `kind` for a generated call: strings are `${name}` substitutions.
fn sample(name: &str, kind: &crate::Kind, depth: usize) -> crate::TaskValue {
    use crate::{Kind, TaskValue};
    match kind {
        _ if depth > 8 => TaskValue::Null,
        Kind::Str | Kind::Custom(_) => TaskValue::Str(format!("${{{name}}}")),
        Kind::Number => TaskValue::Number(1.into()),
        Kind::Int(min, _) => TaskValue::Number((*min).into()),
        Kind::Bool => TaskValue::Bool(false),
        Kind::Enum(words) => TaskValue::Ident(words.first().map_or("", |(w, _)| *w).into()),
        Kind::Json | Kind::StrMap | Kind::Tags => TaskValue::Object(Vec::new()),
        Kind::StrList => TaskValue::Array(vec![(0, TaskValue::Str(format!("${{{name}}}")))]),
        Kind::Struct(fields) => TaskValue::Object(
            fields
                .iter()
                .filter(|f| f.required)
                .map(|f| (f.name.to_string(), 0, sample(f.name, &f.kind, depth + 1)))
                .collect(),
        ),
        Kind::List(inner) => TaskValue::Array(vec![(0, sample(name, inner, depth + 1))]),
        Kind::Seconds | Kind::Minutes => TaskValue::DurationSecs(60),
    }
}
