//! The definition's JSON text, written while the definition is taken apart.
//!
//! At 10,000 states the `Value` tree no longer fits in the caches, so writing it out and
//! then dropping it walked it from memory twice. Here the tree is written a piece at a
//! time (each member of the machine, each state of its `States`), and each piece is
//! searched for placeholders and freed right after it is written, while it is still in
//! the cache. The text is the one `serde_json::to_string` writes (compact, same escaping,
//! `preserve_order`): the pieces are written by serde_json, the brackets, commas and keys
//! between them the way it writes them.

use serde_json::Value as Json;

use super::collect_substitutions;

/// Machines with fewer states than this are written whole and dropped after (see
/// `expand_const_taking`).
pub(crate) const LARGE: usize = 256;

/// Levels taken apart (the machine, then `States`); below that, a piece is written whole.
const LEVELS: usize = 2;

/// The compact JSON text of `value`, and the placeholders of its strings and keys (unsorted,
/// with repeats), as `collect_substitutions` finds them.
pub(crate) fn write_consuming(value: Json) -> (String, Vec<String>) {
    let mut out = Vec::with_capacity(4096);
    let mut names = Vec::new();
    write(value, LEVELS, &mut out, &mut names);
    // Only `str`s and serde_json's own output were written: the bytes are UTF-8.
    let text = String::from_utf8(out).unwrap_or_default();
    (text, names)
}

fn write(value: Json, levels: usize, out: &mut Vec<u8>, names: &mut Vec<String>) {
    match value {
        Json::Object(map) if levels > 0 => {
            out.push(b'{');
            for (i, (key, item)) in map.into_iter().enumerate() {
                if i > 0 {
                    out.push(b',');
                }
                piece(&Json::String(key), out, names);
                out.push(b':');
                write(item, levels - 1, out, names);
            }
            out.push(b'}');
        }
        value => piece(&value, out, names),
    }
}

/// Writes `value` whole and collects its placeholders; the caller frees it.
fn piece(value: &Json, out: &mut Vec<u8>, names: &mut Vec<String>) {
    let start = out.len();
    let _ = serde_json::to_writer(&mut *out, value);
    if contains_placeholder(&out[start..]) {
        collect_substitutions(value, names);
    }
}

/// Whether JSON text may hold a `${Name}` placeholder. JSON writes `$` and `{` as they
/// are, so text without `${` has none: the walk collecting them is skipped for most
/// definitions (and pieces of one).
pub(crate) fn contains_placeholder(text: &[u8]) -> bool {
    memchr::memmem::find(text, b"${").is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_and_placeholders_as_serde_json() {
        let value = serde_json::json!({
            "StartAt": "A ${x}",
            "States": {"A": {"Type": "Pass", "End": true, "n": [1, 2.5, -3e10, null, false],
                "esc\"${K}": "tab\t\u{1}é\\", "o": {}, "a": []}, "B": {}},
            "Big": 123456789012345678901234567890u128.to_string().parse::<Json>().unwrap(),
            "${Top}": [],
            "Empty": {},
        });
        let expected = serde_json::to_string(&value).unwrap();
        let mut expected_names = Vec::new();
        collect_substitutions(&value, &mut expected_names);
        let (text, mut names) = write_consuming(value);
        assert_eq!(text, expected);
        names.sort();
        expected_names.sort();
        assert_eq!(names, expected_names);
        assert_eq!(names.len(), 3);
    }
}
