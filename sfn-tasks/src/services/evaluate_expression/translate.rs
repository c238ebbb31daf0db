//! Translation of CDK's JavaScript expression subset to JSONata.

use std::fmt::Write as _;

/// Why an expression cannot be translated, at a byte offset of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslateError {
    /// Byte offset in the expression.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// The static type of a translated sub-expression, to choose `+` or `&`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Num,
    Str,
    Bool,
    Unknown,
}

struct Node {
    text: String,
    ty: Ty,
}

/// Translates a JavaScript expression (paths `$.a.b`, numbers, strings, template strings,
/// `+ - * / %`, comparisons, `&& || !`, `?:`, parentheses, `true`/`false`/`null`) to the
/// body of a JSONata expression reading the state input as `$states.input`.
pub fn translate(src: &str) -> Result<String, TranslateError> {
    let mut p = Parser { src, pos: 0 };
    p.skip_ws();
    if p.pos >= src.len() {
        return Err(p.error("the expression is empty"));
    }
    let node = p.expr()?;
    p.skip_ws();
    if p.pos < src.len() {
        return Err(p.error(&format!("unexpected `{}`", p.rest_token())));
    }
    Ok(node.text)
}

pub(super) struct Parser<'a> {
    pub(super) src: &'a str,
    pub(super) pos: usize,
}

impl<'a> Parser<'a> {
    fn error(&self, message: &str) -> TranslateError {
        TranslateError {
            offset: self.pos,
            message: message.to_string(),
        }
    }

