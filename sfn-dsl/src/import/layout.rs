//! The output text: lines at an indentation, comments as doc comments when they survive it.

/// Source being written, four spaces per level.
#[derive(Default)]
pub struct Out {
    /// The text so far.
    pub text: String,
    /// The current level.
    pub indent: usize,
}

impl Out {
    /// Appends one line at the current level.
    pub fn line(&mut self, line: &str) {
        for _ in 0..self.indent {
            self.text.push_str("    ");
        }
        self.text.push_str(line);
        self.text.push('\n');
    }

    /// A `Comment`: doc comment lines, or `#[comment = ".."]` when doc comments would change
    /// it (the DSL trims them and joins the lines with `\n`).
    pub fn comment(&mut self, comment: &str) {
        if doc_safe(comment) {
            for line in comment.split('\n') {
                if line.is_empty() {
                    self.line("///");
                } else {
                    self.line(&format!("/// {line}"));
                }
            }
        } else {
            self.line(&format!("#[comment = {}]", super::value::string(comment)));
        }
    }
}

fn doc_safe(comment: &str) -> bool {
    !comment.is_empty()
        && comment.trim() == comment
        && !comment
            .chars()
            .any(|c| c.is_control() && c != '\n' && c != '\t')
}

/// Whether `text` fits on one line at `indent` (plus `extra` characters around it).
pub fn fits(indent: usize, extra: usize, text: &str) -> bool {
    !text.contains('\n') && indent * 4 + extra + text.len() <= 96
}
