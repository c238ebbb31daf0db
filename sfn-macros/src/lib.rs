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

/// Describes a task type usable in `workflow!` by path, checked like a catalogue class.
///
/// See `docs/tasks.md`: `#[task(resource = "..", patterns(..), rename_all = "..", token = field,
/// iam(actions(..), resources(..)), retry = "..", query_languages(..))]` on the struct,
/// `#[task(rename = "..")]` / `#[task(skip)]` on fields; field types carry the value kinds.
#[proc_macro_derive(Task, attributes(task))]
pub fn derive_task(input: TokenStream) -> TokenStream {
    sfn_dsl::custom::derive::derive_task(input.into()).into()
}

/// Makes a unit-variant enum a field kind of custom task types: `workflow!` takes the
/// variant's snake_case word (`high`) and writes its ASL value (`#[task(rename_all = "..")]`).
#[proc_macro_derive(TaskEnum, attributes(task))]
pub fn derive_task_enum(input: TokenStream) -> TokenStream {
    sfn_dsl::custom::derive::derive_task_enum(input.into()).into()
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
