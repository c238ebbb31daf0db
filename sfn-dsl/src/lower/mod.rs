//! DSL syntax tree -> ASL JSON (keys in ASL order), with a table from JSON pointers to the
//! tokens that produced them. The DSL-only checks (unknown/duplicate states, arrows, targets,
//! reachability) run here because only the DSL knows them; every other rule is the runtime's.

mod attrs;
mod choice;
mod fields;
pub(crate) mod order;
pub mod spans;
mod state;
mod task;
pub(crate) mod value;
mod workflow;

use crate::ast::Name;

use crate::diag::{Errors, with_suggestion};
pub use spans::Spans;
pub use workflow::{Lowered, lower_workflow, lower_workflow_with};

/// Whether a string is a JSONata expression (`{% .. %}`).
pub fn is_jsonata(s: &str) -> bool {
    let t = s.trim();
    t.starts_with("{%") && t.ends_with("%}") && t.len() >= 4
}

/// Lowering state shared by one workflow.
pub struct Lower<'a> {
    /// Where errors go.
    pub errors: &'a mut Errors,
    /// Pointer -> token table.
    pub spans: Spans,
    /// IAM statements gathered from task states.
    pub statements: Vec<sfn_runtime::iam::Statement>,
    /// Set when a transition of the current block could not be read (a missing arrow, an
    /// unknown target): the reachability check is then skipped, as it would only repeat it.
    pub graph_broken: bool,
    /// True while lowering a Map's `item_selector`, the one place `$$.Map.Item` exists.
    pub in_item_selector: bool,
    /// True while lowering a JSONata state, where a bare path is not evaluated.
    pub jsonata: bool,
    /// States of custom task types (`path::Type { .. }`), completed by the expansion.
    pub custom: Vec<crate::custom::state::CustomState>,
}

/// The state names visible from a block: its own, then those of enclosing blocks (which
/// may not be targeted: a transition cannot leave a branch or a processor).
pub struct Scope<'s> {
    /// Names of this block's states, in order (for suggestions).
    pub names: Vec<&'s str>,
    /// The same names, for lookups.
    pub known: std::collections::HashSet<&'s str>,
    /// What this block is ("a Parallel branch", "a Map processor"), for messages.
    pub what: &'static str,
    /// The enclosing block.
    pub parent: Option<&'s Scope<'s>>,
    /// States of this block that failed to parse (already reported).
    pub broken: &'s [String],
}

/// Transitions found while lowering one block, for the reachability check.
#[derive(Default)]
pub struct Edges {
    /// For each state (by index), the names it can go to.
    pub to: Vec<Vec<String>>,
}

impl Lower<'_> {
    /// `$$.Map.Item.Index` / `.Value` exist only while a Map builds an item's input.
    pub fn check_context(&mut self, text: &crate::ast::Text) {
        if self.in_item_selector {
            return;
        }
        if let Some(offset) = text.text.find("$$.Map.") {
            self.errors.at(
                text.span_at(offset).to(text.loc),
                "`$$.Map.Item` exists only in a Map's `item_selector`; pass the value to the processor from there",
            );
        }
    }

    /// Checks a transition target; returns the name to write (and records it as an edge).
    pub fn target(&mut self, ident: &Name, scope: &Scope, edges: &mut Vec<String>) -> String {
        let name = ident.text.clone();
        if scope.known.contains(name.as_str()) {
            edges.push(name.clone());
            return name;
        }
        if scope.broken.contains(&name) {
            self.graph_broken = true;
            return name;
        }
        let mut outer = scope.parent;
        while let Some(parent) = outer {
            if parent.known.contains(name.as_str()) {
                self.errors.at(
                    ident.span(),
                    format!(
                        "`{name}` is outside this {}: a state can only go to states of its own block; \
                         end the block with `-> end` and continue after the {} state",
                        scope.what.trim_start_matches("a "),
                        if scope.what.contains("Map") { "Map" } else { "Parallel" }
                    ),
                );
                return name;
            }
            outer = parent.parent;
        }
        let message = with_suggestion(
            format!("no state named `{name}` in this block"),
            &name,
            scope.names.iter().copied(),
        );
        // Count the likely intended state as reached so one typo is one error.
        if let Some(best) = crate::diag::did_you_mean(&name, scope.names.iter().copied()) {
            edges.push(best.to_owned());
        } else {
            self.graph_broken = true;
        }
        self.errors.at(ident.span(), message);
        name
    }
}
