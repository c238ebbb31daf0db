//! Amazon Bedrock (`BedrockInvokeModel`): prompt a foundation model for names, then ask it
//! again through a guardrail with the first answer in the prompt. The local run plays the model.
//!
//! Mirrors the CDK conformance case `bedrock-invoke-model` (state `PromptModel`); the second
//! state follows the README's guardrail example.
//!
//! ```sh
//! cargo run --example bedrock
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Generates names, then a story about them.
    pub BEDROCK {
        // A bare model id becomes the foundation-model ARN of the stack's region.
        PromptModel: BedrockInvokeModel {
            model: "amazon.titan-text-express-v1",
            body: {
                "inputText": "Generate a list of five first names.",
                "textGenerationConfig": { "maxTokenCount": 100, "temperature": 1 },
            },
            result_selector: { "names": $.Body.results[0].outputText },
            result_path: $.prompt,
        } -> TellStory,

        TellStory: BedrockInvokeModel {
            model: "amazon.titan-text-express-v1",
            body: {
                "inputText": States.Format("Write a short story about {}.", $.prompt.names),
                "textGenerationConfig": { "maxTokenCount": 500, "temperature": 0.7 },
            },
            guardrail: { "identifier": "guardrailid", "version": 1 },
            result_selector: { "story": $.Body.results[0].outputText },
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", BEDROCK.definition_pretty());
    println!("== IAM policy\n{}\n", BEDROCK.policy_pretty());

    let executor = BEDROCK
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::bedrock:invokeModel", |params, _| {
                let prompt = params["Body"]["inputText"].as_str().unwrap_or_default();
                let text = if prompt.starts_with("Generate") {
                    "Ada, Grace, Alan, Barbara, Edsger".to_owned()
                } else {
                    format!("Once upon a time... ({prompt})")
                };
                Ok(json!({"Body": {"results": [{"outputText": text}]}}))
            })
        })
        .unwrap_or_else(|e| panic!("BEDROCK is a valid state machine: {e}"));
    let execution = executor.run(json!({}));
    println!("== Local run: {:?}", execution.status);
    println!("   output: {}", execution.output.unwrap_or_default());
}
