//! Emission: templates, policies within IAM's limits, files for build scripts.

use serde_json::{Value, json};
use sfn_runtime::emit::CloudFormationOptions;
use sfn_runtime::iam::{MANAGED_POLICY_QUOTA, ROLE_INLINE_POLICY_QUOTA};
use sfn_runtime::{Workflow, WorkflowKind};

/// Characters IAM counts for a policy document (compact JSON).
fn policy_size(document: &Value) -> usize {
    document.to_string().len()
}

fn leak(text: String) -> &'static str {
    Box::leak(text.into_boxed_str())
}

/// A workflow that calls `n` Lambda functions in sequence, each its own policy statement.
fn many_functions(n: usize) -> Workflow {
    let mut states = serde_json::Map::new();
    let mut statements = Vec::new();
    for i in 0..n {
        let arn = format!("arn:aws:lambda:us-east-1:123456789012:function:step-{i:04}");
        let mut state = json!({"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                               "Parameters": {"FunctionName": arn, "Payload.$": "$"}});
        if i + 1 < n {
            state["Next"] = json!(format!("Step{}", i + 1));
        } else {
            state["End"] = json!(true);
        }
        states.insert(format!("Step{i}"), state);
        statements.push(json!({"Effect": "Allow", "Action": "lambda:InvokeFunction",
                               "Resource": [arn.clone(), format!("{arn}:*")]}));
    }
    let definition = json!({"StartAt": "Step0", "States": states});
    let policy = json!({"Version": "2012-10-17", "Statement": statements});
    Workflow::from_parts(
        "BIG_FLOW",
        leak(definition.to_string()),
        leak(policy.to_string()),
        &[],
        WorkflowKind::Express,
    )
}

#[test]
fn a_thousand_functions_fit_in_managed_policies() {
    let template = many_functions(1000).cloudformation();
    let resources = template["Resources"].as_object().unwrap();
    let policies: Vec<&Value> = resources
        .values()
        .filter(|r| r["Type"] == "AWS::IAM::ManagedPolicy")
        .collect();
    assert!(
        policies.len() > 1,
        "1000 functions need several managed policies"
    );
    let mut arns = 0;
    for policy in &policies {
        let document = &policy["Properties"]["PolicyDocument"];
        assert!(
            policy_size(document) <= MANAGED_POLICY_QUOTA,
            "{}",
            policy_size(document)
        );
        assert_eq!(
            policy["Properties"]["Roles"],
            json!([{"Ref": "BIGFLOWRole"}])
        );
        for statement in document["Statement"].as_array().unwrap() {
            assert_eq!(statement["Action"], "lambda:InvokeFunction");
            arns += statement["Resource"].as_array().map_or(1, Vec::len);
        }
    }
    assert_eq!(arns, 2000, "every function and its versions, exactly once");
    let machine = &resources["BIGFLOWStateMachine"];
    assert_eq!(machine["Properties"]["StateMachineType"], "EXPRESS");
    assert_eq!(
        machine["DependsOn"].as_array().map(Vec::len),
        Some(policies.len())
    );
    assert!(
        resources["BIGFLOWRole"]["Properties"]
            .get("Policies")
            .is_none()
    );
}

#[test]
fn a_small_policy_stays_inline_with_substitutions_as_parameters() {
    let workflow = Workflow::from_parts(
        "order_flow",
        r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"${OrderFn}","End":true}}}"#,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"${OrderFn}"},{"Effect":"Allow","Action":"sns:Publish","Resource":"arn:aws:sns:${AWS::Region}:${AWS::AccountId}:topic"}]}"#,
        &["OrderFn"],
        WorkflowKind::Standard,
    );
    let template = workflow.cloudformation_with(&CloudFormationOptions {
        log_group_arn: Some("arn:aws:logs:us-east-1:123456789012:log-group:flows:*".into()),
        tracing: true,
        ..CloudFormationOptions::default()
    });
    assert_eq!(template["Parameters"]["OrderFn"]["Type"], "String");
    let machine = &template["Resources"]["OrderFlowStateMachine"]["Properties"];
    assert_eq!(
        machine["DefinitionSubstitutions"],
        json!({"OrderFn": {"Ref": "OrderFn"}})
    );
    assert_eq!(
        machine["Definition"]["States"]["Call"]["Resource"],
        "${OrderFn}"
    );
    assert_eq!(machine["LoggingConfiguration"]["Level"], "ERROR");
    assert_eq!(machine["TracingConfiguration"]["Enabled"], true);
    let role = &template["Resources"]["OrderFlowRole"]["Properties"];
    let trust = &role["AssumeRolePolicyDocument"]["Statement"][0];
    assert_eq!(trust["Principal"]["Service"], "states.amazonaws.com");
    assert_eq!(
        trust["Condition"]["StringEquals"]["aws:SourceAccount"],
        json!({"Ref": "AWS::AccountId"})
    );
    let source_arn = trust["Condition"]["ArnLike"]["aws:SourceArn"]["Fn::Sub"]
        .as_str()
        .unwrap();
    assert!(source_arn.ends_with(":stateMachine:*"), "{source_arn}");
    let document = &role["Policies"][0]["PolicyDocument"];
    assert!(policy_size(document) <= ROLE_INLINE_POLICY_QUOTA);
    let statements = document["Statement"].as_array().unwrap();
    assert_eq!(
        statements[0]["Resource"],
        json!({"Fn::Sub": ["${OrderFn}", {"OrderFn": {"Ref": "OrderFn"}}]})
    );
    assert_eq!(
        statements[1]["Resource"],
        // The stack's partition, like its region and account (cfn-lint I3042).
        json!({"Fn::Sub": "arn:${AWS::Partition}:sns:${AWS::Region}:${AWS::AccountId}:topic"})
    );
    // Logging and tracing grants share the resource `*`: minimised into one statement.
    let star = statements.iter().find(|s| s["Resource"] == "*").unwrap();
    let actions: Vec<&str> = star["Action"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        actions.contains(&"logs:CreateLogDelivery") && actions.contains(&"xray:PutTraceSegments"),
        "{actions:?}"
    );
}

