//! A read-only view of a definition that every rule shares: its scopes (the machine, each
//! Parallel branch, each Map processor), its states, and every object whose fields the
//! field table describes, each with its JSON pointer and query language.
//!
//! Built once from the raw `serde_json::Value`, so that a wrong type anywhere only hides
//! what is below it, never the rest of the document.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::ops::Range;

use serde_json::{Map, Value};

use super::diagnostic::{child, item};
use super::fields::{self, Kind, Owner};
use crate::asl::{QueryLanguage, StateType};

/// Deeper nesting than this (branches in branches ...) is not walked: no JSON text that
/// serde_json reads gets there, and a hand-built `Value` must not exhaust the stack.
const MAX_DEPTH: usize = crate::limits::MAX_JSON_DEPTH;

/// A member of a described object: key, value and its row of the field table (looked up
/// once for all rules).
pub(crate) type Member<'a> = (&'a str, &'a Value, Option<&'static fields::Field>);

/// An object described by the field table.
pub(crate) struct Obj<'a> {
    /// What it is.
    pub(crate) owner: Owner,
    /// Where it is.
    pub(crate) pointer: String,
    /// Its members.
    pub(crate) map: &'a Map<String, Value>,
    /// The query language its fields follow.
    pub(crate) lang: QueryLanguage,
    /// The state it belongs to (itself for a state), if any.
    pub(crate) state: Option<usize>,
    /// Its members: a range of [`Doc::members`] (see [`Doc::members_of`]).
    members: Range<usize>,
}

/// What an object inherits from where it sits.
#[derive(Clone, Copy)]
struct Place {
    /// The query language of its fields.
    lang: QueryLanguage,
    /// The state it belongs to.
    state: Option<usize>,
    /// The scope whose `States` holds that state (for a machine, branch or processor: the
    /// enclosing scope).
    scope: Option<usize>,
    /// Nesting depth, bounded by `MAX_DEPTH`.
    depth: usize,
}

impl Place {
    fn deeper(self) -> Place {
        Place {
            depth: self.depth + 1,
            ..self
        }
    }
}

/// One state.
pub(crate) struct State<'a> {
    /// Its name (the key in `States`).
    pub(crate) name: &'a str,
    /// Pointer to it.
    pub(crate) pointer: String,
    /// Its members, when it is an object.
    pub(crate) map: Option<&'a Map<String, Value>>,
    /// Its `Type`, when that is one of the eight.
    pub(crate) ty: Option<StateType>,
    /// The scope whose `States` holds it.
    pub(crate) scope: usize,
}

/// One `States` object with its `StartAt`.
pub(crate) struct Scope<'a> {
    /// Pointer to the object holding `StartAt` and `States`.
    pub(crate) pointer: String,
    /// That object.
    pub(crate) map: &'a Map<String, Value>,
    /// Machine, Branch or Processor.
    pub(crate) owner: Owner,
    /// Its states, in document order.
    pub(crate) states: Vec<usize>,
    /// The enclosing scope.
    pub(crate) parent: Option<usize>,
}

impl Scope<'_> {
    /// `StartAt`, when it is a string.
    pub(crate) fn start_at(&self) -> Option<&str> {
        self.map.get("StartAt").and_then(Value::as_str)
    }
}

/// The shared view.
pub(crate) struct Doc<'a> {
    /// The definition.
    pub(crate) root: &'a Value,
    /// The machine's query language.
    pub(crate) lang: QueryLanguage,
    /// Every described object, in document order.
    pub(crate) objects: Vec<Obj<'a>>,
    /// The members of every described object, object after object in document order: one
    /// array that the rules walking every field read front to back, rather than one small
    /// allocation per object scattered over the heap (at 10,000 states the walks no longer
    /// found those in the cache).
    members: Vec<Member<'a>>,
    /// Every state, in document order.
    pub(crate) states: Vec<State<'a>>,
    /// Every scope; index 0 is the machine when the root is an object.
    pub(crate) scopes: Vec<Scope<'a>>,
    /// State name -> the states so named, machine-wide.
    pub(crate) by_name: HashMap<&'a str, Vec<usize>>,
    /// (scope, state name) -> the state: a name's list in `by_name` holds one state per
    /// scope that uses the name (every Map processor with a `Process` state), so finding
    /// a scope's own in it was quadratic.
    in_scope: HashMap<(usize, &'a str), usize>,
    /// Keys the JSON text had twice (only known when validating text).
    pub(crate) duplicates: &'a [super::json::Duplicate],
    /// Views several rules share, computed on first use.
    pub(crate) memo: Memo<'a>,
    /// What the machine is checked as (its type).
    pub(crate) options: super::Options,
}

