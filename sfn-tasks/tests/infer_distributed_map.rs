//! A distributed Map's own grants for each ItemReader / ResultWriter form, as the Step
//! Functions guide ("IAM policies for using Distributed Map states") lists them: the child
//! executions, `s3:GetObject` for an object reader, `s3:ListBucket` (with the prefix) for
//! `listObjectsV2`, and the writer's `s3:PutObject`/`GetObject`/multipart actions.
use serde_json::{Value, json};
use sfn_tasks::infer::distributed_map_statements;
use std::collections::BTreeSet;

fn atoms(state: Value) -> BTreeSet<(String, String, String)> {
    let mut out = BTreeSet::new();
    for st in distributed_map_statements(&state) {
        for (a, r) in st.atoms() {
            out.insert((
                a.to_string(),
                r.to_string(),
                st.condition
                    .as_ref()
                    .map(Value::to_string)
                    .unwrap_or_default(),
            ));
        }
    }
    out
}

fn map(extra: Value) -> Value {
    let mut state = json!({"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true});
    if let (Value::Object(s), Value::Object(e)) = (&mut state, extra) {
        s.extend(e);
    }
    state
}

const CHILDREN: [(&str, &str); 3] = [
    (
        "states:StartExecution",
        "arn:aws:states:${AWS::Region}:${AWS::AccountId}:stateMachine:${StateMachineName}",
    ),
    (
        "states:DescribeExecution",
        "arn:aws:states:${AWS::Region}:${AWS::AccountId}:execution:${StateMachineName}/*",
    ),
    (
        "states:StopExecution",
        "arn:aws:states:${AWS::Region}:${AWS::AccountId}:execution:${StateMachineName}/*",
    ),
];

fn with_children(more: &[(&str, &str, &str)]) -> BTreeSet<(String, String, String)> {
    CHILDREN
        .iter()
        .map(|(a, r)| (a.to_string(), r.to_string(), String::new()))
        .chain(
            more.iter()
                .map(|(a, r, c)| (a.to_string(), r.to_string(), c.to_string())),
        )
        .collect()
}

#[test]
fn an_inline_map_needs_nothing_of_its_own() {
    let inline = json!({"Type": "Map", "ItemProcessor": {"ProcessorConfig": {"Mode": "INLINE"}, "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true});
    assert!(atoms(inline).is_empty());
}

#[test]
fn items_from_the_input_need_only_the_child_executions() {
    assert_eq!(atoms(map(json!({}))), with_children(&[]));
}

#[test]
fn a_json_object_with_a_literal_key() {
    let got = atoms(map(
        json!({"ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "JSON"}, "Parameters": {"Bucket": "b", "Key": "items.json"}}}),
    ));
    assert_eq!(
        got,
        with_children(&[("s3:GetObject", "arn:aws:s3:::b/items.json", "")])
    );
}

#[test]
fn a_manifest_reads_the_objects_it_names() {
    let got = atoms(map(
        json!({"ItemReader": {"Resource": "arn:aws:states:::s3:getObject", "ReaderConfig": {"InputType": "MANIFEST"}, "Parameters": {"Bucket": "b", "Key": "manifest.json"}}}),
    ));
    assert_eq!(
        got,
        with_children(&[
            ("s3:GetObject", "arn:aws:s3:::b/manifest.json", ""),
            ("s3:GetObject", "arn:aws:s3:::b/*", "")
        ])
    );
}

#[test]
fn a_listing_with_a_prefix_is_scoped_to_it() {
    let got = atoms(map(
        json!({"ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b", "Prefix": "in/"}}}),
    ));
    let prefix = json!({"StringLike": {"s3:prefix": ["in/*"]}}).to_string();
    assert_eq!(
        got,
        with_children(&[
            ("s3:ListBucket", "arn:aws:s3:::b", &prefix),
            ("s3:GetObject", "arn:aws:s3:::b/in/*", "")
        ])
    );
}

#[test]
fn jsonata_arguments_and_run_time_buckets() {
    let got = atoms(map(
        json!({"ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Arguments": {"Bucket": "{% $states.input.bucket %}", "Prefix": "in/"}}}),
    ));
    assert!(
        got.contains(&(
            "s3:ListBucket".into(),
            "arn:aws:s3:::*".into(),
            json!({"StringLike": {"s3:prefix": ["in/*"]}}).to_string()
        )),
        "{got:?}"
    );
    let got = atoms(map(
        json!({"ItemReader": {"Resource": "arn:aws:states:::s3:listObjectsV2", "Parameters": {"Bucket": "b", "Prefix.$": "$.prefix"}}}),
    ));
    assert!(
        got.contains(&(
            "s3:ListBucket".into(),
            "arn:aws:s3:::b".into(),
            String::new()
        )),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "s3:GetObject".into(),
            "arn:aws:s3:::b/*".into(),
            String::new()
        )),
        "{got:?}"
    );
}

#[test]
fn a_result_writer_writes_under_its_prefix_or_its_bucket() {
    let writes = [
        "s3:PutObject",
        "s3:GetObject",
        "s3:ListMultipartUploadParts",
        "s3:AbortMultipartUpload",
    ];
    let got = atoms(map(
        json!({"ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out", "Prefix": "runs"}}}),
    ));
    let want: Vec<(&str, &str, &str)> = writes
        .iter()
        .map(|a| (*a, "arn:aws:s3:::out/runs*", ""))
        .collect();
    assert_eq!(got, with_children(&want));
    let got = atoms(map(
        json!({"ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {"Bucket": "out"}}}),
    ));
    let want: Vec<(&str, &str, &str)> = writes
        .iter()
        .map(|a| (*a, "arn:aws:s3:::out/*", ""))
        .collect();
    assert_eq!(got, with_children(&want));
}
