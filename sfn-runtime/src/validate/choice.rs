//! Choice rules (C2-C6): a rule is either `And`/`Or`/`Not`, or `Variable` with exactly one
//! comparison operator.

use super::diagnostic::Sink;
use super::doc::Doc;
use super::fields::{OPERATORS, Owner};
use crate::asl::QueryLanguage;

/// C4: the shape of a JSONPath rule.
pub(crate) fn choice_rule_shape(doc: &Doc, sink: &mut Sink) {
    for obj in &doc.objects {
        if !matches!(obj.owner, Owner::TopRule | Owner::NestedRule)
            || obj.lang != QueryLanguage::JsonPath
        {
            continue;
        }
        let boolean: Vec<&str> = ["And", "Or", "Not"]
            .into_iter()
            .filter(|k| obj.map.contains_key(*k))
            .collect();
        // The rule's few keys looked up among the operators, not every operator hashed
        // and looked up in the rule; listed in the operators' order, as before.
        let mut operators: Vec<(usize, &str)> = obj
            .map
            .keys()
            .filter_map(|key| {
                let at = OPERATORS.iter().position(|f| f.name == key)?;
                OPERATORS.get(at).map(|f| (at, f.name))
            })
            .collect();
        operators.sort_unstable();
        let operators: Vec<&str> = operators.into_iter().map(|(_, name)| name).collect();
        let variable = obj.map.contains_key("Variable");
        let message = if !boolean.is_empty() {
            if boolean.len() > 1 {
                Some(format!(
                    "a rule has one of `And`, `Or`, `Not`, but this one has {}",
                    quoted(&boolean)
                ))
            } else if variable || !operators.is_empty() {
                Some(format!(
                    "a rule with `{}` must not also have `Variable` or a comparison operator",
                    boolean.join("")
                ))
            } else {
                None
            }
        } else if !variable {
            Some(
                "a rule needs `Variable` and one comparison operator, or `And`/`Or`/`Not`"
                    .to_owned(),
            )
        } else if operators.is_empty() {
            Some("a rule with `Variable` needs exactly one comparison operator (`StringEquals`, `IsPresent`, ...); it has none".to_owned())
        } else if operators.len() > 1 {
            Some(format!(
                "a rule with `Variable` needs exactly one comparison operator, but this one has {}",
                quoted(&operators)
            ))
        } else {
            None
        };
        if let Some(m) = message {
            let hint = (operators.len() > 1).then(|| "combine several tests with `And`".to_owned());
            sink.emit_hint(obj.pointer.clone(), m, hint);
        }
    }
}

fn quoted(keys: &[&str]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(" and ")
}
