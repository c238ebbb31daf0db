//! The function bodies. Each takes evaluated arguments and returns the result or the
//! cause of a `States.IntrinsicFailure`.

use serde_json::{Map, Number, Value};

use super::format::{self, Part};
use super::signature::{HASH_ALGORITHMS, MAX_ENCODE_CHARS, MAX_RANGE_ITEMS};
use super::{base64, hash, unique};
use crate::path::eval::SplitMix64;

type Outcome = Result<Value, String>;

fn arg(args: &[Value], i: usize) -> Result<&Value, String> {
    args.get(i)
        .ok_or_else(|| format!("argument {} is missing", i + 1))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn string(args: &[Value], i: usize) -> Result<&str, String> {
    match arg(args, i)? {
        Value::String(s) => Ok(s),
        other => Err(format!(
            "argument {} must be a string, found {}",
            i + 1,
            kind(other)
        )),
    }
}

fn array(args: &[Value], i: usize) -> Result<&Vec<Value>, String> {
    match arg(args, i)? {
        Value::Array(items) => Ok(items),
        other => Err(format!(
            "argument {} must be an array, found {}",
            i + 1,
            kind(other)
        )),
    }
}

fn object(args: &[Value], i: usize) -> Result<&Map<String, Value>, String> {
    match arg(args, i)? {
        Value::Object(map) => Ok(map),
        other => Err(format!(
            "argument {} must be an object, found {}",
            i + 1,
            kind(other)
        )),
    }
}

/// An integer argument; integral floats (`2.0`) count as integers.
fn integer(args: &[Value], i: usize) -> Result<i64, String> {
    let v = arg(args, i)?;
    let n = v
        .as_number()
        .ok_or_else(|| format!("argument {} must be an integer, found {}", i + 1, kind(v)))?;
    n.as_i64()
        .or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && f.abs() < 9.2e18)
                .map(|f| f as i64)
        })
        .ok_or_else(|| format!("argument {} must be an integer, found {n}", i + 1))
}

fn chars_limit(s: &str, i: usize) -> Result<(), String> {
    if s.chars().count() > MAX_ENCODE_CHARS {
        Err(format!(
            "argument {} is longer than {MAX_ENCODE_CHARS} characters",
            i + 1
        ))
    } else {
        Ok(())
    }
}

/// `States.Format(template, values...)`.
pub(crate) fn format(args: &[Value], literal_template: bool) -> Outcome {
    let template = string(args, 0)?;
    let parts = format::parse_template(template, literal_template)
        .map_err(|_| "the template has a lone `{` or `}`".to_string())?;
    let wanted = format::placeholder_count(&parts);
    let given = args.len().saturating_sub(1);
    if wanted != given {
        return Err(format!(
            "the template has {wanted} placeholders but {given} values were given"
        ));
    }
    let mut out = String::new();
    let mut values = args.iter().skip(1);
    for part in &parts {
        match part {
            Part::Text(t) => out.push_str(t),
            Part::Placeholder => {
                if let Some(v) = values.next() {
                    format::render(v, &mut out);
                }
            }
        }
    }
    Ok(Value::String(out))
}

/// `States.StringToJson(text)`: blank text is `null`; `-0` is `0`.
pub(crate) fn string_to_json(args: &[Value]) -> Outcome {
    let text = string(args, 0)?;
    if text.trim().is_empty() {
        return Ok(Value::Null);
    }
    let value: Value =
        serde_json::from_str(text).map_err(|e| format!("the string is not valid JSON: {e}"))?;
    Ok(match value {
        // AWS-recorded; numbers otherwise keep their text (serde_json `arbitrary_precision`).
        Value::Number(n) if n.as_f64() == Some(0.0) && text.trim() == "-0" => Value::from(0),
        other => other,
    })
}

/// `States.JsonToString(value)`: compact JSON text.
pub(crate) fn json_to_string(args: &[Value]) -> Outcome {
    serde_json::to_string(arg(args, 0)?)
        .map(Value::String)
        .map_err(|e| e.to_string())
}

/// `States.ArrayPartition(array, size)`.
pub(crate) fn array_partition(args: &[Value]) -> Outcome {
    let items = array(args, 0)?;
    let size = integer(args, 1)?;
    let size = usize::try_from(size)
        .ok()
        .filter(|s| *s > 0)
        .ok_or_else(|| format!("the chunk size must be a positive integer, found {size}"))?;
    Ok(Value::Array(
        items
            .chunks(size)
            .map(|c| Value::Array(c.to_vec()))
            .collect(),
    ))
}

/// `States.ArrayContains(array, value)`: deep equality.
pub(crate) fn array_contains(args: &[Value]) -> Outcome {
    let items = array(args, 0)?;
    let needle = arg(args, 1)?;
    Ok(Value::Bool(items.contains(needle)))
}

