//! AWS Step Functions: `StepFunctionsStartExecution`, `StepFunctionsInvokeActivity`.

use crate::engine::{Ctx, arn, whole_object};
use crate::model::{TaskError, TaskValue};
use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};
use serde_json::{Map, Value, json};
use sfn_runtime::iam::Statement;

/// `StepFunctionsStartExecution`: start a nested state machine.
pub static START_EXECUTION: TaskSpec = TaskSpec {
    class: "StepFunctionsStartExecution",
    service: "AWS Step Functions",
    resource: ResourceForm::IntegrationSync2("states:startExecution"),
    patterns: patterns::ALL,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("input", "Input", Kind::Json),
        Field::new("state_machine", "StateMachineArn", Kind::Str).req(),
        Field::new("name", "Name", Kind::Str),
        Field::skip("associate_with_parent", Kind::Bool),
    ],
    token_field: Some("input"),
    jsonata: true,
    check: Some(check_start),
    finish: Some(finish_start),
    iam: iam_start,
    lambda_retry: false,
};

fn check_start(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    if ctx.bool("associate_with_parent") == Some(true)
        && let Some(input) = ctx.value("input")
        && !matches!(input, TaskValue::Object(_))
    {
        errors.push(
            TaskError::new(
                ctx.loc("input"),
                format!(
                    "with `associate_with_parent: true`, `input` must be an object, not {}",
                    input.describe()
                ),
            )
            // The parent's execution id is added as a key of the input object.
            .hint("write `input` as an object literal { ... }")
            .cdk("Could not enable `associateWithParent` because `input` is taken directly from a JSON path. Use `sfn.TaskInput.fromObject` instead."),
        );
    }
}

fn finish_start(ctx: &Ctx, params: Map<String, Value>) -> Option<Value> {
    let mut out = Map::new();
    let associate = ctx.bool("associate_with_parent") == Some(true);
    if !ctx.has("input") {
        let input = if associate {
            if ctx.jsonata() {
                json!({"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID": "{% $states.context.Execution.Id %}"})
            } else {
                json!({"AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$": "$$.Execution.Id"})
            }
        } else if ctx.jsonata() {
            // CDK emits the literal string "$" here; the state input is what it means.
            Value::String("{% $states.input %}".into())
        } else {
            out.insert("Input.$".into(), Value::String("$".into()));
            Value::Null
        };
        if !input.is_null() {
            out.insert("Input".into(), input);
        }
    }
    for (k, mut v) in params {
        if k == "Input"
            && associate
            && let Value::Object(m) = &mut v
        {
            if ctx.jsonata() {
                m.insert(
                    "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID".into(),
                    Value::String("{% $states.context.Execution.Id %}".into()),
                );
            } else {
                m.insert(
                    "AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID.$".into(),
                    Value::String("$$.Execution.Id".into()),
                );
            }
        }
        out.insert(k, v);
    }
    Some(Value::Object(out))
}

fn iam_start(ctx: &Ctx) -> Vec<Statement> {
    let sm = ctx.name_or_star("state_machine");
    let mut out = vec![Statement::allow(["states:StartExecution"], [sm])];
    if ctx.pattern == Pattern::RunJob {
        // The child's executions, named after it (CDK: the ARN's resource name). A machine
        // given as a substitution `${Child}` has its name in `${Child.Name}`, which a
        // CloudFormation template derives from the ARN it is given for `${Child}`.
        let name = match sm.strip_prefix("${").and_then(|r| r.strip_suffix('}')) {
            Some(sub) if !sub.contains(['$', '{', '}', '.']) => format!("${{{sub}.Name}}"),
            _ => sm
                .rsplit_once(":stateMachine:")
                .map(|(_, n)| n)
                .filter(|_| sm.starts_with("arn:"))
                .unwrap_or("*")
                .to_string(),
        };
        let execution = arn::arn("states", &format!("execution:{name}*"));
        out.push(Statement::allow(
            ["states:DescribeExecution", "states:StopExecution"],
            [execution],
        ));
        out.push(Statement::allow(
            ["events:PutTargets", "events:PutRule", "events:DescribeRule"],
            [arn::events_rule(
                "StepFunctionsGetEventsForStepFunctionsExecutionRule",
            )],
        ));
    }
    out
}

/// `StepFunctionsInvokeActivity`: a Task whose resource is an activity.
pub static INVOKE_ACTIVITY: TaskSpec = TaskSpec {
    class: "StepFunctionsInvokeActivity",
    service: "AWS Step Functions activity",
    resource: ResourceForm::Custom(activity_resource),
    patterns: &[],
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::skip("activity", Kind::Str).req(),
        Field::new("parameters", "-", Kind::Custom(whole_object)),
        Field::skip("kms_key_arn", Kind::Str),
    ],
    token_field: None,
    jsonata: true,
    check: Some(|ctx, errors| {
        if ctx.has("activity") && ctx.str("activity").is_none() {
            errors.push(TaskError::new(
                ctx.loc("activity"),
                "the activity must be a literal ARN (it is the state's Resource)",
            ));
        }
    }),
    finish: Some(|_, mut params| params.remove("-")),
    iam: |ctx| {
        match ctx.str("kms_key_arn") {
        Some(key) => vec![
            Statement::allow(["kms:Decrypt", "kms:GenerateDataKey"], [key]).with_condition(json!({
                "StringEquals": {"kms:EncryptionContext:aws:states:activityArn": ctx.name_or_star("activity")}
            })),
        ],
        None => Vec::new(),
    }
    },
    lambda_retry: false,
};

fn activity_resource(ctx: &Ctx) -> Result<String, TaskError> {
    Ok(ctx.str("activity").unwrap_or_default().to_string())
}
