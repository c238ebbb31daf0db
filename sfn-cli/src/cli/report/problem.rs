//! One message about a file: what every command prints, in every format.

use std::ops::Range;
use std::rc::Rc;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// The command refuses the file (exit 1) or cannot work (exit 2).
    Error,
    /// Worth fixing; the command still did its work.
    Warning,
    /// Information (an older form rewritten, ...).
    Note,
}

impl Severity {
    /// `error`, `warning`, `note`: the word rustc, GitHub and problem matchers use.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A place in a file's text.
#[derive(Debug, Clone)]
pub struct Location {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters (Unicode scalar values) from the line's start.
    pub column: usize,
    /// The bytes to underline.
    pub range: Range<usize>,
    /// The whole text, for the snippet.
    pub text: Rc<str>,
}

impl Location {
    /// The place of byte range `range` of `text`.
    pub fn new(text: &Rc<str>, range: Range<usize>) -> Location {
        let before = &text[..range.start];
        let line_start = before.rfind('\n').map_or(0, |at| at + 1);
        Location {
            line: before.matches('\n').count() + 1,
            column: before[line_start..].chars().count() + 1,
            range,
            text: Rc::clone(text),
        }
    }
}

/// One message.
#[derive(Debug, Clone)]
pub struct Problem {
    /// How bad.
    pub severity: Severity,
    /// The file, as named in messages (`<stdin>` for standard input).
    pub file: String,
    /// Where in it, when known.
    pub location: Option<Location>,
    /// RFC 6901 pointer to the value (`""` is the whole document), when about a value.
    pub pointer: Option<String>,
    /// Stable rule code (`next-unknown-state`), for rule-set diagnostics.
    pub code: Option<String>,
    /// What is wrong.
    pub message: String,
    /// How to fix it, when obvious.
    pub hint: Option<String>,
    /// The CloudFormation resource holding the definition, for templates.
    pub resource: Option<String>,
}

impl Problem {
    /// An error about `file` as a whole.
    pub fn error(file: &str, message: impl Into<String>) -> Problem {
        Problem::new(Severity::Error, file, message)
    }

    /// A message of `severity` about `file`.
    pub fn new(severity: Severity, file: &str, message: impl Into<String>) -> Problem {
        Problem {
            severity,
            file: file.to_owned(),
            location: None,
            pointer: None,
            code: None,
            message: message.into(),
            hint: None,
            resource: None,
        }
    }

    /// At `location`.
    pub fn at(mut self, location: Location) -> Problem {
        self.location = Some(location);
        self
    }

    /// About the value at `pointer`.
    pub fn pointer(mut self, pointer: impl Into<String>) -> Problem {
        self.pointer = Some(pointer.into());
        self
    }

    /// With rule code `code`.
    pub fn code(mut self, code: impl Into<String>) -> Problem {
        self.code = Some(code.into());
        self
    }

    /// With a hint.
    pub fn hint(mut self, hint: Option<String>) -> Problem {
        self.hint = hint;
        self
    }

    /// In CloudFormation resource `logical_id`.
    pub fn resource(mut self, logical_id: Option<String>) -> Problem {
        self.resource = logical_id;
        self
    }

    /// `FILE:LINE:COL` (or `FILE` when the place is unknown).
    pub fn place(&self) -> String {
        match &self.location {
            Some(l) => format!("{}:{}:{}", self.file, l.line, l.column),
            None => self.file.clone(),
        }
    }

    /// The pointer as printed: `/` would name the key `""`, so the document itself is
    /// written `the document root`.
    pub fn pointer_text(&self) -> Option<String> {
        self.pointer.as_ref().map(|p| {
            if p.is_empty() {
                "the document root".to_owned()
            } else {
                p.clone()
            }
        })
    }
}
