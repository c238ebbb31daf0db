//! The variables one scope sees. A Map iteration or a Parallel branch starts with the
//! outer scope's variables (their values at entry): it shares them, a reference count,
//! and copies them only if it assigns one, so a large variable is not copied per
//! iteration or branch.

use std::ops::Deref;
use std::sync::Arc;

use serde_json::{Map, Value};

/// The variables of a scope, read as a JSON object; cheap to clone (shared until written).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Vars(Arc<Map<String, Value>>);

impl Vars {
    /// A scope holding `values`.
    pub(crate) fn from_map(values: Map<String, Value>) -> Vars {
        Vars(Arc::new(values))
    }

    /// The variables as a JSON object (copied only if still shared).
    pub(crate) fn into_map(self) -> Map<String, Value> {
        Arc::unwrap_or_clone(self.0)
    }

    /// Assigns `values` in this scope only; a scope sharing the outer variables takes its
    /// own copy first.
    pub(crate) fn assign(&mut self, values: Map<String, Value>) {
        if !values.is_empty() {
            Arc::make_mut(&mut self.0).extend(values);
        }
    }
}

impl Deref for Vars {
    type Target = Map<String, Value>;
    fn deref(&self) -> &Map<String, Value> {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn an_inner_scope_shares_until_it_assigns() {
        let mut outer = Vars::default();
        outer.assign(Map::from_iter([("big".to_owned(), json!([1, 2, 3]))]));
        let mut inner = outer.clone();
        assert!(std::ptr::eq(&*inner, &*outer), "shared, not copied");
        inner.assign(Map::from_iter([("x".to_owned(), json!(1))]));
        assert!(!std::ptr::eq(&*inner, &*outer));
        assert_eq!(inner.get("big"), Some(&json!([1, 2, 3])));
        assert_eq!(inner.get("x"), Some(&json!(1)));
        assert_eq!(
            outer.get("x"),
            None,
            "the outer scope does not see inner assignments"
        );
        assert_eq!(outer.clone().into_map().len(), 1);
    }
}
