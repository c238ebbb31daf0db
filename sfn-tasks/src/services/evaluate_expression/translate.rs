//! Translation of CDK's JavaScript expression subset to JSONata.

use super::helpers::Helper;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// Why an expression cannot be translated, at a byte offset of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TranslateError {
    /// Byte offset in the expression.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// The static type of a translated sub-expression, when it is known at compile time.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ty {
    Num,
    Str,
    Bool,
    Null,
    /// Read from the input, or mixed: only known at run time.
    Unknown,
}

impl Ty {
    /// A primitive whose JSONata operators agree with JavaScript's for the same type.
    fn primitive(self) -> bool {
        !matches!(self, Ty::Unknown)
    }
}

struct Node {
    text: String,
    ty: Ty,
}

/// Translates a JavaScript expression (paths `$.a.b[0]`, `.length`, numbers, strings,
/// template strings, `+ - * / %`, comparisons, `=== !== == !=`, `&& || !`, `?:`,
/// parentheses, `true`/`false`/`null`) to the body of a JSONata expression reading the
/// state input as `$states.input`, with JavaScript's semantics:
///
/// - every path is read before the expression is evaluated, as CDK's Parameters do, and a
///   missing one fails the state;
/// - where the types are only known at run time, helper functions ([`super::helpers`])
///   choose what JavaScript would do, or fail when JSONata cannot reproduce it.
///
/// Constructs with no faithful translation (calls, objects, `typeof`, `**`, ...) are errors.
pub fn translate(src: &str) -> Result<String, TranslateError> {
    let mut p = Parser {
        src,
        pos: 0,
        paths: Vec::new(),
        helpers: BTreeSet::new(),
    };
    p.skip_ws();
    if p.pos >= src.len() {
        return Err(p.error("the expression is empty"));
    }
    let node = p.expr()?;
    p.skip_ws();
    if p.pos < src.len() {
        return Err(p.error(&format!("unexpected `{}`", p.rest_token())));
    }
    Ok(p.finish(node))
}

pub(super) struct Parser<'a> {
    pub(super) src: &'a str,
    pub(super) pos: usize,
    /// The distinct paths read, as (source text, JSONata array of steps); path `i` is `$p{i}`.
    paths: Vec<(String, String)>,
    helpers: BTreeSet<Helper>,
}

