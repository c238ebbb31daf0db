//! Error accumulation and "did you mean" suggestions.

use std::collections::HashSet;

use crate::loc::Loc;

/// Every error of one invocation, reported together at the end.
///
/// While a state (or a block) is lowered its JSON pointer is the *context*: an error recorded
/// then marks that part as broken, so the rule set, which runs on everything else, can skip
/// what depends on it instead of reporting the same mistake again in other words.
#[derive(Default)]
pub struct Errors {
    list: Vec<syn::Error>,
    context: Option<String>,
    broken: HashSet<String>,
    values: HashSet<String>,
}

impl Errors {
    /// Records an error at `loc`.
    pub fn at(&mut self, loc: impl Into<Loc>, message: impl std::fmt::Display) {
        if let Some(context) = &self.context {
            self.broken.insert(context.clone());
        }
        self.list.push(loc.into().error(message));
    }

    /// Makes `pointer` the part being lowered; returns the previous context, to restore.
    pub fn enter(&mut self, pointer: Option<String>) -> Option<String> {
        std::mem::replace(&mut self.context, pointer)
    }

    /// Marks `pointer` (a state or a block) as broken by a mistake reported elsewhere (a
    /// parse error inside it).
    pub fn mark(&mut self, pointer: &str) {
        self.broken.insert(pointer.to_owned());
    }

    /// Marks the value at `pointer` as one whose mistake is reported: it is written all the
    /// same (its key keeps the state whole), so no rule looks at it or inside it again.
    pub fn mark_value(&mut self, pointer: &str) {
        self.values.insert(pointer.to_owned());
    }

    /// Whether `pointer` is, or is inside, a value marked by [`Errors::mark_value`].
    pub fn in_broken_value(&self, pointer: &str) -> bool {
        let mut current = pointer;
        loop {
            if self.values.contains(current) {
                return true;
            }
            match current.rfind('/') {
                Some(cut) => current = &current[..cut],
                None => return false,
            }
        }
    }

    /// Whether a mistake was reported in the state or block at `pointer` itself (not in a
    /// state nested in it).
    pub fn is_broken(&self, pointer: &str) -> bool {
        self.broken.contains(pointer)
    }

    /// Records an error made elsewhere (a syn parse error).
    pub fn push(&mut self, error: syn::Error) {
        self.list.push(error);
    }

    /// Whether nothing went wrong so far.
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// How many errors were recorded.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// Whether a state of the block at `block` is broken (names are escaped, so a state's
    /// pointer is the block's, `/States/` and a name without `/`).
    pub fn has_broken_state(&self, block: &str) -> bool {
        let prefix = format!("{block}/States/");
        self.broken.iter().any(|p| {
            p.strip_prefix(&prefix)
                .is_some_and(|name| !name.is_empty() && !name.contains('/'))
        })
    }

    /// All errors combined into one (`None` when there are none); an error with the same
    /// message at the same place as an earlier one is dropped.
    pub fn combined(self) -> Option<syn::Error> {
        let mut seen = HashSet::new();
        // A span's Debug form names its bytes in the source: same text, same place.
        let mut iter = self
            .list
            .into_iter()
            .filter(|e| seen.insert(format!("{:?} {e}", e.span())));
        let mut first = iter.next()?;
        for error in iter {
            first.combine(error);
        }
        Some(first)
    }
}

/// The candidate closest to `word`, when it is close enough to be a likely typo (the rule
/// set's helper, so the macro suggests what `sfn validate` would).
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    sfn_runtime::validate::suggest::closest_loose(word, candidates)
}

/// "`field` is `a`, `b` or `c`" for a value outside a closed set of words, with "did you
/// mean" when the value is a near miss (`mode: distribtued`).
pub fn one_of(field: &str, words: &[&str], value: &crate::ast::Value) -> String {
    let list = match words {
        [] => String::new(),
        [only] => format!("`{only}`"),
        [init @ .., last] => format!(
            "{} or `{last}`",
            init.iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let written = match value {
        crate::ast::Value::Word(w) => Some(w.to_string()),
        crate::ast::Value::Str(s) => Some(s.value.clone()),
        _ => None,
    };
    let message = format!("`{field}` is {list}");
    match written {
        Some(word) => with_suggestion(message, &word, words.iter().copied()),
        None => message,
    }
}

/// `message; hint`, one sentence: a full stop ending `message` is dropped (no `.;`).
pub fn with_hint(message: &str, hint: &str) -> String {
    format!("{}; {hint}", message.trim_end().trim_end_matches('.'))
}

/// `message` and, on a line of its own, `note: {note}`: a proc macro on stable Rust cannot
/// attach a real note, and a second line keeps background apart from the fix.
pub fn with_note(message: &str, note: &str) -> String {
    format!("{message}\nnote: {note}")
}

/// `message` followed by "; did you mean `x`?" when a close candidate exists.
pub fn with_suggestion<'a>(
    message: String,
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> String {
    match did_you_mean(word, candidates) {
        Some(best) => format!("{message}; did you mean `{best}`?"),
        None => message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("Wiat", ["Pass", "Wait", "Map"]), Some("Wait"));
        assert_eq!(
            did_you_mean("result_pth", ["result_path", "input_path"]),
            Some("result_path")
        );
        assert_eq!(did_you_mean("Zebra", ["Pass", "Wait"]), None);
        assert_eq!(did_you_mean("retyr", ["retry", "catch"]), Some("retry"));
        assert_eq!(
            did_you_mean("distribtued", ["inline", "distributed"]),
            Some("distributed")
        );
    }

    #[test]
    fn a_hint_continues_the_sentence() {
        assert_eq!(with_hint("got 1.", "use 2"), "got 1; use 2");
        assert_eq!(with_hint("got 1", "use 2"), "got 1; use 2");
    }

    #[test]
    fn a_note_is_a_line_of_its_own() {
        assert_eq!(
            with_note("`a` must be 1, not 2; use 1", "CDK: a must be 1"),
            "`a` must be 1, not 2; use 1\nnote: CDK: a must be 1"
        );
    }
}
