//! The `examples/orders` crate: a workflow and its Rust Lambda handlers in one
//! `#[sfn::workflow_module]` module ([`orders`]), served by the `orders-lambda` binary and
//! emitted as deployable files by `build.rs`.

mod flow;

pub use flow::orders;
