//! The table from JSON pointers of the built definition to the tokens that produced them,
//! so a diagnostic of the rule set lands on the right token.

use std::collections::HashMap;

use proc_macro2::Span;

use crate::ast::Text;
use crate::loc::Loc;

/// Pointer -> location (+ token offsets when the value is a path or intrinsic text).
#[derive(Default)]
pub struct Spans {
    entries: HashMap<String, (Loc, Vec<(usize, Span)>)>,
}

impl Spans {
    /// Records that `pointer` was produced at `loc`.
    pub fn insert(&mut self, pointer: &str, loc: Loc) {
        self.entries.insert(pointer.to_owned(), (loc, Vec::new()));
    }

    /// Records that `pointer` holds the text of `text` (a path or an intrinsic).
    pub fn insert_text(&mut self, pointer: &str, text: &Text) {
        self.entries
            .insert(pointer.to_owned(), (text.loc, text.pieces.clone()));
    }

    /// The location for `pointer`: its own entry, else its closest recorded ancestor's.
    /// With `offset` (a byte inside the string there), the token that produced that byte.
    pub fn lookup(&self, pointer: &str, offset: Option<usize>) -> Option<Loc> {
        let mut current = pointer;
        loop {
            if let Some((loc, pieces)) = self.entries.get(current) {
                if let Some(offset) = offset.filter(|_| current == pointer) {
                    let piece = pieces
                        .iter()
                        .take_while(|(start, _)| *start <= offset)
                        .last();
                    if let Some((_, span)) = piece {
                        return Some(Loc::of(*span));
                    }
                }
                return Some(*loc);
            }
            let cut = current.rfind('/')?;
            current = &current[..cut];
        }
    }
}

/// `base` + `/` + `key`, with `~` and `/` escaped as RFC 6901 says.
pub fn child(base: &str, key: &str) -> String {
    format!("{base}/{}", key.replace('~', "~0").replace('/', "~1"))
}