    pub(super) fn rest(&self) -> &'a str {
        self.src.get(self.pos..).unwrap_or("")
    }

    fn rest_token(&self) -> String {
        self.rest()
            .chars()
            .take_while(|c| !c.is_whitespace())
            .take(12)
            .collect()
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.rest().chars().next() {
            if c.is_whitespace() {
                self.pos += c.len_utf8();
            } else {
                break;
            }
        }
    }

    pub(super) fn eat(&mut self, token: &str) -> bool {
        self.skip_ws();
        if self.rest().starts_with(token) {
            self.pos += token.len();
            true
        } else {
            false
        }
    }

    fn peek(&mut self, token: &str) -> bool {
        self.skip_ws();
        self.rest().starts_with(token)
    }

    fn expr(&mut self) -> Result<Node, TranslateError> {
        let cond = self.binary(0)?;
        if self.peek("?") && !self.peek("??") {
            self.eat("?");
            let a = self.expr()?;
            if !self.eat(":") {
                return Err(self.error("expected `:` of the conditional"));
            }
            let b = self.expr()?;
            let ty = if a.ty == b.ty { a.ty } else { Ty::Unknown };
            return Ok(Node {
                text: format!("({} ? {} : {})", cond.text, a.text, b.text),
                ty,
            });
        }
        Ok(cond)
    }

    /// Precedence climbing over the binary operators.
    fn binary(&mut self, level: usize) -> Result<Node, TranslateError> {
        const LEVELS: &[&[&str]] = &[
            &["||"],
            &["&&"],
            &["===", "!==", "==", "!="],
            &["<=", ">=", "<", ">"],
            &["+", "-"],
            &["*", "/", "%"],
        ];
        let Some(ops) = LEVELS.get(level) else {
            return self.unary();
        };
        let mut left = self.binary(level + 1)?;
        loop {
            self.skip_ws();
            if self.rest().starts_with("??") || self.rest().starts_with("=>") {
                return Err(self.error(&format!(
                    "`{}` has no JSONata equivalent here",
                    &self.rest()[..2]
                )));
            }
            let Some(op) = ops.iter().find(|op| self.rest().starts_with(**op)).copied() else {
                return Ok(left);
            };
            // `=` alone is an assignment, `&`/`|` alone are bitwise: not supported.
            self.pos += op.len();
            let right = self.binary(level + 1)?;
            left = combine(op, left, right);
        }
    }

    fn unary(&mut self) -> Result<Node, TranslateError> {
        if self.eat("!") {
            let inner = self.unary()?;
            return Ok(Node {
                text: format!("$not({})", inner.text),
                ty: Ty::Bool,
            });
        }
        if self.peek("-") && !self.peek("--") {
            self.eat("-");
            let inner = self.unary()?;
            return Ok(Node {
                text: format!("-{}", inner.text),
                ty: Ty::Num,
            });
        }
        if self.peek("+") && !self.peek("++") {
            self.eat("+");
            let inner = self.unary()?;
            return Ok(Node {
                text: format!("$number({})", inner.text),
                ty: Ty::Num,
            });
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<Node, TranslateError> {
        self.skip_ws();
        let Some(c) = self.rest().chars().next() else {
            return Err(self.error("the expression ends too early"));
        };
        match c {
            '(' => {
                self.pos += 1;
                let inner = self.expr()?;
                if !self.eat(")") {
                    return Err(self.error("expected `)`"));
                }
                Ok(Node {
                    text: format!("({})", inner.text),
                    ty: inner.ty,
                })
            }
            '$' => self.path(),
            '\'' | '"' => {
                let start = self.pos;
                let s = self.string(c)?;
                let paths = state_paths(&s);
                if let Some(first) = paths.first() {
                    self.pos = start;
                    return Err(self.error(&format!(
                        "state path(s) {paths:?} are used as literal text inside a plain string; a path inside a plain string is not resolved - use a template literal with interpolation instead, e.g. `...${{{first}}}...`"
                    )));
                }
                Ok(Node {
                    text: json_string(&s),
                    ty: Ty::Str,
                })
            }
            '`' => self.template(),
            '0'..='9' | '.' => self.number(),
            c if c.is_alphabetic() || c == '_' => {
                let word: String = self
                    .rest()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let start = self.pos;
                self.pos += word.len();
                let node = match word.as_str() {
                    "true" | "false" => Node {
                        text: word.clone(),
                        ty: Ty::Bool,
                    },
                    "null" => Node {
                        text: "null".into(),
                        ty: Ty::Unknown,
                    },
                    _ => {
                        self.pos = start;
                        let what = if self.src[start + word.len()..].trim_start().starts_with('(') {
                            format!("the function call `{word}(...)`")
                        } else {
                            format!("the name `{word}`")
                        };
                        return Err(self.error(&format!(
                            "{what} is not supported: only `$` paths can be read"
                        )));
                    }
                };
                Ok(node)
            }
            '{' | '[' => Err(self.error("object and array literals are not supported")),
            other => Err(self.error(&format!("unexpected `{other}`"))),
        }
    }

    fn number(&mut self) -> Result<Node, TranslateError> {
        let text: String = self
            .rest()
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == 'e' || *c == 'E')
            .collect();
        if text.parse::<f64>().is_err() {
            return Err(self.error(&format!("`{text}` is not a number")));
        }
        self.pos += text.len();
        Ok(Node { text, ty: Ty::Num })
    }

    pub(super) fn string(&mut self, quote: char) -> Result<String, TranslateError> {
        let start = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((i, c)) = chars.next() {
            match c {
                '\\' => {
                    let Some((_, e)) = chars.next() else { break };
                    out.push(match e {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        other => other,
                    });
                }
                c if c == quote => {
                    self.pos += i + 1;
                    return Ok(out);
                }
                c => out.push(c),
            }
        }
        self.pos = start;
        Err(self.error("the string is not closed"))
    }

    fn template(&mut self) -> Result<Node, TranslateError> {
        let start = self.pos;
        self.pos += 1;
        let mut parts: Vec<String> = Vec::new();
        let mut literal = String::new();
        let mut all_text = String::new();
        loop {
            let Some(c) = self.rest().chars().next() else {
                self.pos = start;
                return Err(self.error("the template string is not closed"));
            };
            if c == '`' {
                self.pos += 1;
                break;
            }
            if self.rest().starts_with("${") {
                self.pos += 2;
                if !literal.is_empty() {
                    parts.push(json_string(&literal));
                    literal.clear();
                }
                let inner = self.expr()?;
                if !self.eat("}") {
                    return Err(self.error("expected `}` closing `${`"));
                }
                parts.push(if inner.ty == Ty::Str {
                    inner.text
                } else {
                    format!("$string({})", inner.text)
                });
                continue;
            }
            if c == '\\' {
                self.pos += 1;
                if let Some(e) = self.rest().chars().next() {
                    literal.push(e);
                    all_text.push(e);
                    self.pos += e.len_utf8();
                }
                continue;
            }
            literal.push(c);
            all_text.push(c);
            self.pos += c.len_utf8();
        }
        if !literal.is_empty() || parts.is_empty() {
            parts.push(json_string(&literal));
        }
        let paths = state_paths(&all_text);
        if let Some(first) = paths.first() {
            self.pos = start;
            return Err(self.error(&format!(
                "state path(s) {paths:?} are used as literal text inside a template literal; a path in template text is not resolved - reference it via interpolation like ${{{first}}} instead"
            )));
        }
        Ok(Node {
            text: format!("({})", parts.join(" & ")),
            ty: Ty::Str,
        })
    }

    fn path(&mut self) -> Result<Node, TranslateError> {
        self.pos += 1; // `$`
        let mut segments: Vec<Segment> = Vec::new();
        loop {
            let rest = self.rest();
            if let Some(after) = rest.strip_prefix('.') {
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                    .collect();
                if name.is_empty() {
                    return Err(self.error("expected a field name after `.`"));
                }
                self.pos += 1 + name.len();
                if self.rest().trim_start().starts_with('(') {
                    return Err(
                        self.error(&format!("the method call `.{name}(...)` is not supported"))
                    );
                }
                segments.push(Segment::Field(name));
            } else if rest.starts_with("['") || rest.starts_with("[\"") {
                self.pos += 1;
                let q = self.rest().chars().next().unwrap_or('\'');
                let name = self.string(q)?;
                if !self.eat("]") {
                    return Err(self.error("expected `]`"));
                }
                segments.push(Segment::Field(name));
            } else if let Some(after) = rest.strip_prefix('[') {
                let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
                if digits.is_empty() || !after[digits.len()..].starts_with(']') {
                    return Err(self.error("only literal indexes such as [0] are supported"));
                }
                self.pos += digits.len() + 2;
                segments.push(Segment::Index(digits));
            } else {
                break;
            }
        }
        if segments
            .first()
            .is_some_and(|s| matches!(s, Segment::Field(f) if f.starts_with('$')))
        {
            return Err(self.error("context paths (`$$`) are not supported"));
        }
        // JavaScript's `.length` of a string or an array.
        let length = matches!(segments.last(), Some(Segment::Field(f)) if f == "length");
        if length {
            segments.pop();
        }
        let mut text = String::from("$states.input");
        for s in &segments {
            match s {
                Segment::Field(f) => {
                    let _ = write!(text, ".{}", field(f));
                }
                Segment::Index(i) => {
                    let _ = write!(text, "[{i}]");
                }
            }
        }
        if length {
            return Ok(Node {
                text: format!("($type({text}) = \"string\" ? $length({text}) : $count({text}))"),
                ty: Ty::Num,
            });
        }
        Ok(Node {
            text,
            ty: Ty::Unknown,
        })
    }
}

