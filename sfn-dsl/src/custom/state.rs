//! Lowering a state whose kind is a custom task type (`Audit: audit::PublishAudit { .. }`).
//!
//! The macro cannot see the type's description, so it lowers what it can (the common state
//! fields, each value with the DSL's own checks) and a stand-in for the rest that the rule
//! set can check: `Resource` is a placeholder and the parameters are keyed by the field
//! names. It records the state so that the expansion can swap the stand-ins for slots the
//! type's constants fill (`super::expand`).

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;
use serde_json::{Map, Value as Json};

use crate::ast::{Field, StateDecl, Value};
use crate::lower::Lower;
use crate::lower::spans::child;
use crate::lower::value::Mode;

/// The stand-in `Resource` the rule set sees while the type's is not known.
pub const STAND_IN_RESOURCE: &str = "arn:aws:states:::sfn:custom-task";

/// A custom task state, for the expansion.
pub struct CustomState {
    /// JSON pointer of the state in the definition.
    pub pointer: String,
    /// The type, as written (its tokens keep their spans).
    pub path: syn::Path,
    /// The fields as written.
    pub fields: Vec<CustomField>,
    /// `pattern: word` as written: the pattern's tokens and the word's span.
    pub pattern: Option<(TokenStream, Span)>,
    /// A JSONata state (renders `Arguments`, no `.$` keys).
    pub jsonata: bool,
    /// How many catalogue statements precede this state's (the policy keeps state order).
    pub statements_before: usize,
}

/// One field of a custom task state.
pub struct CustomField {
    /// The field name, with the user's span.
    pub name: Ident,
    /// The `takes_*` check for what was written.
    pub takes: &'static str,
    /// The `GivenValue` tokens.
    pub value: TokenStream,
    /// Whether the value passes the task token on.
    pub token: bool,
    /// The value's first token.
    pub span: Span,
}

impl Lower<'_> {
    /// Lowers the type's own fields (and `pattern`) of a custom task state into `out`.
    pub fn custom_task(
        &mut self,
        decl: &StateDecl,
        path: &syn::Path,
        fields: &[&Field],
        pointer: &str,
        ql: &str,
        out: &mut Vec<(String, Json)>,
    ) {
        let jsonata = ql == "JSONata";
        let key = if jsonata { "Arguments" } else { "Parameters" };
        let at = child(pointer, key);
        let mut params = Map::new();
        let mut state = CustomState {
            pointer: pointer.to_owned(),
            path: path.clone(),
            fields: Vec::new(),
            pattern: None,
            jsonata,
            statements_before: self.statements.len(),
        };
        let before = self.errors.len();
        for field in fields {
            let name = field.name.to_string();
            let span = field.value.loc().start;
            if name == "pattern" {
                state.pattern = pattern(self, &field.value);
                continue;
            }
            let token = self
                .task_value(&field.value, &mut Vec::new())
                .is_some_and(|v| sfn_tasks::engine::token::carries_token(&v));
            let (takes, value, json) = match &field.value {
                Value::Word(word) => {
                    let w = word.to_string();
                    ("takes_word", quote!(Word(#w)), Json::String(w))
                }
                Value::Duration(millis, loc) => {
                    let secs = self.whole_seconds(*millis, *loc).unwrap_or(0);
                    let text = secs.to_string();
                    ("takes_duration", quote!(Json(#text)), Json::from(secs))
                }
                other => {
                    let key_at = child(&at, &name);
                    let json = self.json(other, &key_at, Mode::Template);
                    let text = json.to_string();
                    let (takes, value) = match other {
                        Value::Str(s) if crate::lower::is_jsonata(&s.value) => {
                            ("takes_jsonata", quote!(Json(#text)))
                        }
                        Value::Str(s) => {
                            let raw = &s.value;
                            ("takes_str", quote!(Str(#raw, #text)))
                        }
                        Value::Num(..) => ("takes_number", quote!(Json(#text))),
                        Value::Bool(..) => ("takes_bool", quote!(Json(#text))),
                        Value::Null(_) => ("takes_null", quote!(Json(#text))),
                        Value::Path(_) => ("takes_path", quote!(Expr(#text))),
                        Value::Intrinsic(_) => ("takes_intrinsic", quote!(Expr(#text))),
                        Value::Object(..) => ("takes_object", quote!(Json(#text))),
                        Value::Array(..) => ("takes_array", quote!(Json(#text))),
                        _ => {
                            self.errors
                                .at(field.value.loc(), "a task field takes a value");
                            continue;
                        }
                    };
                    (takes, value, json)
                }
            };
            let evaluated = matches!(field.value, Value::Path(_) | Value::Intrinsic(_));
            let shown = if evaluated && !jsonata {
                format!("{name}.$")
            } else {
                name.clone()
            };
            self.spans.insert(&child(&at, &shown), field.value.loc());
            params.insert(shown, json);
            state.fields.push(CustomField {
                name: field.name.clone(),
                takes,
                value,
                token,
                span,
            });
        }
        self.spans.insert(
            &child(pointer, "Resource"),
            crate::loc::Loc::of(decl.kind.span()),
        );
        out.push(("Resource".into(), Json::String(STAND_IN_RESOURCE.into())));
        self.spans.insert(&at, decl.body_loc);
        out.push((key.into(), Json::Object(params)));
        if self.errors.len() == before {
            self.custom.push(state);
        }
    }
}

/// `pattern: request_response | run_job | wait_for_task_token`.
fn pattern(lower: &mut Lower, value: &Value) -> Option<(TokenStream, Span)> {
    let word = match value {
        Value::Word(word) => word.clone(),
        other => {
            lower.errors.at(
                other.loc(),
                "write the pattern as a word: `request_response`, `run_job` or `wait_for_task_token`",
            );
            return None;
        }
    };
    let tokens = match word.to_string().as_str() {
        "request_response" => quote!(RequestResponse),
        "run_job" => quote!(RunJob),
        "wait_for_task_token" => quote!(WaitForTaskToken),
        other => {
            lower.errors.at(
                word.span(),
                crate::diag::with_suggestion(
                    format!("unknown integration pattern `{other}`"),
                    other,
                    ["request_response", "run_job", "wait_for_task_token"],
                ),
            );
            return None;
        }
    };
    Some((quote!(::sfn::tasks::Pattern::#tokens), word.span()))
}
