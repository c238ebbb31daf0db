//! Paths: root, then `.name`, `..name`, `[...]` segments.

use super::cursor::Cursor;
use super::filter;
use super::lexeme::{bracket_name, dot_name, integer, is_ident_continue, is_ident_start};
use crate::path::ast::{Path, Root, Segment, Selector, Slice};
use crate::path::error::ParseError;

/// Which dialect is being read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    /// Everything: wildcards, deep scan, unions, slices, filters.
    Full,
    /// Reference Paths: one node only.
    Reference,
}

/// Parser state threaded through segments and filters.
pub(crate) struct PathParser<'a, 'b> {
    pub cur: &'b mut Cursor<'a>,
    pub mode: Mode,
    /// Nesting of filters and parentheses, bounded so hostile input cannot overflow the stack.
    pub depth: usize,
    pub in_filter: bool,
}

/// How deep filters and parenthesised filter expressions may nest.
const MAX_DEPTH: usize = 32;

impl PathParser<'_, '_> {
    /// Reads a whole path starting at `$`; stops at the first character that cannot
    /// continue it.
    pub fn path(&mut self) -> Result<Path, ParseError> {
        let start = self.cur.pos;
        if !self.cur.eat("$") {
            return Err(self.cur.expected("a path starting with `$`"));
        }
        let root = if self.cur.eat("$") {
            Root::Context
        } else if self.cur.peek().is_some_and(is_ident_start) {
            let name_start = self.cur.pos;
            while self.cur.peek().is_some_and(is_ident_continue) {
                self.cur.bump();
            }
            Root::Variable(
                self.cur
                    .src
                    .get(name_start..self.cur.pos)
                    .unwrap_or("")
                    .to_string(),
            )
        } else {
            Root::Input
        };
        let segments = self.segments()?;
        Ok(Path {
            root,
            segments,
            span: start..self.cur.pos,
        })
    }

    /// Reads segments while the next character starts one.
    pub fn segments(&mut self) -> Result<Vec<Segment>, ParseError> {
        let mut segments = Vec::new();
        loop {
            match self.cur.peek() {
                Some('.') if self.cur.peek2() == Some('.') => {
                    self.forbid("deep scans (`..`)")?;
                    self.cur.pos += 2;
                    segments.push(Segment::Descendant(self.after_deep_scan()?));
                }
                Some('.') => {
                    self.cur.bump();
                    segments.push(Segment::Child(self.after_dot()?));
                }
                Some('[') => segments.push(Segment::Child(self.bracket()?)),
                _ => return Ok(segments),
            }
        }
    }

    /// Fails when reading a Reference Path: `what` is not allowed there.
    fn forbid(&self, what: &str) -> Result<(), ParseError> {
        if self.mode == Mode::Reference {
            Err(self.cur.error(format!(
                "a Reference Path selects a single node: {what} are not allowed"
            )))
        } else {
            Ok(())
        }
    }

    fn after_dot(&mut self) -> Result<Selector, ParseError> {
        match self.cur.peek() {
            Some('*') => {
                self.forbid("wildcards (`*`)")?;
                self.cur.bump();
                Ok(Selector::Wildcard)
            }
            // `$.abc.['def ghi']`: the documented ASL spelling of a bracket after a dot.
            Some('[') => self.bracket(),
            _ => match dot_name(self.cur, self.in_filter)? {
                Some(name) => Ok(Selector::Name(name)),
                None => Err(self.cur.expected("a field name after `.`")),
            },
        }
    }

    fn after_deep_scan(&mut self) -> Result<Selector, ParseError> {
        match self.cur.peek() {
            Some('*') => {
                self.cur.bump();
                Ok(Selector::Wildcard)
            }
            Some('[') => self.bracket(),
            _ => match dot_name(self.cur, self.in_filter)? {
                Some(name) => Ok(Selector::Name(name)),
                None => Err(self.cur.expected("a field name, `*` or `[` after `..`")),
            },
        }
    }

    /// `[...]`: the cursor is on `[`.
    fn bracket(&mut self) -> Result<Selector, ParseError> {
        let open = self.cur.pos;
        self.cur.bump();
        self.cur.skip_ws();
        let selector = match self.cur.peek() {
            Some('*') => {
                self.forbid("wildcards (`*`)")?;
                self.cur.bump();
                Selector::Wildcard
            }
            Some('?') => {
                self.forbid("filters (`[?(...)]`)")?;
                self.cur.bump();
                self.cur.skip_ws();
                self.cur.expect("(", "`(` after `[?`")?;
                if self.depth >= MAX_DEPTH {
                    return Err(self.cur.error("filters are nested too deeply"));
                }
                self.depth += 1;
                let was_in_filter = std::mem::replace(&mut self.in_filter, true);
                let f = filter::or_expr(self)?;
                self.in_filter = was_in_filter;
                self.depth -= 1;
                self.cur.skip_ws();
                self.cur.expect(")", "`)` to close the filter")?;
                Selector::Filter(f)
            }
            Some('\'' | '"') => self.names()?,
            Some(c) if c == '-' || c == ':' || c.is_ascii_digit() => self.numeric()?,
            _ => {
                return Err(self.cur.expected(
                    "a quoted field name, an index, `*`, a slice or a filter after `[`",
                ));
            }
        };
        self.cur.skip_ws();
        if !self.cur.eat("]") {
            return Err(self
                .cur
                .expected(&format!("`]` to close the `[` at column {}", open + 1)));
        }
        Ok(selector)
    }

