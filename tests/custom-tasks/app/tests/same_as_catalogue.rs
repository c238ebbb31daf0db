//! One mechanism, proven: three catalogue classes written again as custom types
//! (`sfn-custom-tasks-defs`) render the same ASL and the same policy as the built-in ones.
//! The built-in classes are themselves compared with what the real AWS CDK synthesizes
//! (`tests/conformance/cdk/`), so this ties the derived types to CDK's output too.

use sfn::workflow;
use sfn_custom_tasks_defs as derived;

/// Both workflows' definitions and policies, byte for byte.
fn same(builtin: &sfn::Workflow, custom: &sfn::Workflow) {
    assert_eq!(builtin.definition(), custom.definition());
    assert_eq!(builtin.policy(), custom.policy());
    // The statements are not empty by accident.
    assert!(
        custom.policy().contains("\"Action\""),
        "{}",
        custom.policy()
    );
}

workflow! {
    SQS_BUILTIN {
        Send: SqsSendMessage {
            queue: "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
            message_body: { "order": $.order, "n": 1 },
            delay: 30s,
            message_group_id: $.group,
        } -> Callback,
        Callback: SqsSendMessage {
            queue: "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
            message_body: { "token": $$.Task.Token },
            pattern: wait_for_task_token,
        } -> end,
    }
    SQS_DERIVED {
        Send: derived::SendMessage {
            queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
            queue_arn: "arn:aws:sqs:us-east-1:123456789012:orders",
            message_body: { "order": $.order, "n": 1 },
            delay: 30s,
            message_group_id: $.group,
        } -> Callback,
        Callback: derived::SendMessage {
            queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/approvals",
            queue_arn: "arn:aws:sqs:us-east-1:123456789012:approvals",
            message_body: { "token": $$.Task.Token },
            pattern: wait_for_task_token,
        } -> end,
    }
}

#[test]
fn sqs_send_message() {
    same(&SQS_BUILTIN, &SQS_DERIVED);
    assert!(
        SQS_DERIVED
            .definition()
            .contains("sqs:sendMessage.waitForTaskToken")
    );
}

workflow! {
    #[query_language = jsonata]
    SQS_JSONATA_BUILTIN {
        Send: SqsSendMessage {
            queue: "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
            message_body: "{% $states.input.order %}",
        } -> end,
    }
    #[query_language = jsonata]
    SQS_JSONATA_DERIVED {
        Send: derived::SendMessage {
            queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
            queue_arn: "arn:aws:sqs:us-east-1:123456789012:orders",
            message_body: "{% $states.input.order %}",
        } -> end,
    }
}

#[test]
fn sqs_send_message_in_a_jsonata_state() {
    same(&SQS_JSONATA_BUILTIN, &SQS_JSONATA_DERIVED);
    assert!(SQS_JSONATA_DERIVED.definition().contains("\"Arguments\""));
}

workflow! {
    LAMBDA_BUILTIN {
        #[retry(errors = ["States.Timeout"], interval = 3s, max_attempts = 2)]
        #[catch(errors = ["States.ALL"], result_path = $.error, next = Failed)]
        Charge: LambdaInvoke {
            lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:charge",
            payload: { "amount": $.amount },
            invocation_type: request_response,
            result_selector: { "receipt": $.Payload.receipt },
            result_path: $.payment,
            timeout: 30s,
        } -> Approve,
        Approve: LambdaInvoke {
            lambda_function: $.approver,
            payload: { "token": $$.Task.Token, "order": $.order },
            pattern: wait_for_task_token,
            heartbeat: 60s,
        } -> end,
        Failed: Fail { error: "ChargeFailed" },
    }
    LAMBDA_DERIVED {
        #[retry(errors = ["States.Timeout"], interval = 3s, max_attempts = 2)]
        #[catch(errors = ["States.ALL"], result_path = $.error, next = Failed)]
        Charge: derived::Invoke {
            lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:charge",
            payload: { "amount": $.amount },
            invocation_type: request_response,
            result_selector: { "receipt": $.Payload.receipt },
            result_path: $.payment,
            timeout: 30s,
        } -> Approve,
        Approve: derived::Invoke {
            lambda_function: $.approver,
            payload: { "token": $$.Task.Token, "order": $.order },
            pattern: wait_for_task_token,
            heartbeat: 60s,
        } -> end,
        Failed: Fail { error: "ChargeFailed" },
    }
}

#[test]
fn lambda_invoke_with_its_default_retry_and_token_rule() {
    same(&LAMBDA_BUILTIN, &LAMBDA_DERIVED);
    // CDK's Lambda retrier first, then the user's.
    let definition = LAMBDA_DERIVED.to_value();
    let retry = &definition["States"]["Charge"]["Retry"];
    assert_eq!(
        retry[0]["ErrorEquals"][0],
        "Lambda.ClientExecutionTimeoutException"
    );
    assert_eq!(retry[1]["ErrorEquals"][0], "States.Timeout");
    // A function known only at run time: `*` (and `*:*` folds into it).
    assert!(
        LAMBDA_DERIVED.policy().contains("\"*\""),
        "{}",
        LAMBDA_DERIVED.policy()
    );
}

workflow! {
    GLUE_BUILTIN {
        Start: GlueStartJobRun {
            glue_job_name: "nightly-etl",
            arguments: { "--day": $.day },
            execution_class: flex,
            pattern: run_job,
        } -> Again,
        Again: GlueStartJobRun { glue_job_name: $.job } -> end,
    }
    GLUE_DERIVED {
        Start: derived::StartJobRun {
            glue_job_name: "nightly-etl",
            arguments: { "--day": $.day },
            execution_class: flex,
            pattern: run_job,
        } -> Again,
        Again: derived::StartJobRun { glue_job_name: $.job } -> end,
    }
}

#[test]
fn glue_start_job_run_sync() {
    same(&GLUE_BUILTIN, &GLUE_DERIVED);
    assert!(GLUE_DERIVED.definition().contains("glue:startJobRun.sync"));
    assert!(
        GLUE_DERIVED
            .definition()
            .contains("\"ExecutionClass\":\"FLEX\"")
    );
    // A job named at run time: `job/*`, as CDK writes it.
    assert!(
        GLUE_DERIVED.policy().contains("job/*"),
        "{}",
        GLUE_DERIVED.policy()
    );
}

workflow! {
    MIXED_BUILTIN {
        A: LambdaInvoke { lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:f", payload: {} } -> B,
        B: SqsSendMessage { queue: "arn:aws:sqs:us-east-1:123456789012:q", message_body: "hi" } -> C,
        C: LambdaInvoke { lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:g", payload: {} } -> end,
    }
    MIXED_DERIVED {
        A: derived::Invoke { lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:f", payload: {} } -> B,
        B: SqsSendMessage { queue: "arn:aws:sqs:us-east-1:123456789012:q", message_body: "hi" } -> C,
        C: derived::Invoke { lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:g", payload: {} } -> end,
    }
}

#[test]
fn custom_and_catalogue_statements_merge_into_one_policy() {
    same(&MIXED_BUILTIN, &MIXED_DERIVED);
    // The two functions' grants share one statement, as the catalogue's do.
    assert_eq!(
        MIXED_DERIVED
            .policy()
            .matches("lambda:InvokeFunction")
            .count(),
        1
    );
}

/// A `Workflow` with custom states is still a constant.
const DEFINITION_LEN: usize = LAMBDA_DERIVED.definition().len();

#[test]
fn the_workflow_is_a_constant() {
    assert_eq!(DEFINITION_LEN, LAMBDA_BUILTIN.definition().len());
}
