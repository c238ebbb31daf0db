//! The generic engine: checks and renders any task class from its [`TaskSpec`].
//!
//! [`TaskSpec`]: crate::spec::TaskSpec

pub mod arn;
mod checks;
mod ctx;
mod render;
pub mod suggest;
pub mod token;
mod value;

pub use checks::unsupported_pattern;
pub use ctx::{Ctx, member};
pub use render::{lambda_retry, render_spec};
pub use value::{Out, Rcx, place, put, whole_object};
