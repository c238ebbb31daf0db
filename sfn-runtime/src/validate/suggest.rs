//! "Did you mean ...?": the closest candidate by edit distance. The one helper for every
//! suggestion of the workspace (the rule set, the task catalogue, the `workflow!` macro).

/// The candidate closest to `word`, if it is close enough to be a likely typo: at most a
/// third of the word's length in edits (at least one), or the same word in another case or
/// with other underscores (`topicArn` for `topic_arn`, `resultpath` for `ResultPath`).
pub fn closest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (word.chars().count() / 3).max(1);
    let folded = fold(word);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        if c == word {
            continue;
        }
        let d = if fold(c) == folded {
            0
        } else {
            distance(word, c)
        };
        if d <= limit && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// Like [`closest`], with the looser bound of the `workflow!` macro, whose words are short
/// and whose sets are small: up to a third of the longer word in edits, and fewer edits than
/// the shorter one has characters (`retries` -> `retry`, `Pascal` -> `PascalCase`).
pub fn closest_loose<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<&'c str> {
    let folded = fold(word);
    let len = word.chars().count();
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = if fold(c) == folded {
            0
        } else {
            distance(&word.to_lowercase(), &c.to_lowercase())
        };
        let (short, long) = (len.min(c.chars().count()), len.max(c.chars().count()));
        if d <= long.div_ceil(3) && d < short && best.is_none_or(|(b, _)| d < b) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c)
}

/// The spelling-free form of a word: lower case, without underscores.
fn fold(word: &str) -> String {
    word.chars()
        .filter(|c| *c != '_')
        .flat_map(char::to_lowercase)
        .collect()
}

/// `did you mean `X`?` for the closest candidate.
pub fn did_you_mean<'c>(
    word: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// Levenshtein distance over characters, where swapping two neighbours counts as one edit
/// (optimal string alignment), because transpositions are the commonest typo.
fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distances() {
        assert_eq!(distance("ErrorEqual", "ErrorEquals"), 1);
        assert_eq!(distance("Nxet", "Next"), 1);
        assert_eq!(distance("", "abc"), 3);
        assert_eq!(distance("kitten", "sitting"), 3);
    }

    #[test]
    fn closest_picks_near_names_only() {
        let names = ["ProcessOrder", "ShipOrder", "Done"];
        assert_eq!(closest("ProcesOrder", names), Some("ProcessOrder"));
        assert_eq!(closest("processorder", names), Some("ProcessOrder"));
        assert_eq!(closest("Unrelated", names), None);
        assert_eq!(
            closest("topicArn", ["topic_arn", "topic"]),
            Some("topic_arn")
        );
        assert_eq!(
            closest("distribtued", ["inline", "distributed"]),
            Some("distributed")
        );
        assert_eq!(closest_loose("retries", ["retry", "iam"]), Some("retry"));
        assert_eq!(
            closest_loose("Pascal", ["camelCase", "PascalCase"]),
            Some("PascalCase")
        );
        assert_eq!(closest_loose("Zebra", ["Pass", "Wait"]), None);
    }
}