#[test]
fn pseudo_parameters_in_the_definition_become_substitutions() {
    let workflow = Workflow::from_parts(
        "api",
        r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::apigateway:invoke","Parameters":{"ApiEndpoint":"abc.execute-api.${AWS::Region}.amazonaws.com","Method":"GET"},"End":true}}}"#,
        r#"{"Version":"2012-10-17","Statement":[]}"#,
        &[],
        WorkflowKind::Standard,
    );
    let template = workflow.cloudformation();
    let machine = &template["Resources"]["ApiStateMachine"]["Properties"];
    assert_eq!(
        machine["Definition"]["States"]["Call"]["Parameters"]["ApiEndpoint"],
        "abc.execute-api.${AwsRegion}.amazonaws.com"
    );
    assert_eq!(
        machine["DefinitionSubstitutions"],
        json!({"AwsRegion": {"Ref": "AWS::Region"}})
    );
    assert!(template.get("Parameters").is_none());
    assert!(
        template["Resources"]["ApiRole"]["Properties"]
            .get("Policies")
            .is_none()
    );
}

#[test]
fn write_to_writes_three_files_and_keeps_unchanged_ones() {
    let dir = std::env::temp_dir().join(format!("sfn-emit-{}", std::process::id()));
    let workflow = many_functions(3);
    let paths = workflow.write_to(&dir).unwrap();
    let names: Vec<String> = paths
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "BIG_FLOW.asl.json",
            "BIG_FLOW.policy.json",
            "BIG_FLOW.template.json"
        ]
    );
    let asl: Value = serde_json::from_str(&std::fs::read_to_string(&paths[0]).unwrap()).unwrap();
    assert_eq!(asl, workflow.to_value());
    let modified = std::fs::metadata(&paths[2]).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    workflow.write_to(&dir).unwrap();
    assert_eq!(
        std::fs::metadata(&paths[2]).unwrap().modified().unwrap(),
        modified
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

/// A placeholder in a Condition value is filled like one in a Resource: left literal it would
/// deploy as text and the grant would never match (cfn-lint E1029).
#[test]
fn placeholders_in_conditions_go_through_fn_sub() {
    let workflow = Workflow::from_parts(
        "emr_job",
        r#"{"StartAt":"Run","States":{"Run":{"Type":"Pass","End":true}}}"#,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"*","Condition":{"StringEquals":{"emr-containers:ExecutionRoleArn":["${JobExecutionRoleArn}"]}}}]}"#,
        &[],
        WorkflowKind::Standard,
    );
    let template = workflow.cloudformation();
    let role = template["Resources"]
        .as_object()
        .and_then(|r| r.values().find(|v| v["Type"] == "AWS::IAM::Role"))
        .unwrap();
    let condition =
        &role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Condition"];
    assert_eq!(
        condition,
        &json!({"StringEquals": {"emr-containers:ExecutionRoleArn": [
            {"Fn::Sub": ["${JobExecutionRoleArn}", {"JobExecutionRoleArn": {"Ref": "JobExecutionRoleArn"}}]}
        ]}})
    );
    assert!(template["Parameters"]["JobExecutionRoleArn"].is_object());
}

/// `${Role.Arn}` is a substitution named `Role.Arn`: `render` fills it, and the template
/// takes it as the parameter `RoleArn`, written `${RoleArn}` in the definition and in
/// `Fn::Sub` (CloudFormation would read `${Role.Arn}` as a GetAtt of a resource it lacks, E1019).
#[test]
fn attribute_placeholders_are_parameters() {
    let workflow = Workflow::from_parts(
        "etl",
        r#"{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun","Parameters":{"JobName":"${Job}","Role":"${Role.Arn}"},"End":true}}}"#,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"${Role.Arn}"}]}"#,
        &["Job", "Role.Arn"],
        WorkflowKind::Standard,
    );
    assert_eq!(
        workflow
            .render(&[("Job", "j"), ("Role.Arn", "arn:aws:iam::1:role/r")])
            .unwrap(),
        r#"{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun","Parameters":{"JobName":"j","Role":"arn:aws:iam::1:role/r"},"End":true}}}"#
    );
    let template = workflow.cloudformation();
    assert!(
        template["Parameters"]["RoleArn"].is_object(),
        "{template:#}"
    );
    let resources = template["Resources"].as_object().unwrap();
    let machine = resources
        .values()
        .find(|v| v["Type"] == "AWS::StepFunctions::StateMachine")
        .unwrap();
    let props = &machine["Properties"];
    assert_eq!(
        props["Definition"]["States"]["Run"]["Parameters"]["Role"],
        "${RoleArn}"
    );
    assert_eq!(
        props["DefinitionSubstitutions"]["RoleArn"],
        json!({"Ref": "RoleArn"})
    );
    assert_eq!(
        props["DefinitionSubstitutions"]["Job"],
        json!({"Ref": "Job"})
    );
    let role = resources
        .values()
        .find(|v| v["Type"] == "AWS::IAM::Role")
        .unwrap();
    assert_eq!(
        role["Properties"]["Policies"][0]["PolicyDocument"]["Statement"][0]["Resource"],
        json!({"Fn::Sub": ["${RoleArn}", {"RoleArn": {"Ref": "RoleArn"}}]})
    );
}

/// Writes templates for `cfn-lint` (run by `.ci/cfn-lint` into `$SFN_TEMPLATE_DIR`).
#[test]
#[ignore = "emits files for the cfn-lint step of CI"]
fn write_templates_for_cfn_lint() {
    let dir = std::env::var_os("SFN_TEMPLATE_DIR")
        .map_or_else(|| std::env::temp_dir().join("sfn-templates"), Into::into);
    many_functions(1000).write_to(&dir).unwrap();
    let small = Workflow::from_parts(
        "order_flow",
        r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"${OrderFn}","End":true}}}"#,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"lambda:InvokeFunction","Resource":"${OrderFn}"}]}"#,
        &["OrderFn"],
        WorkflowKind::Standard,
    );
    small.write_to(&dir).unwrap();
    let api = Workflow::from_parts(
        "api_call",
        r#"{"StartAt":"Call","States":{"Call":{"Type":"Task","Resource":"arn:aws:states:::apigateway:invoke","Parameters":{"ApiEndpoint":"abc.execute-api.${AWS::Region}.amazonaws.com","Method":"GET"},"End":true}}}"#,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"execute-api:Invoke","Resource":"arn:aws:execute-api:${AWS::Region}:${AWS::AccountId}:abc/*"}]}"#,
        &[],
        WorkflowKind::Express,
    );
    api.write_to(&dir).unwrap();
    let attribute = Workflow::from_parts(
        "attribute_placeholder",
        r#"{"StartAt":"Run","States":{"Run":{"Type":"Task","Resource":"arn:aws:states:::glue:startJobRun","Parameters":{"JobName":"j","Role":"${Role.Arn}"},"End":true}}}"#,
        r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"iam:PassRole","Resource":"${Role.Arn}","Condition":{"StringEquals":{"iam:PassedToService":"glue.amazonaws.com"}}}]}"#,
        &["Role.Arn"],
        WorkflowKind::Standard,
    );
    attribute.write_to(&dir).unwrap();
}
