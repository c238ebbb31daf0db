//! One workflow: its attributes and its top-level block.

use proc_macro2::{Ident, TokenStream};
use serde_json::{Map, Value as Json};

use super::state::lower_block;
use super::{Lower, Scope, Spans};
use crate::ast::{AttrArgs, Value, WorkflowDef};
use crate::diag::{Errors, with_suggestion};

/// A lowered workflow, ready to be checked and expanded.
pub struct Lowered {
    /// The const's name.
    pub name: Ident,
    /// Its visibility.
    pub vis: TokenStream,
    /// Doc comment lines, copied onto the const.
    pub docs: Vec<String>,
    /// The ASL definition.
    pub definition: Json,
    /// Pointer -> token table for the definition.
    pub spans: Spans,
    /// `true` for `#[type = express]`.
    pub express: bool,
    /// IAM statements of the task states.
    pub statements: Vec<sfn_runtime::iam::Statement>,
    /// States of custom task types, completed by the expansion.
    pub custom: Vec<crate::custom::state::CustomState>,
}

const ATTRS: [&str; 5] = ["timeout", "comment", "query_language", "version", "type"];

/// Lowers one workflow; errors go to `errors`.
pub fn lower_workflow(def: &WorkflowDef, errors: &mut Errors) -> Lowered {
    lower_workflow_with(def, errors, Spans::default())
}

/// Lowers one workflow into `spans`: with [`Spans::off`], the pointer -> span table is
/// left empty, which only a diagnostic needs, and which is most of what the lowering
/// allocates. The definition, the statements and the errors are the same either way, but
/// errors are reported under the wrong parts (the pointers they mark are not built): a
/// lowering without spans is for a first attempt, kept only when nothing is reported.
pub fn lower_workflow_with(def: &WorkflowDef, errors: &mut Errors, spans: Spans) -> Lowered {
    let mut lower = Lower {
        errors,
        spans,
        statements: Vec::new(),
        graph_broken: false,
        in_item_selector: false,
        jsonata: false,
        custom: Vec::new(),
    };
    let mut top = Map::new();
    let mut express = false;
    let mut timeout = None;
    let mut version = None;
    let mut query_language = None;
    let mut comment = (!def.docs.is_empty()).then(|| def.docs.join("\n").trim().to_owned());
    for attr in &def.attrs {
        let name = attr.name.to_string();
        let value = match &attr.args {
            AttrArgs::Eq(value) => value,
            _ if ATTRS.contains(&name.as_str()) => {
                lower.errors.at(attr.loc, format!("write `#[{name} = ..]`"));
                continue;
            }
            _ => {
                lower.errors.at(attr.name.span(), unknown_attr(&name));
                continue;
            }
        };
        match name.as_str() {
            "timeout" => {
                lower.spans.insert("/TimeoutSeconds", value.loc());
                timeout = lower.seconds_literal(value);
            }
            "comment" => {
                lower.spans.insert("/Comment", value.loc());
                comment = lower.string(value);
            }
            "version" => {
                lower.spans.insert("/Version", value.loc());
                version = lower.string(value);
            }
            "query_language" => {
                lower.spans.insert("/QueryLanguage", value.loc());
                query_language = lower.query_language(value);
            }
            "type" => match value {
                Value::Word(w) if w == "express" => express = true,
                Value::Word(w) if w == "standard" => express = false,
                other => lower.errors.at(
                    other.loc(),
                    crate::diag::one_of("type", &["standard", "express"], other),
                ),
            },
            _ => lower.errors.at(attr.name.span(), unknown_attr(&name)),
        }
    }
    if let Some(comment) = comment {
        top.insert("Comment".into(), Json::String(comment));
    }
    if let Some(ql) = query_language {
        top.insert("QueryLanguage".into(), Json::String(ql.into()));
    }
    let scope_ql = query_language.unwrap_or("JSONPath");
    let scope = Scope {
        names: Vec::new(),
        known: Default::default(),
        what: "workflow",
        parent: None,
        broken: &[],
    };
    let (start, states) = lower_block(&mut lower, &def.block, "", &scope, scope_ql);
    top.insert("StartAt".into(), Json::String(start));
    if let Some(timeout) = timeout {
        top.insert("TimeoutSeconds".into(), Json::from(timeout));
    }
    if let Some(version) = version {
        top.insert("Version".into(), Json::String(version));
    }
    top.insert("States".into(), Json::Object(states));
    lower.spans.insert("", def.block.loc);
    lower.spans.insert("/StartAt", def.block.loc);
    Lowered {
        name: def.name.clone(),
        vis: def.vis.clone(),
        docs: def.docs.clone(),
        definition: Json::Object(top),
        spans: lower.spans,
        express,
        statements: lower.statements,
        custom: lower.custom,
    }
}

fn unknown_attr(name: &str) -> String {
    with_suggestion(
        format!(
            "unknown workflow attribute `{name}`: expected one of `timeout`, `comment`, `query_language`, `version`, `type`"
        ),
        name,
        ATTRS,
    )
}
