//! Choice rules as conditions: `$.a > 10 && is_present($.b) => X`, `_ => Default`.

use serde_json::{Map, Value as Json};

use super::error::{ImportError, child};
use super::names::state_name;
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
        for key in ["Next", "Comment", "Assign", "Output"] {
            condition.shift_remove(key);
        }
        if jsonata && !condition.contains_key("Condition") {
            return Err(ImportError::new(
                rule_at,
                "a JSONata Choice rule is a `Condition`",
            ));
        }
        let (cond, _) = cond(&condition, &rule_at)?;
        lines.push(format!("{cond} => {},", state_name(target)));
    }
    Ok(lines)
}

/// One condition (the rule object without `Next` and the arm attributes).
fn cond(rule: &Map<String, Json>, at: &str) -> Result<(String, Prec), ImportError> {
    if rule.len() == 1
        && let Some((key, value)) = rule.iter().next()
    {
        match key.as_str() {
            "And" | "Or" => return logic(key, value, &child(at, key)),
            "Not" => return not(value, &child(at, "Not")),
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
    let (text, _) = comparison(rule, at, false)?;
    Ok((text, Prec::Unary))
}

fn logic(key: &str, value: &Json, at: &str) -> Result<(String, Prec), ImportError> {
    let Json::Array(items) = value else {
        return Err(ImportError::new(
            at,
            format!("`{key}` is an array of rules"),
        ));
    };
    if items.len() < 2 {
        return Err(ImportError::new(
            at,
            format!(
                "the DSL writes `{key}` as `a {} b`: an `{key}` of fewer than two rules cannot be written",
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
        let (text, inner) = cond(item, &item_at)?;
        // `a && (b && c)` keeps its nesting only with the parentheses; `||` inside `&&` needs them.
        parts.push(if inner <= prec {
            format!("({text})")
        } else {
            text
        });
    }
    Ok((parts.join(op), prec))
}

fn not(value: &Json, at: &str) -> Result<(String, Prec), ImportError> {
    let Json::Object(inner) = value else {
        return Err(ImportError::new(at, "`Not` is a rule"));
    };
    // `Not` around an equality is written `!=`.
    if let Some((key, _)) = operator(inner)
        && (key.ends_with("Equals") || key.ends_with("EqualsPath"))
        && !key.starts_with("Is")
    {
        let (text, _) = comparison(inner, at, true)?;
        return Ok((text, Prec::Unary));
    }
    if let Some((key, Json::Bool(true))) = operator(inner)
        && key.starts_with("Is")
    {
        return Err(ImportError::new(
            child(at, key),
            format!(
                "the DSL writes `!is_..(..)` as `{key}: false` and cannot write `Not` around `{key}: true`; write `{key}: false` in the ASL"
            ),
        ));
    }
    let (text, prec) = cond(inner, at)?;
    let text = if prec == Prec::Unary && !text.contains(' ')
        || text.starts_with('!') && !text.contains(' ')
    {
        format!("!{text}")
    } else {
        format!("!({text})")
    };
    Ok((text, Prec::Unary))
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
    let var = text::path(variable).map_err(|m| ImportError::new(child(at, "Variable"), m))?;
    let tests = [
        ("IsPresent", "is_present"),
        ("IsNull", "is_null"),
        ("IsNumeric", "is_numeric"),
        ("IsString", "is_string"),
        ("IsBoolean", "is_boolean"),
        ("IsTimestamp", "is_timestamp"),
    ];
    if let Some((_, func)) = tests.iter().find(|(k, _)| *k == key) {
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
        let other = text::path(other).map_err(|m| ImportError::new(&key_at, m))?;
        format!("{}({other})", type_word(ty))
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
