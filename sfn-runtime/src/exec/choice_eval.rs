//! Evaluation of Choice rules: comparisons (type mismatch is false, not an error),
//! `And`/`Or` with short-circuit, `Not`, and JSONata `Condition`.

use std::cmp::Ordering;

use serde_json::{Map, Value};

use super::clock::parse_timestamp;
use super::engine::Run;
use super::errors::{Failure, names};
use super::pipeline::{Extra, in_state};
use crate::asl::{Comparison, ComparisonOp, Condition, Operand};

impl<'e> Run<'e> {
    /// Whether `condition` holds for `input`.
    pub(crate) fn condition(
        &mut self,
        state: &str,
        condition: &'e Condition,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<bool, Failure> {
        match condition {
            Condition::And(rules) => {
                for rule in rules {
                    if !self.condition(state, &rule.condition, input, vars)? {
                        return Ok(false);
                    }
                }
                Ok(true)
            }
            Condition::Or(rules) => {
                for rule in rules {
                    if self.condition(state, &rule.condition, input, vars)? {
                        return Ok(true);
                    }
                }
                Ok(false)
            }
            Condition::Not(rule) => Ok(!self.condition(state, &rule.condition, input, vars)?),
            Condition::Test {
                variable,
                comparison,
            } => self.comparison(state, variable, comparison, input, vars),
            Condition::Jsonata(value) => {
                match self.jsonata(state, "Condition", value, input, Extra::default(), vars)? {
                    Value::Bool(b) => Ok(b),
                    other => Err(in_state(
                        Failure::new(
                            names::QUERY_EVALUATION_ERROR,
                            format!("the Condition must give a boolean, it gave {other}"),
                        ),
                        state,
                        self.entered_event,
                    )),
                }
            }
        }
    }

    fn comparison(
        &mut self,
        state: &str,
        variable: &'e String,
        comparison: &'e Comparison,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<bool, Failure> {
        let selected = self.select(state, "Variable", variable, input, vars);
        if comparison.op == ComparisonOp::IsPresent {
            let expected = comparison_literal_bool(comparison);
            return Ok(selected.is_ok() == expected);
        }
        let value = selected?;
        let operand = match &comparison.operand {
            Operand::Literal(literal) => literal.clone(),
            Operand::Path(source) => self.select(state, "Variable", source, input, vars)?,
        };
        Ok(compare(comparison.op, &value, &operand))
    }
}

fn comparison_literal_bool(comparison: &Comparison) -> bool {
    match &comparison.operand {
        Operand::Literal(Value::Bool(b)) => *b,
        _ => true,
    }
}

/// Applies one operator; values of the wrong type compare false.
pub(crate) fn compare(op: ComparisonOp, value: &Value, operand: &Value) -> bool {
    use ComparisonOp as Op;
    let is = |test: bool| operand.as_bool().is_some_and(|expected| expected == test);
    match op {
        Op::StringEquals
        | Op::StringLessThan
        | Op::StringGreaterThan
        | Op::StringLessThanEquals
        | Op::StringGreaterThanEquals => match (value.as_str(), operand.as_str()) {
            (Some(a), Some(b)) => ordered(op, utf16_cmp(a, b)),
            _ => false,
        },
        Op::StringMatches => match (value.as_str(), operand.as_str()) {
            (Some(a), Some(pattern)) => string_matches(a, pattern),
            _ => false,
        },
        Op::NumericEquals
        | Op::NumericLessThan
        | Op::NumericGreaterThan
        | Op::NumericLessThanEquals
        | Op::NumericGreaterThanEquals => {
            match (
                value.as_f64().filter(|_| value.is_number()),
                operand.as_f64(),
            ) {
                (Some(a), Some(b)) => a.partial_cmp(&b).is_some_and(|o| ordered(op, o)),
                _ => false,
            }
        }
        Op::BooleanEquals => matches!((value, operand), (Value::Bool(a), Value::Bool(b)) if a == b),
        Op::TimestampEquals
        | Op::TimestampLessThan
        | Op::TimestampGreaterThan
        | Op::TimestampLessThanEquals
        | Op::TimestampGreaterThanEquals => {
            match (
                value.as_str().and_then(parse_timestamp),
                operand.as_str().and_then(parse_timestamp),
            ) {
                (Some(a), Some(b)) => ordered(op, a.cmp(&b)),
                _ => false,
            }
        }
        Op::IsNull => is(value.is_null()),
        Op::IsPresent => is(true),
        Op::IsNumeric => is(value.is_number()),
        Op::IsString => is(value.is_string()),
        Op::IsBoolean => is(value.is_boolean()),
        Op::IsTimestamp => is(value.as_str().and_then(parse_timestamp).is_some()),
    }
}

