//! `--format github`: GitHub Actions workflow commands, which the Actions runner turns into
//! annotations on the pull request's diff
//! (`::error file=F,line=L,col=C,endColumn=E,title=T::message`).

use std::io::Write;

use super::{Problem, Severity};

/// Writes one workflow command per problem.
pub fn write(out: &mut dyn Write, problems: &[&Problem]) -> std::io::Result<()> {
    for p in problems {
        let command = match p.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut properties = vec![format!("file={}", property(&p.file))];
        if let Some(l) = &p.location {
            properties.push(format!("line={}", l.line));
            properties.push(format!("col={}", l.column));
        }
        let title = match (&p.code, &p.resource) {
            (Some(code), Some(r)) => Some(format!("{code} in {r}")),
            (Some(code), None) => Some(code.clone()),
            (None, Some(r)) => Some(r.clone()),
            (None, None) => None,
        };
        if let Some(title) = title {
            properties.push(format!("title={}", property(&title)));
        }
        let mut message = p.message.clone();
        if let Some(pointer) = p.pointer_text() {
            message.push_str(&format!(" (at {pointer})"));
        }
        if let Some(hint) = &p.hint {
            message.push_str(&format!("\nhelp: {hint}"));
        }
        writeln!(
            out,
            "::{command} {}::{}",
            properties.join(","),
            data(&message)
        )?;
    }
    Ok(())
}

/// A message escaped as the runner reads it (`%`, CR, LF).
fn data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A property value, which also escapes `:` and `,`.
fn property(text: &str) -> String {
    data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_as_the_actions_toolkit_does() {
        // @actions/core's toCommandValue/escapeData/escapeProperty.
        assert_eq!(data("50%\na\r"), "50%25%0Aa%0D");
        assert_eq!(property("a:b,c"), "a%3Ab%2Cc");
    }
}
