//! Paths and intrinsic calls in JSONPath states (§7, §8): every field the field table marks
//! as a Path, a Reference Path, `ResultPath` or a Path-or-intrinsic, and every `.$` value
//! of a payload template, is parsed with the `path` module's parser.

use serde_json::Value;

use super::diagnostic::{Sink, child};
use super::doc::Doc;
use super::fields::{Kind, Owner};
use super::payload::templates;
use super::suggest::did_you_mean;
use super::variables;
use crate::asl::{QueryLanguage, StateType};
use crate::path::{
    self, ArgKind, Intrinsic, IntrinsicFn, ParseError, Path, Root, Segment, Selector,
};

/// Where a site's string is: member `key` of a described object, or a `.$` member of a
/// template (its index in `Templates::dynamic`). The pointer is built for a diagnostic only.
enum At<'a> {
    Member { object: usize, key: &'a str },
    Template(usize),
}

/// A string the path parser must read, what it must be, and what the parser made of it.
pub(crate) struct Site<'a> {
    at: At<'a>,
    /// The key holding the string (`InputPath`, `id.$`).
    field: &'a str,
    text: &'a str,
    kind: Kind,
    /// The object the string belongs to, and its field (`ItemSelector` for a `.$` inside it).
    owner: Owner,
    top_field: &'a str,
    /// The scope of the state it belongs to.
    scope: Option<usize>,
    /// The parse, done once for all rules.
    parsed: Parsed,
}

/// What the parser made of a site.
enum Parsed {
    /// A path (`parse_path`).
    Path(Result<Path, ParseError>),
    /// An intrinsic call, where one may stand (`parse_intrinsic`).
    Call(Result<Intrinsic, ParseError>),
    /// Neither: an intrinsic where only a path may stand, or a `.$` value that is neither
    /// (`payload-value` reports that one).
    Neither,
}

impl Site<'_> {
    /// The JSON pointer to the string.
    fn pointer(&self, doc: &Doc) -> String {
        match self.at {
            At::Member { object, key } => child(doc.pointer_of(object), key),
            At::Template(i) => templates(doc)
                .dynamic
                .get(i)
                .map(|d| d.pointer.clone())
                .unwrap_or_default(),
        }
    }
}

/// The sites of the document, parsed once.
fn sites<'d, 'a>(doc: &'d Doc<'a>) -> &'d [Site<'a>] {
    doc.memo.path_sites.get_or_init(|| collect(doc))
}

/// Every path-valued field of a JSONPath object (payload `.$` values count as
/// `Kind::Template`), with a string value.
fn collect<'a>(doc: &Doc<'a>) -> Vec<Site<'a>> {
    let mut out = Vec::new();
    for (object, obj, key, value, field) in doc.indexed_fields() {
        if obj.lang != QueryLanguage::JsonPath {
            continue;
        }
        let kind = field.kind(obj.lang);
        let path_kind = matches!(
            kind,
            Kind::Path
                | Kind::PathOrNull
                | Kind::ReferencePath
                | Kind::ResultPath
                | Kind::PathOrIntrinsic
        );
        if let (true, Some(text)) = (path_kind, value.as_str()) {
            out.push(Site {
                at: At::Member { object, key },
                field: key,
                text,
                kind,
                owner: obj.owner,
                top_field: key,
                scope: doc.scope_of(obj),
                parsed: parse(kind, text),
            });
        }
    }
    for (i, d) in templates(doc).dynamic.iter().enumerate() {
        if let Value::String(text) = d.value {
            out.push(Site {
                at: At::Template(i),
                field: d.key,
                text,
                kind: Kind::Template,
                owner: d.owner,
                top_field: d.field,
                scope: d.scope,
                parsed: parse(Kind::Template, text),
            });
        }
    }
    out
}

fn parse(kind: Kind, text: &str) -> Parsed {
    let call_allowed = matches!(kind, Kind::Template | Kind::PathOrIntrinsic);
    if text.starts_with("States.") {
        if call_allowed {
            Parsed::Call(path::parse_intrinsic(text))
        } else {
            Parsed::Neither
        }
    } else if kind == Kind::Template && !text.starts_with('$') {
        Parsed::Neither
    } else {
        Parsed::Path(path::parse_path(text))
    }
}

/// Whether the site holds an intrinsic call rather than a path.
fn is_call(site: &Site) -> bool {
    matches!(site.parsed, Parsed::Call(_))
}

/// The path of a site that parsed as one.
fn parsed_path<'s>(site: &'s Site) -> Option<&'s Path> {
    match &site.parsed {
        Parsed::Path(Ok(p)) => Some(p),
        _ => None,
    }
}

