//! One state machine definition to check, draw, run or import, and how pointers into it
//! map back to the text it was read from (a whole file, a value inside a template, or the
//! text of a template's `DefinitionString`).

use std::rc::Rc;

use serde_json::Value;
use sfn_runtime::WorkflowKind;
use sfn_runtime::validate::{self, Diagnostic, Options};

use super::super::report::{Location, Problem, Severity};
use super::super::source::Source;
use super::super::source::spans::StringForm;

/// Rules whose diagnostics are about a field's name (it is unknown, misplaced, excluded by
/// another, or written twice), so they are shown at the key rather than the value.
const KEY_RULES: &[&str] = &[
    "unknown-field",
    "field-not-allowed",
    "field-query-language",
    "exclusive-fields",
    "duplicate-key",
    "payload-duplicate-key",
    "variable-name",
];

/// A definition and where it came from.
pub struct Machine {
    /// The definition.
    pub value: Value,
    /// Keys written twice in it: (pointer of the object, key).
    pub duplicates: Vec<(String, String)>,
    /// The logical id of the template resource holding it.
    pub resource: Option<String>,
    /// The type the template gives it (`StateMachineType`, SAM's `Type`), if any.
    pub kind: Option<WorkflowKind>,
    pub(super) origin: Origin,
}

/// Where a definition's text is.
pub(super) enum Origin {
    /// The value at `prefix` of a document (`""`: the document is the definition).
    Value { source: Rc<Source>, prefix: String },
    /// A document of its own (a `DefinitionUri` file, or the text of a `DefinitionString`),
    /// optionally written inside a string of `outer` at pointer `at`; `exact` says whether
    /// the text is that string's value unchanged (so offsets map back).
    Text {
        inner: Source,
        outer: Option<(Rc<Source>, String)>,
        exact: bool,
    },
}

impl Machine {
    /// The name of the file the definition's positions refer to.
    pub fn file(&self) -> &str {
        match &self.origin {
            Origin::Value { source, .. } => &source.name,
            Origin::Text {
                outer: Some((outer, _)),
                ..
            } => &outer.name,
            Origin::Text { inner, .. } => &inner.name,
        }
    }

    /// A name for the machine in messages and for `run`'s context object: the resource's
    /// logical id, else the file name.
    pub fn name(&self) -> &str {
        self.resource.as_deref().unwrap_or_else(|| self.file())
    }

    /// Where the value at `pointer` of the definition is (its character `offset`, for a
    /// string).
    pub fn locate(&self, pointer: &str, offset: Option<usize>) -> Option<Location> {
        self.locate_as(pointer, offset, false)
    }

    /// Like [`Machine::locate`]; with `key`, a member is shown at its key.
    fn locate_as(&self, pointer: &str, offset: Option<usize>, key: bool) -> Option<Location> {
        match &self.origin {
            Origin::Value { source, prefix } => {
                source.locate_as(&format!("{prefix}{pointer}"), offset, key)
            }
            Origin::Text {
                inner, outer: None, ..
            } => inner.locate_as(pointer, offset, key),
            Origin::Text {
                inner,
                outer: Some((outer, at)),
                exact,
            } => {
                let fallback = || outer.locate(at, None);
                if !exact {
                    return fallback();
                }
                let here = inner.locate_as(pointer, offset, key)?;
                let (span, form) = outer.span_of(at)?;
                let raw = &outer.text[span.clone()];
                let map = |b: usize| -> Option<usize> {
                    match form? {
                        StringForm::Escaped => {
                            Some(span.start + super::super::source::spans::escaped_offset(raw, b))
                        }
                        StringForm::Verbatim => Some(span.start + b),
                        StringForm::Block => block_offset(&inner.text, &outer.text, span.start, b),
                        StringForm::Opaque => None,
                    }
                };
                match (map(here.range.start), map(here.range.end)) {
                    (Some(start), Some(end)) if end >= start && end <= outer.text.len() => {
                        Some(Location::new(&outer.text, start..end))
                    }
                    _ => fallback(),
                }
            }
        }
    }

