//! Small lexical pieces: dot names, quoted strings, integers, variable names.

use super::cursor::Cursor;
use crate::path::error::ParseError;

/// Characters that end a dot name unless escaped with `\`. Inside filters the comparison
/// and logic operator characters end a name too, so `@.a&&@.b` reads as intended.
pub(crate) fn is_name_char(c: char, in_filter: bool) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(
            c,
            '.' | '[' | ']' | '(' | ')' | '\'' | '"' | ',' | ':' | '?' | '@' | '*' | '\\'
        )
        || (in_filter && matches!(c, '=' | '<' | '>' | '!' | '&' | '|')))
}

/// True when `name` can be written as `.name` without escapes anywhere (also in filters).
pub(crate) fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && name.chars().all(|c| is_name_char(c, true))
}

/// Reads a dot name (after `.` or `..`): name characters and `\`-escaped characters.
/// Returns `None` when no name starts here.
pub(crate) fn dot_name(cur: &mut Cursor, in_filter: bool) -> Result<Option<String>, ParseError> {
    let mut name = String::new();
    loop {
        match cur.peek() {
            Some('\\') => {
                let at = cur.pos;
                cur.bump();
                match cur.bump() {
                    Some(c) => name.push(c),
                    None => return Err(ParseError::new(at, "expected a character after `\\`")),
                }
            }
            Some(c) if is_name_char(c, in_filter) => {
                name.push(c);
                cur.bump();
            }
            _ => break,
        }
    }
    Ok(if name.is_empty() { None } else { Some(name) })
}

/// Reads a quoted string (`'...'` or `"..."`) with `\` escaping the next character.
/// The cursor is on the opening quote.
pub(crate) fn quoted(cur: &mut Cursor) -> Result<String, ParseError> {
    let start = cur.pos;
    let Some(quote) = cur.bump() else {
        return Err(cur.expected("a quoted string"));
    };
    let mut out = String::new();
    loop {
        match cur.bump() {
            None => {
                return Err(ParseError::new(
                    start,
                    format!("expected a closing `{quote}` for this string"),
                ));
            }
            Some('\\') => match cur.bump() {
                Some(c) => out.push(c),
                None => {
                    return Err(ParseError::new(
                        start,
                        format!("expected a closing `{quote}` for this string"),
                    ));
                }
            },
            Some(c) if c == quote => return Ok(out),
            Some(c) => out.push(c),
        }
    }
}

/// Reads an optionally negative integer index. Returns `None` when no digit starts here.
pub(crate) fn integer(cur: &mut Cursor) -> Result<Option<i64>, ParseError> {
    let start = cur.pos;
    let negative = cur.peek() == Some('-');
    if negative {
        cur.bump();
    }
    let digits_start = cur.pos;
    while cur.peek().is_some_and(|c| c.is_ascii_digit()) {
        cur.bump();
    }
    if cur.pos == digits_start {
        cur.pos = start;
        return Ok(None);
    }
    let text = cur.src.get(start..cur.pos).unwrap_or("");
    text.parse::<i64>().map(Some).map_err(|_| {
        ParseError::new(
            start,
            format!("expected an index that fits in 64 bits, found `{text}`"),
        )
    })
}

/// First character of a variable name (`$name`): a Unicode letter or `_`.
pub(crate) fn is_ident_start(c: char) -> bool {
    c.is_alphabetic() || c == '_'
}

/// Later characters of a variable name.
pub(crate) fn is_ident_continue(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Writes `s` in single quotes with `\` before `'` and `\`.
pub(crate) fn write_quoted(f: &mut impl std::fmt::Write, s: &str) -> std::fmt::Result {
    f.write_char('\'')?;
    for c in s.chars() {
        if c == '\'' || c == '\\' {
            f.write_char('\\')?;
        }
        f.write_char(c)?;
    }
    f.write_char('\'')
}