/// Number of items `States.ArrayRange(start, end, step)` produces.
pub(crate) fn range_len(start: i64, end: i64, step: i64) -> i128 {
    let (start, end, step) = (i128::from(start), i128::from(end), i128::from(step));
    if (step > 0 && start <= end) || (step < 0 && start >= end) {
        (end - start) / step + 1
    } else {
        0
    }
}

/// `States.ArrayRange(start, end, step)`: end included when reached exactly.
pub(crate) fn array_range(args: &[Value]) -> Outcome {
    let (start, end, step) = (integer(args, 0)?, integer(args, 1)?, integer(args, 2)?);
    if step == 0 {
        return Err("the step must not be 0".into());
    }
    let count = range_len(start, end, step);
    if count > MAX_RANGE_ITEMS {
        return Err(format!(
            "the range has {count} items; at most {MAX_RANGE_ITEMS} are allowed"
        ));
    }
    let items = (0..count).map(|k| i128::from(start) + k * i128::from(step));
    Ok(Value::Array(
        items
            .filter_map(|v| i64::try_from(v).ok())
            .map(Value::from)
            .collect(),
    ))
}

/// `States.ArrayGetItem(array, index)`.
pub(crate) fn array_get_item(args: &[Value]) -> Outcome {
    let items = array(args, 0)?;
    let index = integer(args, 1)?;
    usize::try_from(index)
        .ok()
        .and_then(|i| items.get(i))
        .cloned()
        .ok_or_else(|| {
            format!(
                "index {index} is out of bounds for an array of {} items",
                items.len()
            )
        })
}

/// `States.ArrayLength(array)`.
pub(crate) fn array_length(args: &[Value]) -> Outcome {
    Ok(Value::from(array(args, 0)?.len()))
}

/// `States.ArrayUnique(array)`: first occurrences kept.
pub(crate) fn array_unique(args: &[Value]) -> Outcome {
    Ok(Value::Array(unique::unique(array(args, 0)?)))
}

/// `States.Base64Encode(text)`.
pub(crate) fn base64_encode(args: &[Value]) -> Outcome {
    let text = string(args, 0)?;
    chars_limit(text, 0)?;
    Ok(Value::String(base64::encode(text.as_bytes())))
}

/// `States.Base64Decode(text)`: the decoded bytes must be UTF-8.
pub(crate) fn base64_decode(args: &[Value]) -> Outcome {
    let text = string(args, 0)?;
    chars_limit(text, 0)?;
    let bytes = base64::decode(text).ok_or_else(|| "the string is not valid Base64".to_string())?;
    String::from_utf8(bytes)
        .map(Value::String)
        .map_err(|_| "the decoded data is not UTF-8 text".into())
}

/// `States.Hash(data, algorithm)`: lower-case hex digest of the data (non-strings are
/// hashed as their compact JSON text).
pub(crate) fn hash(args: &[Value]) -> Outcome {
    let data = match arg(args, 0)? {
        Value::String(s) => s.clone(),
        other => serde_json::to_string(other).map_err(|e| e.to_string())?,
    };
    chars_limit(&data, 0)?;
    let algorithm = string(args, 1)?;
    let digest = match algorithm {
        "MD5" => hash::md5(data.as_bytes()),
        "SHA-1" => hash::sha1(data.as_bytes()),
        "SHA-256" => hash::sha256(data.as_bytes()),
        "SHA-384" => hash::sha384(data.as_bytes()),
        "SHA-512" => hash::sha512(data.as_bytes()),
        other => {
            return Err(format!(
                "unknown algorithm '{other}'; expected one of {}",
                HASH_ALGORITHMS.join(", ")
            ));
        }
    };
    Ok(Value::String(
        digest.iter().map(|b| format!("{b:02x}")).collect(),
    ))
}

/// `States.JsonMerge(a, b, false)`: keys of `b` replace keys of `a`.
pub(crate) fn json_merge(args: &[Value]) -> Outcome {
    let mut merged = object(args, 0)?.clone();
    let right = object(args, 1)?;
    match arg(args, 2)? {
        Value::Bool(false) => {}
        Value::Bool(true) => return Err("only a shallow merge (false) is supported".into()),
        other => {
            return Err(format!(
                "argument 3 must be a boolean, found {}",
                kind(other)
            ));
        }
    }
    for (k, v) in right {
        merged.insert(k.clone(), v.clone());
    }
    Ok(Value::Object(merged))
}

