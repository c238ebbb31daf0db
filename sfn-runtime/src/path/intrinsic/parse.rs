//! The intrinsic call grammar: `States.Name(arg, ...)`.

use super::signature::check_call;
use super::{Arg, ArgKind, Intrinsic, IntrinsicFn, MAX_NESTING};
use crate::path::error::ParseError;
use crate::path::parse::lexeme::json_number;
use crate::path::parse::{Cursor, Mode, parse_at};

/// Parses an intrinsic function call that makes up the whole of `src`, and checks the
/// function name, the number of arguments, the kinds of literal arguments and, for
/// `States.Format` with a literal template, that placeholders match the arguments.
///
/// ```
/// use sfn_runtime::path::{parse_intrinsic, IntrinsicFn};
/// let call = parse_intrinsic("States.Format('Hello {}', $.name)").unwrap();
/// assert_eq!(call.function, IntrinsicFn::Format);
/// assert!(parse_intrinsic("States.Format('{} {}', $.name)").is_err());
/// ```
pub fn parse_intrinsic(src: &str) -> Result<Intrinsic, ParseError> {
    let mut cur = Cursor::new(src, 0);
    if !cur.rest().starts_with("States.") {
        return Err(cur.expected("an intrinsic function call such as `States.Format(...)`"));
    }
    let call = call(&mut cur, 1)?;
    if !cur.at_end() {
        return Err(cur.expected("the end of the intrinsic function call"));
    }
    Ok(call)
}

/// Parses a call at the cursor (which is on `States.`); `depth` counts nesting levels.
pub(crate) fn call(cur: &mut Cursor, depth: usize) -> Result<Intrinsic, ParseError> {
    let start = cur.pos;
    if depth > MAX_NESTING {
        return Err(cur.error(format!(
            "intrinsic functions may be nested at most {MAX_NESTING} levels deep"
        )));
    }
    let name_len = cur
        .rest()
        .char_indices()
        .find(|(_, c)| !(c.is_ascii_alphanumeric() || *c == '.' || *c == '_'))
        .map_or(cur.rest().len(), |(i, _)| i);
    let name = cur.rest().get(..name_len).unwrap_or("");
    let Some(function) = IntrinsicFn::parse(name) else {
        return Err(cur.error(unknown_name(name)));
    };
    cur.pos += name_len;
    cur.expect("(", &format!("`(` after `{name}`"))?;
    let mut args = Vec::new();
    cur.skip_ws();
    if !cur.eat(")") {
        loop {
            cur.skip_ws();
            args.push(arg(cur, depth, function, args.is_empty())?);
            cur.skip_ws();
            if cur.eat(")") {
                break;
            }
            if !cur.eat(",") {
                return Err(cur.expected("`,` or `)` after an argument"));
            }
        }
    }
    let call = Intrinsic {
        function,
        args,
        span: start..cur.pos,
    };
    check_call(&call, cur.src)?;
    Ok(call)
}

fn unknown_name(name: &str) -> String {
    let mut message = format!("unknown intrinsic function `{name}`");
    let close = IntrinsicFn::ALL
        .iter()
        .map(|f| f.name())
        .find(|known| known.eq_ignore_ascii_case(name) || edit_distance(known, name) <= 2);
    match close {
        Some(known) => message.push_str(&format!("; did you mean `{known}`?")),
        None => message.push_str("; expected one of the 18 `States.` functions"),
    }
    message
}

/// Levenshtein distance, for "did you mean" hints.
fn edit_distance(a: &str, b: &str) -> usize {
    strsim::levenshtein(a, b)
}