enum Segment {
    Field(String),
    Index(String),
}

/// CDK's state-path pattern `\$[.\[][.a-zA-Z[\]0-9-_]+`, every distinct match.
fn state_paths(text: &str) -> Vec<String> {
    let is_path_char =
        |c: char| c.is_ascii_alphanumeric() || matches!(c, '.' | '[' | ']' | '-' | '_');
    let mut out: Vec<String> = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find('$') {
        let after = &rest[at + 1..];
        let mut chars = after.chars();
        let opens = matches!(chars.next(), Some('.') | Some('['));
        let tail_len = chars
            .as_str()
            .chars()
            .take_while(|c| is_path_char(*c))
            .map(char::len_utf8)
            .sum::<usize>();
        if opens && tail_len > 0 {
            let found = &rest[at..at + 2 + tail_len];
            if !out.iter().any(|p| p == found) {
                out.push(found.to_string());
            }
            rest = &rest[at + 2 + tail_len..];
        } else {
            rest = after;
        }
    }
    out
}

/// A field name in JSONata: bare when it is an identifier, else in backquotes.
pub(super) fn field(name: &str) -> String {
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if plain {
        name.to_string()
    } else {
        format!("`{name}`")
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

fn combine(op: &str, l: Node, r: Node) -> Node {
    let (text, ty) = match op {
        "||" => (format!("({} or {})", l.text, r.text), Ty::Bool),
        "&&" => (format!("({} and {})", l.text, r.text), Ty::Bool),
        "===" | "==" => (format!("{} = {}", l.text, r.text), Ty::Bool),
        "!==" | "!=" => (format!("{} != {}", l.text, r.text), Ty::Bool),
        "<" | "<=" | ">" | ">=" => (format!("{} {op} {}", l.text, r.text), Ty::Bool),
        "+" => match (l.ty, r.ty) {
            (Ty::Str, _) | (_, Ty::Str) => (format!("{} & {}", l.text, r.text), Ty::Str),
            (Ty::Num, Ty::Num) => (format!("{} + {}", l.text, r.text), Ty::Num),
            // Only known at run time: JavaScript concatenates when either side is a string.
            _ => (
                format!(
                    "(($type({a}) = \"string\" or $type({b}) = \"string\") ? $string({a}) & $string({b}) : {a} + {b})",
                    a = l.text,
                    b = r.text
                ),
                Ty::Unknown,
            ),
        },
        other => (format!("{} {other} {}", l.text, r.text), Ty::Num),
    };
    Node { text, ty }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_the_seed_examples() {
        assert_eq!(
            translate("$.waitMilliseconds / 1000").unwrap(),
            "$states.input.waitMilliseconds / 1000"
        );
        assert_eq!(
            translate("`Now waiting ${$.waitSeconds} seconds...`").unwrap(),
            "(\"Now waiting \" & $string($states.input.waitSeconds) & \" seconds...\")"
        );
    }

    #[test]
    fn rejects_what_it_cannot_translate() {
        let e = translate("Math.floor($.x)").unwrap_err();
        assert!(e.message.contains("Math"), "{e:?}");
        assert_eq!(e.offset, 0);
        assert!(translate("$.a.map(x => x)").is_err());
        assert!(translate("{a: 1}").is_err());
        assert!(translate("$.a ?? 1").is_err());
        assert!(translate("").is_err());
        assert!(translate("'abc").is_err());
    }
}
