//! `--format text`: rustc-style snippets rendered by annotate-snippets: the source line, a
//! caret under the offending range, the message, the pointer and the hint.

use std::io::Write;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

use super::{Problem, Severity};

/// Writes every problem as a snippet (a problem with no place: its one line).
pub fn write(out: &mut dyn Write, problems: &[&Problem]) -> std::io::Result<()> {
    let renderer = Renderer::styled();
    for (i, p) in problems.iter().enumerate() {
        // A blank line between problems, as rustc separates its diagnostics.
        if i > 0 {
            writeln!(out)?;
        }
        writeln!(out, "{}", renderer.render(&report(p)))?;
    }
    Ok(())
}

fn report(p: &Problem) -> Vec<Group<'_>> {
    let level = match p.severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Note => Level::NOTE,
    };
    let mut title = match &p.location {
        Some(_) => level.primary_title(p.message.as_str()),
        // No snippet to show the file's name: the title says it.
        None => level.primary_title(format!("{}: {}", p.file, p.message)),
    };
    if let Some(code) = &p.code {
        title = title.id(code.as_str());
    }
    let mut group = match &p.location {
        Some(l) => {
            // Only the lines of the range go to the renderer: a 50 MB one-line file would
            // otherwise be copied for each problem.
            let text = &*l.text;
            let start = text[..l.range.start].rfind('\n').map_or(0, |at| at + 1);
            let end = text[l.range.end..]
                .find('\n')
                .map_or(text.len(), |at| l.range.end + at);
            let excerpt = &text[start..end];
            let label = p.pointer_text().map(|ptr| format!("at {ptr}"));
            title.element(
                Snippet::source(excerpt)
                    .line_start(l.line)
                    .path(p.file.as_str())
                    .fold(false)
                    .annotation(
                        AnnotationKind::Primary
                            .span(l.range.start - start..l.range.end - start)
                            .label(label),
                    ),
            )
        }
        None => {
            let mut group = Group::with_title(title);
            if let Some(ptr) = p.pointer_text() {
                group = group.element(Level::NOTE.message(format!("at {ptr}")));
            }
            group
        }
    };
    if let Some(resource) = &p.resource {
        group = group.element(Level::NOTE.message(format!("in resource `{resource}`")));
    }
    if let Some(hint) = &p.hint {
        group = group.element(Level::HELP.message(hint.as_str()));
    }
    vec![group]
}
