//! The state graph: names, `StartAt`, transitions, terminal states, reachability (G1-G8, S2).

use serde_json::Value;

use super::diagnostic::{Sink, child};
use super::doc::Doc;
use super::fields::Owner;
use super::suggest::did_you_mean;
use crate::asl::StateType;

/// The longest state name, in Unicode characters.
const MAX_NAME: usize = 80;

/// A transition: where it is written (member `key` of object `object`), which state it
/// leaves, where it goes.
pub(crate) struct Edge<'a> {
    object: usize,
    key: &'static str,
    from: usize,
    to: &'a str,
}

impl Edge<'_> {
    /// Where the transition is written (built only for a diagnostic).
    fn pointer(&self, doc: &Doc) -> String {
        child(doc.pointer_of(self.object), self.key)
    }
}

/// Every `Next`, `Default`, Choice-rule `Next` and Catcher `Next` with a string value,
/// found once for the three rules that read them.
fn edges<'d, 'a>(doc: &'d Doc<'a>) -> &'d [Edge<'a>] {
    doc.memo.edges.get_or_init(|| {
        let mut out = Vec::new();
        for (object, obj) in doc.objects.iter().enumerate() {
            let Some(from) = obj.state else { continue };
            let keys: &[&'static str] = match obj.owner {
                Owner::State(StateType::Choice) => &["Default"],
                Owner::State(_) | Owner::Catcher | Owner::TopRule => &["Next"],
                _ => &[],
            };
            for &key in keys {
                if let Some(Value::String(to)) = obj.map.get(key) {
                    out.push(Edge {
                        object,
                        key,
                        from,
                        to,
                    });
                }
            }
        }
        out
    })
}

/// S2: names of at most 80 characters.
pub(crate) fn state_name_too_long(doc: &Doc, sink: &mut Sink) {
    for state in &doc.states {
        let n = state.name.chars().count();
        if n > MAX_NAME {
            sink.emit(
                state.pointer.clone(),
                format!("state name is {n} characters long; the limit is {MAX_NAME}"),
            );
        }
    }
}

/// S2: a name used twice anywhere in the machine (branches and processors included).
pub(crate) fn state_name_duplicate(doc: &Doc, sink: &mut Sink) {
    for state in &doc.states {
        let Some(same) = doc.by_name.get(state.name) else {
            continue;
        };
        let Some(&first) = same.first() else { continue };
        let Some(first) = doc.states.get(first) else {
            continue;
        };
        if first.pointer != state.pointer {
            sink.emit(
                state.pointer.clone(),
                format!(
                    "state name `{}` is already used at {}; names must be unique in the whole state machine",
                    state.name, first.pointer
                ),
            );
        }
    }
}

/// G6: `StartAt` names a state of its scope.
pub(crate) fn start_at_unknown(doc: &Doc, sink: &mut Sink) {
    for (i, scope) in doc.scopes.iter().enumerate() {
        let Some(start) = scope.start_at() else {
            continue;
        };
        if !scope.map.get("States").is_some_and(Value::is_object) {
            continue;
        }
        if doc.state_in(i, start).is_none() {
            sink.emit_hint(
                child(&scope.pointer, "StartAt"),
                format!("`StartAt` names `{start}`, which is not a state of this `States` object"),
                did_you_mean(start, doc.names_in(i)),
            );
        }
    }
}

/// G4: every transition names a state of the same scope.
pub(crate) fn next_unknown_state(doc: &Doc, sink: &mut Sink) {
    for e in edges(doc) {
        let Some(scope) = doc.states.get(e.from).map(|s| s.scope) else {
            continue;
        };
        if doc.state_in(scope, e.to).is_none() && !doc.by_name.contains_key(e.to) {
            sink.emit_hint(
                e.pointer(doc),
                format!("there is no state named `{}`", e.to),
                did_you_mean(e.to, doc.names_in(scope)),
            );
        }
    }
}

/// G4: a transition into another scope (out of a branch or processor, or into one).
pub(crate) fn next_out_of_scope(doc: &Doc, sink: &mut Sink) {
    for e in edges(doc) {
        let Some(scope) = doc.states.get(e.from).map(|s| s.scope) else {
            continue;
        };
        if doc.state_in(scope, e.to).is_some() {
            continue;
        }
        let Some(elsewhere) = doc
            .by_name
            .get(e.to)
            .and_then(|v| v.first())
            .and_then(|&i| doc.states.get(i))
        else {
            continue;
        };
        let here = match doc.scopes.get(scope).map(|s| s.owner) {
            Some(Owner::Branch) => "this Parallel branch",
            Some(Owner::Processor) => "this Map processor",
            _ => "the top level",
        };
        sink.emit(
            e.pointer(doc),
            format!(
                "`{}` (at {}) is outside {here}: a transition can only go to a state of the same `States` object",
                e.to, elsewhere.pointer
            ),
        );
    }
}

/// G3: every scope has a terminal state.
pub(crate) fn no_terminal_state(doc: &Doc, sink: &mut Sink) {
    for scope in &doc.scopes {
        if scope.states.is_empty() {
            continue;
        }
        let mut terminal = false;
        let mut unsure = false;
        for state in scope.states.iter().filter_map(|&i| doc.states.get(i)) {
            match (state.ty, state.map) {
                (Some(StateType::Succeed | StateType::Fail), _) => terminal = true,
                (Some(_), Some(m)) if m.get("End") == Some(&Value::Bool(true)) => terminal = true,
                (Some(_), Some(_)) => {}
                // A state of unknown type may be terminal: do not pile a second error on it.
                _ => unsure = true,
            }
        }
        if !terminal && !unsure {
            sink.emit_hint(
                child(&scope.pointer, "States"),
                "no terminal state: nothing here has `\"End\": true` or is a Succeed or Fail state",
                Some("end the last state with `\"End\": true`".to_owned()),
            );
        }
    }
}

/// G5: every state is reachable from its scope's `StartAt`.
pub(crate) fn unreachable_state(doc: &Doc, sink: &mut Sink) {
    // For each state (by index), the states of its scope it goes to.
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); doc.states.len()];
    for e in edges(doc) {
        let Some(scope) = doc.states.get(e.from).map(|s| s.scope) else {
            continue;
        };
        if let (Some(to), Some(from)) = (doc.state_in(scope, e.to), out.get_mut(e.from)) {
            from.push(to);
        }
    }
    // One set of flags for every scope: transitions stay inside their scope, so each walk
    // marks only its own states (a set per scope was quadratic in the number of Parallel
    // branches and Map processors).
    let mut seen = vec![false; doc.states.len()];
    let mut todo = Vec::new();
    for (i, scope) in doc.scopes.iter().enumerate() {
        let Some(start) = scope.start_at().and_then(|s| doc.state_in(i, s)) else {
            continue;
        };
        todo.push(start);
        while let Some(s) = todo.pop() {
            if let Some(flag) = seen.get_mut(s) {
                if *flag {
                    continue;
                }
                *flag = true;
            }
            todo.extend(out.get(s).into_iter().flatten().copied());
        }
        for &s in &scope.states {
            if seen.get(s).copied().unwrap_or(true) {
                continue;
            }
            if let Some(state) = doc.states.get(s) {
                sink.emit(
                    state.pointer.clone(),
                    format!(
                        "state `{}` is unreachable: no transition from `StartAt` leads to it",
                        state.name
                    ),
                );
            }
        }
    }
}
