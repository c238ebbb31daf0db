//! Typed model of the Amazon States Language (both query languages).
//!
//! The model mirrors ASL JSON one to one: every field of every state type, with the ASL key
//! names on the wire. It is read from JSON (an unknown field is an error, as the service
//! says), written back deterministically (fields in a fixed order, absent fields omitted), and
//! a round trip keeps the meaning. Paths, intrinsic calls and JSONata strings are kept as
//! their source text here; the validator and the executor parse them.
//!
//! Reading a document with [`StateMachine::from_json`] only checks its shape. Use
//! [`crate::validate`] for the rules of the language (with JSON pointers for every problem).
//!
//! ```
//! use sfn_runtime::asl::{StateMachine, State};
//!
//! let machine = StateMachine::from_json(r#"{
//!     "StartAt": "Hello",
//!     "States": { "Hello": { "Type": "Pass", "Result": "world", "End": true } }
//! }"#).unwrap();
//! assert!(matches!(machine.states["Hello"], State::Pass(_)));
//! assert_eq!(machine.to_value()["States"]["Hello"]["Result"], "world");
//! ```

mod choice;
mod error_handling;
mod machine;
mod map;
mod serde_util;
mod states;
pub mod timestamp;
mod values;

pub use choice::{ChoiceRule, Comparison, ComparisonOp, Condition, Operand};
pub use error_handling::{Catcher, JitterStrategy, Retrier};
pub use machine::{Branch, StateMachine, States};
pub use map::{
    ItemBatcher, ItemReader, Map, Processor, ProcessorConfig, ProcessorMode, ResultWriter,
};
pub use states::{Choice, Fail, Parallel, Pass, State, StateType, Succeed, Task, Transition, Wait};
pub use values::{ExecutionType, IntOrExpr, NumberOrExpr, QueryLanguage};
