//! The built-ins jsonata-core runs in quadratic time, in linear time: one built-in call is
//! not interrupted by the time budget, so a million items would keep it busy for an hour.
//!
//! - `$distinct`, as `States.ArrayUnique` (`path/intrinsic/unique.rs`): items are bucketed
//!   by a structural hash that agrees with JSONata's deep equality (jsonata-core's
//!   `values_equal`), and compared only within a bucket; jsonata-core (and jsonata-js)
//!   compare each item with every item kept.
//! - `$keys` of an array of objects: the keys seen are kept in a set; jsonata-core looks
//!   each key up in the list of keys so far.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use indexmap::IndexSet;
use jsonata_core::evaluator::EvaluatorError;
use jsonata_core::functions::array::values_equal;
use jsonata_core::value::{JValue, with_stack};

use crate::limits;

/// The built-ins replaced, and the names of their replacements (host functions, which no
/// JSONata expression can name).
pub(crate) const REPLACED: &[(&str, &str)] = &[("distinct", DISTINCT), ("keys", KEYS)];
pub(crate) const DISTINCT: &str = "sfn:distinct";
pub(crate) const KEYS: &str = "sfn:keys";

/// `$distinct(value)`: an array of more than one item without repeats, first occurrences
/// kept, in order, a sequence if `value` was one; anything else unchanged (as jsonata-js:
/// `if(!Array.isArray(arr) || arr.length <= 1) return arr`).
pub(crate) fn distinct(value: Option<&JValue>) -> JValue {
    let items = match value {
        None => return JValue::Undefined,
        Some(JValue::Array(items)) if items.len() > 1 => items,
        Some(other) => return other.clone(),
    };
    // Indices into `out` of the kept items, by hash.
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::with_capacity(items.len());
    let mut out: Vec<JValue> = Vec::new();
    for item in items.iter() {
        let Some(key) = hash(item) else {
            // A function or undefined equals nothing, not even itself: always kept.
            out.push(item.clone());
            continue;
        };
        let kept = buckets.entry(key).or_default();
        if !kept.iter().any(|&i| values_equal(&out[i], item)) {
            kept.push(out.len());
            out.push(item.clone());
        }
    }
    let mut result = JValue::array(out);
    if items.sequence {
        result.mark_sequence();
    }
    result
}

/// `$keys(value)`: an object's keys; for an array, the keys of its objects, each once, in
/// the order first seen; a sequence (no keys: an empty one), as jsonata-core's.
pub(crate) fn keys(value: Option<&JValue>) -> Result<JValue, EvaluatorError> {
    let keys: Vec<JValue> = match value {
        Some(JValue::Object(members)) => {
            members.keys().map(|k| JValue::string(k.clone())).collect()
        }
        Some(JValue::Array(items)) => {
            let mut seen: IndexSet<&str> = IndexSet::new();
            for item in items.iter() {
                if let JValue::Object(members) = item {
                    seen.extend(members.keys().map(String::as_str));
                }
            }
            seen.into_iter()
                .map(|k| JValue::string(k.to_owned()))
                .collect()
        }
        _ => Vec::new(),
    };
    if keys.len() > limits::JSONATA_MAX_SEQUENCE {
        return Err(EvaluatorError::EvaluationError(limits::exceeded(
            "JSONATA_MAX_SEQUENCE",
            format_args!("{} items", limits::JSONATA_MAX_SEQUENCE),
        )));
    }
    Ok(JValue::sequence(keys))
}

/// A hash equal for deeply equal values (numbers by value, `-0` as `0`; objects whatever
/// their member order), or `None` for a value that equals nothing.
fn hash(value: &JValue) -> Option<u64> {
    let mut h = DefaultHasher::new();
    feed(value, &mut h).then(|| h.finish())
}

fn feed(value: &JValue, h: &mut DefaultHasher) -> bool {
    match value {
        JValue::Null => 0u8.hash(h),
        JValue::Bool(b) => (1u8, b).hash(h),
        // `+ 0.0` turns -0 into 0, which `==` holds equal; JSON has no NaN.
        JValue::Number(n) => (2u8, (n + 0.0).to_bits()).hash(h),
        JValue::String(s) => (3u8, &**s).hash(h),
        JValue::Array(items) => {
            (4u8, items.len()).hash(h);
            return with_stack(|| items.iter().all(|item| feed(item, h)));
        }
        JValue::Object(members) => {
            // Order-independent: the members' own hashes, summed.
            let mut sum = 0u64;
            for (k, v) in members.iter() {
                let mut m = DefaultHasher::new();
                k.hash(&mut m);
                if !with_stack(|| feed(v, &mut m)) {
                    return false;
                }
                sum = sum.wrapping_add(m.finish());
            }
            (5u8, members.len(), sum).hash(h);
        }
        _ => return false,
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn jv(value: serde_json::Value) -> JValue {
        JValue::from(value)
    }

    /// jsonata-core's own quadratic `$distinct`, the reference.
    fn reference(items: &[JValue]) -> Vec<JValue> {
        let mut out: Vec<JValue> = Vec::new();
        for item in items {
            if !out.iter().any(|kept| values_equal(kept, item)) {
                out.push(item.clone());
            }
        }
        out
    }

    fn items_of(value: &JValue) -> Vec<JValue> {
        match value {
            JValue::Array(items) => items.to_vec(),
            other => panic!("not an array: {other:?}"),
        }
    }

    #[test]
    fn agrees_with_deep_equality() {
        let items = vec![
            jv(json!({"x": 1, "y": [true, null]})),
            jv(json!(1)),
            jv(json!(1.0)),
            JValue::Number(-0.0),
            JValue::Number(0.0),
            jv(json!("1")),
            jv(json!({"y": [true, null], "x": 1})),
            jv(json!([1, 2])),
            jv(json!([2, 1])),
            jv(json!([1, 2])),
            jv(json!(null)),
            jv(json!({})),
            jv(json!(null)),
            jv(json!({})),
            jv(json!(false)),
        ];
        let out = items_of(&distinct(Some(&JValue::array(items.clone()))));
        let expected = reference(&items);
        assert_eq!(out.len(), expected.len());
        assert!(out.iter().zip(&expected).all(|(a, b)| values_equal(a, b)));
        assert_eq!(out.len(), 9);
    }

    #[test]
    fn keeps_first_occurrences_in_order_and_the_sequence_flag() {
        let items: Vec<JValue> = (0..1000).map(|i| jv(json!({"k": i % 7}))).collect();
        let mut sequence = JValue::array(items);
        sequence.mark_sequence();
        let out = distinct(Some(&sequence));
        assert!(matches!(&out, JValue::Array(a) if a.sequence));
        let kept = items_of(&out);
        assert_eq!(kept.len(), 7);
        for (i, item) in kept.iter().enumerate() {
            assert!(values_equal(item, &jv(json!({"k": i}))));
        }
    }

    #[test]
    fn passes_other_values_through() {
        assert!(matches!(distinct(None), JValue::Undefined));
        assert!(matches!(distinct(Some(&jv(json!("a")))), JValue::String(s) if &*s == "a"));
        let one = jv(json!([5]));
        assert!(values_equal(&distinct(Some(&one)), &one));
    }
}