/// `States.MathRandom(start, end[, seed])`: an integer in `start..end` (end excluded); the
/// same seed always gives the same value.
pub(crate) fn math_random(args: &[Value], random: &mut dyn FnMut() -> u64) -> Outcome {
    // The service rounds non-integer bounds to the nearest integer (AWS Developer Guide,
    // intrinsic functions: States.MathRandom); recorded runs with 12.5 and 44.51 succeed.
    let (start, end) = (rounded(args, 0)?, rounded(args, 1)?);
    if end <= start {
        return Err(format!(
            "the end ({end}) must be greater than the start ({start})"
        ));
    }
    let bits = match args.get(2) {
        Some(_) => SplitMix64::new(integer(args, 2)? as u64).next_u64(),
        None => random(),
    };
    let width = i128::from(end) - i128::from(start);
    let value = i128::from(start) + i128::from(bits) % width;
    i64::try_from(value)
        .map(Value::from)
        .map_err(|_| "the result does not fit in 64 bits".into())
}

/// A numeric argument rounded half up to an integer.
fn rounded(args: &[Value], i: usize) -> Result<i64, String> {
    let v = arg(args, i)?;
    let n = v
        .as_number()
        .ok_or_else(|| format!("argument {} must be a number, found {}", i + 1, kind(v)))?;
    round_half_up(n)
        .and_then(|r| i64::try_from(r).ok())
        .ok_or_else(|| format!("argument {} is out of range", i + 1))
}

/// Java's `Math.round` (half up) of a number, as the service applies to MathAdd inputs.
fn round_half_up(n: &Number) -> Option<i128> {
    if let Some(i) = n.as_i64() {
        return Some(i128::from(i));
    }
    if let Some(u) = n.as_u64() {
        return Some(i128::from(u));
    }
    let f = (n.as_f64()? + 0.5).floor();
    (f.is_finite() && f.abs() < 1.7e38).then_some(f as i128)
}

/// `States.MathAdd(a, b)`.
pub(crate) fn math_add(args: &[Value]) -> Outcome {
    let mut sum: i128 = 0;
    for i in 0..2 {
        let v = arg(args, i)?;
        let n = v
            .as_number()
            .ok_or_else(|| format!("argument {} must be a number, found {}", i + 1, kind(v)))?;
        sum += round_half_up(n).ok_or_else(|| format!("argument {} is out of range", i + 1))?;
    }
    i64::try_from(sum)
        .map(Value::from)
        .map_err(|_| "the sum does not fit in 64 bits".into())
}

/// `States.StringSplit(text, delimiters)`: every delimiter character splits; empty
/// pieces are dropped.
pub(crate) fn string_split(args: &[Value]) -> Outcome {
    let text = string(args, 0)?;
    let delimiters = string(args, 1)?;
    // A set, so a long delimiter string does not make the split quadratic.
    let delimiters: std::collections::HashSet<char> = delimiters.chars().collect();
    let pieces = text
        .split(|c: char| delimiters.contains(&c))
        .filter(|p| !p.is_empty())
        .map(|p| Value::String(p.to_string()));
    Ok(Value::Array(pieces.collect()))
}

/// `States.UUID()`: a version 4 UUID from 128 random bits.
pub(crate) fn uuid(random: &mut dyn FnMut() -> u64) -> Value {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&random().to_be_bytes());
    bytes[8..].copy_from_slice(&random().to_be_bytes());
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    Value::String(format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn range_lengths() {
        assert_eq!(range_len(1, 9, 2), 5);
        assert_eq!(range_len(0, 10, 3), 4);
        assert_eq!(range_len(5, 1, 1), 0);
        assert_eq!(range_len(5, 1, -2), 3);
        assert_eq!(range_len(i64::MIN, i64::MAX, 1), (1i128 << 64));
    }

    #[test]
    fn half_up_rounding_like_java() {
        let r = |v: Value| round_half_up(v.as_number().unwrap());
        assert_eq!(r(json!(1.5)), Some(2));
        assert_eq!(r(json!(-1.5)), Some(-1));
        assert_eq!(r(json!(-1.51)), Some(-2));
        assert_eq!(r(json!(u64::MAX)), Some(i128::from(u64::MAX)));
    }

    #[test]
    fn integers_accept_integral_floats_only() {
        assert_eq!(integer(&[json!(2.0)], 0), Ok(2));
        assert!(integer(&[json!(2.5)], 0).is_err());
        assert!(integer(&[json!(1e300)], 0).is_err());
        assert!(integer(&[json!("2")], 0).is_err());
        assert!(integer(&[], 0).is_err());
    }

    #[test]
    fn functions_called_with_missing_arguments_fail_cleanly() {
        let mut rng = || 0;
        assert!(format(&[], true).is_err());
        assert!(array_range(&[json!(1)]).is_err());
        assert!(math_random(&[json!(1)], &mut rng).is_err());
        assert!(json_merge(&[json!({}), json!({})]).is_err());
        assert!(hash(&[json!("x")]).is_err());
    }
}
