//! Choice rules as conditions: `$.a > 10 && is_present($.b) => X`, `_ => Default`.

use serde_json::{Map, Value as Json};

use super::error::{ImportError, child};
use super::names::state_name;
use super::rewrite::Rewrites;
use super::text;
use super::value::{Mode, flat, layout, string, tree};

/// How tightly a rendered condition binds, to parenthesize only where needed.
#[derive(Clone, Copy, PartialEq, PartialOrd)]
enum Prec {
    Or,
    And,
    Unary,
}

/// The arms of a Choice (`Choices` at `at`), one logical line each (attributes first).
pub fn arms(
    value: &Json,
    at: &str,
    jsonata: bool,
    indent: usize,
    rw: &mut Rewrites,
) -> Result<Vec<String>, ImportError> {
    let Json::Array(rules) = value else {
        return Err(ImportError::new(at, "`Choices` is an array of rules"));
    };
    if rules.is_empty() {
        return Err(ImportError::new(
            at,
            "the DSL cannot write an empty `Choices`",
        ));
    }
    let template = if jsonata {
        Mode::Literal
    } else {
        Mode::Template
    };
    let mut lines = Vec::new();
    for (i, rule) in rules.iter().enumerate() {
        let rule_at = child(at, &i.to_string());
        let Json::Object(rule) = rule else {
            return Err(ImportError::new(rule_at, "a Choice rule is an object"));
        };
        let target = rule.get("Next").and_then(Json::as_str).ok_or_else(|| {
            ImportError::new(
                child(&rule_at, "Next"),
                "a top-level Choice rule needs `Next`",
            )
        })?;
        if let Some(comment) = rule.get("Comment") {
            let comment = comment.as_str().ok_or_else(|| {
                ImportError::new(child(&rule_at, "Comment"), "`Comment` is a string")
            })?;
            lines.push(format!("#[comment = {}]", string(comment)));
        }
        for (key, attr) in [("Assign", "assign"), ("Output", "output")] {
            if let Some(value) = rule.get(key) {
                let t = tree(value, &child(&rule_at, key), template, false)?;
                lines.push(format!("#[{attr}({})]", layout(&t, indent, attr.len() + 4)));
            }
        }
        let mut condition = rule.clone();
        for key in ARM_KEYS {
            condition.shift_remove(key);
        }
        if jsonata && !condition.contains_key("Condition") {
            return Err(ImportError::new(
                rule_at,
                "a JSONata Choice rule is a `Condition`",
            ));
        }
        let (cond, _) = cond(&condition, &rule_at, rw)?;
        lines.push(format!("{cond} => {},", state_name(target)));
    }
    Ok(lines)
}

/// One condition (the rule object without `Next` and the arm attributes).
fn cond(
    rule: &Map<String, Json>,
    at: &str,
    rw: &mut Rewrites,
) -> Result<(String, Prec), ImportError> {
    if rule.len() == 1
        && let Some((key, value)) = rule.iter().next()
    {
        match key.as_str() {
            "And" | "Or" => return logic(key, value, at, rw),
            "Not" => return not(value, at, rw),
            "Condition" => {
                let expr = value
                    .as_str()
                    .filter(|s| crate::lower::is_jsonata(s))
                    .ok_or_else(|| {
                        ImportError::new(
                            child(at, key),
                            "a `Condition` is a JSONata string `{% .. %}`",
                        )
                    })?;
                return Ok((string(expr), Prec::Unary));
            }
            _ => {}
        }
    }
    let (text, _) = comparison(rule, at, false, rw)?;
    Ok((text, Prec::Unary))
}

