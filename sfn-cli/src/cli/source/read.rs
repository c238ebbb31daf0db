//! Reading a command's input (`-` is standard input) as text, with the one wording every
//! command uses for what can go wrong.

use std::io::Read;

use super::super::report::Problem;

/// How `file` is named in messages: `<stdin>` for `-`.
pub fn display_name(file: &str) -> &str {
    if file == "-" { "<stdin>" } else { file }
}

/// The text of `file`: an error says the file cannot be read or is not UTF-8 (with the
/// offset of the first bad byte).
pub fn read_text(file: &str) -> Result<String, Problem> {
    let name = display_name(file);
    let mut bytes = Vec::new();
    let read = if file == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(file).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|e| Problem::error(name, format!("cannot read: {e}")))?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        Problem::error(
            name,
            format!("not UTF-8 text (invalid byte at offset {at})"),
        )
    })
}

/// serde_json's message for a JSON error at byte `offset`, with the case it words
/// misleadingly said plainly: a lone UTF-16 surrogate escape (`"\ud800"`) is reported by
/// serde_json as "unexpected end of hex escape" or "lone leading surrogate".
pub fn json_message(text: &str, offset: usize, message: &str) -> String {
    if message.contains("hex escape") || message.contains("surrogate") {
        let before = &text[..offset.min(text.len())];
        if let Some(at) = before.rfind("\\u") {
            let escape = text.get(at..at + 6).unwrap_or_default();
            if let Ok(code) = u32::from_str_radix(escape.get(2..).unwrap_or_default(), 16)
                && (0xD800..=0xDFFF).contains(&code)
            {
                return format!(
                    "not JSON: `{escape}` is a lone UTF-16 surrogate; a string holds Unicode characters only (a high surrogate \\uD800-\\uDBFF must be followed by a low one \\uDC00-\\uDFFF)"
                );
            }
        }
    }
    format!("not JSON: {message}")
}
