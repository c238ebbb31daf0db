//! Blocks of states: the start state, the order states are written in, and the graph
//! checks the DSL makes (every target in the block, every state reachable).

use std::collections::HashSet;

use serde_json::{Map, Value as Json};

use super::error::{ImportError, child};
use super::layout::Out;
use super::rewrite::Rewrites;
use super::state::write_state;

type Object = Map<String, Json>;

/// `jsonata` / `jsonpath` for a `QueryLanguage` value.
pub fn query_language_word(value: &Json, at: &str) -> Result<&'static str, ImportError> {
    match value.as_str() {
        Some("JSONata") => Ok("jsonata"),
        Some("JSONPath") => Ok("jsonpath"),
        _ => Err(ImportError::new(
            at,
            "`QueryLanguage` is \"JSONata\" or \"JSONPath\"",
        )),
    }
}

/// Writes the states of `container` (the machine, a branch or a processor at `base`).
pub fn block(
    out: &mut Out,
    container: &Object,
    base: &str,
    jsonata: bool,
    rw: &mut Rewrites,
) -> Result<(), ImportError> {
    let start = container
        .get("StartAt")
        .and_then(Json::as_str)
        .ok_or_else(|| {
            ImportError::new(child(base, "StartAt"), "`StartAt` names the first state")
        })?;
    let Some(Json::Object(states)) = container.get("States") else {
        return Err(ImportError::new(
            child(base, "States"),
            "`States` is an object of states",
        ));
    };
    let states_at = child(base, "States");
    if states.is_empty() {
        return Err(ImportError::new(
            states_at,
            "a block needs at least one state",
        ));
    }
    if !states.contains_key(start) {
        return Err(ImportError::new(
            child(base, "StartAt"),
            format!("`StartAt` names `{start}`, which is not a state of this block"),
        ));
    }
    targets_exist(states, &states_at)?;
    reachable(states, start, &states_at)?;
    let order: Vec<(&String, &Json)> = states.iter().collect();
    let mark_start = order
        .first()
        .is_some_and(|(name, _)| name.as_str() != start);
    for (i, (name, state)) in order.into_iter().enumerate() {
        if i > 0 {
            out.text.push('\n');
        }
        let at = child(&states_at, name);
        let is_start = mark_start && name.as_str() == start;
        write_state(out, name, state, &at, jsonata, is_start, rw)?;
    }
    Ok(())
}

/// Every transition names a state of its own block (the DSL cannot leave a branch).
fn targets_exist(states: &Object, at: &str) -> Result<(), ImportError> {
    for (name, state) in states {
        let state_at = child(at, name);
        let mut targets: Vec<(String, &Json)> = Vec::new();
        for key in ["Next", "Default"] {
            if let Some(target) = state.get(key) {
                targets.push((child(&state_at, key), target));
            }
        }
        for list in ["Choices", "Catch"] {
            if let Some(Json::Array(items)) = state.get(list) {
                for (i, item) in items.iter().enumerate() {
                    if let Some(target) = item.get("Next") {
                        let item_at = child(&child(&state_at, list), &i.to_string());
                        targets.push((child(&item_at, "Next"), target));
                    }
                }
            }
        }
        for (pointer, target) in targets {
            match target.as_str() {
                Some(target) if states.contains_key(target) => {}
                Some(target) => {
                    return Err(ImportError::new(
                        pointer,
                        format!(
                            "no state named `{target}` in this block (a transition cannot leave a Parallel branch or a Map processor)"
                        ),
                    ));
                }
                None => return Err(ImportError::new(pointer, "a transition names a state")),
            }
        }
    }
    Ok(())
}

/// The DSL refuses unreachable states: report them at their pointer.
fn reachable(states: &Object, start: &str, at: &str) -> Result<(), ImportError> {
    let mut seen: HashSet<&str> = HashSet::from([start]);
    let mut queue = vec![start];
    while let Some(name) = queue.pop() {
        let Some(state) = states.get(name) else {
            continue;
        };
        let mut targets: Vec<&str> = Vec::new();
        targets.extend(state.get("Next").and_then(Json::as_str));
        targets.extend(state.get("Default").and_then(Json::as_str));
        for list in ["Choices", "Catch"] {
            if let Some(Json::Array(items)) = state.get(list) {
                targets.extend(items.iter().filter_map(|i| i.get("Next")?.as_str()));
            }
        }
        for target in targets {
            if states.contains_key(target) && seen.insert(target) {
                queue.push(target);
            }
        }
    }
    match states.keys().find(|name| !seen.contains(name.as_str())) {
        Some(name) => Err(ImportError::new(
            child(at, name),
            format!(
                "state `{name}` is unreachable from the start state; the DSL refuses unreachable states (remove it)"
            ),
        )),
        None => Ok(()),
    }
}