fn ordered(op: ComparisonOp, ordering: Ordering) -> bool {
    use ComparisonOp as Op;
    match op {
        Op::StringEquals | Op::NumericEquals | Op::TimestampEquals => ordering == Ordering::Equal,
        Op::StringLessThan | Op::NumericLessThan | Op::TimestampLessThan => {
            ordering == Ordering::Less
        }
        Op::StringGreaterThan | Op::NumericGreaterThan | Op::TimestampGreaterThan => {
            ordering == Ordering::Greater
        }
        Op::StringLessThanEquals | Op::NumericLessThanEquals | Op::TimestampLessThanEquals => {
            ordering != Ordering::Greater
        }
        Op::StringGreaterThanEquals
        | Op::NumericGreaterThanEquals
        | Op::TimestampGreaterThanEquals => ordering != Ordering::Less,
        _ => false,
    }
}

/// Java `String.compareTo`: UTF-16 code units.
fn utf16_cmp(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

/// `StringMatches`: `*` matches any run (even empty), `\*` a literal star, `\\` a
/// backslash; everything else literally. A dangling or unknown escape never matches.
pub(crate) fn string_matches(text: &str, pattern: &str) -> bool {
    enum Token {
        Star,
        Char(char),
    }
    let mut tokens = Vec::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '*' => tokens.push(Token::Star),
            '\\' => match chars.next() {
                Some(e @ ('*' | '\\')) => tokens.push(Token::Char(e)),
                _ => return false,
            },
            other => tokens.push(Token::Char(other)),
        }
    }
    let text: Vec<char> = text.chars().collect();
    // Greedy matching with backtracking to the last star: linear in practice.
    let (mut t, mut p) = (0usize, 0usize);
    let mut backtrack: Option<(usize, usize)> = None;
    while t < text.len() {
        match tokens.get(p) {
            Some(Token::Char(c)) if text.get(t) == Some(c) => {
                t += 1;
                p += 1;
            }
            Some(Token::Star) => {
                backtrack = Some((p, t));
                p += 1;
            }
            _ => match backtrack {
                Some((star, matched)) => {
                    p = star + 1;
                    t = matched + 1;
                    backtrack = Some((star, matched + 1));
                }
                None => return false,
            },
        }
    }
    tokens
        .get(p..)
        .is_some_and(|rest| rest.iter().all(|t| matches!(t, Token::Star)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn string_matches_rules() {
        assert!(string_matches("log-2024.txt", "log-*.txt"));
        assert!(string_matches("anything", "*"));
        assert!(string_matches("", "*"));
        assert!(string_matches("a*b", "a\\*b"));
        assert!(!string_matches("axb", "a\\*b"));
        assert!(string_matches("a?", "a?"));
        assert!(!string_matches("ab", "a?"));
        assert!(string_matches("abcbd", "a*b*d"));
        assert!(!string_matches("abc", "a\\"));
    }

    #[test]
    fn type_mismatch_is_false() {
        assert!(!compare(
            ComparisonOp::NumericEquals,
            &json!("42"),
            &json!(42)
        ));
        assert!(!compare(
            ComparisonOp::BooleanEquals,
            &json!(0),
            &json!(false)
        ));
        assert!(!compare(ComparisonOp::StringEquals, &json!(1), &json!("1")));
        assert!(compare(ComparisonOp::NumericEquals, &json!(1.0), &json!(1)));
        assert!(compare(
            ComparisonOp::StringLessThan,
            &json!("A"),
            &json!("AB")
        ));
        assert!(compare(ComparisonOp::IsNull, &json!(null), &json!(true)));
        assert!(compare(ComparisonOp::IsNumeric, &json!("1"), &json!(false)));
    }
}
