//! "Did you mean" suggestions.

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely
/// typo (at most a third of the word's length, and at least 1, edits).
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    let folded = word.to_ascii_lowercase().replace('_', "");
    candidates
        .into_iter()
        .map(|c| {
            // A case or underscore difference (`topicArn` for `topic_arn`) counts as one edit.
            let d = if c.to_ascii_lowercase().replace('_', "") == folded {
                1
            } else {
                distance(word, c)
            };
            (d, c)
        })
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// Levenshtein distance over chars.
pub fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = Vec::with_capacity(b.len() + 1);
        cur.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let best = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
            cur.push(best);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// `" (did you mean `x`?)"` or nothing.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_typos() {
        assert_eq!(closest("mesage", ["message", "topic"]), Some("message"));
        assert_eq!(
            closest("topicArn", ["topic_arn", "topic"]),
            Some("topic_arn")
        );
        assert_eq!(closest("zzzzzz", ["message", "topic"]), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
