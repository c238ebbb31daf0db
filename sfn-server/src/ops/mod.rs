//! The operations, one file per resource: each takes its request (members as the service
//! model names them) and returns the response members or the service's error.

pub mod activities;
pub mod aliases;
pub mod executions;
pub mod history;
pub mod machines;
pub mod redrive;
pub mod tags;
pub mod tasks;
pub mod test_state;
pub mod validate;
pub mod versions;
