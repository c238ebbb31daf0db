//! Short readable text for a Choice condition, used as an edge label.

use crate::asl::{ComparisonOp, Condition, Operand};

/// Describes a condition the way a reader would say it: `$.count > 10 && is_present($.flag)`.
pub fn describe(condition: &Condition) -> String {
    match condition {
        Condition::And(rules) => join(rules.iter().map(|r| &r.condition), " && "),
        Condition::Or(rules) => join(rules.iter().map(|r| &r.condition), " || "),
        Condition::Not(rule) => format!("!({})", describe(&rule.condition)),
        Condition::Jsonata(value) => match value.as_str() {
            Some(text) => text.to_owned(),
            None => value.to_string(),
        },
        Condition::Test {
            variable,
            comparison,
        } => {
            let operand = match &comparison.operand {
                Operand::Literal(value) => value.to_string(),
                Operand::Path(path) => path.clone(),
            };
            let op = comparison.op;
            if op.is_type_test() {
                let test = type_test_name(op);
                return if comparison.operand == Operand::Literal(serde_json::Value::Bool(false)) {
                    format!("!{test}({variable})")
                } else {
                    format!("{test}({variable})")
                };
            }
            let symbol = match op.as_str() {
                s if s.ends_with("GreaterThanEquals") => ">=",
                s if s.ends_with("LessThanEquals") => "<=",
                s if s.ends_with("GreaterThan") => ">",
                s if s.ends_with("LessThan") => "<",
                "StringMatches" => "matches",
                _ => "==",
            };
            format!("{variable} {symbol} {operand}")
        }
    }
}

fn type_test_name(op: ComparisonOp) -> &'static str {
    match op {
        ComparisonOp::IsNull => "is_null",
        ComparisonOp::IsPresent => "is_present",
        ComparisonOp::IsNumeric => "is_numeric",
        ComparisonOp::IsString => "is_string",
        ComparisonOp::IsBoolean => "is_boolean",
        _ => "is_timestamp",
    }
}

fn join<'a>(conditions: impl Iterator<Item = &'a Condition>, separator: &str) -> String {
    let parts: Vec<String> = conditions
        .map(|c| match c {
            Condition::And(_) | Condition::Or(_) => format!("({})", describe(c)),
            _ => describe(c),
        })
        .collect();
    parts.join(separator)
}