    /// `'a'` or `'a','b'`.
    fn names(&mut self) -> Result<Selector, ParseError> {
        let mut names = vec![bracket_name(self.cur)?];
        loop {
            self.cur.skip_ws();
            if self.cur.peek() != Some(',') {
                break;
            }
            self.forbid("unions (`,`)")?;
            self.cur.bump();
            self.cur.skip_ws();
            match self.cur.peek() {
                Some('\'' | '"') => names.push(bracket_name(self.cur)?),
                _ => return Err(self.cur.expected("a quoted field name after `,`")),
            }
        }
        Ok(match names.len() {
            1 => Selector::Name(names.remove(0)),
            _ => Selector::Names(names),
        })
    }

    /// `0`, `-1`, `0,1`, `1:3`, `-2:`, `::2`.
    fn numeric(&mut self) -> Result<Selector, ParseError> {
        let first_at = self.cur.pos;
        let first = integer(self.cur)?;
        self.cur.skip_ws();
        match self.cur.peek() {
            Some(':') => {
                self.forbid("slices (`:`)")?;
                self.slice(first)
            }
            Some(',') => {
                self.forbid("unions (`,`)")?;
                let Some(first) = first else {
                    return Err(self.cur.expected("an index before `,`"));
                };
                let mut indexes = vec![first];
                while self.cur.eat(",") {
                    self.cur.skip_ws();
                    match integer(self.cur)? {
                        Some(i) => indexes.push(i),
                        None => return Err(self.cur.expected("an index after `,`")),
                    }
                    self.cur.skip_ws();
                }
                Ok(Selector::Indexes(indexes))
            }
            _ => match first {
                Some(i) if i < 0 && self.mode == Mode::Reference => Err(ParseError::new(
                    first_at,
                    "a Reference Path selects a single node: negative indexes are not allowed",
                )),
                Some(i) => Ok(Selector::Index(i)),
                None => Err(self.cur.expected("an index")),
            },
        }
    }

    /// The rest of a slice after its (optional) start; the cursor is on the first `:`.
    fn slice(&mut self, start: Option<i64>) -> Result<Selector, ParseError> {
        self.cur.bump();
        self.cur.skip_ws();
        let end = integer(self.cur)?;
        self.cur.skip_ws();
        let mut step = None;
        if self.cur.eat(":") {
            self.cur.skip_ws();
            let at = self.cur.pos;
            step = integer(self.cur)?;
            if step == Some(0) {
                return Err(ParseError::new(at, "expected a slice step other than 0"));
            }
        }
        Ok(Selector::Slice(Slice { start, end, step }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(src: &str, mode: Mode) -> Result<(Path, usize), ParseError> {
        let mut cur = Cursor::new(src, 0);
        let path = PathParser {
            cur: &mut cur,
            mode,
            depth: 0,
            in_filter: false,
        }
        .path()?;
        Ok((path, cur.pos))
    }

    #[test]
    fn stops_where_the_path_ends() {
        let (path, end) = parse("$.a[0], 'x')", Mode::Full).unwrap();
        assert_eq!(end, 6);
        assert_eq!(path.span, 0..6);
        assert_eq!(path.segments.len(), 2);
    }

    #[test]
    fn variable_names_are_identifiers() {
        let (path, end) = parse("$my_Var1.x", Mode::Full).unwrap();
        assert_eq!(path.root, Root::Variable("my_Var1".into()));
        assert_eq!(end, 10);
        let (path, _) = parse("$ünï.x", Mode::Full).unwrap();
        assert_eq!(path.root, Root::Variable("ünï".into()));
    }

    #[test]
    fn brackets_allow_inner_spaces() {
        let (path, _) = parse("$[ 'a' , \"b\" ][ 1 : 2 ]", Mode::Full).unwrap();
        assert_eq!(
            path.segments,
            vec![
                Segment::Child(Selector::Names(vec!["a".into(), "b".into()])),
                Segment::Child(Selector::Slice(Slice {
                    start: Some(1),
                    end: Some(2),
                    step: None
                })),
            ]
        );
    }

    #[test]
    fn reference_mode_points_at_the_offending_token() {
        assert_eq!(parse("$.a.*", Mode::Reference).unwrap_err().offset, 4);
        assert_eq!(parse("$['a', 'b']", Mode::Reference).unwrap_err().offset, 5);
        assert!(parse("$['a'][0]", Mode::Reference).is_ok());
    }
}
