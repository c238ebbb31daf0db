//! Workflows that use the custom task types of `sfn-custom-tasks-defs`, by path, from
//! another crate.

use sfn::workflow;
use sfn_custom_tasks_defs as tasks;

workflow! {
    /// Audits an order, then queues it.
    pub ORDER_AUDIT {
        #[retry(errors = ["States.Timeout"], interval = 1s, max_attempts = 2)]
        Audit: tasks::PublishAudit {
            channel_arn: "arn:aws:cloudtrail:us-east-1:123456789012:channel/audit",
            audit_events: [{ "id": "order", "eventData": "placed" }],
            external_id: $$.Execution.Id,
            result_path: null,
        } -> Queue,
        Queue: tasks::SendMessage {
            queue_url: "https://sqs.us-east-1.amazonaws.com/123456789012/orders",
            queue_arn: "arn:aws:sqs:us-east-1:123456789012:orders",
            message_body: { "order": $.order, "token": $$.Task.Token },
            pattern: wait_for_task_token,
            delay: 30s,
        } -> end,
    }
}
