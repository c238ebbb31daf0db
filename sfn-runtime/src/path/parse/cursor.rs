//! A byte cursor over the source text, shared by the path, filter and intrinsic parsers.

use crate::path::error::ParseError;

/// Position in the source plus small helpers; every error carries the current byte offset.
pub(crate) struct Cursor<'a> {
    pub src: &'a str,
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    pub fn new(src: &'a str, pos: usize) -> Self {
        Cursor { src, pos }
    }

    /// The text not yet consumed.
    pub fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    pub fn peek(&self) -> Option<char> {
        self.rest().chars().next()
    }

    pub fn peek2(&self) -> Option<char> {
        self.rest().chars().nth(1)
    }

    pub fn at_end(&self) -> bool {
        self.pos >= self.src.len()
    }

    /// Consumes one character and returns it.
    pub fn bump(&mut self) -> Option<char> {
        let c = self.peek()?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Consumes `s` when the rest starts with it.
    pub fn eat(&mut self, s: &str) -> bool {
        if self.rest().starts_with(s) {
            self.pos += s.len();
            true
        } else {
            false
        }
    }

    pub fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.bump();
        }
    }

    /// An error at the current position.
    pub fn error(&self, message: impl Into<String>) -> ParseError {
        ParseError::new(self.pos, message)
    }

    /// An error at the current position that names what was found there.
    pub fn expected(&self, what: &str) -> ParseError {
        let found = match self.peek() {
            Some(c) => format!("found `{c}`"),
            None => "found the end of the text".to_string(),
        };
        self.error(format!("expected {what}, {found}"))
    }

    /// Consumes `s` or fails with "expected {what}".
    pub fn expect(&mut self, s: &str, what: &str) -> Result<(), ParseError> {
        if self.eat(s) {
            Ok(())
        } else {
            Err(self.expected(what))
        }
    }
}