    /// A problem about the value at `pointer` of the definition.
    pub fn problem(
        &self,
        severity: Severity,
        pointer: &str,
        offset: Option<usize>,
        message: impl Into<String>,
    ) -> Problem {
        let mut problem = Problem::new(severity, self.file(), message)
            .pointer(pointer)
            .resource(self.resource.clone());
        if let Some(location) = self.locate(pointer, offset) {
            problem = problem.at(location);
        }
        problem
    }

    /// A rule-set diagnostic as a problem.
    pub fn diagnostic(&self, severity: Severity, d: &Diagnostic) -> Problem {
        let mut problem = Problem::new(severity, self.file(), d.message.clone())
            .pointer(d.pointer.clone())
            .resource(self.resource.clone())
            .code(d.code)
            .hint(d.hint.clone());
        if let Some(location) = self.locate_as(&d.pointer, d.offset, KEY_RULES.contains(&d.code)) {
            problem = problem.at(location);
        }
        problem
    }

    /// A rule-set diagnostic as a problem of the diagnostic's own severity.
    pub fn rule_problem(&self, d: &Diagnostic) -> Problem {
        let severity = match d.severity {
            validate::Severity::Error => Severity::Error,
            validate::Severity::Warning => Severity::Warning,
        };
        self.diagnostic(severity, d)
    }

    /// The rule set's diagnostics of the definition (duplicate keys included), as the type
    /// the template gives it (STANDARD when it gives none).
    pub fn validate(&self) -> Vec<Diagnostic> {
        self.validate_as(self.kind.unwrap_or_default())
    }

    /// The rule set's diagnostics of the definition as a machine of type `kind`.
    pub fn validate_as(&self, kind: WorkflowKind) -> Vec<Diagnostic> {
        validate::validate_parsed_with(&self.value, &self.duplicates, Options { kind })
    }

    /// The `duplicate-key` problems: every command refuses a definition that writes a key
    /// or state name twice, since readers keep only the last.
    pub fn duplicate_problems(&self) -> Vec<Problem> {
        self.validate()
            .iter()
            .filter(|d| d.code == "duplicate-key")
            .map(|d| self.diagnostic(Severity::Error, d))
            .collect()
    }
}

/// For a YAML literal block whose text starts at byte `start` of `outer` and holds `inner`,
/// the byte of `outer` where byte `at` of `inner` is, when the line is written unchanged
/// after the block's indentation.
fn block_offset(inner: &str, outer: &str, start: usize, at: usize) -> Option<usize> {
    let at = at.min(inner.len());
    let line = inner[..at].matches('\n').count();
    let line_start = inner[..at].rfind('\n').map_or(0, |i| i + 1);
    let inner_line = inner[line_start..].split('\n').next().unwrap_or("");
    let outer_line_start = outer[..start].rfind('\n').map_or(0, |i| i + 1);
    let indent = start - outer_line_start;
    let mut offset = start;
    for _ in 0..line {
        offset += outer[offset..].find('\n')? + 1 + indent;
    }
    let written = outer.get(offset..offset + inner_line.len())?;
    (written == inner_line).then_some(offset + (at - line_start))
}

#[cfg(test)]
mod tests {
    use super::block_offset;

    #[test]
    fn block_scalars_map_line_by_line() {
        let outer = "D: |\n    {\n      \"StartAt\": \"A\"\n    }\n";
        let inner = "{\n  \"StartAt\": \"A\"\n}\n";
        let at = inner.find("\"A\"").unwrap();
        let start = outer.find('{').unwrap();
        let mapped = block_offset(inner, outer, start, at).unwrap();
        assert_eq!(&outer[mapped..mapped + 3], "\"A\"");
        assert_eq!(mapped, outer.find("\"A\"").unwrap());
    }
}
