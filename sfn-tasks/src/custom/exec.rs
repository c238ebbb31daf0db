//! Local runs: a handler for every state of a custom task type, by its resources.

use super::task::Task;
use crate::spec::Pattern;
use serde_json::Value;
use sfn_runtime::exec::{Executor, TaskContext, TaskFailure};
use std::sync::Arc;

/// Registers handlers for custom task types on an [`Executor`].
pub trait OnTask: Sized {
    /// Runs `handler` for every Task state whose `Resource` is one of `T`'s (one per
    /// supported pattern). It is registered by resource: a state handler
    /// (`on_state`) or a mock configuration still takes precedence, and two types with the
    /// same resource share one handler (the last registered).
    fn on_task<T: Task, F>(self, handler: F) -> Self
    where
        F: Fn(&Value, &TaskContext) -> Result<Value, TaskFailure> + Send + Sync + 'static;
}

impl OnTask for Executor {
    fn on_task<T: Task, F>(mut self, handler: F) -> Self
    where
        F: Fn(&Value, &TaskContext) -> Result<Value, TaskFailure> + Send + Sync + 'static,
    {
        let handler = Arc::new(handler);
        for pattern in [
            Pattern::RequestResponse,
            Pattern::RunJob,
            Pattern::WaitForTaskToken,
        ] {
            let resource = T::SPEC.resource(pattern);
            if T::SPEC.supports(pattern) && !resource.is_empty() {
                let handler = Arc::clone(&handler);
                self = self.on_resource(resource, move |input, ctx| handler(input, ctx));
            }
        }
        self
    }
}