/// Lazily computed views shared by several rules (each is built once per document).
#[derive(Default)]
pub(crate) struct Memo<'a> {
    /// Payload templates.
    pub(crate) templates: OnceCell<super::payload::Templates<'a>>,
    /// Path and intrinsic strings, parsed.
    pub(crate) path_sites: OnceCell<Vec<super::paths::Site<'a>>>,
    /// JSONata strings.
    pub(crate) expressions: OnceCell<Vec<super::expressions::Expression<'a>>>,
    /// Fields whose value has the wrong type, range, enumeration value or emptiness.
    pub(crate) problems: OnceCell<Vec<super::values::Found<'a>>>,
    /// Transitions.
    pub(crate) edges: OnceCell<Vec<super::graph::Edge<'a>>>,
    /// `Assign` keys (five rules read them).
    pub(crate) assigned: OnceCell<Vec<super::variables::Assigned<'a>>>,
}

impl<'a> Doc<'a> {
    /// Walks `root`.
    pub(crate) fn new(
        root: &'a Value,
        duplicates: &'a [super::json::Duplicate],
        options: super::Options,
    ) -> Doc<'a> {
        let lang = match root.get("QueryLanguage").and_then(Value::as_str) {
            Some("JSONata") => QueryLanguage::Jsonata,
            _ => QueryLanguage::JsonPath,
        };
        let mut doc = Doc {
            root,
            lang,
            objects: Vec::new(),
            members: Vec::new(),
            states: Vec::new(),
            scopes: Vec::new(),
            by_name: HashMap::new(),
            in_scope: HashMap::new(),
            duplicates,
            options,
            memo: Memo::default(),
        };
        if let Some(map) = root.as_object() {
            let place = Place {
                lang,
                state: None,
                scope: None,
                depth: 0,
            };
            doc.object(Owner::Machine, map, String::new(), place);
        }
        doc
    }

    /// The state with this name in this scope.
    pub(crate) fn state_in(&self, scope: usize, name: &str) -> Option<usize> {
        self.in_scope.get(&(scope, name)).copied()
    }

    /// The names of the states of a scope.
    pub(crate) fn names_in(&self, scope: usize) -> impl Iterator<Item = &'a str> + '_ {
        self.scopes
            .get(scope)
            .into_iter()
            .flat_map(|s| s.states.iter())
            .filter_map(|&i| self.states.get(i).map(|s| s.name))
    }

    /// The members of a described object.
    pub(crate) fn members_of(&self, obj: &Obj<'a>) -> &[Member<'a>] {
        self.members.get(obj.members.clone()).unwrap_or_default()
    }

    /// The scope a described object's state lives in.
    pub(crate) fn scope_of(&self, obj: &Obj<'_>) -> Option<usize> {
        obj.state.and_then(|s| self.states.get(s)).map(|s| s.scope)
    }

    /// Every (object, key, value, row) where the row applies to the key on that object.
    pub(crate) fn fields(
        &self,
    ) -> impl Iterator<Item = (&Obj<'a>, &'a str, &'a Value, &'static fields::Field)> + '_ {
        self.indexed_fields().map(|(_, o, k, v, f)| (o, k, v, f))
    }

    /// [`Doc::fields`] with the index of each object in `objects`.
    pub(crate) fn indexed_fields(
        &self,
    ) -> impl Iterator<Item = (usize, &Obj<'a>, &'a str, &'a Value, &'static fields::Field)> + '_
    {
        self.objects.iter().enumerate().flat_map(|(i, o)| {
            self.members_of(o)
                .iter()
                .filter_map(move |&(k, v, f)| f.map(|f| (i, o, k, v, f)))
        })
    }

    fn object(&mut self, owner: Owner, map: &'a Map<String, Value>, pointer: String, place: Place) {
        if place.depth > MAX_DEPTH {
            return;
        }
        let start = self.members.len();
        self.members.extend(
            map.iter()
                .map(|(k, v)| (k.as_str(), v, fields::lookup(owner, k))),
        );
        let members = start..self.members.len();
        // Pushed before what it holds (document order). The pointer moves in; what is below
        // builds its own from there (no copy per object: one allocation fewer to make, free
        // and miss in the cache at 10,000 states).
        let index = self.objects.len();
        self.objects.push(Obj {
            owner,
            pointer,
            map,
            lang: place.lang,
            state: place.state,
            members: members.clone(),
        });
        if matches!(owner, Owner::Machine | Owner::Branch | Owner::Processor) {
            let pointer = self.pointer_of(index).to_owned();
            self.scope(owner, map, &pointer, place);
        }
        let inner = place.deeper();
        for i in members {
            let Some(&(key, value, field)) = self.members.get(i) else {
                continue;
            };
            let Some(field) = field else {
                continue;
            };
            let kind = field.kind(place.lang);
            match kind {
                Kind::Object(sub) => {
                    if let Some(m) = value.as_object() {
                        let at = child(self.pointer_of(index), key);
                        self.object(sub, m, at, inner);
                    }
                }
                Kind::Retriers | Kind::Catchers | Kind::Rules | Kind::Branches => {
                    let sub = match kind {
                        Kind::Retriers => Owner::Retrier,
                        Kind::Catchers => Owner::Catcher,
                        Kind::Branches => Owner::Branch,
                        _ if owner.is_state() => Owner::TopRule,
                        _ => Owner::NestedRule,
                    };
                    let here = child(self.pointer_of(index), key);
                    for (i, v) in value.as_array().into_iter().flatten().enumerate() {
                        if let Some(m) = v.as_object() {
                            self.object(sub, m, item(&here, i), inner);
                        }
                    }
                }
                Kind::Rule => {
                    if let Some(m) = value.as_object() {
                        let at = child(self.pointer_of(index), key);
                        self.object(Owner::NestedRule, m, at, inner);
                    }
                }
                _ => {}
            }
        }
    }

    /// The pointer of `objects[index]`.
    pub(crate) fn pointer_of(&self, index: usize) -> &str {
        self.objects.get(index).map_or("", |o| o.pointer.as_str())
    }

    /// Registers the scope `map` opens (its `States`), inside `place.scope`.
    fn scope(&mut self, owner: Owner, map: &'a Map<String, Value>, pointer: &str, place: Place) {
        let parent = place.scope;
        let index = self.scopes.len();
        self.scopes.push(Scope {
            pointer: pointer.to_owned(),
            map,
            owner,
            states: Vec::new(),
            parent,
        });
        let Some(states) = map.get("States").and_then(Value::as_object) else {
            return;
        };
        let states_ptr = child(pointer, "States");
        for (name, value) in states {
            let s = self.states.len();
            let obj = value.as_object();
            let ty = obj
                .and_then(|m| m.get("Type"))
                .and_then(Value::as_str)
                .and_then(StateType::parse);
            // States inside branches and processors default to the machine's language,
            // not to the enclosing state's.
            let lang = match obj
                .and_then(|m| m.get("QueryLanguage"))
                .and_then(Value::as_str)
            {
                Some("JSONata") => QueryLanguage::Jsonata,
                Some("JSONPath") => QueryLanguage::JsonPath,
                _ => self.lang,
            };
            let pointer = child(&states_ptr, name);
            self.states.push(State {
                name,
                pointer: pointer.clone(),
                map: obj,
                ty,
                scope: index,
            });
            if let Some(scope) = self.scopes.get_mut(index) {
                scope.states.push(s);
            }
            self.by_name.entry(name.as_str()).or_default().push(s);
            // The first of the name in its scope, as a search of `by_name` found it.
            self.in_scope.entry((index, name.as_str())).or_insert(s);
            if let Some(m) = obj {
                let owner = ty.map_or(Owner::UnknownState, Owner::State);
                let place = Place {
                    lang,
                    state: Some(s),
                    scope: Some(index),
                    depth: place.depth + 1,
                };
                self.object(owner, m, pointer, place);
            }
        }
    }
}
