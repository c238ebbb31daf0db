//! The workflows of this crate. The module is compiled twice: into the library (so code and
//! tests can run the workflows) and into `build.rs` (which writes the deployable files).

use sfn::workflow;

workflow! {
    /// Resizes an uploaded image, records it, and reports failures to a queue.
    #[timeout = 15min]
    pub IMAGE_PIPELINE {
        #[retry(errors = ["Lambda.TooManyRequestsException"], interval = 2s, max_attempts = 4, backoff_rate = 2.0)]
        #[catch(errors = ["States.ALL"], result_path = $.error, next = ReportFailure)]
        Resize: LambdaInvoke {
            lambda_function: "${ResizeFunctionArn}",
            payload: { "bucket": $.bucket, "key": $.key },
            result_selector: { "thumbnail": $.Payload.thumbnail },
            result_path: $.resized,
        } -> Record,

        Record: DynamoPutItem {
            table: "${ImagesTable}",
            item: { "pk": { "S": $.key }, "thumbnail": { "S": $.resized.thumbnail } },
            result_path: null,
        } -> end,

        ReportFailure: SqsSendMessage {
            queue: "${FailureQueueUrl}",
            queue_arn: "${FailureQueueArn}",
            message_body: $.error,
        } -> Failed,

        Failed: Fail { error: "ImagePipelineFailed", cause: "see the failure queue" },
    }
}
