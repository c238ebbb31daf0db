//! Blocks of states and single states: names, kinds, attributes, arrows and the graph checks.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value as Json};

use super::fields::allowed_fields;
use super::order::state_object;
use super::spans::child;
use super::{Lower, Scope};
use crate::ast::{Block, Item, StateDecl};
use crate::diag::with_suggestion;
use crate::loc::Loc;

/// The built-in state kinds of the DSL (catalogue task types come on top).
pub const KINDS: [&str; 9] = [
    "Pass", "Task", "Choice", "Wait", "Succeed", "Fail", "Parallel", "Map", "Activity",
];

/// Lowers a block of states at `base` (`""` for the machine, `/States/P/Branches/0` ...).
/// Returns `StartAt` and `States`.
pub fn lower_block(
    lower: &mut Lower,
    block: &Block,
    base: &str,
    scope_in: &Scope,
    ql: &str,
) -> (String, Map<String, Json>) {
    // Mistakes of the block itself (names, `#[start]`, arrows into it) mark its base.
    let outer_context = lower.errors.enter(Some(base.to_owned()));
    if !block.broken.is_empty() {
        // A state that did not parse is missing: what goes to it is not checked again.
        lower.errors.mark(base);
    }
    let mut names: Vec<&str> = Vec::new();
    let mut known: HashSet<&str> = HashSet::new();
    for state in &block.states {
        let name = state.name.text.as_str();
        if !known.insert(name) {
            lower.errors.at(state.name.span(), format!("a state named `{name}` is already declared in this block; state names must be unique"));
        } else {
            names.push(name);
        }
    }
    let scope = Scope {
        names,
        known,
        what: scope_in.what,
        parent: scope_in.parent,
        broken: &block.broken,
    };
    let outer_broken = std::mem::replace(&mut lower.graph_broken, !block.broken.is_empty());
    let start = start_state(lower, block);
    let mut states = Map::new();
    let mut edges: Vec<(&str, Vec<String>)> = Vec::new();
    let states_base = format!("{base}/States");
    for decl in &block.states {
        let name = decl.name.text.clone();
        let pointer = child(&states_base, &name);
        let mut to = Vec::new();
        let block_context = lower.errors.enter(Some(pointer.clone()));
        let object = lower_state(lower, decl, &pointer, &scope, ql, &mut to);
        lower.errors.enter(block_context);
        edges.push((&decl.name.text, to));
        // A name given twice (reported above) keeps its first state.
        if let serde_json::map::Entry::Vacant(slot) = states.entry(name) {
            lower.spans.insert(&pointer, Loc::of(decl.name.span()));
            slot.insert(Json::Object(object));
        }
    }
    if block.states.is_empty() {
        lower.errors.at(
            block.loc,
            "a block needs at least one state: `Name: Kind { .. } -> end,`",
        );
    } else if !lower.graph_broken {
        check_reachable(lower, block, &start, &edges);
    }
    lower.graph_broken = outer_broken;
    lower.errors.enter(outer_context);
    (start, states)
}

/// `#[start]` names the first state; without it the first state written is.
fn start_state(lower: &mut Lower, block: &Block) -> String {
    let mut start: Option<&StateDecl> = None;
    for decl in &block.states {
        for attr in decl.attrs.iter().filter(|a| a.name == "start") {
            if !matches!(attr.args, crate::ast::AttrArgs::None) {
                lower.errors.at(attr.loc, "`#[start]` takes no arguments");
            }
            match start {
                Some(first) => lower.errors.at(
                    attr.loc,
                    format!(
                        "only one state can be `#[start]`; `{}` already is",
                        first.name
                    ),
                ),
                None => start = Some(decl),
            }
        }
    }
    start
        .or(block.states.first())
        .map(|d| d.name.to_string())
        .unwrap_or_default()
}

/// Every state must be reachable from the start through transitions of its block.
fn check_reachable(lower: &mut Lower, block: &Block, start: &str, edges: &[(&str, Vec<String>)]) {
    let by_name: HashMap<&str, &Vec<String>> = edges.iter().map(|(n, to)| (*n, to)).collect();
    let mut reached: HashSet<&str> = HashSet::from([start]);
    let mut queue = vec![start];
    while let Some(current) = queue.pop() {
        for next in by_name.get(current).into_iter().flat_map(|to| to.iter()) {
            if reached.insert(next) {
                queue.push(next);
            }
        }
    }
    let mut reported = HashSet::new();
    for decl in &block.states {
        let name = &decl.name.text;
        if !reached.contains(name.as_str()) && reported.insert(name.clone()) {
            lower.errors.at(
                decl.name.span(),
                format!("state `{name}` is unreachable: no transition leads to it from the start state `{start}`"),
            );
        }
    }
}

