//! AWS Step Functions (`StepFunctionsStartExecution`, `StepFunctionsInvokeActivity`): start a
//! child state machine tied to the parent, start one with the callback pattern, and hand work
//! to an activity worker. The local run plays the child (it completes the task token from
//! another thread) and the activity worker.
//!
//! Mirrors the CDK conformance cases `sfn-start-execution-associate-with-parent`,
//! `sfn-start-execution-callback` and `sfn-invoke-activity-parameters-imported`.
//!
//! ```sh
//! cargo run --example step_functions
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Runs a child workflow twice, then asks an activity worker for the details it needs.
    pub PARENT {
        // `associate_with_parent` passes `$$.Execution.Id` so the console links the two runs.
        ChildTask: StepFunctionsStartExecution {
            state_machine: "arn:aws:states:us-east-1:123456789012:stateMachine:ChildStateMachine",
            associate_with_parent: true,
            result_path: $.child,
        } -> ChildWithCallback,

        // The child gets the task token and calls SendTaskSuccess with it when done.
        ChildWithCallback: StepFunctionsStartExecution {
            state_machine: "arn:aws:states:us-east-1:123456789012:stateMachine:ChildStateMachine",
            pattern: wait_for_task_token,
            input: { "token": $$.Task.Token, "foo": "bar" },
            name: "MyExecutionName",
            result_path: $.callback,
        } -> SubmitJob,

        SubmitJob: StepFunctionsInvokeActivity {
            activity: "arn:aws:states:us-east-1:123456789012:activity:SubmitJob",
            parameters: {
                "comment": "Selecting what I care about.",
                "MyDetails": {
                    "size": $.product.details.size,
                    "exists": $.product.availability,
                    "StaticValue": "foo",
                },
            },
            result_path: $.job,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", PARENT.definition_pretty());
    println!("== IAM policy\n{}\n", PARENT.policy_pretty());

    let executor = PARENT
        .executor()
        .and_then(|e| {
            e.on_state("ChildTask", |params, _| {
                Ok(json!({"ExecutionArn": "arn:child:1", "Input": params["Input"]}))
            })
        })
        .and_then(|e| {
            e.on_state("ChildWithCallback", |params, ctx| {
                let token = ctx.task_token().cloned();
                let child_input = params["Input"]["foo"].clone();
                // The child finishes later, elsewhere: the parent waits for the token.
                std::thread::spawn(move || {
                    if let Some(token) = token {
                        token.send_success(json!({"childSaw": child_input}));
                    }
                });
                Ok(json!({"ExecutionArn": "arn:child:2"}))
            })
        })
        .and_then(|e| {
            e.on_state("SubmitJob", |params, _| {
                Ok(json!({"accepted": params["MyDetails"]["size"]}))
            })
        })
        .unwrap_or_else(|e| panic!("the handlers name task states of PARENT: {e}"));
    let input = json!({"product": {"details": {"size": "XL"}, "availability": true}});
    let execution = executor.run(input);
    println!("== Local run: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
