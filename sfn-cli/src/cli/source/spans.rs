//! Where each value of a document is: a JSON pointer maps to byte ranges of the text, so a
//! diagnostic's pointer (and its offset inside a string) becomes `FILE:LINE:COL`.

use std::collections::HashMap;
use std::ops::Range;

/// How the characters of a string value are written in the source, which decides how an
/// offset inside the value maps back to the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StringForm {
    /// A JSON string (or a YAML double-quoted scalar written the same way): the range covers
    /// the quotes, and escapes (`\n`, `\u00e9`, surrogate pairs) are decoded while mapping.
    Escaped,
    /// The source holds the value's characters verbatim from the range's start (YAML plain
    /// and single-quoted scalars on one line).
    Verbatim,
    /// A YAML literal block (`|`): the range starts at the first content line's text, and
    /// every line is written unchanged after the block's indentation.
    Block,
    /// Folded, multi-line or otherwise rewritten: offsets map to the value's start.
    Opaque,
}

/// Where one value is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Bytes of the value (a collection: its opening bracket, or the whole of it).
    pub value: Range<usize>,
    /// Bytes of the key naming it, for a member of an object.
    pub key: Option<Range<usize>>,
    /// For a string value, how its characters are written.
    pub form: Option<StringForm>,
    /// Whether the value is an object or an array.
    pub collection: bool,
}

/// Pointer -> span, for every value of a document.
#[derive(Debug, Default, Clone)]
pub struct Spans {
    map: HashMap<String, Span>,
}

impl Spans {
    /// Records where the value at `pointer` is (a later record of the same pointer, a
    /// duplicate key, wins as the value does).
    pub fn insert(&mut self, pointer: String, span: Span) {
        self.map.insert(pointer, span);
    }

    /// Where the value at `pointer` is, or the nearest enclosing value that has a span (a
    /// missing field is reported at its object; a value built by an alias has no span).
    pub fn find(&self, pointer: &str) -> Option<&Span> {
        let mut at = pointer;
        loop {
            if let Some(span) = self.map.get(at) {
                return Some(span);
            }
            at = &at[..at.rfind('/')?];
        }
    }

    /// Whether `pointer` itself (not an ancestor) has a span.
    pub fn has(&self, pointer: &str) -> bool {
        self.map.contains_key(pointer)
    }
}

/// `parent` + `/` + `key`, with `~` and `/` escaped as RFC 6901 says: the rule set's own
/// function, so a pointer built here names what the rule set's pointers name.
pub use sfn_runtime::validate::pointer_child as child;

/// The byte of `raw` (a JSON string token, quotes included) where byte `offset` of the
/// decoded value is written; escapes count as the characters they stand for.
pub fn escaped_offset(raw: &str, offset: usize) -> usize {
    let bytes = raw.as_bytes();
    let mut at = 1; // after the opening quote
    let mut decoded = 0;
    while decoded < offset && at < bytes.len().saturating_sub(1) {
        if bytes[at] == b'\\' {
            let (raw_len, value_len) = escape_len(&raw[at..]);
            at += raw_len;
            decoded += value_len;
        } else {
            let len = raw[at..].chars().next().map_or(1, char::len_utf8);
            at += len;
            decoded += len;
        }
    }
    at.min(raw.len())
}

/// (bytes in the source, bytes of UTF-8 it decodes to) of the escape starting `raw`.
fn escape_len(raw: &str) -> (usize, usize) {
    let hex = |s: &str| {
        s.get(2..6)
            .and_then(|h| u32::from_str_radix(h, 16).ok())
            .filter(|_| s.starts_with("\\u"))
    };
    match hex(raw) {
        Some(high @ 0xD800..=0xDBFF) => match raw.get(6..).and_then(hex) {
            Some(0xDC00..=0xDFFF) => (12, 4),
            _ => (6, char::from_u32(high).map_or(3, char::len_utf8)),
        },
        Some(code) => (6, char::from_u32(code).map_or(3, char::len_utf8)),
        None => (2, 1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_count_as_what_they_decode_to() {
        // "a\nb": byte 2 of the value (`b`) is byte 4 of the token.
        assert_eq!(escaped_offset(r#""a\nb""#, 2), 4);
        // "\u00e9x": `é` is 2 bytes decoded, 6 written.
        assert_eq!(escaped_offset(r#""\u00e9x""#, 2), 7);
        // A surrogate pair is 4 bytes decoded, 12 written.
        assert_eq!(escaped_offset(r#""\ud83d\ude00x""#, 4), 13);
        // Multi-byte characters written raw are the same width on both sides.
        assert_eq!(escaped_offset("\"éx\"", 2), 3);
    }

    #[test]
    fn find_falls_back_to_the_nearest_enclosing_value() {
        let mut spans = Spans::default();
        let span = Span {
            value: 0..2,
            key: None,
            form: None,
            collection: false,
        };
        spans.insert("/States".into(), span.clone());
        assert_eq!(spans.find("/States/A/Next"), Some(&span));
        assert_eq!(spans.find("/Other"), None);
    }
}