/// `a && b`, `a || b` for the `And`/`Or` of the rule at `rule_at`.
fn logic(
    key: &str,
    value: &Json,
    rule_at: &str,
    rw: &mut Rewrites,
) -> Result<(String, Prec), ImportError> {
    let at = &child(rule_at, key);
    let Json::Array(items) = value else {
        return Err(ImportError::new(
            at,
            format!("`{key}` is an array of rules"),
        ));
    };
    // An `And`/`Or` of one rule is that rule (the arm's own keys cannot move into it).
    if let [Json::Object(only)] = items.as_slice()
        && !ARM_KEYS.iter().any(|k| only.contains_key(*k))
    {
        rw.merge(
            rule_at,
            key,
            format!("{key} of one rule written as that rule, same meaning"),
        );
        return cond(only, &child(at, "0"), rw);
    }
    if items.len() < 2 {
        return Err(ImportError::new(
            at,
            format!(
                "the DSL writes `{key}` as `a {} b`: an `{key}` of no rule (or of one rule with its own `Next`, `Comment`, `Assign` or `Output`) cannot be written",
                if key == "And" { "&&" } else { "||" }
            ),
        ));
    }
    let (op, prec) = if key == "And" {
        (" && ", Prec::And)
    } else {
        (" || ", Prec::Or)
    };
    let mut parts = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let item_at = child(at, &i.to_string());
        let Json::Object(item) = item else {
            return Err(ImportError::new(item_at, "a rule is an object"));
        };
        let (text, inner) = cond(item, &item_at, rw)?;
        // `a && (b && c)` keeps its nesting only with the parentheses; `||` inside `&&` needs them.
        parts.push(if inner <= prec {
            format!("({text})")
        } else {
            text
        });
    }
    Ok((parts.join(op), prec))
}

/// `!rule` for the `Not` of the rule at `rule_at`.
fn not(value: &Json, rule_at: &str, rw: &mut Rewrites) -> Result<(String, Prec), ImportError> {
    let at = &child(rule_at, "Not");
    let Json::Object(inner) = value else {
        return Err(ImportError::new(at, "`Not` is a rule"));
    };
    // `Not` around an equality is written `!=`.
    if let Some((key, _)) = operator(inner)
        && (key.ends_with("Equals") || key.ends_with("EqualsPath"))
        && !key.starts_with("Is")
    {
        let (text, _) = comparison(inner, at, true, rw)?;
        return Ok((text, Prec::Unary));
    }
    // `Not` around `IsPresent: true` is `IsPresent: false`: the DSL writes that, `!is_..(..)`.
    if let Some((key, Json::Bool(true))) = operator(inner)
        && key.starts_with("Is")
        && inner.contains_key("Variable")
    {
        rw.merge(
            rule_at,
            "Not",
            format!(
                "Not around {key}: true written as !{} ({key}: false), same meaning",
                test_word(key).unwrap_or(key)
            ),
        );
        let mut negated = inner.clone();
        negated.insert(key.to_owned(), Json::Bool(false));
        let (text, _) = comparison(&negated, at, false, rw)?;
        return Ok((text, Prec::Unary));
    }
    let (text, prec) = cond(inner, at, rw)?;
    let text = if prec == Prec::Unary && !text.contains(' ')
        || text.starts_with('!') && !text.contains(' ')
    {
        format!("!{text}")
    } else {
        format!("!({text})")
    };
    Ok((text, Prec::Unary))
}

/// The keys of a top-level rule that are not its condition.
const ARM_KEYS: [&str; 4] = ["Next", "Comment", "Assign", "Output"];

/// The type tests, as the DSL names them.
const TESTS: [(&str, &str); 6] = [
    ("IsPresent", "is_present"),
    ("IsNull", "is_null"),
    ("IsNumeric", "is_numeric"),
    ("IsString", "is_string"),
    ("IsBoolean", "is_boolean"),
    ("IsTimestamp", "is_timestamp"),
];

fn test_word(key: &str) -> Option<&'static str> {
    TESTS.iter().find(|(k, _)| *k == key).map(|(_, w)| *w)
}

