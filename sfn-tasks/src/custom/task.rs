//! The trait a `#[derive(sfn::Task)]` implements: the whole description of the task type as
//! one associated const, read by the `workflow!` expansion in `const` items.

use super::field::FieldInfo;
use crate::spec::Pattern;

/// A task type usable in `workflow!` like a catalogue class: `State: path::Type { .. }`.
/// Implemented by `#[derive(sfn::Task)]`; see `docs/tasks.md`.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a task type",
    label = "not a task type",
    note = "derive it on a struct: `#[derive(sfn::Task)] #[task(resource = \"arn:aws:states:::..\")] struct ..`"
)]
pub trait Task {
    /// The companion type whose associated consts describe the fields, one per field,
    /// named like the fields.
    type Fields;
    /// Everything else.
    const SPEC: Spec;
}

/// The description of a custom task type.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// The type's name, for messages.
    pub name: &'static str,
    /// The `Resource` for each pattern (request/response, run-job, wait-for-task-token);
    /// empty for a pattern the type does not support.
    pub resources: [&'static str; 3],
    /// The supported patterns.
    pub patterns: &'static [Pattern],
    /// The pattern used when `pattern` is not written.
    pub default_pattern: Pattern,
    /// The fields, in declaration order (the order of the rendered parameters).
    pub fields: &'static [FieldInfo],
    /// The field that must carry the task token under `wait_for_task_token`.
    pub token_field: Option<usize>,
    /// Whether the type may be used in a JSONPath state.
    pub jsonpath: bool,
    /// Whether the type may be used in a JSONata state (it then renders `Arguments`).
    pub jsonata: bool,
    /// The default Retry entries (compact JSON, without the brackets), or `""`.
    pub retry: &'static str,
    /// The IAM statements.
    pub iam: &'static [StatementTemplate],
}

impl Spec {
    /// The `Resource` under `pattern` (empty when unsupported).
    pub const fn resource(&self, pattern: Pattern) -> &'static str {
        self.resources[pattern_index(pattern)]
    }

    /// Whether `pattern` is supported.
    pub const fn supports(&self, pattern: Pattern) -> bool {
        let mut i = 0;
        while i < self.patterns.len() {
            if pattern_index(self.patterns[i]) == pattern_index(pattern) {
                return true;
            }
            i += 1;
        }
        false
    }
}

/// 0, 1, 2 for request/response, run-job, wait-for-task-token.
pub const fn pattern_index(pattern: Pattern) -> usize {
    match pattern {
        Pattern::RequestResponse => 0,
        Pattern::RunJob => 1,
        Pattern::WaitForTaskToken => 2,
    }
}

/// An IAM statement of a custom task type, its resources templates over field values.
#[derive(Clone, Copy, Debug)]
pub struct StatementTemplate {
    /// The patterns under which it applies; empty: all.
    pub patterns: &'static [Pattern],
    /// The actions.
    pub actions: &'static [&'static str],
    /// The resources, each a sequence of literal text and field values.
    pub resources: &'static [&'static [Seg]],
}

/// A part of a resource template.
#[derive(Clone, Copy, Debug)]
pub enum Seg {
    /// Literal text.
    Lit(&'static str),
    /// The literal value of the field at this index; `*` when it is known only at run time
    /// (a path, an intrinsic or JSONata) or left out.
    Field(usize),
}

/// A field as written in one state, rendered by the macro.
#[derive(Clone, Copy, Debug)]
pub struct Given {
    /// The field.
    pub field: FieldInfo,
    /// The value.
    pub value: GivenValue,
    /// Whether the value passes the task token on (`$$.Task.Token`).
    pub token: bool,
}

/// A written value, as the macro rendered it.
#[derive(Clone, Copy, Debug)]
pub enum GivenValue {
    /// A JSON value to write as is (number, boolean, null, object, array, JSONata string).
    Json(&'static str),
    /// A path or intrinsic call (its JSON string); the key gets `.$` in a JSONPath state.
    Expr(&'static str),
    /// A string literal: (its text, its JSON). An enum field maps the text to its ASL value.
    Str(&'static str, &'static str),
    /// A bare word: an enum field's word.
    Word(&'static str),
}

impl GivenValue {
    /// The literal text of the value for an IAM template (enum words mapped), if it is one.
    pub const fn literal(&self, field: &FieldInfo) -> Option<&'static str> {
        match *self {
            GivenValue::Str(text, _) | GivenValue::Word(text) => match word_value(field, text) {
                Some(asl) => Some(asl),
                None if field.words.is_empty() => Some(text),
                None => None,
            },
            _ => None,
        }
    }
}

/// The ASL value of an enum field's word (or of its ASL value written as a string).
pub const fn word_value(field: &FieldInfo, text: &str) -> Option<&'static str> {
    let mut i = 0;
    while i < field.words.len() {
        let (word, asl) = field.words[i];
        if super::text::eq(word, text) || super::text::eq(asl, text) {
            return Some(asl);
        }
        i += 1;
    }
    None
}
