//! What the validator reports: [`Diagnostic`], [`Severity`], [`JsonError`], and JSON
//! pointers.

use std::fmt;

/// How bad a diagnostic is, as ValidateStateMachineDefinition grades its diagnostics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    /// The service refuses the definition (CreateStateMachine fails with
    /// `InvalidDefinition`).
    Error,
    /// The service accepts the definition, but it is almost surely a mistake (it fails at
    /// run time, or never does what it says).
    Warning,
}

impl Severity {
    /// `error` or `warning`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }

    /// `ERROR` or `WARNING`: the service's spelling (ValidateStateMachineDefinition).
    pub fn service_name(self) -> &'static str {
        match self {
            Severity::Error => "ERROR",
            Severity::Warning => "WARNING",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem in a definition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// RFC 6901 JSON pointer to the offending value (`""` is the whole document).
    /// A missing field is reported at the object that lacks it.
    pub pointer: String,
    /// Stable rule code (`"next-unknown-state"`); see [`super::rules`].
    pub code: &'static str,
    /// Error (the service refuses) or warning (accepted, almost surely a mistake); the
    /// rule's [`super::Rule::severity`].
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when the fix is obvious (`did you mean \`ProcessOrder\`?`).
    pub hint: Option<String>,
    /// Byte offset inside the string at `pointer`, for path, intrinsic and JSONata syntax.
    pub offset: Option<usize>,
}

impl fmt::Display for Diagnostic {
    /// `POINTER: CODE: message (hint)`, the pointer shown as `/` for the document itself;
    /// a warning says so before its code (`POINTER: warning: CODE: message`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        if self.severity == Severity::Warning {
            write!(f, "{pointer}: warning: {}: {}", self.code, self.message)?;
        } else {
            write!(f, "{pointer}: {}: {}", self.code, self.message)?;
        }
        if let Some(offset) = self.offset {
            write!(f, " (at byte {offset})")?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "; {hint}")?;
        }
        Ok(())
    }
}

/// The text given to [`super::validate_str`] is not JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonError {
    /// 1-based line of the problem.
    pub line: usize,
    /// 1-based column of the problem.
    pub column: usize,
    /// What the JSON reader expected.
    pub message: String,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for JsonError {}

impl From<serde_json::Error> for JsonError {
    fn from(e: serde_json::Error) -> Self {
        // serde_json appends " at line L column C" to its message; the position is kept in
        // its own fields, so the suffix is dropped to avoid saying it twice.
        let text = e.to_string();
        let message = match text.rfind(" at line ") {
            Some(cut) => text[..cut].to_owned(),
            None => text,
        };
        JsonError {
            line: e.line(),
            column: e.column(),
            message,
        }
    }
}

/// `parent` + `/` + `key` with `~` and `/` escaped as RFC 6901 says: the pointer of member
/// `key` of the value at `parent` (`child("/States", "a/b")` is `/States/a~1b`).
pub fn child(parent: &str, key: &str) -> String {
    let mut out = String::with_capacity(parent.len() + key.len() + 1);
    out.push_str(parent);
    out.push('/');
    // Most keys need no escape, and every object of a definition gets a pointer.
    if !key.contains(['~', '/']) {
        out.push_str(key);
        return out;
    }
    for c in key.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// `parent` + `/` + `index`.
pub(crate) fn item(parent: &str, index: usize) -> String {
    format!("{parent}/{index}")
}

/// The reference tokens of a pointer, unescaped.
pub(crate) fn tokens(pointer: &str) -> impl Iterator<Item = String> + '_ {
    pointer
        .split('/')
        .skip(1)
        .map(|t| t.replace("~1", "/").replace("~0", "~"))
}

/// Collects the diagnostics of one rule: every diagnostic carries the rule's code.
pub(crate) struct Sink<'o> {
    pub(crate) code: &'static str,
    pub(crate) severity: Severity,
    pub(crate) out: &'o mut Vec<Diagnostic>,
}

impl Sink<'_> {
    /// Reports `message` at `pointer`.
    pub(crate) fn emit(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.push(pointer.into(), message.into(), None, None);
    }

    /// Reports `message` at `pointer` with a hint.
    pub(crate) fn emit_hint(
        &mut self,
        pointer: impl Into<String>,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        self.push(pointer.into(), message.into(), hint, None);
    }

    /// Reports a syntax problem at byte `offset` of the string at `pointer`.
    pub(crate) fn emit_at(
        &mut self,
        pointer: impl Into<String>,
        message: impl Into<String>,
        offset: Option<usize>,
    ) {
        self.push(pointer.into(), message.into(), None, offset);
    }

    fn push(
        &mut self,
        pointer: String,
        message: String,
        hint: Option<String>,
        offset: Option<usize>,
    ) {
        self.out.push(Diagnostic {
            pointer,
            code: self.code,
            severity: self.severity,
            message,
            hint,
            offset,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_escapes_tilde_and_slash_and_round_trips() {
        let p = child(&child("", "States"), "a/b~c");
        assert_eq!(p, "/States/a~1b~0c");
        let back: Vec<String> = tokens(&p).collect();
        assert_eq!(back, ["States", "a/b~c"]);
    }

    #[test]
    fn json_error_keeps_position_once() {
        let e = serde_json::from_str::<serde_json::Value>("{\n  \"a\": ,\n}").unwrap_err();
        let j = JsonError::from(e);
        assert_eq!((j.line, j.column), (2, 8));
        assert!(!j.message.contains("line"), "{}", j.message);
    }
}
