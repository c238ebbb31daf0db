//! `States.ArrayUnique` in O(n): items are bucketed by a structural hash that agrees with
//! JSON equality (`Value`'s `==`), and compared only within a bucket.

use std::collections::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use serde_json::Value;

/// The items of `items` without repeats, first occurrences kept, in order.
pub(crate) fn unique(items: &[Value]) -> Vec<Value> {
    // Indices into `out` of the kept items, by hash.
    let mut buckets: HashMap<u64, Vec<usize>> = HashMap::with_capacity(items.len());
    let mut out: Vec<Value> = Vec::new();
    for item in items {
        let kept = buckets.entry(hash(item)).or_default();
        if !kept.iter().any(|&i| out[i] == *item) {
            kept.push(out.len());
            out.push(item.clone());
        }
    }
    out
}

/// A hash equal for equal values: numbers by their text (equality compares the text,
/// serde_json's `arbitrary_precision`), objects whatever their member order (equality
/// ignores it).
fn hash(value: &Value) -> u64 {
    let mut h = DefaultHasher::new();
    feed(value, &mut h);
    h.finish()
}

fn feed(value: &Value, h: &mut DefaultHasher) {
    match value {
        Value::Null => 0u8.hash(h),
        Value::Bool(b) => (1u8, b).hash(h),
        Value::Number(n) => (2u8, n.as_str()).hash(h),
        Value::String(s) => (3u8, s).hash(h),
        Value::Array(items) => {
            (4u8, items.len()).hash(h);
            for item in items {
                feed(item, h);
            }
        }
        Value::Object(members) => {
            // Order-independent: the members' own hashes, summed.
            let sum = members.iter().fold(0u64, |sum, (k, v)| {
                let mut m = DefaultHasher::new();
                k.hash(&mut m);
                feed(v, &mut m);
                sum.wrapping_add(m.finish())
            });
            (5u8, members.len(), sum).hash(h);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The quadratic definition: keep an item unless an equal one was kept.
    fn reference(items: &[Value]) -> Vec<Value> {
        let mut out: Vec<Value> = Vec::new();
        for item in items {
            if !out.contains(item) {
                out.push(item.clone());
            }
        }
        out
    }

    #[test]
    fn agrees_with_json_equality() {
        let a: Value = serde_json::from_str(r#"{"x": 1, "y": [true, null]}"#).unwrap();
        let b: Value = serde_json::from_str(r#"{"y": [true, null], "x": 1}"#).unwrap();
        assert_eq!(a, b, "member order does not matter to equality");
        let items = vec![
            a,
            json!(1),
            serde_json::from_str("1.0").unwrap(),
            json!("1"),
            b,
            json!(1),
            json!([1, 2]),
            json!([2, 1]),
            json!([1, 2]),
            json!(null),
            json!({}),
            json!(null),
            json!({}),
            json!(false),
        ];
        assert_eq!(unique(&items), reference(&items));
        assert_eq!(unique(&items).len(), 9);
    }

    #[test]
    fn keeps_first_occurrences_in_order() {
        let items: Vec<Value> = (0..1000).map(|i| json!({"k": i % 7})).collect();
        let out = unique(&items);
        assert_eq!(out, reference(&items));
        assert_eq!(out, (0..7).map(|i| json!({"k": i})).collect::<Vec<_>>());
    }
}
