//! Amazon EMR on EKS: create/delete virtual clusters, start job runs.
//!
//! CDK creates the job execution role (and patches its trust policy with a custom
//! resource) when none is given; a workflow provisions nothing, so `execution_role` (its
//! ARN) is required.

use crate::engine::{Ctx, Out, Rcx, arn, member};
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value, json};
use sfn_runtime::iam::Statement;

fn clusters(id: &str) -> String {
    arn::arn("emr-containers", &format!("/virtualclusters/{id}"))
}

/// `EmrContainersCreateVirtualCluster`.
pub static CREATE_VIRTUAL_CLUSTER: TaskSpec = TaskSpec {
    class: "EmrContainersCreateVirtualCluster",
    service: "Amazon EMR on EKS",
    resource: ResourceForm::Integration("emr-containers:createVirtualCluster"),
    patterns: patterns::RR,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("virtual_cluster_name", "Name", Kind::Str),
        Field::at("eks_cluster", &["ContainerProvider", "Id"], Kind::Str).req(),
        Field::at(
            "eks_namespace",
            &["ContainerProvider", "Info", "EksInfo", "Namespace"],
            Kind::Str,
        )
        .or("\"default\""),
        Field::new("tags", "Tags", Kind::StrMap),
    ],
    token_field: None,
    jsonata: true,
    check: None,
    finish: Some(|ctx, params| {
        let mut out = Map::new();
        if !ctx.has("virtual_cluster_name") {
            // The execution and state names, unique per run (as CDK).
            if ctx.jsonata() {
                out.insert(
                    "Name".into(),
                    Value::String(
                        "{% $states.context.Execution.Name & '/' & $states.context.State.Name %}"
                            .into(),
                    ),
                );
            } else {
                out.insert(
                    "Name.$".into(),
                    Value::String(
                        "States.Format('{}/{}', $$.Execution.Name, $$.State.Name)".into(),
                    ),
                );
            }
        }
        for (k, mut v) in params {
            if k == "ContainerProvider"
                && let Value::Object(m) = &mut v
            {
                m.insert("Type".into(), Value::String("EKS".into()));
            }
            out.insert(k, v);
        }
        Some(Value::Object(out))
    }),
    iam: |_| {
        vec![
            Statement::allow(["emr-containers:CreateVirtualCluster"], ["*"]),
            Statement::allow(
                ["iam:CreateServiceLinkedRole"],
                [arn::iam("role/aws-service-role/emr-containers.amazonaws.com/AWSServiceRoleForAmazonEMRContainers")],
            )
            .with_condition(json!({"StringLike": {"iam:AWSServiceName": "emr-containers.amazonaws.com"}})),
        ]
    },
    lambda_retry: false,
};

