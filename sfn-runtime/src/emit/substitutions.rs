//! `${Name}` definition substitutions (CloudFormation's `DefinitionSubstitutions`).

use std::fmt;

/// A substitution that cannot be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SubstitutionError {
    /// The text uses `${name}` but no value was given.
    Missing(String),
    /// A value was given for a name the text does not use.
    Unknown(String),
}

impl fmt::Display for SubstitutionError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SubstitutionError::Missing(name) => {
                write!(f, "no value for the substitution `${{{name}}}`")
            }
            SubstitutionError::Unknown(name) => {
                write!(
                    f,
                    "`{name}` is not a substitution of this workflow (it uses no `${{{name}}}`)"
                )
            }
        }
    }
}

impl std::error::Error for SubstitutionError {}

/// The distinct `${Name}` placeholders of a text, in order of first use. Names are
/// letters, digits and `_`, optionally followed by one `.Attribute` (`${Role.Arn}`: an
/// attribute of something outside the workflow, a substitution like any other, which a
/// CloudFormation template takes as the parameter `RoleArn`); `${AWS::Region}`-style pseudo
/// parameters are not substitutions.
pub fn placeholders(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, name) in occurrences(text) {
        if !out.iter().any(|n| n == name) {
            out.push(name.to_owned());
        }
    }
    out
}

/// Fills every placeholder; values are escaped for a JSON string, where placeholders live.
pub fn substitute(text: &str, values: &[(&str, &str)]) -> Result<String, SubstitutionError> {
    let used = placeholders(text);
    if let Some(missing) = used
        .iter()
        .find(|name| !values.iter().any(|(n, _)| n == *name))
    {
        return Err(SubstitutionError::Missing(missing.clone()));
    }
    if let Some((unknown, _)) = values.iter().find(|(n, _)| !used.iter().any(|u| u == n)) {
        return Err(SubstitutionError::Unknown((*unknown).to_owned()));
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for (start, name) in occurrences(text) {
        out.push_str(&text[rest..start]);
        let value = values
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, v)| v);
        let quoted = serde_json::Value::String(value.to_owned()).to_string();
        out.push_str(&quoted[1..quoted.len() - 1]);
        rest = start + name.len() + 3;
    }
    out.push_str(&text[rest..]);
    Ok(out)
}

/// `(byte offset of "${", name)` for each placeholder.
fn occurrences(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.match_indices("${").filter_map(move |(start, _)| {
        let body = &text[start + 2..];
        let end = body.find('}')?;
        let name = &body[..end];
        let word =
            |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        let valid = match name.split_once('.') {
            Some((base, attribute)) => word(base) && word(attribute),
            None => word(name),
        };
        valid.then_some((start, name))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attribute_placeholders_are_substitutions() {
        let text = r#"{"A":"${Role.Arn}","B":"${Role}","C":"${a.b.c}","D":"${.Arn}","E":"${AWS::Region}"}"#;
        assert_eq!(placeholders(text), ["Role.Arn", "Role"]);
        assert_eq!(
            substitute(
                text,
                &[("Role.Arn", "arn:aws:iam::1:role/r"), ("Role", "r")]
            )
            .unwrap(),
            r#"{"A":"arn:aws:iam::1:role/r","B":"r","C":"${a.b.c}","D":"${.Arn}","E":"${AWS::Region}"}"#
        );
    }

    #[test]
    fn fills_escapes_and_reports() {
        let text = r#"{"A":"${Fn}","B":"x-${Fn}","C":"${AWS::Region}"}"#;
        assert_eq!(placeholders(text), ["Fn"]);
        assert_eq!(
            substitute(text, &[("Fn", "a\"b")]).unwrap(),
            r#"{"A":"a\"b","B":"x-a\"b","C":"${AWS::Region}"}"#
        );
        assert_eq!(
            substitute(text, &[]),
            Err(SubstitutionError::Missing("Fn".into()))
        );
        assert_eq!(
            substitute(text, &[("Fn", "x"), ("Other", "y")]),
            Err(SubstitutionError::Unknown("Other".into()))
        );
    }
}
