//! Splitting a policy into documents that fit IAM's size quotas.

use super::document::PolicyDocument;
use super::statement::Statement;

/// IAM's quota for the inline policies of a role (all of them together), in characters
/// (IAM does not count whitespace).
pub const ROLE_INLINE_POLICY_QUOTA: usize = 10_240;
/// IAM's quota for one customer managed policy, in characters.
pub const MANAGED_POLICY_QUOTA: usize = 6_144;

impl PolicyDocument {
    /// The minimised statements packed, in order, into as few documents as possible whose
    /// compact JSON is at most `max_len` characters (a role with more grants than one
    /// inline policy holds spreads them over managed policies, as CDK does). A statement
    /// too large on its own is cut into statements with fewer resources. A single grant
    /// longer than `max_len` still gets a document of its own: it cannot be cut further.
    pub fn split_to_fit(&self, max_len: usize) -> Vec<PolicyDocument> {
        let empty_len = PolicyDocument::new().to_json().len();
        let mut pieces: Vec<Statement> = Vec::new();
        for st in self.minimized() {
            cut(st, max_len.saturating_sub(empty_len), &mut pieces);
        }
        let mut out: Vec<PolicyDocument> = Vec::new();
        let mut current = PolicyDocument::new();
        let mut current_len = empty_len;
        for st in pieces {
            let len = st.to_value().to_string().len();
            // One more statement adds its JSON and, after the first, a separating comma.
            if !current.statements.is_empty() && current_len + len + 1 > max_len {
                out.push(std::mem::take(&mut current));
                current_len = empty_len;
            }
            current_len += len + usize::from(!current.statements.is_empty());
            current.statements.push(st);
        }
        if !current.statements.is_empty() {
            out.push(current);
        }
        out
    }
}

/// Cuts `st` into statements of at most `room` characters by halving its resources (then
/// its actions), keeping everything it grants.
fn cut(st: Statement, room: usize, out: &mut Vec<Statement>) {
    if st.to_value().to_string().len() <= room {
        out.push(st);
        return;
    }
    if st.resources.len() > 1 {
        let half = st.resources.len() / 2;
        let (a, b) = st.resources.split_at(half);
        let first = Statement {
            resources: a.to_vec(),
            ..st.clone()
        };
        let second = Statement {
            resources: b.to_vec(),
            ..st
        };
        cut(first, room, out);
        cut(second, room, out);
    } else if st.actions.len() > 1 {
        let half = st.actions.len() / 2;
        let (a, b) = st.actions.split_at(half);
        let first = Statement {
            actions: a.to_vec(),
            ..st.clone()
        };
        let second = Statement {
            actions: b.to_vec(),
            ..st
        };
        cut(first, room, out);
        cut(second, room, out);
    } else {
        out.push(st);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn grants(doc: &PolicyDocument) -> BTreeSet<(String, String)> {
        doc.statements
            .iter()
            .flat_map(|s| {
                s.atoms()
                    .map(|(a, r)| (a.to_string(), r.to_string()))
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    #[test]
    fn big_policies_are_spread_without_losing_a_grant() {
        let mut doc = PolicyDocument::new();
        for i in 0..400 {
            doc.push(Statement::allow(
                [format!("lambda:InvokeFunction{}", i % 3)],
                [format!(
                    "arn:aws:lambda:us-east-1:123456789012:function:Function{i}"
                )],
            ));
        }
        let total = doc.to_json().len();
        assert!(total > MANAGED_POLICY_QUOTA);
        let parts = doc.split_to_fit(MANAGED_POLICY_QUOTA);
        assert!(parts.len() > 1);
        let mut all = BTreeSet::new();
        for p in &parts {
            assert!(
                p.to_json().len() <= MANAGED_POLICY_QUOTA,
                "{}",
                p.to_json().len()
            );
            all.extend(grants(p));
        }
        let whole = PolicyDocument {
            statements: doc.minimized(),
        };
        assert_eq!(all, grants(&whole));
    }

    #[test]
    fn small_policies_stay_whole() {
        let mut doc = PolicyDocument::new();
        doc.push(Statement::allow(["sns:Publish"], ["arn:t"]));
        let parts = doc.split_to_fit(ROLE_INLINE_POLICY_QUOTA);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].to_json(), doc.to_json());
    }
}
