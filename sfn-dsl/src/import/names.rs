//! State and const names: identifiers where Rust allows them, string literals elsewhere.

/// Words that cannot be written as a bare state name: Rust keywords, and the DSL's own
/// words in name positions (`-> end`, `null`, `_`).
const RESERVED: &[&str] = &[
    "as",
    "break",
    "const",
    "continue",
    "crate",
    "else",
    "enum",
    "extern",
    "false",
    "fn",
    "for",
    "if",
    "impl",
    "in",
    "let",
    "loop",
    "match",
    "mod",
    "move",
    "mut",
    "pub",
    "ref",
    "return",
    "self",
    "Self",
    "static",
    "struct",
    "super",
    "trait",
    "true",
    "type",
    "unsafe",
    "use",
    "where",
    "while",
    "async",
    "await",
    "dyn",
    "abstract",
    "become",
    "box",
    "do",
    "final",
    "macro",
    "override",
    "priv",
    "typeof",
    "unsized",
    "virtual",
    "yield",
    "try",
    "gen",
    "end",
    "null",
    "_",
    "union",
    "raw",
    "safe",
    "macro_rules",
];

/// Whether `text` is an ASCII identifier that is not a keyword or a DSL word.
pub fn is_plain_ident(text: &str) -> bool {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    (first.is_ascii_alphabetic() || first == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !RESERVED.contains(&text)
}

/// A state name as written in the DSL: `Charge` or `"Charge card"`.
pub fn state_name(name: &str) -> String {
    if is_plain_ident(name) {
        name.to_owned()
    } else {
        super::value::string(name)
    }
}

/// A const name derived from a file name: `order-flow.asl.json` -> `ORDER_FLOW`.
pub fn const_name(file: &str) -> String {
    let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
    let stem = base.split('.').next().unwrap_or(base);
    let mut name = String::new();
    let mut last_lower = false;
    for c in stem.chars() {
        if c.is_ascii_alphanumeric() {
            // `orderFlow` -> `ORDER_FLOW`.
            if c.is_ascii_uppercase() && last_lower {
                name.push('_');
            }
            last_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
            name.push(c.to_ascii_uppercase());
        } else if !name.ends_with('_') && !name.is_empty() {
            name.push('_');
            last_lower = false;
        }
    }
    let name = name.trim_end_matches('_').to_owned();
    if name.is_empty() || name.starts_with(|c: char| c.is_ascii_digit()) || !is_plain_ident(&name) {
        format!("WORKFLOW{}{name}", if name.is_empty() { "" } else { "_" })
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(state_name("Charge"), "Charge");
        assert_eq!(state_name("Charge card"), "\"Charge card\"");
        assert_eq!(state_name("end"), "\"end\"");
        assert_eq!(state_name("type"), "\"type\"");
        assert_eq!(state_name("1st"), "\"1st\"");
        assert_eq!(const_name("dir/order-flow.asl.json"), "ORDER_FLOW");
        assert_eq!(const_name("orderFlow.json"), "ORDER_FLOW");
        assert_eq!(const_name("1.json"), "WORKFLOW_1");
        assert_eq!(const_name("-"), "WORKFLOW");
    }
}
