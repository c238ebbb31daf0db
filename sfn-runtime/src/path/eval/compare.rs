//! Filter predicates: existence tests and comparisons, with Jayway's typing (values of
//! different types are never equal or ordered; a missing value only satisfies `!=`).

use std::cmp::Ordering;

use serde_json::Value;

use super::select::evaluate;
use crate::path::ast::{CompareOp, Filter, FilterPath, Operand};

/// Whether `node` (the `@` of the filter) satisfies `filter`; `input` is the `$`.
pub(crate) fn matches(filter: &Filter, node: &Value, input: &Value) -> bool {
    match filter {
        Filter::Or(a, b) => matches(a, node, input) || matches(b, node, input),
        Filter::And(a, b) => matches(a, node, input) && matches(b, node, input),
        Filter::Not(a) => !matches(a, node, input),
        Filter::Exists(path) => match resolve(path, node, input) {
            Some(Value::Array(items)) if !crate::path::ast::segments_definite(&path.segments) => {
                !items.is_empty()
            }
            Some(_) => true,
            None => false,
        },
        Filter::Compare { left, op, right } => {
            let l = operand(left, node, input);
            let r = operand(right, node, input);
            match (l, r) {
                (Some(l), Some(r)) => compare(&l, *op, &r),
                _ => *op == CompareOp::Ne,
            }
        }
    }
}

fn resolve(path: &FilterPath, node: &Value, input: &Value) -> Option<Value> {
    let root = if path.current { node } else { input };
    evaluate(root, input, &path.segments)
}

fn operand(op: &Operand, node: &Value, input: &Value) -> Option<Value> {
    match op {
        Operand::Path(p) => resolve(p, node, input),
        Operand::Literal(v) => Some(v.clone()),
    }
}

fn compare(l: &Value, op: CompareOp, r: &Value) -> bool {
    match op {
        CompareOp::Eq => equal(l, r),
        CompareOp::Ne => !equal(l, r),
        _ => match order(l, r) {
            Some(ord) => match op {
                CompareOp::Lt => ord == Ordering::Less,
                CompareOp::Le => ord != Ordering::Greater,
                CompareOp::Gt => ord == Ordering::Greater,
                _ => ord != Ordering::Less,
            },
            None => false,
        },
    }
}

/// JSON equality where numbers compare by value (`1 == 1.0`). Like Jayway, a number and
/// a string can be equal: a number on the left reads the string as a number, a string on
/// the left compares with the number's text.
pub(crate) fn equal(l: &Value, r: &Value) -> bool {
    match (l, r) {
        (Value::Number(_), Value::Number(_)) => order(l, r) == Some(Ordering::Equal),
        (Value::Number(n), Value::String(s)) => {
            let parsed = s
                .trim()
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64);
            parsed.is_some_and(|p| {
                order(&Value::Number(n.clone()), &Value::Number(p)) == Some(Ordering::Equal)
            })
        }
        (Value::String(s), Value::Number(n)) => *s == n.to_string(),
        (Value::Array(a), Value::Array(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y))
        }
        (Value::Object(a), Value::Object(b)) => {
            a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| equal(v, w)))
        }
        _ => l == r,
    }
}

fn order(l: &Value, r: &Value) -> Option<Ordering> {
    match (l, r) {
        (Value::Number(a), Value::Number(b)) => {
            if let (Some(x), Some(y)) = (a.as_i64(), b.as_i64()) {
                Some(x.cmp(&y))
            } else if let (Some(x), Some(y)) = (a.as_u64(), b.as_u64()) {
                Some(x.cmp(&y))
            } else {
                a.as_f64()?.partial_cmp(&b.as_f64()?)
            }
        }
        (Value::String(a), Value::String(b)) => Some(a.cmp(b)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn numbers_compare_by_value_and_types_do_not_mix() {
        assert!(compare(&json!(1), CompareOp::Eq, &json!(1.0)));
        assert!(compare(&json!(-1), CompareOp::Lt, &json!(u64::MAX)));
        assert!(compare(&json!(1), CompareOp::Eq, &json!("1.0")));
        assert!(compare(&json!("1"), CompareOp::Eq, &json!(1)));
        assert!(!compare(&json!("1.0"), CompareOp::Eq, &json!(1)));
        assert!(!compare(&json!(1), CompareOp::Eq, &json!("x")));
        assert!(!compare(&json!(true), CompareOp::Eq, &json!("true")));
        assert!(!compare(&json!("a"), CompareOp::Lt, &json!(1)));
        assert!(compare(&json!("a"), CompareOp::Lt, &json!("b")));
        assert!(compare(
            &json!({"a": [1]}),
            CompareOp::Eq,
            &json!({"a": [1.0]})
        ));
    }
}