fn report(doc: &Doc, sink: &mut Sink, site: &Site, what: &str, e: &ParseError) {
    sink.emit_at(
        site.pointer(doc),
        format!("`{}` is not {what}: {}", site.field, e.message),
        Some(e.offset),
    );
}

/// §7.2: path fields and `.$` paths parse (and are not intrinsic calls where only a path
/// may stand).
pub(crate) fn path_syntax(doc: &Doc, sink: &mut Sink) {
    for site in sites(doc) {
        if is_call(site) {
            continue;
        }
        if site.kind == Kind::Template && !site.text.starts_with('$') {
            continue; // payload-value reports it
        }
        if site.text.starts_with("States.") {
            sink.emit_hint(
                site.pointer(doc),
                format!(
                    "`{}` takes a path; intrinsic functions are not allowed here",
                    site.field
                ),
                Some(
                    "compute the value in `Parameters` or `ResultSelector` with a `.$` field first"
                        .to_owned(),
                ),
            );
            continue;
        }
        if let Parsed::Path(Err(e)) = &site.parsed {
            report(doc, sink, site, "a valid path", e);
        }
    }
}

/// §7.1: fields that take a Reference Path hold one (no wildcard, filter, slice, union or
/// deep scan).
pub(crate) fn reference_path(doc: &Doc, sink: &mut Sink) {
    for site in sites(doc) {
        let needs = matches!(site.kind, Kind::ReferencePath | Kind::ResultPath)
            || (site.kind == Kind::PathOrIntrinsic && !is_call(site));
        if !needs || parsed_path(site).is_none() {
            continue;
        }
        if let Err(e) = path::parse_reference_path(site.text) {
            report(
                doc,
                sink,
                site,
                "a Reference Path (a path to a single node)",
                &e,
            );
        }
    }
}

/// §7.2: `ResultPath` writes into the state's input: no `$$`, no variable.
pub(crate) fn result_path_root(doc: &Doc, sink: &mut Sink) {
    for site in sites(doc) {
        if site.kind != Kind::ResultPath {
            continue;
        }
        let Some(p) = parsed_path(site) else {
            continue;
        };
        let (what, hint) = match &p.root {
            Root::Input => continue,
            Root::Context => ("the context object (`$$`)", None),
            Root::Variable(name) => (
                "a variable",
                Some(format!(
                    "assign variables with `\"Assign\": {{\"{name}.$\": \"$\"}}`"
                )),
            ),
        };
        sink.emit_hint(
            site.pointer(doc),
            format!(
                "`{}` cannot write into {what}: it must start with `$` followed by `.` or `[`",
                site.field
            ),
            hint,
        );
    }
}

/// §8: intrinsic calls parse (name, arity, argument kinds, escapes, Format placeholders).
pub(crate) fn intrinsic_syntax(doc: &Doc, sink: &mut Sink) {
    for site in sites(doc) {
        if let Parsed::Call(Err(e)) = &site.parsed {
            report(doc, sink, site, "a valid intrinsic call", e);
        }
    }
}

/// Intrinsics that return a string, the only ones `ErrorPath`/`CausePath` accept (§5.6).
const STRING_RESULT: &[IntrinsicFn] = &[
    IntrinsicFn::ArrayGetItem,
    IntrinsicFn::Base64Encode,
    IntrinsicFn::Base64Decode,
    IntrinsicFn::Format,
    IntrinsicFn::JsonToString,
    IntrinsicFn::Hash,
    IntrinsicFn::Uuid,
];

/// §5.6: `ErrorPath`/`CausePath` intrinsics return a string.
pub(crate) fn fail_path_intrinsic(doc: &Doc, sink: &mut Sink) {
    for site in sites(doc) {
        let (Kind::PathOrIntrinsic, Parsed::Call(Ok(call))) = (site.kind, &site.parsed) else {
            continue;
        };
        if !STRING_RESULT.contains(&call.function) {
            sink.emit(
                site.pointer(doc),
                format!(
                    "`{}` needs a string, but `{}` does not return one",
                    site.field,
                    call.function.name()
                ),
            );
        }
    }
}

/// The context object's fields (§13): top-level name -> its members.
const CONTEXT: &[(&str, &[&str])] = &[
    (
        "Execution",
        &[
            "Id",
            "Input",
            "Name",
            "RoleArn",
            "StartTime",
            "RedriveCount",
            "RedriveTime",
        ],
    ),
    ("StateMachine", &["Id", "Name"]),
    ("State", &["Name", "EnteredTime", "RetryCount"]),
    ("Task", &["Token"]),
    ("Map", &["Item"]),
];

