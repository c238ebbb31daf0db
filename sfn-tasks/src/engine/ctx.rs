//! The view of a call that class hooks (checks, resource, finish, IAM) work with.

use super::value::Rcx;
use crate::model::{Loc, TaskCall, TaskField, TaskValue};
use crate::spec::{Pattern, TaskSpec};

/// What a class's hooks see: the call, its spec and the resolved pattern.
pub struct Ctx<'a> {
    /// The call being rendered.
    pub call: &'a TaskCall,
    /// Its class description.
    pub spec: &'static TaskSpec,
    /// The integration pattern (given or the class default).
    pub pattern: Pattern,
    /// Whether `pattern` was written by the user.
    pub pattern_explicit: bool,
    /// The render context.
    pub rcx: Rcx,
}

impl<'a> Ctx<'a> {
    /// The field named `name`, if given.
    pub fn field(&self, name: &str) -> Option<&'a TaskField> {
        self.call.fields.iter().find(|f| f.name == name)
    }

    /// The value of `name`, if given.
    pub fn value(&self, name: &str) -> Option<&'a TaskValue> {
        self.field(name).map(|f| &f.value)
    }

    /// The literal string value of `name`.
    pub fn str(&self, name: &str) -> Option<&'a str> {
        self.value(name).and_then(TaskValue::as_str)
    }

    /// The text of `name`: a literal string or the source of a path/intrinsic/JSONata.
    pub fn text(&self, name: &str) -> Option<&'a str> {
        match self.value(name)? {
            TaskValue::Str(s)
            | TaskValue::Path(s)
            | TaskValue::Intrinsic(s)
            | TaskValue::Jsonata(s)
            | TaskValue::Ident(s) => Some(s),
            _ => None,
        }
    }

    /// True when `name` is given as a path, intrinsic or JSONata expression.
    pub fn is_expr(&self, name: &str) -> bool {
        self.value(name).is_some_and(TaskValue::is_expression)
    }

    /// A literal string of `name`, or `"*"` when it is an expression or absent: the IAM
    /// resource part CDK uses for values only known at run time.
    pub fn name_or_star(&self, name: &str) -> &'a str {
        self.str(name).unwrap_or("*")
    }

    /// The location of the value of `name`, or of the class name when absent.
    pub fn loc(&self, name: &str) -> Loc {
        self.field(name)
            .map(|f| f.value_loc)
            .unwrap_or(self.call.class_loc)
    }

    /// The location of the name `name` (for a field that should not be there at all), or of
    /// the class name when absent.
    pub fn key_loc(&self, name: &str) -> Loc {
        self.field(name)
            .map(|f| f.name_loc)
            .unwrap_or(self.call.class_loc)
    }

    /// A literal number of `name`.
    pub fn num(&self, name: &str) -> Option<f64> {
        match self.value(name)? {
            TaskValue::Number(n) => n.as_f64(),
            _ => None,
        }
    }

    /// A literal boolean of `name`.
    pub fn bool(&self, name: &str) -> Option<bool> {
        match self.value(name)? {
            TaskValue::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// A duration of `name`, in seconds.
    pub fn secs(&self, name: &str) -> Option<u64> {
        match self.value(name)? {
            TaskValue::DurationSecs(s) => Some(*s),
            _ => None,
        }
    }

    /// True when `name` is given.
    pub fn has(&self, name: &str) -> bool {
        self.field(name).is_some()
    }

    /// Whether the state renders JSONata `Arguments`.
    pub fn jsonata(&self) -> bool {
        self.rcx.jsonata
    }
}

/// A member of an object value: (value, location of the key).
pub fn member<'v>(value: &'v TaskValue, key: &str) -> Option<(&'v TaskValue, Loc)> {
    match value {
        TaskValue::Object(members) => members
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, loc, v)| (v, *loc)),
        _ => None,
    }
}
