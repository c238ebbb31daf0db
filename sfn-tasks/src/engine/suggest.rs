//! "Did you mean" suggestions: the workspace's one helper, in the rule set.

pub use sfn_runtime::validate::suggest::{closest, did_you_mean};

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
    }
}