/// `$$.Map.Item` members.
const MAP_ITEM: &[&str] = &["Index", "Value", "Key", "Source"];

/// Every context path of a site: the path itself, or the paths among an intrinsic's
/// arguments (nested calls included).
fn context_paths<'s>(site: &'s Site) -> Vec<&'s Path> {
    rooted(site, |r| *r == Root::Context)
}

/// Every path of a site (the site itself, or among an intrinsic's arguments) whose root
/// satisfies `want`.
fn rooted<'s>(site: &'s Site, want: impl Fn(&Root) -> bool + Copy) -> Vec<&'s Path> {
    fn from_call<'c>(
        call: &'c Intrinsic,
        want: impl Fn(&Root) -> bool + Copy,
        out: &mut Vec<&'c Path>,
    ) {
        for arg in &call.args {
            match &arg.kind {
                ArgKind::Path(p) if want(&p.root) => out.push(p),
                ArgKind::Call(inner) => from_call(inner, want, out),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    match &site.parsed {
        Parsed::Call(Ok(call)) => from_call(call, want, &mut out),
        Parsed::Path(Ok(p)) if want(&p.root) => out.push(p),
        _ => {}
    }
    out
}

/// §12.3-12.4: a variable path (`$name`) reads a variable that some state of its scope or
/// of an enclosing scope assigns.
pub(crate) fn variable_unknown(doc: &Doc, sink: &mut Sink) {
    let by_scope = variables::by_scope(doc);
    for site in sites(doc) {
        for p in rooted(site, |r| matches!(r, Root::Variable(_))) {
            let Root::Variable(name) = &p.root else {
                continue;
            };
            let visible = variables::visible(doc, &by_scope, site.scope);
            if !visible.contains(&name.as_str()) {
                sink.emit_hint(
                    site.pointer(doc),
                    format!("no state assigns the variable `${name}` (in this scope or an enclosing one)"),
                    did_you_mean(name, visible.iter().copied())
                        .or_else(|| Some(format!("assign it first with `\"Assign\": {{\"{name}\": ...}}`"))),
                );
            }
        }
    }
}

fn name(segment: Option<&Segment>) -> Option<&str> {
    match segment {
        Some(Segment::Child(Selector::Name(n))) => Some(n),
        _ => None,
    }
}

/// §13: `$$` paths name fields the context object has, where it has them:
/// `$$.Map.Item.*` only in a Map's `ItemSelector`/`Parameters`, `$$.Task.Token` only in a
/// Task state.
pub(crate) fn context_path(doc: &Doc, sink: &mut Sink) {
    for site in sites(doc) {
        for p in context_paths(site) {
            let Some(top) = name(p.segments.first()) else {
                continue;
            };
            let shown = format!("$$.{top}");
            let Some((_, members)) = CONTEXT.iter().find(|(n, _)| *n == top) else {
                sink.emit_hint(
                    site.pointer(doc),
                    format!("the context object has no field `{shown}` (it has Execution, StateMachine, State, Task, Map)"),
                    did_you_mean(top, CONTEXT.iter().map(|(n, _)| *n)),
                );
                continue;
            };
            if let Some(member) = name(p.segments.get(1))
                && !members.contains(&member)
            {
                sink.emit_hint(
                    site.pointer(doc),
                    format!("the context object has no field `{shown}.{member}`"),
                    did_you_mean(member, members.iter().copied()),
                );
                continue;
            }
            if top == "Map" {
                if let Some(member) = name(p.segments.get(2))
                    && !MAP_ITEM.contains(&member)
                {
                    sink.emit_hint(
                        site.pointer(doc),
                        format!("the context object has no field `$$.Map.Item.{member}`"),
                        did_you_mean(member, MAP_ITEM.iter().copied()),
                    );
                    continue;
                }
                let in_selector = site.owner == Owner::State(StateType::Map)
                    && matches!(site.top_field, "ItemSelector" | "Parameters");
                if !in_selector {
                    sink.emit_hint(
                        site.pointer(doc),
                        "`$$.Map` exists only in a Map state's `ItemSelector` (or `Parameters`)",
                        Some("pass the item into the iteration with `ItemSelector`, e.g. `\"value.$\": \"$$.Map.Item.Value\"`".to_owned()),
                    );
                }
            }
            if top == "Task" && site.owner != Owner::State(StateType::Task) {
                sink.emit(
                    site.pointer(doc),
                    "`$$.Task.Token` exists only in Task states (with `.waitForTaskToken`)",
                );
            }
        }
    }
}
