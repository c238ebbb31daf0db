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
    // The run before any escape is copied in one piece (one allocation of the right size
    // rather than a string grown character by character: a definition has many paths).
    let start = cur.pos;
    while let Some(c) = cur.peek() {
        if c == '\\' || !is_name_char(c, in_filter) {
            break;
        }
        cur.bump();
    }
    let mut name = String::from(cur.src.get(start..cur.pos).unwrap_or_default());
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

/// Reads a quoted field name in brackets (`['...']` or `["..."]`) as the service does
/// (Jayway's reading): a `\` keeps the next character from closing the name, and stays in
/// it, except before the quote itself (`'it\'s'` is `it's`). Recorded against AWS:
/// `$['Test\""Name"']` selects the key `Test\""Name"`, backslash included.
pub(crate) fn bracket_name(cur: &mut Cursor) -> Result<String, ParseError> {
    let start = cur.pos;
    let Some(quote) = cur.bump() else {
        return Err(cur.expected("a quoted string"));
    };
    let unclosed = || {
        ParseError::new(
            start,
            format!("expected a closing `{quote}` for this string"),
        )
    };
    let mut out = String::new();
    loop {
        match cur.bump() {
            None => return Err(unclosed()),
            Some('\\') => match cur.bump() {
                Some(c) if c == quote => out.push(c),
                Some(c) => {
                    out.push('\\');
                    out.push(c);
                }
                None => return Err(unclosed()),
            },
            Some(c) if c == quote => return Ok(out),
            Some(c) => out.push(c),
        }
    }
}

/// How `name` is written in brackets so that [`bracket_name`] reads it back: the quote
/// (`'`, else `"`) and the text, or `None` when neither quote can hold it (a name ending in
/// `\`, or holding `\` before both quotes).
pub(crate) fn bracket_form(name: &str) -> Option<String> {
    ['\'', '"'].into_iter().find_map(|quote| {
        let before_quote = format!("\\{quote}");
        if name.ends_with('\\') || name.contains(&before_quote) {
            return None;
        }
        let mut out = String::with_capacity(name.len() + 2);
        out.push(quote);
        for c in name.chars() {
            if c == quote {
                out.push('\\');
            }
            out.push(c);
        }
        out.push(quote);
        Some(out)
    })
}

/// Writes `name` as a dot name, every character that is not a name character escaped.
pub(crate) fn write_dot_escaped(f: &mut impl std::fmt::Write, name: &str) -> std::fmt::Result {
    for c in name.chars() {
        if !is_name_char(c, true) {
            f.write_char('\\')?;
        }
        f.write_char(c)?;
    }
    Ok(())
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

/// Reads `text` as a JSON number. Integers stay exact; other numbers go through Rust's
/// correctly rounded float parser, so that printing and re-reading gives the same value
/// (serde_json's fast float parser can be off by one ulp).
pub(crate) fn json_number(text: &str) -> Option<serde_json::Number> {
    let validated: serde_json::Number = serde_json::from_str(text).ok()?;
    if validated.is_f64() {
        text.parse::<f64>()
            .ok()
            .and_then(serde_json::Number::from_f64)
    } else {
        Some(validated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T>(src: &str, f: impl FnOnce(&mut Cursor) -> T) -> (T, usize) {
        let mut cur = Cursor::new(src, 0);
        let out = f(&mut cur);
        (out, cur.pos)
    }

    #[test]
    fn dot_names_stop_at_structure_and_honour_escapes() {
        assert_eq!(
            read("ab.c", |c| dot_name(c, false)),
            (Ok(Some("ab".into())), 2)
        );
        assert_eq!(
            read(r"a\.b[0]", |c| dot_name(c, false)),
            (Ok(Some("a.b".into())), 4)
        );
        assert_eq!(
            read("a&&b", |c| dot_name(c, true)),
            (Ok(Some("a".into())), 1)
        );
        assert_eq!(
            read("a&&b", |c| dot_name(c, false)),
            (Ok(Some("a&&b".into())), 4)
        );
        assert_eq!(read("[0]", |c| dot_name(c, false)), (Ok(None), 0));
        assert_eq!(read("\\", |c| dot_name(c, false)).0.unwrap_err().offset, 0);
    }

    #[test]
    fn quoted_strings_unescape_any_character() {
        assert_eq!(
            read(r"'a\'b\\c' rest", quoted),
            (Ok(r"a'b\c".to_string()), 9)
        );
        assert_eq!(read(r#""it's""#, quoted), (Ok("it's".to_string()), 6));
        assert_eq!(read("'open", quoted).0.unwrap_err().offset, 0);
    }

    #[test]
    fn integers() {
        assert_eq!(read("-12]", integer), (Ok(Some(-12)), 3));
        assert_eq!(read("-]", integer), (Ok(None), 0));
        assert!(read("99999999999999999999", integer).0.is_err());
    }

    #[test]
    fn plain_names_and_quoting() {
        assert!(is_plain_name("abc_1-x"));
        assert!(!is_plain_name(""));
        assert!(!is_plain_name("a b"));
        assert!(!is_plain_name("a&b"));
        let mut s = String::new();
        write_quoted(&mut s, r"it's \ ok").unwrap();
        assert_eq!(s, r"'it\'s \\ ok'");
    }

    #[test]
    fn numbers_read_exactly() {
        assert_eq!(
            json_number("925877.5431402529").and_then(|n| n.as_f64()),
            Some(925877.5431402529)
        );
        assert_eq!(json_number("-3").and_then(|n| n.as_i64()), Some(-3));
        assert_eq!(json_number("1.2.3"), None);
        assert_eq!(json_number("01"), None);
    }
}
