//! A custom task type's resource, checked where it is written: `workflow!` only sees the
//! type's path (its constants are known after expansion, so the rule set gets a stand-in),
//! but the derive sees the literal, so it runs the integrations table's rule on it here.

use serde_json::json;
use sfn_runtime::validate;

/// The rule set's "not recognized" message (with its hint) for the first of `resources`
/// (one per supported pattern; empty for the others) the service would refuse.
pub fn problem(resources: &[String]) -> Option<String> {
    resources.iter().filter(|r| !r.is_empty()).find_map(|r| {
        let definition = json!({
            "StartAt": "T",
            "States": { "T": { "Type": "Task", "Resource": r, "End": true } }
        });
        validate::validate_value(&definition)
            .into_iter()
            .find(|d| d.code == "resource-not-recognized")
            .map(|d| match d.hint {
                Some(hint) => crate::diag::with_hint(&d.message, &hint),
                None => d.message,
            })
    })
}

#[cfg(test)]
mod tests {
    use super::problem;

    #[test]
    fn a_misspelt_integration_gets_the_rule_sets_suggestion() {
        let found = problem(&["arn:aws:states:::lamda:invoke".into()]).expect("refused");
        assert!(found.contains("is not recognized"), "{found}");
        assert!(
            found.ends_with("did you mean `arn:aws:states:::lambda:invoke`?"),
            "{found}"
        );
    }

    #[test]
    fn each_supported_pattern_is_checked() {
        // Request Response exists; `.sync` does not for SNS.
        let rr = "arn:aws:states:::sns:publish".to_string();
        assert_eq!(problem(&[rr.clone(), String::new()]), None);
        let found = problem(&[rr, "arn:aws:states:::sns:publish.sync".into()]).expect("refused");
        assert!(found.contains("sns:publish.sync"), "{found}");
        assert_eq!(
            problem(&["arn:aws:states:::aws-sdk:s3:getObject".into()]),
            None
        );
    }
}
