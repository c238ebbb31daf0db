//! `rename_all`: serde's case conversions of a snake_case field (or PascalCase variant) name.

/// The case names `rename_all` accepts (serde's).
pub const CASES: &[&str] = &[
    "lowercase",
    "UPPERCASE",
    "PascalCase",
    "camelCase",
    "snake_case",
    "SCREAMING_SNAKE_CASE",
    "kebab-case",
    "SCREAMING-KEBAB-CASE",
];

/// The words of an identifier: split at `_` and before capitals (`queue_url`, `QueueUrl`).
fn words(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c == '_' {
            if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        } else if c.is_uppercase() && !current.is_empty() {
            out.push(std::mem::take(&mut current));
            current.extend(c.to_lowercase());
        } else {
            current.extend(c.to_lowercase());
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().collect::<String>() + chars.as_str())
        .unwrap_or_default()
}

/// `name` in `case` (one of [`CASES`]); `None` for an unknown case.
pub fn convert(name: &str, case: &str) -> Option<String> {
    let w = words(name);
    Some(match case {
        "lowercase" => w.concat(),
        "UPPERCASE" => w.concat().to_uppercase(),
        "PascalCase" => w.iter().map(|s| capitalized(s)).collect(),
        "camelCase" => {
            let mut out = w.first().cloned().unwrap_or_default();
            out.extend(w.iter().skip(1).map(|s| capitalized(s)));
            out
        }
        "snake_case" => w.join("_"),
        "SCREAMING_SNAKE_CASE" => w.join("_").to_uppercase(),
        "kebab-case" => w.join("-"),
        "SCREAMING-KEBAB-CASE" => w.join("-").to_uppercase(),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::convert;

    #[test]
    fn like_serde() {
        assert_eq!(convert("queue_url", "PascalCase").unwrap(), "QueueUrl");
        assert_eq!(convert("queue_url", "camelCase").unwrap(), "queueUrl");
        assert_eq!(
            convert("HighPriority", "SCREAMING_SNAKE_CASE").unwrap(),
            "HIGH_PRIORITY"
        );
        assert_eq!(
            convert("HighPriority", "snake_case").unwrap(),
            "high_priority"
        );
        assert_eq!(convert("a_b", "kebab-case").unwrap(), "a-b");
        assert!(convert("a", "Pascal").is_none());
    }
}