/// `EmrContainersDeleteVirtualCluster`.
pub static DELETE_VIRTUAL_CLUSTER: TaskSpec = TaskSpec {
    class: "EmrContainersDeleteVirtualCluster",
    service: "Amazon EMR on EKS",
    resource: ResourceForm::Integration("emr-containers:deleteVirtualCluster"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RequestResponse,
    fields: &[Field::new("virtual_cluster_id", "Id", Kind::Str).req()],
    token_field: None,
    jsonata: true,
    check: None,
    finish: None,
    iam: |ctx| {
        let res = clusters(ctx.name_or_star("virtual_cluster_id"));
        match ctx.pattern {
            Pattern::RunJob => vec![Statement::allow(
                [
                    "emr-containers:DeleteVirtualCluster",
                    "emr-containers:DescribeVirtualCluster",
                ],
                [res],
            )],
            _ => vec![Statement::allow(
                ["emr-containers:DeleteVirtualCluster"],
                [res],
            )],
        }
    },
    lambda_retry: false,
};

const CLASSIFICATIONS: &[(&str, &str)] = &[
    ("spark", "spark"),
    ("spark_defaults", "spark-defaults"),
    ("spark_env", "spark-env"),
    ("spark_hive_site", "spark-hive-site"),
    ("spark_log4j", "spark-log4j"),
    ("spark_metrics", "spark-metrics"),
];

const APP_CONFIG: &[Field] = &[
    Field::new(
        "classification",
        "Classification",
        Kind::Custom(classification),
    )
    .req(),
    Field::new("properties", "Properties", Kind::StrMap),
    Field::new("nested_config", "Configurations", Kind::Custom(app_configs)),
];

/// A known word (`spark_defaults` -> `spark-defaults`) or, as CDK's
/// `new Classification('emrfs-site')`, any string literal used verbatim.
fn classification(_: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    let words = || {
        CLASSIFICATIONS
            .iter()
            .map(|(w, _)| *w)
            .collect::<Vec<_>>()
            .join(", ")
    };
    match value {
        TaskValue::Str(s) if s.is_empty() => Err(TaskError::new(
            loc,
            "`classification` must not be empty",
        )
        .hint("write a name such as \"spark-defaults\"")),
        TaskValue::Str(s) => Ok(Out::lit(Value::String(s.clone()))),
        TaskValue::Ident(w) => CLASSIFICATIONS
            .iter()
            .find(|(word, asl)| word.eq_ignore_ascii_case(w) || asl == w)
            .map(|(_, asl)| Out::lit(Value::String((*asl).to_string())))
            .ok_or_else(|| {
                let e = TaskError::new(loc, format!("unknown classification `{w}`"));
                match crate::engine::suggest::did_you_mean(w, CLASSIFICATIONS.iter().map(|(w, _)| *w)) {
                    Some(h) => e.hint(format!(
                        "{h} Any other classification is written as a string, e.g. \"{}\"",
                        w.replace('_', "-")
                    )),
                    None => e.hint(format!(
                        "known words: {}; any other classification is written as a string, e.g. \"{}\"",
                        words(),
                        w.replace('_', "-")
                    )),
                }
            }),
        other => Err(TaskError::new(
            loc,
            format!(
                "`classification` must be a word ({}) or a string such as \"emrfs-site\", not {}",
                words(),
                other.describe()
            ),
        )),
    }
}

fn app_configs(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    if let TaskValue::Array(items) = value {
        if items.len() > 100 {
            return Err(TaskError::new(
                loc,
                format!(
                    "`application_config` must have at most 100 entries, not {}",
                    items.len()
                ),
            )
            .cdk(format!(
                "Application configuration array must have 100 or fewer entries. Received {}",
                items.len()
            )));
        }
        for (iloc, item) in items {
            let props = member(item, "properties");
            if let Some((TaskValue::Object(m), _)) = props
                && m.len() > 100
            {
                return Err(TaskError::new(
                    *iloc,
                    format!("`properties` must have at most 100 entries, not {}", m.len()),
                )
                .cdk(format!(
                    "Application configuration properties must have 100 or fewer entries. Received {}",
                    m.len()
                )));
            }
            if props.is_none() && member(item, "nested_config").is_none() {
                return Err(TaskError::new(*iloc, "an application configuration needs `properties` or `nested_config`")
                    .hint("add `properties: { ... }` or `nested_config: [...]`")
                    .cdk("Application configuration must have either properties or nested app configurations defined."));
            }
        }
    }
    rcx.render(&Kind::List(&Kind::Struct(APP_CONFIG)), value, loc)
}

const MONITORING: &[Field] = &[
    Field::at(
        "log_group",
        &["CloudWatchMonitoringConfiguration", "LogGroupName"],
        Kind::Str,
    ),
    Field::at(
        "log_stream_name_prefix",
        &["CloudWatchMonitoringConfiguration", "LogStreamNamePrefix"],
        Kind::Str,
    ),
    Field::new(
        "persistent_app_ui",
        "PersistentAppUI",
        Kind::Custom(|rcx, v, loc| match v {
            TaskValue::Bool(b) => Ok(Out::lit(Value::String(
                if *b { "ENABLED" } else { "DISABLED" }.into(),
            ))),
            other => rcx.render(&Kind::Bool, other, loc),
        }),
    )
    .or("\"ENABLED\""),
    Field::at(
        "log_bucket",
        &["S3MonitoringConfiguration", "LogUri"],
        Kind::Custom(|rcx, v, loc| match v {
            TaskValue::Str(b) if !b.starts_with("s3://") => {
                Ok(Out::lit(Value::String(format!("s3://{b}"))))
            }
            other => rcx.render(&Kind::Str, other, loc),
        }),
    ),
];

/// `EmrContainersStartJobRun`.
pub static START_JOB_RUN: TaskSpec = TaskSpec {
    class: "EmrContainersStartJobRun",
    service: "Amazon EMR on EKS",
    resource: ResourceForm::Integration("emr-containers:startJobRun"),
    patterns: patterns::RR_SYNC,
    default_pattern: Pattern::RunJob,
    fields: &[
        Field::new("virtual_cluster", "VirtualClusterId", Kind::Str).req(),
        Field::new("job_name", "Name", Kind::Str),
        Field::new("execution_role", "ExecutionRoleArn", Kind::Str).req(),
        Field::new("release_label", "ReleaseLabel", Kind::Custom(release_label)).req(),
        Field::at(
            "entry_point",
            &["JobDriver", "SparkSubmitJobDriver", "EntryPoint"],
            Kind::Str,
        )
        .req(),
        Field::at(
            "entry_point_arguments",
            &["JobDriver", "SparkSubmitJobDriver", "EntryPointArguments"],
            Kind::Custom(entry_point_arguments),
        ),
        Field::at(
            "spark_submit_parameters",
            &["JobDriver", "SparkSubmitJobDriver", "SparkSubmitParameters"],
            Kind::Str,
        ),
        Field::at(
            "application_config",
            &["ConfigurationOverrides", "ApplicationConfiguration"],
            Kind::Custom(app_configs),
        ),
        Field::at(
            "monitoring",
            &["ConfigurationOverrides", "MonitoringConfiguration"],
            Kind::Struct(MONITORING),
        )
        .or(r#"{"PersistentAppUI": "ENABLED"}"#),
        Field::new("tags", "Tags", Kind::StrMap),
    ],
    token_field: None,
    jsonata: true,
    check: Some(check_start),
    finish: None,
    iam: |ctx| {
        let id = ctx.name_or_star("virtual_cluster");
        let role = ctx.name_or_star("execution_role");
        let runs = if id == "*" {
            clusters("*")
        } else {
            clusters(&format!("{id}/jobruns/*"))
        };
        let mut out = vec![
            Statement::allow(["emr-containers:StartJobRun"], [clusters(id)])
                .with_condition(json!({"StringEquals": {"emr-containers:ExecutionRoleArn": role}})),
        ];
        if ctx.pattern == Pattern::RunJob {
            out.push(Statement::allow(
                [
                    "emr-containers:DescribeJobRun",
                    "emr-containers:CancelJobRun",
                ],
                [runs],
            ));
        }
        out
    },
    lambda_retry: false,
};

/// `emr_6_2_0` -> `emr-6.2.0-latest`; a literal label unchanged.
fn release_label(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Ident(w) => {
            let rest = w.to_ascii_lowercase();
            let Some(version) = rest.strip_prefix("emr_") else {
                return Err(TaskError::new(loc, format!("unknown release label `{w}`"))
                    .hint("write e.g. emr_6_2_0 or \"emr-6.2.0-latest\""));
            };
            Ok(Out::lit(Value::String(format!(
                "emr-{}-latest",
                version.replace('_', ".")
            ))))
        }
        other => rcx.render(&Kind::Str, other, loc),
    }
}

fn entry_point_arguments(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Array(items) if !(1..=10280).contains(&items.len()) => Err(TaskError::new(
            loc,
            format!(
                "`entry_point_arguments` must have between 1 and 10280 items, not {}",
                items.len()
            ),
        )
        .cdk(format!(
            "Entry point arguments must be a string array between 1 and 10280 in length. Received {}.",
            items.len()
        ))),
        TaskValue::Array(_) => rcx.render(&Kind::StrList, value, loc),
        v if v.is_expression() => rcx.render(&Kind::Str, v, loc),
        TaskValue::Str(_) => Err(TaskError::new(
            loc,
            "`entry_point_arguments` must be an array of strings or an expression, not a string",
        )
        .hint("write [\"...\"]")
        .cdk("Entry point arguments must be a string array or an encoded JSON path or JSONata expression, but received a non JSON path or JSONata expression string")),
        other => Err(TaskError::new(
            loc,
            format!(
                "`entry_point_arguments` must be an array of strings or an expression, not {}",
                other.describe()
            ),
        )),
    }
}

fn check_start(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if let Some(e) = ctx.str("entry_point") {
        let n = e.chars().count();
        if !(1..=256).contains(&n) {
            errors.push(
                TaskError::new(
                    ctx.loc("entry_point"),
                    format!("`entry_point` must be between 1 and 256 characters long, not {n}"),
                )
                .cdk(format!(
                    "Entry point must be between 1 and 256 characters in length. Received {n}."
                )),
            );
        }
    }
    if let Some(p) = ctx.str("spark_submit_parameters") {
        let n = p.chars().count();
        // CDK skips its check for an empty string; the service rejects it.
        if n == 0 {
            errors.push(
                TaskError::new(
                    ctx.loc("spark_submit_parameters"),
                    "`spark_submit_parameters` must be between 1 and 102400 characters long, not 0",
                )
                .hint("remove the field instead of passing an empty string"),
            );
        } else if n > 102_400 {
            errors.push(
                TaskError::new(
                    ctx.loc("spark_submit_parameters"),
                    format!("`spark_submit_parameters` must be between 1 and 102400 characters long, not {n}"),
                )
                .cdk(format!("Spark submit parameters must be between 1 and 102400 characters in length. Received {n}.")),
            );
        }
    }
}