/// Lowers one state to its JSON object; `to` receives the states it can go to.
fn lower_state(
    lower: &mut Lower,
    decl: &StateDecl,
    pointer: &str,
    scope: &Scope,
    ql_in: &str,
    to: &mut Vec<String>,
) -> Map<String, Json> {
    let kind = decl.kind.to_string();
    let is_catalogue = !KINDS.contains(&kind.as_str()) || decl.path.is_some();
    if is_catalogue && decl.path.is_none() && !sfn_tasks::class_names().any(|class| class == kind) {
        lower.unknown_kind(decl);
        // Only the transition is read, so the rest of the block is still checked.
        if let Some(target) = decl.arrow.as_ref().and_then(|a| a.target.as_ref()) {
            lower.target(target, scope, to);
        }
        return Map::new();
    }
    let asl_type = match kind.as_str() {
        "Activity" => "Task",
        k if is_catalogue => {
            let _ = k;
            "Task"
        }
        k => k,
    };
    // Room for the keys of most states (Type, Resource, Parameters, Retry, ResultPath, Next..).
    let mut out: Vec<(String, Json)> = Vec::with_capacity(8);
    lower
        .spans
        .insert_child(pointer, "Type", Loc::of(decl.kind.span()));
    out.push(("Type".into(), Json::String(asl_type.into())));

    // The state's own `#[query_language]` decides how its values are read, attributes included.
    let own_jsonata = decl.attrs.iter().find(|a| a.name == "query_language").map(|a| {
        matches!(&a.args, crate::ast::AttrArgs::Eq(crate::ast::Value::Word(w)) if w == "jsonata")
    });
    let outer_jsonata = std::mem::replace(
        &mut lower.jsonata,
        own_jsonata.unwrap_or(ql_in == "JSONata"),
    );
    let ql = lower.state_attrs(decl, pointer, asl_type, ql_in, scope, to, &mut out);
    if !decl.broken_fields.is_empty() || decl.broken_arm {
        lower.errors.mark(pointer);
    }
    if decl.broken_arm {
        // Where the arm went is unknown: reachability would only guess.
        lower.graph_broken = true;
    }

    // Fields and arms.
    let allowed = allowed_fields(&kind);
    let mut seen: Vec<String> = Vec::new();
    // Fields that are there, though misspelled or with a value that did not parse: one
    // mistake, so not "missing" as well.
    let mut present: Vec<String> = decl.broken_fields.clone();
    let mut arms = Vec::new();
    let mut task_fields = Vec::new();
    for item in &decl.items {
        match item {
            Item::Arm(arm) => {
                if asl_type == "Choice" {
                    arms.push(arm);
                } else {
                    lower.errors.at(arm.loc, format!("only a Choice has `condition => Target` arms; `{kind}` takes `field: value`"));
                }
            }
            Item::Field(field) => {
                let name = field.name.to_string();
                if seen.contains(&name) {
                    lower
                        .errors
                        .at(field.name.span(), format!("field `{name}` is given twice"));
                    continue;
                }
                seen.push(name);
                let name = seen.last().map_or("", String::as_str);
                if !allowed.contains(&name) {
                    if is_catalogue {
                        // The catalogue knows (and checks) the task's own fields.
                        task_fields.push(field);
                        continue;
                    }
                    let message = with_suggestion(
                        format!(
                            "`{kind}` has no field `{name}`; its fields are: {}",
                            allowed.join(", ")
                        ),
                        name,
                        allowed.iter().copied(),
                    );
                    present.extend(
                        crate::diag::did_you_mean(name, allowed.iter().copied()).map(str::to_owned),
                    );
                    lower.errors.at(field.name.span(), message);
                    continue;
                }
                lower.field(field, name, pointer, ql, scope, &mut out);
            }
        }
    }
    match &decl.path {
        Some(path) => lower.custom_task(decl, path, &task_fields, pointer, ql, &mut out),
        None if is_catalogue => {
            lower.catalogue_task(decl, &kind, &task_fields, pointer, ql, &mut out);
        }
        None => {}
    }
    if asl_type == "Choice" {
        lower.choice_arms(&arms, pointer, scope, to, &mut out);
    }
    seen.extend(present);
    lower.required_fields(decl, &kind, &seen, &arms);
    fold_processor_config(&mut out);
    if kind == "Task" || asl_type == "Map" {
        lower.state_statements(&out);
    }

    // The arrow.
    let takes_arrow = !matches!(asl_type, "Choice" | "Succeed" | "Fail");
    match (&decl.arrow, takes_arrow) {
        (Some(arrow), false) => lower.errors.at(
            arrow.loc.to(Loc::of(arrow.end)),
            format!(
                "a {asl_type} state has no `->`: {}",
                match asl_type {
                    "Choice" => "its arms say where to go",
                    _ => "it ends the execution (or its branch)",
                }
            ),
        ),
        (None, true) => {
            lower.graph_broken = true;
            lower.errors.at(
                decl.name.span(),
                format!(
                    "state `{}` needs a transition: add `-> NextState` or `-> end` after its body",
                    decl.name
                ),
            )
        }
        (Some(arrow), true) => match &arrow.target {
            Some(target) => {
                let name = lower.target(target, scope, to);
                lower
                    .spans
                    .insert_child(pointer, "Next", Loc::of(target.span()));
                out.push(("Next".into(), Json::String(name)));
            }
            None => {
                lower.spans.insert_child(pointer, "End", Loc::of(arrow.end));
                out.push(("End".into(), Json::Bool(true)));
            }
        },
        (None, false) => {}
    }
    lower.jsonata = outer_jsonata;
    state_object(out)
}

/// Moves `mode` / `execution_type` (lowered as `ProcessorConfig/..` entries) into the
/// `ItemProcessor`'s `ProcessorConfig`, before its `StartAt`.
fn fold_processor_config(out: &mut Vec<(String, Json)>) {
    // Only a Map has them (and this runs for every state).
    if !out.iter().any(|(k, _)| k.starts_with("ProcessorConfig/")) {
        return;
    }
    let mut config = Map::new();
    for key in ["Mode", "ExecutionType"] {
        let tag = format!("ProcessorConfig/{key}");
        if let Some(index) = out.iter().position(|(k, _)| *k == tag) {
            let (_, value) = out.remove(index);
            config.insert(key.into(), value);
        }
    }
    if config.is_empty() {
        return;
    }
    if let Some((_, Json::Object(processor))) = out.iter_mut().find(|(k, _)| k == "ItemProcessor") {
        let mut rebuilt = Map::new();
        rebuilt.insert("ProcessorConfig".into(), Json::Object(config));
        rebuilt.extend(std::mem::take(processor));
        *processor = rebuilt;
    }
}
