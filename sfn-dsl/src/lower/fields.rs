//! State fields: which fields each kind takes and how each one is written in ASL.

use serde_json::{Map, Value as Json};

use super::spans::child;
use super::state::{KINDS, lower_block};
use super::value::Mode;
use super::{Lower, Scope, is_jsonata};
use crate::ast::{Arm, Field, StateDecl, Value};
use crate::diag::with_suggestion;

const IO: [&str; 3] = ["input_path", "output_path", "output"];

/// The fields `kind` takes (snake_case names of the ASL fields).
pub fn allowed_fields(kind: &str) -> Vec<&'static str> {
    let mut fields: Vec<&'static str> = IO.to_vec();
    let extra: &[&'static str] = match kind {
        "Pass" => &["parameters", "result", "result_path"],
        "Task" => &[
            "resource",
            "parameters",
            "arguments",
            "credentials",
            "result_path",
            "result_selector",
            "timeout",
            "heartbeat",
        ],
        "Activity" => &[
            "arn",
            "parameters",
            "arguments",
            "result_path",
            "result_selector",
            "timeout",
            "heartbeat",
        ],
        "Choice" => &[],
        "Wait" => &["seconds", "timestamp"],
        "Succeed" => &[],
        "Fail" => return vec!["error", "cause"],
        "Parallel" => &[
            "branches",
            "parameters",
            "arguments",
            "result_path",
            "result_selector",
        ],
        "Map" => &[
            "processor",
            "mode",
            "execution_type",
            "items",
            "item_selector",
            "max_concurrency",
            "item_reader",
            "item_batcher",
            "result_writer",
            "tolerated_failure_percentage",
            "tolerated_failure_count",
            "label",
            "result_path",
            "result_selector",
            "arguments",
        ],
        // A catalogue task type: the state-level fields (the task's own come from the catalogue).
        _ => &[
            "result_path",
            "result_selector",
            "timeout",
            "heartbeat",
            "credentials",
        ],
    };
    fields.extend_from_slice(extra);
    fields
}

/// Whether the state being lowered is a Map (its `Type` was pushed first).
fn pointer_is_map(out: &[(String, Json)]) -> bool {
    out.iter().any(|(k, v)| k == "Type" && v == "Map")
}

