//! The payload quota: 256 KiB of UTF-8 JSON for inputs, results and outputs.

use serde_json::Value;

/// The service's payload quota in bytes (262,144).
pub const MAX_PAYLOAD_BYTES: usize = 262_144;

/// The size in bytes of `value` as compact JSON, counted without serializing. Stops
/// counting once past `limit` (returns a value > `limit`), so checking a huge payload is
/// cheap.
pub fn json_size(value: &Value, limit: usize) -> usize {
    let mut total = 0;
    add(value, &mut total, limit);
    total
}

fn add(value: &Value, total: &mut usize, limit: usize) {
    if *total > limit {
        return;
    }
    match value {
        Value::Null => *total += 4,
        Value::Bool(b) => *total += if *b { 4 } else { 5 },
        Value::Number(n) => *total += number_len(n),
        Value::String(s) => *total += string_len(s),
        Value::Array(items) => {
            *total += 2 + items.len().saturating_sub(1);
            for item in items {
                add(item, total, limit);
            }
        }
        Value::Object(object) => {
            *total += 2 + object.len().saturating_sub(1);
            for (key, item) in object {
                *total += string_len(key) + 1;
                add(item, total, limit);
            }
        }
    }
}

fn number_len(n: &serde_json::Number) -> usize {
    if let Some(i) = n.as_i64() {
        let mut len = usize::from(i < 0);
        let mut v = i.unsigned_abs();
        loop {
            len += 1;
            v /= 10;
            if v == 0 {
                return len;
            }
        }
    }
    n.to_string().len()
}

fn string_len(s: &str) -> usize {
    2 + s
        .bytes()
        .map(|b| match b {
            b'"' | b'\\' | b'\n' | b'\r' | b'\t' | 0x08 | 0x0C => 2,
            0..=0x1F => 6,
            _ => 1,
        })
        .sum::<usize>()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn matches_serialization() {
        for value in [
            json!({"a": [1, -20, 3.5, "x\"y\n", null, true, false, {}], "é": "\u{1}"}),
            json!([]),
            json!(""),
        ] {
            assert_eq!(
                json_size(&value, usize::MAX),
                value.to_string().len(),
                "{value}"
            );
        }
    }
}
