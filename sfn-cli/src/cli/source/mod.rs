//! The documents commands read: JSON or YAML text, the value it holds, the keys written twice
//! and the position of every value, so any diagnostic's JSON pointer (and offset inside a
//! string) becomes `FILE:LINE:COL` and a snippet.

mod json;
mod read;
pub mod spans;
mod yaml;

use std::cell::OnceCell;
use std::ops::Range;
use std::rc::Rc;

use serde_json::Value;

pub use read::{display_name, read_text};
use spans::{Spans, StringForm};

use super::report::{Location, Problem};

/// The two syntaxes a document may be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// JSON (`.json`, `.asl.json`, and standard input starting with `{` or `[`).
    Json,
    /// YAML (`.yaml`, `.yml`, `.asl.yaml`, and any other standard input).
    Yaml,
}

impl Syntax {
    /// The syntax of `file` by its extension, or by its first character when the name says
    /// nothing (standard input).
    pub fn of(file: &str, text: &str) -> Syntax {
        let lower = file.to_ascii_lowercase();
        if lower.ends_with(".yaml") || lower.ends_with(".yml") {
            Syntax::Yaml
        } else if lower.ends_with(".json") || text.trim_start().starts_with(['{', '[']) {
            Syntax::Json
        } else {
            Syntax::Yaml
        }
    }
}

/// A document that was read: text, value, duplicates and spans.
pub struct Source {
    /// How the file is named in messages (`<stdin>` for `-`).
    pub name: String,
    /// The text.
    pub text: Rc<str>,
    /// The value it holds (of a key written twice, the last).
    pub value: Value,
    /// Keys written twice: (pointer of the object, key).
    pub duplicates: Vec<(String, String)>,
    /// Where each value is: for JSON found when first asked (only a problem to report
    /// needs it; scanning a large valid file for it cost as much as reading it).
    spans: OnceCell<Spans>,
}

impl Source {
    /// Reads `file` (`-` is standard input) as JSON or YAML.
    pub fn load(file: &str) -> Result<Source, Problem> {
        let text = read_text(file)?;
        let syntax = Syntax::of(file, &text);
        Source::parse(display_name(file), text, syntax)
    }

    /// Reads `text`, named `name` in messages.
    pub fn parse(name: &str, text: String, syntax: Syntax) -> Result<Source, Problem> {
        let text: Rc<str> = text.into();
        match syntax {
            Syntax::Json => {
                let parsed = sfn_runtime::validate::read_json(&text).map_err(|e| {
                    let offset = offset_of(&text, e.line, e.column);
                    let message = read::json_message(&text, offset, &e.message);
                    Problem::error(name, message).at(Location::new(&text, offset..offset))
                })?;
                Ok(Source {
                    name: name.to_owned(),
                    text,
                    value: parsed.value,
                    duplicates: parsed.duplicates,
                    spans: OnceCell::new(),
                })
            }
            Syntax::Yaml => {
                let read = yaml::read(&text).map_err(|e| {
                    let offset = e.offset.min(text.len());
                    Problem::error(name, format!("not YAML: {}", e.message))
                        .at(Location::new(&text, offset..offset))
                })?;
                Ok(Source {
                    name: name.to_owned(),
                    text,
                    value: read.value,
                    duplicates: read.duplicates,
                    spans: OnceCell::from(read.spans),
                })
            }
        }
    }

    /// Where the value at `pointer` is (the character at `offset` of it, for a string),
    /// or the nearest enclosing value.
    pub fn locate(&self, pointer: &str, offset: Option<usize>) -> Option<Location> {
        self.locate_as(pointer, offset, false)
    }

    /// Like [`Source::locate`]; with `key`, a member is shown at its key (an unknown or
    /// misplaced field is wrong by its name, not its value).
    pub fn locate_as(&self, pointer: &str, offset: Option<usize>, key: bool) -> Option<Location> {
        let spans = self.spans();
        let span = spans.find(pointer)?;
        let exact = spans.has(pointer);
        if let (true, true, Some(key)) = (key, exact, &span.key) {
            return Some(Location::new(&self.text, clamp(&self.text, key.clone())));
        }
        let range = match (offset, span.form) {
            (Some(offset), Some(form)) if exact => {
                let start = span.value.start;
                let at = match form {
                    StringForm::Escaped => {
                        start + spans::escaped_offset(&self.text[span.value.clone()], offset)
                    }
                    StringForm::Verbatim => start + offset,
                    StringForm::Block | StringForm::Opaque => start,
                };
                let at = at.min(span.value.end.max(start));
                let end = self.text[at..]
                    .chars()
                    .next()
                    .map_or(at, |c| at + c.len_utf8());
                at..end.min(span.value.end.max(at))
            }
            // An object or array (a missing field is reported at its object): point at the
            // key naming it when it has one, so the caret stays short and on one line.
            _ if !exact || span.collection || self.text[span.value.clone()].contains('\n') => {
                match &span.key {
                    Some(key) => key.clone(),
                    None => span.value.start..span.value.start + 1,
                }
            }
            _ => span.value.clone(),
        };
        Some(Location::new(&self.text, clamp(&self.text, range)))
    }

    fn spans(&self) -> &Spans {
        // A YAML source has its spans from the start.
        self.spans.get_or_init(|| json::spans(&self.text))
    }

    /// Where the value at `pointer` is, as a byte range (for mapping embedded strings).
    pub fn span_of(&self, pointer: &str) -> Option<(Range<usize>, Option<StringForm>)> {
        let spans = self.spans();
        spans
            .has(pointer)
            .then(|| spans.find(pointer))
            .flatten()
            .map(|s| (s.value.clone(), s.form))
    }
}

/// `range`, moved onto character boundaries inside `text`.
fn clamp(text: &str, range: Range<usize>) -> Range<usize> {
    let fix = |mut at: usize| {
        at = at.min(text.len());
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = fix(range.start);
    start..fix(range.end).max(start)
}

/// The byte offset of 1-based `line` and `column` (serde_json counts columns in bytes).
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let line_start = if line <= 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(at, _)| at + 1)
    };
    clamp(text, line_start + column.saturating_sub(1)..line_start).start
}