/// The one comparison or test key of a leaf rule, with its value.
fn operator(rule: &Map<String, Json>) -> Option<(&str, &Json)> {
    let mut ops = rule.iter().filter(|(k, _)| k.as_str() != "Variable");
    let first = ops.next()?;
    if ops.next().is_some() {
        return None;
    }
    Some((first.0.as_str(), first.1))
}

/// `Variable` + one operator, as `$.x == "a"`, `is_present($.x)`, ... (`!=` when `negated`).
fn comparison(
    rule: &Map<String, Json>,
    at: &str,
    negated: bool,
    rw: &mut Rewrites,
) -> Result<(String, bool), ImportError> {
    let variable = rule.get("Variable").and_then(Json::as_str).ok_or_else(|| {
        ImportError::new(at, "a comparison rule needs `Variable` and one operator")
    })?;
    let (key, value) = operator(rule).ok_or_else(|| {
        ImportError::new(
            at,
            "a comparison rule has exactly one operator besides `Variable`",
        )
    })?;
    let key_at = child(at, key);
    let variable_at = child(at, "Variable");
    let written = text::path(variable).map_err(|m| ImportError::new(&variable_at, m))?;
    text::note_respaced(rw, &variable_at, variable, &written);
    let var = written.dsl;
    if let Some(func) = test_word(key) {
        let Json::Bool(b) = value else {
            return Err(ImportError::new(
                key_at,
                format!("`{key}` is true or false"),
            ));
        };
        return Ok((format!("{}{func}({var})", if *b { "" } else { "!" }), false));
    }
    if key == "StringMatches" {
        let pattern = value
            .as_str()
            .ok_or_else(|| ImportError::new(&key_at, "`StringMatches` is a string pattern"))?;
        return Ok((format!("matches({var}, {})", string(pattern)), false));
    }
    let (ty, rest) = ["String", "Numeric", "Boolean", "Timestamp"]
        .iter()
        .find_map(|ty| key.strip_prefix(ty).map(|rest| (*ty, rest)))
        .ok_or_else(|| ImportError::new(&key_at, format!("`{key}` is not a Choice operator")))?;
    let (op_name, is_path) = match rest.strip_suffix("Path") {
        Some(op) => (op, true),
        None => (rest, false),
    };
    let op = match (op_name, negated) {
        ("Equals", false) => "==",
        ("Equals", true) => "!=",
        ("LessThan", false) => "<",
        ("LessThanEquals", false) => "<=",
        ("GreaterThan", false) => ">",
        ("GreaterThanEquals", false) => ">=",
        _ => {
            return Err(ImportError::new(
                &key_at,
                format!("`{key}` is not a Choice operator"),
            ));
        }
    };
    if ty == "Boolean" && op_name != "Equals" {
        return Err(ImportError::new(
            &key_at,
            format!("`{key}` is not a Choice operator"),
        ));
    }
    let right = if is_path {
        let other = value
            .as_str()
            .ok_or_else(|| ImportError::new(&key_at, format!("`{key}` is a path")))?;
        let written = text::path(other).map_err(|m| ImportError::new(&key_at, m))?;
        text::note_respaced(rw, &key_at, other, &written);
        format!("{}({})", type_word(ty), written.dsl)
    } else {
        match (ty, value) {
            ("String", Json::String(s)) => string(s),
            ("Numeric", Json::Number(n)) => n.to_string(),
            ("Boolean", Json::Bool(b)) => b.to_string(),
            ("Timestamp", Json::String(s)) => format!("timestamp({})", string(s)),
            _ => {
                return Err(ImportError::new(
                    key_at,
                    format!(
                        "`{key}` takes a {} value; the DSL cannot write `{}`",
                        type_word(ty),
                        flat(&super::value::Tree::Atom(value.to_string()))
                    ),
                ));
            }
        }
    };
    Ok((format!("{var} {op} {right}"), negated))
}

fn type_word(ty: &str) -> &'static str {
    match ty {
        "String" => "string",
        "Numeric" => "number",
        "Boolean" => "boolean",
        _ => "timestamp",
    }
}
