//! Per-state attributes: `#[comment]` (and doc comments), `#[query_language]`, `#[assign]`,
//! `#[retry(..)]` (repeatable, order kept), `#[catch(..)]`, `#[start]`.
//!
//! Attribute bodies are read by the DSL's own value parser, not darling: darling reads
//! `key = <Rust expression>` and `$.error` is not one. With one parser, a path is written the
//! same bare way (`result_path = $.error`) in attributes and in state bodies.

use serde_json::{Map, Value as Json};

use super::spans::child;
use super::value::Mode;
use super::{Lower, Scope};
use crate::ast::{Attr, AttrArgs, Field, Name, StateDecl, Value};
use crate::diag::with_suggestion;
use crate::loc::Loc;

const STATE_ATTRS: [&str; 6] = [
    "retry",
    "catch",
    "comment",
    "query_language",
    "assign",
    "start",
];
const RETRY_FIELDS: [&str; 7] = [
    "errors",
    "interval",
    "max_attempts",
    "backoff_rate",
    "max_delay",
    "jitter",
    "comment",
];
const CATCH_FIELDS: [&str; 6] = [
    "errors",
    "next",
    "result_path",
    "assign",
    "output",
    "comment",
];

impl Lower<'_> {
    /// Lowers the attributes of a state into `out`; returns the state's query language.
    #[allow(clippy::too_many_arguments)]
    pub fn state_attrs<'q>(
        &mut self,
        decl: &StateDecl,
        pointer: &str,
        asl_type: &str,
        ql_in: &'q str,
        scope: &Scope,
        to: &mut Vec<String>,
        out: &mut Vec<(String, Json)>,
    ) -> &'q str {
        let mut ql = ql_in;
        let mut comment = (!decl.docs.is_empty()).then(|| decl.docs.join("\n").trim().to_owned());
        let mut retries = Vec::new();
        let mut catches = Vec::new();
        for attr in &decl.attrs {
            let name = attr.name.to_string();
            match name.as_str() {
                "start" => {}
                "comment" => {
                    if let Some(value) = self.eq_value(attr) {
                        self.spans.insert_child(pointer, "Comment", value.loc());
                        comment = self.string(value);
                    }
                }
                "query_language" => {
                    if let Some(value) = self.eq_value(attr) {
                        self.spans
                            .insert_child(pointer, "QueryLanguage", value.loc());
                        if let Some(q) = self.query_language(value) {
                            ql = q;
                            out.push(("QueryLanguage".into(), Json::String(q.into())));
                        }
                    }
                }
                "assign" => {
                    if let Some(value) = self.paren_or_eq_value(attr) {
                        let at = self.spans.child(pointer, "Assign");
                        let json = self.json(value, &at, Mode::Template);
                        out.push(("Assign".into(), json));
                    }
                }
                "retry" | "catch" => {
                    if !matches!(asl_type, "Task" | "Parallel" | "Map") {
                        self.errors.at(attr.name.span(), format!("`#[{name}]` applies to Task, Parallel and Map states, not to a {asl_type}"));
                        continue;
                    }
                    let AttrArgs::List(fields) = &attr.args else {
                        self.errors.at(
                            attr.loc,
                            format!("write `#[{name}(errors = [\"States.ALL\"], ..)]`"),
                        );
                        continue;
                    };
                    if name == "retry" {
                        let at = self.spans.item(&child(pointer, "Retry"), retries.len());
                        self.spans.insert(&at, attr.loc);
                        retries.push(Json::Object(self.retrier(fields, &at, attr.loc)));
                    } else {
                        let at = self.spans.item(&child(pointer, "Catch"), catches.len());
                        self.spans.insert(&at, attr.loc);
                        catches.push(Json::Object(self.catcher(fields, &at, attr.loc, scope, to)));
                    }
                }
                _ => self.errors.at(
                    attr.name.span(),
                    with_suggestion(
                        format!(
                            "unknown state attribute `{name}`: expected one of {}",
                            STATE_ATTRS.join(", ")
                        ),
                        &name,
                        STATE_ATTRS,
                    ),
                ),
            }
        }
        if let Some(comment) = comment {
            out.push(("Comment".into(), Json::String(comment)));
        }
        if !retries.is_empty() {
            out.push(("Retry".into(), Json::Array(retries)));
        }
        if !catches.is_empty() {
            out.push(("Catch".into(), Json::Array(catches)));
        }
        ql
    }

    /// `#[x = value]`'s value, or an error.
    pub fn eq_value<'v>(&mut self, attr: &'v Attr) -> Option<&'v Value> {
        match &attr.args {
            AttrArgs::Eq(value) => Some(value),
            _ => {
                self.errors
                    .at(attr.loc, format!("write `#[{} = ..]`", attr.name));
                None
            }
        }
    }

    /// `#[x(value)]` or `#[x = value]`'s value, or an error.
    pub fn paren_or_eq_value<'v>(&mut self, attr: &'v Attr) -> Option<&'v Value> {
        match &attr.args {
            AttrArgs::Eq(value) | AttrArgs::Paren(value) => Some(value),
            _ => {
                self.errors.at(
                    attr.loc,
                    format!("write `#[{}({{ \"name\": value }})]`", attr.name),
                );
                None
            }
        }
    }

    fn retrier(&mut self, fields: &[Field], pointer: &str, loc: Loc) -> Map<String, Json> {
        let mut out = Map::new();
        let mut slots: [Option<Json>; 7] = Default::default();
        let mut present = [false; 7];
        for field in fields {
            let name = field.name.to_string();
            let Some(index) = RETRY_FIELDS.iter().position(|f| *f == name) else {
                self.unknown_attr_field("retry", &field.name, &RETRY_FIELDS);
                continue;
            };
            let (key, value) = match name.as_str() {
                "errors" => ("ErrorEquals", self.error_names(&field.value)),
                "interval" => (
                    "IntervalSeconds",
                    self.seconds_literal(&field.value).map(Json::from),
                ),
                "max_attempts" => ("MaxAttempts", self.number(&field.value)),
                "backoff_rate" => ("BackoffRate", self.number(&field.value)),
                "max_delay" => (
                    "MaxDelaySeconds",
                    self.seconds_literal(&field.value).map(Json::from),
                ),
                "jitter" => ("JitterStrategy", self.jitter(&field.value)),
                _ => ("Comment", self.string(&field.value).map(Json::String)),
            };
            self.spans.insert_child(pointer, key, field.value.loc());
            if let Some(flag) = present.get_mut(index) {
                *flag = true;
            }
            if let (Some(slot), Some(value)) = (slots.get_mut(index), value) {
                *slot = Some(value);
            }
        }
        if !present[0] {
            self.errors.at(loc, "`#[retry(..)]` needs `errors = [\"..\"]` (the error names it retries, e.g. `[\"States.ALL\"]`)");
        }
        let keys = [
            "ErrorEquals",
            "IntervalSeconds",
            "MaxAttempts",
            "BackoffRate",
            "MaxDelaySeconds",
            "JitterStrategy",
            "Comment",
        ];
        for (key, slot) in keys.iter().zip(slots) {
            if let Some(value) = slot {
                out.insert((*key).into(), value);
            }
        }
        out
    }

    fn catcher(
        &mut self,
        fields: &[Field],
        pointer: &str,
        loc: Loc,
        scope: &Scope,
        to: &mut Vec<String>,
    ) -> Map<String, Json> {
        let mut slots: [Option<Json>; 6] = Default::default();
        let mut present = [false; 6];
        for field in fields {
            let name = field.name.to_string();
            let Some(index) = CATCH_FIELDS.iter().position(|f| *f == name) else {
                self.unknown_attr_field("catch", &field.name, &CATCH_FIELDS);
                continue;
            };
            let (key, value) = match name.as_str() {
                "errors" => ("ErrorEquals", self.error_names(&field.value)),
                "next" => match &field.value {
                    Value::Word(target) => {
                        let target = Name::from(target);
                        ("Next", Some(Json::String(self.target(&target, scope, to))))
                    }
                    Value::Str(target) => {
                        let target = Name::from(target);
                        ("Next", Some(Json::String(self.target(&target, scope, to))))
                    }
                    other => {
                        self.errors.at(
                            other.loc(),
                            "`next` is the name of a state: `next = Handler`",
                        );
                        ("Next", None)
                    }
                },
                "result_path" => (
                    "ResultPath",
                    self.path_or_null(&field.value, &self.spans.child(pointer, "ResultPath")),
                ),
                "assign" => (
                    "Assign",
                    Some(self.json(
                        &field.value,
                        &self.spans.child(pointer, "Assign"),
                        Mode::Template,
                    )),
                ),
                "output" => (
                    "Output",
                    Some(self.json(
                        &field.value,
                        &self.spans.child(pointer, "Output"),
                        Mode::Template,
                    )),
                ),
                _ => ("Comment", self.string(&field.value).map(Json::String)),
            };
            self.spans.insert_child(pointer, key, field.value.loc());
            if let Some(flag) = present.get_mut(index) {
                *flag = true;
            }
            if let (Some(slot), Some(value)) = (slots.get_mut(index), value) {
                *slot = Some(value);
            }
        }
        if !present[0] {
            self.errors.at(loc, "`#[catch(..)]` needs `errors = [\"..\"]` (the error names it catches, e.g. `[\"States.ALL\"]`)");
        }
        if !present[1] {
            self.errors.at(
                loc,
                "`#[catch(..)]` needs `next = State` (where to go when it catches)",
            );
        }
        let keys = [
            "ErrorEquals",
            "Next",
            "ResultPath",
            "Assign",
            "Output",
            "Comment",
        ];
        let mut out = Map::new();
        for (key, slot) in keys.iter().zip(slots) {
            if let Some(value) = slot {
                out.insert((*key).into(), value);
            }
        }
        out
    }

    fn unknown_attr_field(&mut self, attr: &str, name: &proc_macro2::Ident, fields: &[&str]) {
        let message = with_suggestion(
            format!(
                "`#[{attr}(..)]` has no field `{name}`; its fields are: {}",
                fields.join(", ")
            ),
            &name.to_string(),
            fields.iter().copied(),
        );
        self.errors.at(name.span(), message);
    }

    /// `errors = ["A", "B"]`.
    fn error_names(&mut self, value: &Value) -> Option<Json> {
        match value {
            Value::Array(items, _) => {
                let names: Option<Vec<Json>> = items
                    .iter()
                    .map(|item| match item {
                        Value::Str(s) => Some(Json::String(s.value.clone())),
                        other => {
                            self.errors.at(
                                other.loc(),
                                "error names are strings: `\"States.TaskFailed\"`",
                            );
                            None
                        }
                    })
                    .collect();
                names.map(Json::Array)
            }
            Value::Str(s) => {
                self.errors.at(
                    s.span(),
                    format!("`errors` is a list: `errors = [\"{}\"]`", s.value),
                );
                None
            }
            other => {
                self.errors.at(
                    other.loc(),
                    "`errors` is a list of error names: `errors = [\"States.ALL\"]`",
                );
                None
            }
        }
    }

    fn jitter(&mut self, value: &Value) -> Option<Json> {
        match value {
            Value::Word(w) if w == "full" => Some(Json::String("FULL".into())),
            Value::Word(w) if w == "none" => Some(Json::String("NONE".into())),
            other => {
                self.errors.at(
                    other.loc(),
                    crate::diag::one_of("jitter", &["full", "none"], other),
                );
                None
            }
        }
    }
}