fn arg(
    cur: &mut Cursor,
    depth: usize,
    function: IntrinsicFn,
    first: bool,
) -> Result<Arg, ParseError> {
    let start = cur.pos;
    let kind = match cur.peek() {
        Some('\'') => {
            let keep_brace_escapes = function == IntrinsicFn::Format && first;
            ArgKind::String(string(cur, keep_brace_escapes)?)
        }
        Some('$') => ArgKind::Path(parse_at(cur, Mode::Full)?),
        Some(c) if c == '-' || c.is_ascii_digit() => ArgKind::Number(number(cur)?),
        Some(c) if c.is_ascii_alphabetic() => {
            let word_len = cur
                .rest()
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '_'))
                .unwrap_or(cur.rest().len());
            let word = cur.rest().get(..word_len).unwrap_or("");
            match word {
                "true" | "false" | "null" => {
                    cur.pos += word_len;
                    match word {
                        "true" => ArgKind::Bool(true),
                        "false" => ArgKind::Bool(false),
                        _ => ArgKind::Null,
                    }
                }
                _ if word.starts_with("States.") => ArgKind::Call(call(cur, depth + 1)?),
                _ => {
                    return Err(cur.error(format!(
                        "expected an argument (a 'string', a number, true, false, null, a path or \
                         an intrinsic call), found `{word}`"
                    )));
                }
            }
        }
        Some('"') => {
            return Err(
                cur.error("expected a single-quoted string: intrinsic strings use ' not \"")
            );
        }
        _ => {
            return Err(cur.expected(
                "an argument (a 'string', a number, true, false, null, a path or an intrinsic call)",
            ));
        }
    };
    Ok(Arg {
        kind,
        span: start..cur.pos,
    })
}

/// A single-quoted string. Only `\'`, `\{`, `\}` and `\\` are escapes. With
/// `keep_brace_escapes` (a Format template), `\{`, `\}` and `\\` stay as written.
fn string(cur: &mut Cursor, keep_brace_escapes: bool) -> Result<String, ParseError> {
    let open = cur.pos;
    cur.bump();
    let mut out = String::new();
    loop {
        let at = cur.pos;
        match cur.bump() {
            None => {
                return Err(ParseError::new(
                    open,
                    "expected a closing `'` for this string",
                ));
            }
            Some('\'') => return Ok(out),
            Some('\\') => match cur.bump() {
                Some('\'') => out.push('\''),
                Some(c @ ('{' | '}' | '\\')) => {
                    if keep_brace_escapes {
                        out.push('\\');
                    }
                    out.push(c);
                }
                Some(c) => {
                    return Err(ParseError::new(
                        at,
                        format!(
                            "invalid escape `\\{c}` in an intrinsic string: only \\', \\{{, \\}} \
                             and \\\\ are allowed"
                        ),
                    ));
                }
                None => {
                    return Err(ParseError::new(
                        open,
                        "expected a closing `'` for this string",
                    ));
                }
            },
            Some(c) => out.push(c),
        }
    }
}

fn number(cur: &mut Cursor) -> Result<serde_json::Number, ParseError> {
    let start = cur.pos;
    let len = cur
        .rest()
        .find(|c: char| !(c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-')))
        .unwrap_or(cur.rest().len());
    let text = cur.rest().get(..len).unwrap_or("");
    match json_number(text) {
        Some(n) => {
            cur.pos += len;
            Ok(n)
        }
        None => Err(ParseError::new(
            start,
            format!("expected a number, found `{text}`"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_single_edits() {
        assert_eq!(edit_distance("States.Hash", "States.Hash"), 0);
        assert_eq!(edit_distance("States.Hash", "States.Hsah"), 2);
        assert_eq!(edit_distance("abc", ""), 3);
    }

    #[test]
    fn spaces_are_allowed_between_arguments_only() {
        assert!(parse_intrinsic("States.Array( 1 ,  2 )").is_ok());
        assert_eq!(parse_intrinsic("States.Array (1)").unwrap_err().offset, 12);
    }

    #[test]
    fn string_escapes() {
        let mut cur = Cursor::new(r"'a\'\{\}\\' tail", 0);
        assert_eq!(string(&mut cur, false).unwrap(), r"a'{}\");
        assert_eq!(cur.pos, 11);
        let mut cur = Cursor::new(r"'a\'\{\}\\'", 0);
        assert_eq!(string(&mut cur, true).unwrap(), r"a'\{\}\\");
        let mut cur = Cursor::new(r"'\n'", 0);
        assert_eq!(string(&mut cur, false).unwrap_err().offset, 1);
    }
}