impl Lower<'_> {
    /// Lowers one field of a built-in state kind into `out`.
    pub fn field(
        &mut self,
        field: &Field,
        name: &str,
        pointer: &str,
        ql: &str,
        scope: &Scope,
        out: &mut Vec<(String, Json)>,
    ) {
        let value = &field.value;
        let mut put = |lower: &mut Lower, key: &str, json: Option<Json>| {
            let at = lower.spans.child(pointer, key);
            lower.spans.insert_if_absent(&at, value.loc());
            if let Some(json) = json {
                out.push((key.to_owned(), json));
            }
        };
        match name {
            "input_path" | "output_path" | "result_path" => {
                let key = match name {
                    "input_path" => "InputPath",
                    "output_path" => "OutputPath",
                    _ => "ResultPath",
                };
                let json = self.path_or_null(value, &self.spans.child(pointer, key));
                put(self, key, json);
            }
            "items" => match value {
                Value::Path(text) => {
                    self.spans.insert_text_child(pointer, "ItemsPath", text);
                    out.push(("ItemsPath".into(), Json::String(text.text.clone())));
                }
                _ => {
                    let json =
                        self.json(value, &self.spans.child(pointer, "Items"), Mode::Template);
                    out.push(("Items".into(), json));
                }
            },
            "parameters" | "arguments" | "result_selector" | "item_selector" | "credentials"
            | "output" | "item_reader" | "item_batcher" | "result_writer" => {
                let key = match name {
                    "parameters" => "Parameters",
                    "arguments" => "Arguments",
                    "result_selector" => "ResultSelector",
                    "item_selector" => "ItemSelector",
                    "credentials" => "Credentials",
                    "output" => "Output",
                    "item_reader" => "ItemReader",
                    "item_batcher" => "ItemBatcher",
                    _ => "ResultWriter",
                };
                if matches!(value, Value::Path(_) | Value::Intrinsic(_)) {
                    self.errors.at(
                        value.loc(),
                        format!("`{name}` is a payload template: write an object whose fields hold paths, e.g. `{{ \"value\": $.x }}`"),
                    );
                    return;
                }
                let selector =
                    key == "ItemSelector" || (key == "Parameters" && pointer_is_map(out));
                let outer = std::mem::replace(&mut self.in_item_selector, selector);
                let json = self.json(value, &self.spans.child(pointer, key), Mode::Template);
                self.in_item_selector = outer;
                out.push((key.to_owned(), json));
            }
            "result" => {
                let json = self.json(value, &self.spans.child(pointer, "Result"), Mode::Literal);
                out.push(("Result".into(), json));
            }
            "resource" | "arn" | "label" => {
                let key = if name == "label" { "Label" } else { "Resource" };
                let json = self.string(value).map(Json::String);
                put(self, key, json);
            }
            "timeout"
            | "heartbeat"
            | "seconds"
            | "max_concurrency"
            | "tolerated_failure_count"
            | "tolerated_failure_percentage" => {
                let key = match name {
                    "timeout" => "TimeoutSeconds",
                    "heartbeat" => "HeartbeatSeconds",
                    "seconds" => "Seconds",
                    "max_concurrency" => "MaxConcurrency",
                    "tolerated_failure_count" => "ToleratedFailureCount",
                    _ => "ToleratedFailurePercentage",
                };
                let is_time = matches!(name, "timeout" | "heartbeat" | "seconds");
                self.number_or_path(value, pointer, key, is_time, out);
            }
            "timestamp" | "error" | "cause" => {
                let key = match name {
                    "timestamp" => "Timestamp",
                    "error" => "Error",
                    _ => "Cause",
                };
                match value {
                    Value::Path(text) | Value::Intrinsic(text) => {
                        let key = format!("{key}Path");
                        self.spans.insert_text_child(pointer, &key, text);
                        out.push((key, Json::String(text.text.clone())));
                    }
                    _ => {
                        let json = self.string(value).map(Json::String);
                        put(self, key, json);
                    }
                }
            }
            "branches" => {
                let Value::Array(items, _) = value else {
                    self.errors.at(value.loc(), "`branches` is a list of blocks of states: `branches: [{ A: Pass {} -> end }, { .. }]`");
                    return;
                };
                let mut branches = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    let Value::Block(block) = item else {
                        self.errors.at(
                            item.loc(),
                            "each branch is a block of states: `{ A: Pass {} -> end }`",
                        );
                        continue;
                    };
                    let base = child(&child(pointer, "Branches"), &i.to_string());
                    self.spans.insert(&base, block.loc);
                    let inner = Scope {
                        names: Vec::new(),
                        known: Default::default(),
                        what: "a Parallel branch",
                        parent: Some(scope),
                        broken: &[],
                    };
                    let (start, states) = lower_block(self, block, &base, &inner, ql);
                    let mut branch = Map::new();
                    branch.insert("StartAt".into(), Json::String(start));
                    branch.insert("States".into(), Json::Object(states));
                    branches.push(Json::Object(branch));
                }
                put(self, "Branches", Some(Json::Array(branches)));
            }
            "processor" => {
                let Value::Block(block) = value else {
                    self.errors.at(
                        value.loc(),
                        "`processor` is a block of states: `processor: { Step: Pass {} -> end }`",
                    );
                    return;
                };
                let base = child(pointer, "ItemProcessor");
                self.spans.insert(&base, block.loc);
                let inner = Scope {
                    names: Vec::new(),
                    known: Default::default(),
                    what: "a Map processor",
                    parent: Some(scope),
                    broken: &[],
                };
                let (start, states) = lower_block(self, block, &base, &inner, ql);
                let mut processor = Map::new();
                processor.insert("StartAt".into(), Json::String(start));
                processor.insert("States".into(), Json::Object(states));
                out.push(("ItemProcessor".into(), Json::Object(processor)));
            }
            "mode" | "execution_type" => {
                let words: &[&str] = if name == "mode" {
                    &["inline", "distributed"]
                } else {
                    &["standard", "express"]
                };
                match value {
                    Value::Word(w) if words.contains(&w.to_string().as_str()) => {
                        let key = if name == "mode" {
                            "Mode"
                        } else {
                            "ExecutionType"
                        };
                        let ptr = child(
                            &child(&child(pointer, "ItemProcessor"), "ProcessorConfig"),
                            key,
                        );
                        self.spans.insert(&ptr, value.loc());
                        out.push((
                            format!("ProcessorConfig/{key}"),
                            Json::String(w.to_string().to_uppercase()),
                        ));
                    }
                    other => self
                        .errors
                        .at(other.loc(), crate::diag::one_of(name, words, other)),
                }
            }
            _ => self.errors.at(
                field.name.span(),
                format!("field `{name}` is not supported here"),
            ),
        }
    }

    /// An integer (or, for times, a duration), a path (`...Path`) or a JSONata string.
    fn number_or_path(
        &mut self,
        value: &Value,
        pointer: &str,
        key: &str,
        is_time: bool,
        out: &mut Vec<(String, Json)>,
    ) {
        self.spans.insert_child(pointer, key, value.loc());
        let json = match value {
            Value::Path(text) => {
                let key = format!("{key}Path");
                self.spans.insert_text_child(pointer, &key, text);
                out.push((key, Json::String(text.text.clone())));
                return;
            }
            Value::Duration(millis, loc) if is_time => {
                self.whole_seconds(*millis, *loc).map(Json::from)
            }
            Value::Num(n, _) => Some(Json::Number(n.clone())),
            Value::Str(s) if is_jsonata(&s.value) => Some(Json::String(s.value.clone())),
            other => {
                let example = if is_time {
                    "a duration (`30s`, `5min`)"
                } else {
                    "a number"
                };
                self.errors.at(other.loc(), format!("expected {example}, a path (`$.x`) or a JSONata `\"{{% .. %}}\"`, found {}", other.describe()));
                None
            }
        };
        if let Some(json) = json {
            out.push((key.to_owned(), json));
        }
    }

    /// A path or `null` (`InputPath`, `ResultPath`, ...).
    pub fn path_or_null(&mut self, value: &Value, pointer: &str) -> Option<Json> {
        match value {
            Value::Path(text) => {
                self.check_context(text);
                self.spans.insert_text(pointer, text);
                Some(Json::String(text.text.clone()))
            }
            Value::Null(_) => Some(Json::Null),
            Value::Str(s) if s.value.starts_with('$') => {
                self.errors.at(
                    s.span(),
                    format!(
                        "a quoted string is a literal: write the path bare, `{}`",
                        s.value
                    ),
                );
                None
            }
            other => {
                self.errors.at(
                    other.loc(),
                    format!(
                        "expected a path (`$.x`) or `null`, found {}",
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    /// A string literal.
    pub fn string(&mut self, value: &Value) -> Option<String> {
        match value {
            Value::Str(s) => Some(s.value.clone()),
            other => {
                self.errors.at(
                    other.loc(),
                    format!("expected a string, found {}", other.describe()),
                );
                None
            }
        }
    }

    /// A number literal.
    pub fn number(&mut self, value: &Value) -> Option<Json> {
        match value {
            Value::Num(n, _) => Some(Json::Number(n.clone())),
            other => {
                self.errors.at(
                    other.loc(),
                    format!("expected a number, found {}", other.describe()),
                );
                None
            }
        }
    }

    /// A number of seconds: a duration (`30s`) or a plain integer.
    pub fn seconds_literal(&mut self, value: &Value) -> Option<u64> {
        match value {
            Value::Duration(millis, loc) => self.whole_seconds(*millis, *loc),
            Value::Num(n, loc) => match n.as_u64() {
                Some(seconds) => Some(seconds),
                None => {
                    self.errors
                        .at(*loc, "expected a whole, non-negative number of seconds");
                    None
                }
            },
            other => {
                self.errors.at(
                    other.loc(),
                    format!(
                        "expected a duration (`30s`, `5min`, `1h`), found {}",
                        other.describe()
                    ),
                );
                None
            }
        }
    }

    /// `jsonata` / `jsonpath` -> the ASL spelling.
    pub fn query_language(&mut self, value: &Value) -> Option<&'static str> {
        match value {
            Value::Word(w) if w == "jsonata" => Some("JSONata"),
            Value::Word(w) if w == "jsonpath" => Some("JSONPath"),
            other => {
                self.errors.at(
                    other.loc(),
                    crate::diag::one_of("query_language", &["jsonata", "jsonpath"], other),
                );
                None
            }
        }
    }

    /// DSL-level required fields (the ones without which the state is not what it says).
    pub fn required_fields(
        &mut self,
        decl: &StateDecl,
        kind: &str,
        seen: &[String],
        _arms: &[&Arm],
    ) {
        let required: &[&str] = match kind {
            "Task" => &["resource"],
            "Activity" => &["arn"],
            "Parallel" => &["branches"],
            "Map" => &["processor"],
            _ => &[],
        };
        for name in required {
            if !seen.iter().any(|s| s == name) {
                self.errors.at(
                    decl.body_loc,
                    format!("`{kind}` state `{}` needs the field `{name}`", decl.name),
                );
            }
        }
    }

    /// Reports an unknown state kind, suggesting a built-in kind or a catalogue task type.
    pub fn unknown_kind(&mut self, decl: &StateDecl) {
        let kind = decl.kind.to_string();
        let message = with_suggestion(
            format!(
                "unknown state kind `{kind}`: expected one of {} or a task type of the catalogue (`LambdaInvoke`, `SnsPublish`, ..); a custom task type is written as a path (`self::MyTask`)",
                KINDS.join(", ")
            ),
            &kind,
            KINDS.into_iter().chain(sfn_tasks::class_names()),
        );
        self.errors.at(decl.kind.span(), message);
    }
}
