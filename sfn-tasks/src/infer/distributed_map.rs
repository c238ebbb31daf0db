//! What a distributed Map needs of the role beyond its processor's states.
//!
//! From the Step Functions guide ("IAM policies for using Distributed Map states") and CDK's
//! `DistributedMap` (`aws-stepfunctions/lib/states/distributed-map.ts`, its `ItemReader`s
//! and `ResultWriter`): every child workflow is an execution started by the parent machine,
//! so the role needs `states:StartExecution` on its own machine and
//! `states:DescribeExecution`/`states:StopExecution` on the executions of the Map Run; an
//! `ItemReader` reads S3 (`s3:GetObject` for one object, `s3:ListBucket` for a prefix), a
//! `ResultWriter` writes S3 (`s3:PutObject`, `s3:GetObject`, `s3:ListMultipartUploadParts`,
//! `s3:AbortMultipartUpload`).

use crate::engine::arn;
use serde_json::{Value, json};
use sfn_runtime::iam::Statement;

/// The placeholder for the state machine's own name: a policy cannot name the machine it
/// belongs to before the machine exists, so `policy()` keeps `${StateMachineName}`; the
/// CloudFormation template makes it a parameter that also names the machine it creates.
pub const MACHINE_NAME: &str = "${StateMachineName}";

/// The child executions of a Map Run: `execution:<machine name>/<map run>:<child>`.
pub const DISTRIBUTED_MAP_EXECUTIONS: &str = "execution:${StateMachineName}/*";

/// The statements of a Map state in `DISTRIBUTED` mode (empty for an inline Map).
pub fn distributed_map_statements(state: &Value) -> Vec<Statement> {
    let processor = state.get("ItemProcessor");
    let mode = processor
        .and_then(|p| p.pointer("/ProcessorConfig/Mode"))
        .and_then(Value::as_str);
    if mode != Some("DISTRIBUTED") {
        return Vec::new();
    }
    let mut out = vec![
        Statement::allow(
            ["states:StartExecution"],
            [arn::arn("states", &format!("stateMachine:{MACHINE_NAME}"))],
        ),
        Statement::allow(
            ["states:DescribeExecution", "states:StopExecution"],
            [arn::arn("states", DISTRIBUTED_MAP_EXECUTIONS)],
        ),
    ];
    if let Some(reader) = state.get("ItemReader") {
        out.extend(item_reader(reader));
    }
    if let Some(writer) = state.get("ResultWriter") {
        out.extend(result_writer(writer));
    }
    out
}

/// A literal string member of `obj` (`None` for a path `Key.$` or a JSONata `{% %}`).
fn literal<'v>(obj: &'v Value, key: &str) -> Option<&'v str> {
    obj.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.starts_with("{%"))
}

/// The bucket and key (or prefix) of a reader's or writer's `Parameters`/`Arguments`:
/// `"*"` for a part known only at run time.
fn location<'v>(obj: &'v Value, key_name: &str) -> (&'v str, Option<&'v str>, bool) {
    let params = obj
        .get("Parameters")
        .or_else(|| obj.get("Arguments"))
        .unwrap_or(&Value::Null);
    let bucket = literal(params, "Bucket").unwrap_or("*");
    let dynamic_key = params.get(format!("{key_name}.$")).is_some()
        || params
            .get(key_name)
            .and_then(Value::as_str)
            .is_some_and(|s| s.starts_with("{%"));
    (bucket, literal(params, key_name), dynamic_key)
}

fn item_reader(reader: &Value) -> Vec<Statement> {
    let resource = reader.get("Resource").and_then(Value::as_str).unwrap_or("");
    match resource.rsplit(':').next() {
        // arn:aws:states:::s3:listObjectsV2: the objects under a prefix.
        Some("listObjectsV2") => {
            let (bucket, prefix, dynamic) = location(reader, "Prefix");
            let mut list = Statement::allow(["s3:ListBucket"], [arn::global("s3", bucket)]);
            if let (Some(prefix), false) = (prefix, dynamic) {
                list = list
                    .with_condition(json!({"StringLike": {"s3:prefix": [format!("{prefix}*")]}}));
            }
            let objects = match (prefix, dynamic) {
                (Some(p), false) => format!("{bucket}/{p}*"),
                _ => format!("{bucket}/*"),
            };
            vec![
                list,
                Statement::allow(["s3:GetObject"], [arn::global("s3", &objects)]),
            ]
        }
        // arn:aws:states:::s3:getObject: one CSV/JSON/manifest object.
        Some("getObject") => {
            let (bucket, key, dynamic) = location(reader, "Key");
            let object = match (key, dynamic) {
                (Some(k), false) => format!("{bucket}/{k}"),
                _ => format!("{bucket}/*"),
            };
            let mut out = vec![Statement::allow(
                ["s3:GetObject"],
                [arn::global("s3", &object)],
            )];
            // A manifest names objects of its own, anywhere in the bucket.
            let manifest = reader
                .pointer("/ReaderConfig/InputType")
                .and_then(Value::as_str)
                .is_some_and(|t| t == "MANIFEST");
            if manifest {
                out.push(Statement::allow(
                    ["s3:GetObject"],
                    [arn::global("s3", &format!("{bucket}/*"))],
                ));
            }
            out
        }
        _ => Vec::new(),
    }
}

fn result_writer(writer: &Value) -> Vec<Statement> {
    let resource = writer.get("Resource").and_then(Value::as_str).unwrap_or("");
    if !resource.ends_with("s3:putObject") {
        return Vec::new();
    }
    let (bucket, prefix, dynamic) = location(writer, "Prefix");
    let objects = match (prefix, dynamic) {
        (Some(p), false) => format!("{bucket}/{p}*"),
        _ => format!("{bucket}/*"),
    };
    vec![Statement::allow(
        [
            "s3:PutObject",
            "s3:GetObject",
            "s3:ListMultipartUploadParts",
            "s3:AbortMultipartUpload",
        ],
        [arn::global("s3", &objects)],
    )]
}
