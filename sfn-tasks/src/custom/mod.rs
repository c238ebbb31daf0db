//! User-defined task types: `#[derive(sfn::Task)]` describes a task on a struct, and
//! `workflow!` uses it by path like a catalogue class (`Audit: audit::PublishAudit { .. }`).
//!
//! A function-like macro cannot read another item's definition, so the derive publishes
//! the description as the associated consts of [`Task`] and the `workflow!` expansion
//! reads them in `const` items at the use site:
//!
//! * each written field is named as an associated const of [`Task::Fields`] with the user's
//!   token, so rustc reports an unknown field there (with its "similar name" help);
//! * each value goes through a `takes_*` function whose trait bound ([`kind`]) says whether
//!   the field's type accepts what was written, reported at the value;
//! * the pattern, required fields, the task token and the query language are checked by
//!   the `const fn`s of [`check`], their message raised as a compile error at the token;
//! * the definition and the policy are composed by [`render()`] and [`policy()`] into
//!   `const` text, so a `Workflow` stays a `const` with no run-time work.
//!
//! See `docs/tasks.md` for how to write one.

pub mod check;
mod exec;
mod field;
pub mod kind;
mod policy;
mod render;
mod task;
pub mod text;

pub use exec::OnTask;
pub use field::*;
pub use kind::{FieldKind, Json, Literal, Seconds, TaskEnum};
pub use policy::{CustomIam, Fixed, Grants, MAX_PARTS, atoms, policy};
pub use render::{Call, Piece, render};
pub use task::{Given, GivenValue, Seg, Spec, StatementTemplate, Task, pattern_index, word_value};
pub use text::Buf;

#[cfg(test)]
mod tests;
