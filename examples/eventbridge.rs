//! Amazon EventBridge (`EventBridgePutEvents`, `EventBridgeSchedulerCreateScheduleTask`): put
//! events on a custom bus and on the default bus, then create an EventBridge Scheduler
//! schedule that sends to an SQS queue every five minutes. The local run plays EventBridge.
//!
//! Mirrors the CDK conformance case `eventbridge-put-events-imported` (first entry of
//! `SendAnEventToEventBridge`); the schedule follows the README's scheduler example.
//!
//! ```sh
//! cargo run --example eventbridge
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Announces a run, then schedules a reminder.
    pub EVENTBRIDGE {
        SendAnEventToEventBridge: EventBridgePutEvents {
            entries: [
                {
                    "detail": { "Message": "Hello from Step Functions!" },
                    "event_bus": "arn:aws:events:us-east-1:123456789012:event-bus/MyEventBus1",
                    "detail_type": "MessageFromStepFunctions",
                    "source": "step.functions",
                },
                // No bus: the account's default bus.
                {
                    "detail": $.order,
                    "detail_type": "OrderReceived",
                    "source": "shop.orders",
                },
            ],
            result_path: $.events,
        } -> CreateSchedule,

        CreateSchedule: EventBridgeSchedulerCreateScheduleTask {
            schedule_name: "TestSchedule",
            action_after_completion: none,
            client_token: "testToken",
            description: "TestDescription",
            start_date: "2030-01-01T00:00:00Z",
            end_date: "2030-01-01T01:00:00Z",
            flexible_time_window: 5min,
            group_name: "my-schedule-group",
            schedule: 5min,
            timezone: "UTC",
            enabled: true,
            target: {
                "arn": "arn:aws:sqs:us-east-1:123456789012:TargetQueue",
                "role": "arn:aws:iam::123456789012:role/SchedulerRole",
                "retry_policy": { "maximum_retry_attempts": 2, "maximum_event_age": 5min },
                "dead_letter_queue": "arn:aws:sqs:us-east-1:123456789012:DeadLetterQueue",
            },
            result_path: $.schedule,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", EVENTBRIDGE.definition_pretty());
    println!("== IAM policy\n{}\n", EVENTBRIDGE.policy_pretty());

    let executor = EVENTBRIDGE
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::events:putEvents", |p, _| {
                let count = p["Entries"].as_array().map_or(0, Vec::len);
                Ok(json!({"FailedEntryCount": 0, "Entries": vec![json!({"EventId": "e"}); count]}))
            })
            .on_resource("arn:aws:states:::aws-sdk:scheduler:createSchedule", |p, _| {
                Ok(json!({"ScheduleArn": format!("arn:aws:scheduler:us-east-1:123456789012:schedule/{}", p["Name"].as_str().unwrap_or("?"))}))
            })
        })
        .unwrap_or_else(|e| panic!("EVENTBRIDGE is a valid state machine: {e}"));
    let execution = executor.run(json!({"order": {"id": 7}}));
    println!("== Local run: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
