//! The diagram model: one pass over the state machine, shared by both renderers.

use std::collections::HashMap;

use crate::asl::{Branch, State, StateMachine, States, Transition};

/// A diagram: the top scope with its nested scopes.
#[derive(Debug, Clone, PartialEq)]
pub struct Graph {
    /// The top-level scope.
    pub root: Scope,
}

/// The states of one scope (the machine, a Parallel branch, a Map processor).
#[derive(Debug, Clone, PartialEq)]
pub struct Scope {
    /// A stable identifier (`root`, `s3_b0` ...).
    pub id: String,
    /// What to show as the scope's title.
    pub title: String,
    /// The node that starts the scope.
    pub start: Option<String>,
    /// Nodes of this scope.
    pub nodes: Vec<Node>,
    /// Edges between nodes of this scope (and to the scope's end).
    pub edges: Vec<Edge>,
    /// Scopes nested in a node of this scope: (owner node id, scope).
    pub children: Vec<(String, Scope)>,
}

/// A state.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Identifier safe for Mermaid and DOT (`s0`, `s1` ...).
    pub id: String,
    /// The state's name.
    pub label: String,
    /// How to draw it.
    pub shape: NodeShape,
}

/// The drawing of a state, by type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NodeShape {
    /// Task, Pass, Wait, Parallel, Map.
    Box,
    /// Choice.
    Diamond,
    /// Succeed.
    Success,
    /// Fail.
    Failure,
}

/// A transition.
#[derive(Debug, Clone, PartialEq)]
pub struct Edge {
    /// Source node id.
    pub from: String,
    /// Target node id, or `None` for the end of the scope.
    pub to: Option<String>,
    /// Label (a Choice condition, `Default`, the errors a Catch handles).
    pub label: Option<String>,
    /// Normal or error path.
    pub kind: EdgeKind,
}

/// Whether an edge is a normal transition or a Catch.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EdgeKind {
    /// `Next`, `End`, a Choice rule or `Default`.
    Normal,
    /// A Catch: drawn dashed.
    Catch,
}

impl Graph {
    /// Builds the diagram of a state machine.
    pub fn of(machine: &StateMachine) -> Graph {
        let mut counter = 0;
        let root = scope(
            "root".into(),
            "start".into(),
            &machine.start_at,
            &machine.states,
            &mut counter,
        );
        Graph { root }
    }
}

fn scope(id: String, title: String, start_at: &str, states: &States, counter: &mut usize) -> Scope {
    // Ids are assigned before edges are drawn so that forward references resolve; a map,
    // not a scan per edge, keeps a 100k-state diagram linear.
    let ids: Vec<String> = states
        .keys()
        .map(|_| {
            let id = format!("s{counter}");
            *counter += 1;
            id
        })
        .collect();
    let index: HashMap<&str, &String> = states.keys().map(String::as_str).zip(&ids).collect();
    let id_of = |name: &str| index.get(name).map(|id| (*id).clone());
    let mut out = Scope {
        id,
        title,
        start: id_of(start_at),
        nodes: Vec::new(),
        edges: Vec::new(),
        children: Vec::new(),
    };
    for ((name, state), node_id) in states.iter().zip(&ids) {
        let shape = match state {
            State::Choice(_) => NodeShape::Diamond,
            State::Succeed(_) => NodeShape::Success,
            State::Fail(_) => NodeShape::Failure,
            _ => NodeShape::Box,
        };
        out.nodes.push(Node {
            id: node_id.clone(),
            label: name.clone(),
            shape,
        });
        let mut edge = |to: Option<String>, label: Option<String>, kind: EdgeKind| {
            out.edges.push(Edge {
                from: node_id.clone(),
                to,
                label,
                kind,
            });
        };
        match state.transition() {
            Transition::Next(next) => edge(id_of(next), None, EdgeKind::Normal),
            Transition::End => edge(None, None, EdgeKind::Normal),
            Transition::None => {}
        }
        if let State::Choice(choice) = state {
            for rule in &choice.choices {
                if let Some(next) = &rule.next {
                    edge(
                        id_of(next),
                        Some(super::describe(&rule.condition)),
                        EdgeKind::Normal,
                    );
                }
            }
            if let Some(default) = &choice.default {
                edge(id_of(default), Some("Default".into()), EdgeKind::Normal);
            }
        }
        if matches!(state, State::Succeed(_)) {
            edge(None, None, EdgeKind::Normal);
        }
        for catcher in state.catchers() {
            edge(
                id_of(&catcher.next),
                Some(catcher.error_equals.join(", ")),
                EdgeKind::Catch,
            );
        }
        match state {
            State::Parallel(parallel) => {
                for (
                    i,
                    Branch {
                        start_at, states, ..
                    },
                ) in parallel.branches.iter().enumerate()
                {
                    let child = scope(
                        format!("{node_id}_b{i}"),
                        format!("branch {}", i + 1),
                        start_at,
                        states,
                        counter,
                    );
                    out.children.push((node_id.clone(), child));
                }
            }
            State::Map(map) => {
                if let Some(processor) = map.processor() {
                    let title = if map.is_distributed() {
                        "each item (distributed)"
                    } else {
                        "each item"
                    };
                    let child = scope(
                        format!("{node_id}_items"),
                        title.into(),
                        &processor.start_at,
                        &processor.states,
                        counter,
                    );
                    out.children.push((node_id.clone(), child));
                }
            }
            _ => {}
        }
    }
    out
}
