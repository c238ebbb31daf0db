//! Procedural macros of sfn. Entry points only: the work is done by `sfn-dsl`, ordinary
//! library code that tests and benchmarks call without a compiler.

use proc_macro::TokenStream;

/// Declares one or more AWS Step Functions state machines, checked at compile time.
///
/// Each `NAME { states }` becomes `const NAME: ::sfn::Workflow` holding the ASL definition,
/// the IAM policy and the `${Name}` substitutions. Every mistake is a compile error at the
/// token that is wrong. The language is described in `docs/dsl.md`.
///
/// ```text
/// sfn::workflow! {
///     /// Waits, then succeeds.
///     #[timeout = 1h]
///     pub FLOW {
///         #[retry(errors = ["States.Timeout"], interval = 2s, max_attempts = 3)]
///         Call: LambdaInvoke { lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:f" } -> Route,
///         Route: Choice {
///             $.Payload.ready == true => Done,
///             _ => Sleep,
///         },
///         Sleep: Wait { seconds: 30s } -> Call,
///         Done: Succeed,
///     }
/// }
/// ```
#[proc_macro]
pub fn workflow(input: TokenStream) -> TokenStream {
    sfn_dsl::expand(input.into()).into()
}
