//! Catalogue task types (`LambdaInvoke { .. }`, `SnsPublish { .. }`): the task's own fields
//! go to `sfn_tasks::render` as a `TaskCall` whose locations index a table of spans here;
//! the rendered `Resource`, `Parameters`/`Arguments`, default `Retry` and IAM statements are
//! merged into the state. Generic `Task { resource }` states get their IAM statements here too.

use serde_json::{Map, Value as Json};
use sfn_tasks::{QueryLanguage, TaskCall, TaskField, TaskValue};

use super::spans::child;
use super::{Lower, is_jsonata};
use crate::ast::{Field, StateDecl, Value};
use crate::loc::Loc;

impl Lower<'_> {
    /// Renders a catalogue task state's own fields into `out`; `class` is its kind.
    pub fn catalogue_task(
        &mut self,
        decl: &StateDecl,
        class: &str,
        fields: &[&Field],
        pointer: &str,
        ql: &str,
        out: &mut Vec<(String, Json)>,
    ) {
        // The class, and a name and a value for each field (more for nested values).
        let mut locs: Vec<Loc> = Vec::with_capacity(1 + 2 * fields.len());
        locs.push(Loc::of(decl.kind.span()));
        let mut task_fields = Vec::with_capacity(fields.len());
        // Fields written but not passed on (their mistake is reported): not "missing".
        let mut present = decl.broken_fields.clone();
        for field in fields {
            let Some(value) = self.task_value(&field.value, &mut locs) else {
                present.push(field.name.to_string());
                continue;
            };
            task_fields.push(TaskField {
                name: field.name.to_string(),
                name_loc: push(&mut locs, Loc::of(field.name.span())),
                value,
                value_loc: push(&mut locs, field.value.loc()),
            });
        }
        let call = TaskCall {
            class: class.to_owned(),
            class_loc: 0,
            fields: task_fields,
            query_language: if ql == "JSONata" {
                QueryLanguage::Jsonata
            } else {
                QueryLanguage::JsonPath
            },
        };
        let rendered = match sfn_tasks::render(&call) {
            Ok(rendered) => rendered,
            Err(errors) => {
                let class = &call.class;
                for error in errors.into_iter().filter(|e| {
                    !present.iter().any(|name| {
                        e.message == format!("{class} is missing the required field `{name}`")
                    })
                }) {
                    let loc = locs
                        .get(error.loc)
                        .copied()
                        .unwrap_or(Loc::of(decl.kind.span()));
                    let mut message = match &error.hint {
                        Some(hint) => crate::diag::with_hint(&error.message, hint),
                        None => error.message.clone(),
                    };
                    if let Some(note) = &error.note {
                        message = crate::diag::with_note(&message, note);
                    }
                    self.errors.at(loc, message);
                }
                return;
            }
        };
        if let Some(state) = rendered.native_state {
            self.native_state(decl, state, out);
            return;
        }
        self.spans
            .insert_child(pointer, "Resource", Loc::of(decl.kind.span()));
        out.push(("Resource".into(), Json::String(rendered.resource)));
        for (key, value) in rendered.fields {
            let at = self.spans.child(pointer, &key);
            self.spans.insert(&at, decl.body_loc);
            if let (Json::Object(payload), true) = (&value, self.spans.recording()) {
                // `Parameters.TopicArn` came from field `topic_arn` (or `topic`): point there.
                for payload_key in payload.keys() {
                    let bare = payload_key
                        .trim_end_matches(".$")
                        .replace('_', "")
                        .to_lowercase();
                    if let Some(field) = fields.iter().find(|f| {
                        let name = f.name.to_string().replace('_', "");
                        bare == name || bare.starts_with(&name) || name.starts_with(&bare)
                    }) {
                        self.spans.insert_value(
                            &child(&at, payload_key),
                            &field.value,
                            &payload[payload_key],
                        );
                    }
                }
            }
            match (key.as_str(), out.iter_mut().find(|(k, _)| *k == key)) {
                // The integration's default retrier first, then the user's.
                ("Retry", Some((_, Json::Array(user)))) => {
                    if let Json::Array(mut defaults) = value {
                        self.spans.shift_array(&at, defaults.len());
                        defaults.append(user);
                        *user = defaults;
                    }
                }
                (_, Some(_)) => {}
                (_, None) => out.push((key, value)),
            }
        }
        self.statements.extend(rendered.statements);
    }

    /// A task compiled to another state (`EvaluateExpression` -> a JSONata Pass).
    fn native_state(
        &mut self,
        decl: &StateDecl,
        mut state: Map<String, Json>,
        out: &mut Vec<(String, Json)>,
    ) {
        if let Some(index) = out.iter().position(|(k, _)| k == "ResultPath") {
            let (_, path) = out.remove(index);
            if let Err(message) = sfn_tasks::services::evaluate_expression::apply_result_path(
                &mut state,
                path.as_str(),
            ) {
                self.errors.at(
                    decl.body_loc,
                    format!("cannot apply `result_path`: {message}"),
                );
            }
        }
        for (key, value) in state {
            match out.iter_mut().find(|(k, _)| *k == key) {
                Some(slot) => slot.1 = value,
                None => out.push((key, value)),
            }
        }
    }

    /// A DSL value as the catalogue sees it (locations pushed to `locs`).
    pub(crate) fn task_value(&mut self, value: &Value, locs: &mut Vec<Loc>) -> Option<TaskValue> {
        Some(match value {
            Value::Str(s) if is_jsonata(&s.value) => TaskValue::Jsonata(s.value.clone()),
            Value::Str(s) => TaskValue::Str(s.value.clone()),
            Value::Num(n, _) => TaskValue::Number(n.clone()),
            Value::Bool(b, _) => TaskValue::Bool(*b),
            Value::Null(_) => TaskValue::Null,
            Value::Path(text) => TaskValue::Path(text.text.clone()),
            Value::Intrinsic(text) => TaskValue::Intrinsic(text.text.clone()),
            Value::Word(word) => TaskValue::Ident(word.to_string()),
            Value::Duration(millis, loc) => {
                TaskValue::DurationSecs(self.whole_seconds(*millis, *loc)?)
            }
            Value::Object(entries, _) => {
                let mut out = Vec::new();
                for entry in entries {
                    let key_loc = push(locs, entry.key_loc);
                    out.push((
                        entry.key.clone(),
                        key_loc,
                        self.task_value(&entry.value, locs)?,
                    ));
                }
                TaskValue::Object(out)
            }
            Value::Array(items, _) => {
                let mut out = Vec::new();
                for item in items {
                    let loc = push(locs, item.loc());
                    out.push((loc, self.task_value(item, locs)?));
                }
                TaskValue::Array(out)
            }
            Value::Block(block) => {
                self.errors.at(
                    block.loc,
                    "a task field takes a value, not a block of states",
                );
                return None;
            }
        })
    }

    /// IAM statements for a generic `Task { resource }` and a distributed Map: read from the
    /// state's ASL by `sfn_tasks::infer`, the same grants its catalogue class gives (so an
    /// imported definition gets the policy of its catalogue-typed version).
    pub fn state_statements(&mut self, out: &[(String, Json)]) {
        let state: Map<String, Json> = out.iter().cloned().collect();
        self.statements.extend(sfn_tasks::infer::state_statements(
            &Json::Object(state),
            self.jsonata,
        ));
    }
}

fn push(locs: &mut Vec<Loc>, loc: Loc) -> usize {
    locs.push(loc);
    locs.len() - 1
}
