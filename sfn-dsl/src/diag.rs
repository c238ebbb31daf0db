//! Error accumulation and "did you mean" suggestions.

use crate::loc::Loc;

/// Every error of one invocation, reported together at the end.
#[derive(Default)]
pub struct Errors {
    list: Vec<syn::Error>,
}

impl Errors {
    /// Records an error at `loc`.
    pub fn at(&mut self, loc: impl Into<Loc>, message: impl std::fmt::Display) {
        self.list.push(loc.into().error(message));
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

    /// All errors combined into one (`None` when there are none).
    pub fn combined(self) -> Option<syn::Error> {
        let mut iter = self.list.into_iter();
        let mut first = iter.next()?;
        for error in iter {
            first.combine(error);
        }
        Some(first)
    }
}

/// The candidate closest to `word`, when it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (distance(&lower, &c.to_lowercase()), c))
        .filter(|(d, c)| *d <= (c.len().max(word.len()) / 3).max(1))
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// `message` followed by "; did you mean `x`?" when a close candidate exists.
pub fn with_suggestion<'a>(message: String, word: &str, candidates: impl IntoIterator<Item = &'a str>) -> String {
    match did_you_mean(word, candidates) {
        Some(best) => format!("{message}; did you mean `{best}`?"),
        None => message,
    }
}

/// Levenshtein distance over chars.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb { previous } else { 1 + previous.min(row[j]).min(current) };
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names_only() {
        assert_eq!(did_you_mean("Wiat", ["Pass", "Wait", "Map"]), Some("Wait"));
        assert_eq!(did_you_mean("result_pth", ["result_path", "input_path"]), Some("result_path"));
        assert_eq!(did_you_mean("Zebra", ["Pass", "Wait"]), None);
    }
}