impl<'a> Parser<'a> {
    /// A parser over `src` for the path helpers of `result_path`.
    pub(super) fn new(src: &'a str) -> Parser<'a> {
        Parser {
            src,
            pos: 0,
            paths: Vec::new(),
            helpers: BTreeSet::new(),
        }
    }

    fn error(&self, message: &str) -> TranslateError {
        TranslateError {
            offset: self.pos,
            message: message.to_string(),
        }
    }

    /// Wraps the body in a block binding the helpers and reading the paths up front.
    fn finish(mut self, node: Node) -> String {
        if !self.paths.is_empty() {
            self.helpers.insert(Helper::Read);
        }
        // Close over dependencies (one level is all there is).
        for helper in self.helpers.clone() {
            self.helpers.extend(helper.needs().iter().copied());
        }
        if self.helpers.is_empty() {
            return node.text;
        }
        let mut out = String::from("(");
        for helper in &self.helpers {
            let _ = write!(out, "{}; ", helper.definition());
        }
        for (i, (source, steps)) in self.paths.iter().enumerate() {
            let _ = write!(out, "$p{i} := $read({}, {steps}); ", json_string(source));
        }
        out.push_str(&node.text);
        out.push(')');
        out
    }

    fn use_helper(&mut self, helper: Helper) {
        self.helpers.insert(helper);
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

    /// `cond` as a JSONata boolean with JavaScript's truthiness.
    fn truthy(&mut self, cond: Node) -> String {
        if cond.ty == Ty::Bool {
            cond.text
        } else {
            self.use_helper(Helper::Truthy);
            format!("$truthy({})", cond.text)
        }
    }

    /// `v` as JavaScript's `String(v)`.
    fn string_of(&mut self, v: Node) -> String {
        if v.ty == Ty::Str {
            v.text
        } else {
            self.use_helper(Helper::Str);
            format!("$str({})", v.text)
        }
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
            let cond = self.truthy(cond);
            return Ok(Node {
                text: format!("({cond} ? {} : {})", a.text, b.text),
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
            for (token, why) in [
                ("??", "`??` has no JSONata equivalent"),
                ("=>", "arrow functions are not supported"),
                ("**", "`**` is not supported; write the multiplication out"),
                ("&&=", "assignments are not supported"),
                ("||=", "assignments are not supported"),
            ] {
                if self.rest().starts_with(token) {
                    return Err(self.error(why));
                }
            }
            let Some(op) = ops.iter().find(|op| self.rest().starts_with(**op)).copied() else {
                return Ok(left);
            };
            // `=` alone is an assignment and `&`/`|` alone are bitwise: the top level
            // reports them as unexpected.
            self.pos += op.len();
            let right = self.binary(level + 1)?;
            left = self.combine(op, left, right);
        }
    }

    fn combine(&mut self, op: &str, l: Node, r: Node) -> Node {
        let (text, ty) = match op {
            "||" | "&&" if l.ty == Ty::Bool && r.ty == Ty::Bool => {
                let word = if op == "||" { "or" } else { "and" };
                (format!("({} {word} {})", l.text, r.text), Ty::Bool)
            }
            // JavaScript gives an operand, not a boolean: `a || b` is a when a is truthy.
            "||" | "&&" => {
                let ty = if l.ty == r.ty { l.ty } else { Ty::Unknown };
                let test = self.truthy(Node {
                    text: "$l".into(),
                    ty: l.ty,
                });
                let text = if op == "||" {
                    format!("($l := {}; {test} ? $l : {})", l.text, r.text)
                } else {
                    format!("($l := {}; {test} ? {} : $l)", l.text, r.text)
                };
                (text, ty)
            }
            "===" | "!==" | "==" | "!=" => {
                let same = if l.ty.primitive() && r.ty.primitive() {
                    if l.ty == r.ty || op.len() == 3 || l.ty == Ty::Null || r.ty == Ty::Null {
                        // Known primitive types: JSONata's `=` is JavaScript's here
                        // (different types are never equal).
                        format!("({} = {})", l.text, r.text)
                    } else {
                        self.use_helper(Helper::LooseEq);
                        format!("$leq({}, {})", l.text, r.text)
                    }
                } else if op.len() == 3 {
                    self.use_helper(Helper::StrictEq);
                    format!("$seq({}, {})", l.text, r.text)
                } else {
                    self.use_helper(Helper::LooseEq);
                    format!("$leq({}, {})", l.text, r.text)
                };
                let text = if op.starts_with('!') {
                    format!("$not({same})")
                } else {
                    same
                };
                (text, Ty::Bool)
            }
            // JSONata compares two numbers or two strings as JavaScript does, and fails on
            // any other mix (where JavaScript would convert).
            "<" | "<=" | ">" | ">=" => (format!("({} {op} {})", l.text, r.text), Ty::Bool),
            "+" => match (l.ty, r.ty) {
                (Ty::Num, Ty::Num) => (format!("({} + {})", l.text, r.text), Ty::Num),
                (Ty::Str, _) | (_, Ty::Str) => {
                    let a = self.string_of(l);
                    let b = self.string_of(r);
                    (format!("({a} & {b})"), Ty::Str)
                }
                _ => {
                    self.use_helper(Helper::Add);
                    (format!("$add({}, {})", l.text, r.text), Ty::Unknown)
                }
            },
            // JSONata's arithmetic takes numbers only: any other operand fails the state
            // (JavaScript would convert it).
            other => (format!("({} {other} {})", l.text, r.text), Ty::Num),
        };
        Node { text, ty }
    }

    fn unary(&mut self) -> Result<Node, TranslateError> {
        if self.eat("!") {
            let inner = self.unary()?;
            let test = self.truthy(inner);
            return Ok(Node {
                text: format!("$not({test})"),
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
            if inner.ty == Ty::Num {
                return Ok(inner);
            }
            return Ok(Node {
                text: format!("$number({})", inner.text),
                ty: Ty::Num,
            });
        }
        if self.peek("++") || self.peek("--") {
            return Err(self.error("`++` and `--` are not supported"));
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
                        ty: Ty::Null,
                    },
                    _ => {
                        self.pos = start;
                        let what = if self
                            .rest()
                            .get(word.len()..)
                            .unwrap_or("")
                            .trim_start()
                            .starts_with('(')
                        {
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
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '.')
            .collect();
        // Octal-looking (`010`) and hex/binary literals read differently in JSONata.
        let plain = text
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E'))
            && !(text.len() > 1 && text.starts_with('0') && !text.starts_with("0."));
        let value = text.parse::<f64>().ok().filter(|v| plain && v.is_finite());
        let Some(value) = value else {
            return Err(self.error(&format!(
                "`{text}` is not a number this translation supports (decimal literals only)"
            )));
        };
        self.pos += text.len();
        // Normalised: JSONata has no `.5` or `1.` literals.
        Ok(Node {
            text: format!("{value}"),
            ty: Ty::Num,
        })
    }

    /// A quoted string (`quote` at the current position), with JavaScript's escapes.
    pub(super) fn string(&mut self, quote: char) -> Result<String, TranslateError> {
        let start = self.pos;
        self.pos += quote.len_utf8();
        let mut out = String::new();
        loop {
            let Some(c) = self.rest().chars().next() else {
                self.pos = start;
                return Err(self.error("the string is not closed"));
            };
            if c == quote {
                self.pos += c.len_utf8();
                return Ok(out);
            }
            if c == '\\' {
                self.escape(&mut out)?;
            } else {
                out.push(c);
                self.pos += c.len_utf8();
            }
        }
    }

    /// One escape sequence at the current `\`, appended to `out`.
    fn escape(&mut self, out: &mut String) -> Result<(), TranslateError> {
        let at = self.pos;
        self.pos += 1;
        let Some(e) = self.rest().chars().next() else {
            return Err(self.error("the escape `\\` ends the expression"));
        };
        self.pos += e.len_utf8();
        let simple = match e {
            'n' => Some('\n'),
            't' => Some('\t'),
            'r' => Some('\r'),
            'b' => Some('\u{8}'),
            'f' => Some('\u{c}'),
            'v' => Some('\u{b}'),
            '0' if !self.rest().starts_with(|c: char| c.is_ascii_digit()) => Some('\0'),
            '\n' => return Ok(()), // line continuation
            'x' | 'u' => None,
            c if c.is_ascii_digit() => {
                self.pos = at;
                return Err(self.error("octal escapes are not supported"));
            }
            other => Some(other),
        };
        if let Some(c) = simple {
            out.push(c);
            return Ok(());
        }
        let digits = if e == 'x' { 2 } else { 4 };
        let hex = self.rest().get(..digits).unwrap_or("");
        let unit = (hex.len() == digits && hex.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| u32::from_str_radix(hex, 16).ok())
            .flatten();
        let Some(mut unit) = unit else {
            self.pos = at;
            return Err(self.error(&format!(
                "unsupported escape: `\\{e}` must be followed by {digits} hex digits (`\\u{{...}}` is not supported)"
            )));
        };
        self.pos += digits;
        // A surrogate pair `\uD83D\uDE00` is one character.
        if (0xD800..0xDC00).contains(&unit) {
            let low = self
                .rest()
                .strip_prefix("\\u")
                .and_then(|r| r.get(..4))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .filter(|l| (0xDC00..0xE000).contains(l));
            if let Some(low) = low {
                self.pos += 6;
                unit = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00);
            }
        }
        match char::from_u32(unit) {
            Some(c) => {
                out.push(c);
                Ok(())
            }
            None => {
                self.pos = at;
                Err(self.error("unsupported escape: a lone surrogate has no JSON form"))
            }
        }
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
                let text = self.string_of(inner);
                parts.push(text);
                continue;
            }
            if c == '\\' {
                let mut piece = String::new();
                self.escape(&mut piece)?;
                literal.push_str(&piece);
                all_text.push_str(&piece);
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
        let start = self.pos;
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
                if digits.is_empty() || !after.get(digits.len()..).unwrap_or("").starts_with(']') {
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
            self.pos = start;
            return Err(self.error("context paths (`$$`) are not supported"));
        }
        if segments.is_empty() {
            self.pos = start;
            return Err(self.error(
                "a bare `$` is not a path (CDK only substitutes `$.field` and `$[...]`); name a field, e.g. `$.value`",
            ));
        }
        // JavaScript's `.length` of a string or an array (an object's own `length` field
        // is read by the helper too).
        let length = matches!(segments.last(), Some(Segment::Field(f)) if f == "length");
        if length {
            segments.pop();
        }
        if segments
            .iter()
            .any(|s| matches!(s, Segment::Field(f) if f == "length"))
        {
            self.pos = start;
            return Err(self.error(
                "`.length` is only supported at the end of a path (its meaning depends on the value's type)",
            ));
        }
        if segments.is_empty() {
            self.pos = start;
            return Err(self.error("`$.length` reads the length of the whole input: name a field"));
        }
        let text = self.read(&segments);
        if length {
            self.use_helper(Helper::Length);
            return Ok(Node {
                text: format!("$len({text})"),
                ty: Ty::Num,
            });
        }
        Ok(Node {
            text,
            ty: Ty::Unknown,
        })
    }

    /// The variable holding the value at `segments`, read once up front.
    fn read(&mut self, segments: &[Segment]) -> String {
        let mut source = String::from("$");
        let mut steps = Vec::new();
        for s in segments {
            match s {
                Segment::Field(f) => {
                    if field(f) == *f {
                        let _ = write!(source, ".{f}");
                    } else {
                        let _ = write!(source, "[{}]", json_string(f));
                    }
                    steps.push(json_string(f));
                }
                Segment::Index(i) => {
                    let _ = write!(source, "[{i}]");
                    steps.push(i.trim_start_matches('0').to_string());
                }
            }
        }
        let steps = format!(
            "[{}]",
            steps
                .iter()
                .map(|s| if s.is_empty() { "0" } else { s.as_str() })
                .collect::<Vec<_>>()
                .join(", ")
        );
        let index = match self.paths.iter().position(|(s, _)| *s == source) {
            Some(i) => i,
            None => {
                self.paths.push((source, steps));
                self.paths.len() - 1
            }
        };
        format!("$p{index}")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn translates_the_seed_examples() {
        // The path is read once, up front, by the checking `$read`; the body uses it.
        let body = translate("$.waitMilliseconds / 1000").unwrap();
        assert!(body.starts_with("($read := function"), "{body}");
        assert!(
            body.ends_with(
                "$p0 := $read(\"$.waitMilliseconds\", [\"waitMilliseconds\"]); ($p0 / 1000))"
            ),
            "{body}"
        );
        let body = translate("`Now waiting ${$.waitSeconds} seconds...`").unwrap();
        assert!(
            body.ends_with("(\"Now waiting \" & $str($p0) & \" seconds...\"))"),
            "{body}"
        );
        assert!(body.contains("$str := function"), "{body}");
        // Without paths or run-time types there is nothing to bind.
        assert_eq!(translate("1 + .5").unwrap(), "(1 + 0.5)");
        assert_eq!(translate("'a' + 'b'").unwrap(), "(\"a\" & \"b\")");
    }

    #[test]
    fn paths_are_read_once_and_indexes_are_numbers() {
        let body = translate("$.a[0] + $.a[0] + $['b c'].d").unwrap();
        assert!(body.contains("$p0 := $read(\"$.a[0]\", [\"a\", 0])"), "{body}");
        assert!(
            body.contains("$p1 := $read(\"$[\\\"b c\\\"].d\", [\"b c\", \"d\"])"),
            "{body}"
        );
        assert!(!body.contains("$p2"), "{body}");
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
