//! Positions of a JSON text: one pass over text that serde_json has already accepted,
//! recording the byte range of every value and key under its JSON pointer.
//!
//! serde_json builds the values (its numbers, escapes and errors are the reference); it
//! does not say where a value was, so this scanner does only that.

use super::spans::{Span, Spans, StringForm, child};

/// Deeper values are not recorded (their diagnostics point at the deepest recorded
/// ancestor); it bounds the recursion whatever the JSON reader's own depth limit is.
const MAX_DEPTH: usize = 512;

/// The spans of every value of `text`, a JSON document.
pub fn spans(text: &str) -> Spans {
    let mut scanner = Scanner {
        text,
        bytes: text.as_bytes(),
        at: 0,
        spans: Spans::default(),
    };
    scanner.space();
    // A text that is not JSON ends the scan early; what was recorded stays useful.
    let _ = scanner.value(String::new(), None, 0);
    scanner.spans
}

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
    spans: Spans,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    fn value(
        &mut self,
        pointer: String,
        key: Option<std::ops::Range<usize>>,
        depth: usize,
    ) -> Option<()> {
        let start = self.at;
        if depth > MAX_DEPTH {
            return self.skip_value();
        }
        let form = match self.peek()? {
            b'{' => {
                self.at += 1;
                self.space();
                if self.eat(b'}').is_none() {
                    loop {
                        let key_start = self.at;
                        self.string()?;
                        let key_range = key_start..self.at;
                        let name: String =
                            serde_json::from_str(&self.text[key_range.clone()]).ok()?;
                        self.space();
                        self.eat(b':')?;
                        self.space();
                        let member = child(&pointer, &name);
                        self.value(member, Some(key_range), depth + 1)?;
                        self.space();
                        if self.eat(b',').is_some() {
                            self.space();
                        } else {
                            self.eat(b'}')?;
                            break;
                        }
                    }
                }
                None
            }
            b'[' => {
                self.at += 1;
                self.space();
                if self.eat(b']').is_none() {
                    let mut index = 0;
                    loop {
                        let item = format!("{pointer}/{index}");
                        self.value(item, None, depth + 1)?;
                        index += 1;
                        self.space();
                        if self.eat(b',').is_some() {
                            self.space();
                        } else {
                            self.eat(b']')?;
                            break;
                        }
                    }
                }
                None
            }
            b'"' => {
                self.string()?;
                Some(StringForm::Escaped)
            }
            _ => {
                while !matches!(
                    self.peek(),
                    None | Some(b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                ) {
                    self.at += 1;
                }
                None
            }
        };
        self.spans.insert(
            pointer,
            Span {
                value: start..self.at,
                key,
                form,
                collection: matches!(self.bytes.get(start), Some(b'{' | b'[')),
            },
        );
        Some(())
    }

    /// Skips a value without recursion (past the recorded depth).
    fn skip_value(&mut self) -> Option<()> {
        let mut open = 0usize;
        loop {
            match self.peek()? {
                b'"' => self.string()?,
                b'{' | b'[' => {
                    open += 1;
                    self.at += 1;
                }
                b'}' | b']' if open > 0 => {
                    open -= 1;
                    self.at += 1;
                }
                b',' | b'}' | b']' if open == 0 => return Some(()),
                _ => self.at += 1,
            }
            if open == 0
                && matches!(
                    self.bytes.get(self.at.wrapping_sub(1)),
                    Some(b'}' | b']' | b'"')
                )
            {
                return Some(());
            }
        }
    }

    /// Skips a string token, quotes included.
    fn string(&mut self) -> Option<()> {
        self.eat(b'"')?;
        loop {
            match self.peek()? {
                b'"' => {
                    self.at += 1;
                    return Some(());
                }
                b'\\' => self.at += 2,
                _ => self.at += 1,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at<'t>(text: &'t str, spans: &Spans, pointer: &str) -> &'t str {
        &text[spans.find(pointer).unwrap().value.clone()]
    }

    #[test]
    fn records_values_and_keys_with_escaped_and_multibyte_keys() {
        let text = r#"{ "a/b": [1, {"x": "y"}], "é\u00e9": true, "q\"": null }"#;
        let spans = spans(text);
        assert_eq!(at(text, &spans, "/a~1b"), r#"[1, {"x": "y"}]"#);
        assert_eq!(at(text, &spans, "/a~1b/1/x"), r#""y""#);
        assert_eq!(at(text, &spans, "/éé"), "true");
        assert_eq!(at(text, &spans, "/q\""), "null");
        let key = spans.find("/a~1b/0").unwrap();
        assert_eq!(&text[key.value.clone()], "1");
        assert_eq!(key.key, None);
        let member = spans.find("/éé").unwrap();
        assert_eq!(&text[member.key.clone().unwrap()], r#""é\u00e9""#);
    }

    #[test]
    fn a_duplicate_key_points_at_its_last_occurrence_like_the_value() {
        let text = r#"{"a": 1, "a": 22}"#;
        assert_eq!(at(text, &spans(text), "/a"), "22");
    }

    #[test]
    fn deep_nesting_is_bounded() {
        let text = format!("{}{}", "[".repeat(5000), "]".repeat(5000));
        let spans = spans(&text);
        assert!(spans.has(""));
        assert!(!spans.has(&"/0".repeat(MAX_DEPTH + 1)));
    }
}
