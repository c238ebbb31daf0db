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

/// A workflow and the Rust code of its tasks in one inline module.
///
/// The module holds ordinary items, handler functions marked `#[sfn::lambda]` (or
/// `#[sfn::lambda(function = "name or ARN")]`) and exactly one `workflow! { NAME { .. } }`
/// graph, in which a `LambdaInvoke` state names a handler: `lambda_function: charge`. The
/// module gains `WORKFLOW` (the graph's `sfn::Workflow`) and `executor()`, which runs the
/// workflow locally through the real handlers. Described in `docs/dsl.md`.
///
/// (A function-like macro and an attribute cannot share the name `workflow` on stable Rust,
/// hence `workflow_module`.)
#[proc_macro_attribute]
pub fn workflow_module(attr: TokenStream, item: TokenStream) -> TokenStream {
    sfn_dsl::module::expand_module(attr.into(), item.into()).into()
}

/// Marks a handler function of a `#[sfn::workflow_module]` module. The module's attribute
/// reads and removes it; anywhere else it is an error (the item is kept as written).
#[proc_macro_attribute]
pub fn lambda(_attr: TokenStream, item: TokenStream) -> TokenStream {
    sfn_dsl::module::stray_marker(item.into()).into()
}
