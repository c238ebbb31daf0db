//! Procedural macros of sfn. Entry points only: the work is done by `sfn-dsl`, ordinary
//! library code that tests and benchmarks call without a compiler.

use proc_macro::TokenStream;

/// Declares one or more AWS Step Functions state machines, checked at compile time.
///
/// See the `sfn` crate for the language.
#[proc_macro]
pub fn workflow(input: TokenStream) -> TokenStream {
    sfn_dsl::expand(input.into()).into()
}
