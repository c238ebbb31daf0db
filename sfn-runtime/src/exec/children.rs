//! The histories of a distributed Map's child executions. The service keeps them apart
//! from the parent's (each child has its own history and quota); they are kept here too,
//! so a test or the execution view can see what each item did.

use super::history::{HistoryEvent, MAX_EVENTS};

/// Child-execution events kept per execution at most; past this, children still run but
/// their histories are dropped (so a Map of a million items stays bounded in memory).
pub(crate) const MAX_CHILD_EVENTS: usize = 4 * MAX_EVENTS;

/// One child execution of a distributed Map.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildExecution {
    /// The Map state that started it.
    pub map_state: String,
    /// The item's index.
    pub index: usize,
    /// Whether it succeeded.
    pub succeeded: bool,
    /// The error name and cause, when it failed.
    pub error: Option<String>,
    /// The cause, when it failed and one was given.
    pub cause: Option<String>,
    /// Its events, numbered from 1 in the child (no `ExecutionStarted`: they start at the
    /// processor's first state).
    pub history: Vec<HistoryEvent>,
}
