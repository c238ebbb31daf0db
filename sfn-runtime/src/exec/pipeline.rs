//! The input/output pipeline of one state, field by field: InputPath -> Parameters ->
//! (work) -> ResultSelector -> ResultPath -> OutputPath, Assign; and the JSONata fields
//! (Arguments, Output, Assign). Each step names the state and the field when it fails.

use std::borrow::Cow;

use serde_json::{Map, Value};

use super::data::Data;
use super::engine::Run;
use super::errors::{Failure, names};
use super::paths::path;
use super::scope::Vars;
use crate::jsonata::eval::Bindings;

/// Puts the service's preamble before the cause of an error the service raises while
/// running a state: "An error occurred while executing the state 'S' (entered at the event
/// id #N). " followed by what went wrong (see docs/errors.md for every text).
pub(crate) fn in_state(mut failure: Failure, state: &str, entered: usize) -> Failure {
    let cause = failure.cause.take().unwrap_or_default();
    failure.cause = Some(format!(
        "An error occurred while executing the state '{state}' (entered at the event id #{entered}). {cause}"
    ));
    failure
}

/// A JSONata evaluation failure in a state's field. An undefined result is worded as the
/// service words it (recorded against AWS: "The JSONata expression '$states.input.pushLocation'
/// specified for the field 'Arguments/Input/pushLocation' returned nothing (undefined).").
pub(crate) fn jsonata_failure(
    e: crate::jsonata::eval::JsonataEvalError,
    state: &str,
    field: &str,
    entered: usize,
) -> Failure {
    let cause = match &e.undefined {
        Some(expression) => format!(
            "The JSONata expression '{expression}' specified for the field '{field}{}' returned nothing (undefined).",
            e.location
        ),
        None => e.message,
    };
    in_state(
        Failure::new(names::QUERY_EVALUATION_ERROR, cause),
        state,
        entered,
    )
}

/// Jayway's spelling of a path in its "No results for path" message: `$['a']['b'][0]`.
pub(crate) fn normalized(parsed: &path::Path) -> String {
    use crate::path::{Segment, Selector};
    let mut out = parsed.root.to_string();
    for segment in &parsed.segments {
        match segment {
            Segment::Child(Selector::Name(name)) => {
                out.push_str("['");
                out.push_str(name);
                out.push_str("']");
            }
            Segment::Child(selector) => out.push_str(&selector.to_string()),
            Segment::Descendant(selector) => {
                out.push_str("..");
                out.push_str(&selector.to_string());
            }
        }
    }
    out
}

/// What a JSONata field of a state can see besides the input and the context.
#[derive(Default, Clone, Copy)]
pub(crate) struct Extra<'v> {
    pub(crate) result: Option<&'v Value>,
    pub(crate) error_output: Option<&'v Value>,
}

impl<'e> Run<'e> {
    /// `InputPath` / `OutputPath`: absent -> the value itself; `null` -> `{}`; else the
    /// selection (no match -> `States.Runtime`), moved out of `value` when the path is
    /// plain names and indexes.
    pub(crate) fn filter_path(
        &mut self,
        state: &str,
        field: &str,
        path_field: &'e Option<Option<String>>,
        mut value: Value,
        vars: &Map<String, Value>,
    ) -> Result<Value, Failure> {
        match path_field {
            None => Ok(value),
            Some(None) => Ok(Value::Object(Map::new())),
            Some(Some(source)) if source == "$" => Ok(value),
            Some(Some(source)) => {
                let taken = match self.exec.compiled.path(source, field) {
                    Ok(parsed) => path::take(&parsed, &mut value),
                    Err(_) => None,
                };
                match taken {
                    Some(selected) => Ok(selected),
                    None => self.select(state, field, source, &value, vars),
                }
            }
        }
    }

    /// [`filter_path`](Self::filter_path) on a value that may be shared with the history:
    /// a shared one is kept shared when the path selects all of it.
    pub(crate) fn filter_data(
        &mut self,
        state: &str,
        field: &str,
        path_field: &'e Option<Option<String>>,
        data: Data,
        vars: &Map<String, Value>,
    ) -> Result<Data, Failure> {
        match data {
            Data::Owned(value) => self
                .filter_path(state, field, path_field, value, vars)
                .map(Data::Owned),
            Data::Shared(payload) => Ok(
                match self.filter_path_ref(state, field, path_field, &payload, vars)? {
                    Some(selected) => Data::Owned(selected),
                    None => Data::Shared(payload),
                },
            ),
        }
    }

    /// [`filter_path`](Self::filter_path) on a value that is kept: `None` when the path
    /// selects the whole value (the caller uses it as it is), else the selection.
    pub(crate) fn filter_path_ref(
        &mut self,
        state: &str,
        field: &str,
        path_field: &'e Option<Option<String>>,
        value: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Option<Value>, Failure> {
        match path_field {
            None => Ok(None),
            Some(None) => Ok(Some(Value::Object(Map::new()))),
            Some(Some(source)) if source == "$" => Ok(None),
            Some(Some(source)) => self.select(state, field, source, value, vars).map(Some),
        }
    }

    /// A state's `InputPath` over its raw input, which the state keeps (for `ResultPath`
    /// and a catcher): the input itself when the path selects all of it, else the copy of
    /// the part it selects (not a copy of the whole input first).
    pub(crate) fn input_path<'v>(
        &mut self,
        state: &str,
        path_field: &'e Option<Option<String>>,
        raw: &'v Value,
        vars: &Map<String, Value>,
    ) -> Result<Cow<'v, Value>, Failure> {
        Ok(
            match self.filter_path_ref(state, "InputPath", path_field, raw, vars)? {
                Some(selected) => Cow::Owned(selected),
                None => Cow::Borrowed(raw),
            },
        )
    }

    /// A JSONPath state's `Parameters` over its effective input (after `InputPath`): the
    /// rendered template, or that input itself when there is none.
    pub(crate) fn parameters<'v>(
        &mut self,
        state: &str,
        parameters: &'e Option<Value>,
        effective: Cow<'v, Value>,
        vars: &Map<String, Value>,
    ) -> Result<Cow<'v, Value>, Failure> {
        Ok(match parameters {
            Some(parameters) => {
                Cow::Owned(self.render(state, "Parameters", parameters, &effective, vars)?)
            }
            None => effective,
        })
    }

    /// A JSONata state's `Arguments` over its raw input: the evaluated template, or the
    /// input itself when there is none.
    pub(crate) fn arguments<'v>(
        &mut self,
        state: &str,
        arguments: &'e Option<Value>,
        raw: &'v Value,
        vars: &Map<String, Value>,
    ) -> Result<Cow<'v, Value>, Failure> {
        Ok(match arguments {
            Some(arguments) => Cow::Owned(self.jsonata(
                state,
                "Arguments",
                arguments,
                raw,
                Extra::default(),
                vars,
            )?),
            None => Cow::Borrowed(raw),
        })
    }

    /// Selects a path (`InputPath`, `ItemsPath`, `SecondsPath`, ...) on `input`. A path
    /// that selects nothing fails with the service's text for that field.
    pub(crate) fn select(
        &self,
        state: &str,
        field: &str,
        source: &'e String,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Value, Failure> {
        let entered = self.entered_event;
        let parsed = self
            .exec
            .compiled
            .path(source, field)
            .map_err(|f| in_state(f, state, entered))?;
        let scope = path::Scope {
            input,
            context: &self.context,
            variables: vars,
        };
        path::select(&parsed, &scope).map_err(|e| {
            let unset_variable = matches!(&parsed.root, path::Root::Variable(name) if !vars.contains_key(name));
            let cause = match field {
                _ if unset_variable => e.cause,
                // Recorded against AWS (Step Functions workshop, "Invalid path
                // '$.jobs[0].done': The choice state’s condition path references an invalid
                // value.").
                "Variable" => format!(
                    "Invalid path '{source}': The choice state's condition path references an invalid value."
                ),
                // Recorded (localstack snapshot tests, aws.validated) for SecondsPath; the
                // same wording is used for TimestampPath.
                "SecondsPath" | "TimestampPath" => {
                    format!("The {field} parameter does not reference an input value: {source}")
                }
                // Jayway's PathNotFoundException, as the service reports it.
                _ => format!(
                    "Invalid path '{source}' : No results for path: {}",
                    normalized(&parsed)
                ),
            };
            in_state(Failure::new(e.error, cause), state, entered)
        })
    }

    /// Evaluates a path-or-intrinsic field (Fail `ErrorPath`/`CausePath`).
    pub(crate) fn eval_expr(
        &mut self,
        state: &str,
        field: &str,
        source: &'e String,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Value, Failure> {
        let entered = self.entered_event;
        let parsed = self
            .exec
            .compiled
            .expr(source, field)
            .map_err(|f| in_state(f, state, entered))?;
        let scope = path::Scope {
            input,
            context: &self.context,
            variables: vars,
        };
        let rng = &mut self.rng;
        let mut random = || rng.next_u64();
        path::eval_expr(&parsed, &scope, &mut random).map_err(|e| {
            let cause = match &*parsed {
                path::Expr::Path(p) if !matches!(&p.root, path::Root::Variable(name) if !vars.contains_key(name)) => {
                    format!(
                        "Invalid path '{source}' : No results for path: {}",
                        normalized(p)
                    )
                }
                path::Expr::Path(_) => e.cause,
                path::Expr::Intrinsic(_) => {
                    format!("The function '{source}' had the following error: {}", e.cause)
                }
            };
            in_state(Failure::new(e.error, cause), state, entered)
        })
    }

    /// Renders a payload template (`Parameters`, `ResultSelector`, `ItemSelector`, ...).
    pub(crate) fn render(
        &mut self,
        state: &str,
        // The field is named by the template itself (`key.$`) in its errors.
        _field: &str,
        template: &'e Value,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Value, Failure> {
        let compiled = self.exec.compiled.template(template);
        let scope = path::Scope {
            input,
            context: &self.context,
            variables: vars,
        };
        let rng = &mut self.rng;
        let mut random = || rng.next_u64();
        let entered = self.entered_event;
        compiled
            .render(&scope, &mut random)
            .map_err(|f| in_state(f, state, entered))
    }

    /// `ResultPath`: absent or `$` -> the result; `null` -> the raw input; else the raw
    /// input with the result written at the path (intermediate objects created).
    pub(crate) fn result_path(
        &self,
        state: &str,
        field: &'e Option<Option<String>>,
        raw: Data,
        result: Data,
    ) -> Result<Data, Failure> {
        match field {
            None => Ok(result),
            Some(None) => Ok(raw),
            Some(Some(source)) if source == "$" => Ok(result),
            Some(Some(source)) => {
                let parsed = self
                    .exec
                    .compiled
                    .path(source, "ResultPath")
                    .map_err(|f| in_state(f, state, self.entered_event))?;
                path::write_at(raw.into_owned(), &parsed, result.into_owned())
                    .map(Data::Owned)
                    .map_err(|e| {
                        in_state(Failure::new(e.error, e.cause), state, self.entered_event)
                    })
            }
        }
    }

    /// JSONPath `Assign`: a payload template whose `$` is `input`; values are computed
    /// against the variables at state entry and returned (the caller applies them).
    pub(crate) fn assign_jsonpath(
        &mut self,
        state: &str,
        assign: &'e Option<Value>,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Option<Map<String, Value>>, Failure> {
        let Some(assign) = assign else {
            return Ok(None);
        };
        match self.render(state, "Assign", assign, input, vars)? {
            Value::Object(values) => Ok(Some(values)),
            _ => Err(in_state(
                Failure::runtime("Assign must be an object of variable names"),
                state,
                self.entered_event,
            )),
        }
    }

    /// Evaluates a JSONata field (any JSON with `{% %}` strings inside).
    pub(crate) fn jsonata(
        &mut self,
        state: &str,
        field: &str,
        value: &'e Value,
        input: &Value,
        extra: Extra,
        vars: &Map<String, Value>,
    ) -> Result<Value, Failure> {
        let compiled = self.exec.compiled.jsonata(value);
        let bindings = Bindings {
            input,
            context: &self.context,
            result: extra.result,
            error_output: extra.error_output,
            variables: vars,
            seed: self.rng.next_u64(),
        };
        compiled
            .evaluate(&bindings)
            .map_err(|e| jsonata_failure(e, state, field, self.entered_event))
    }

    /// Evaluates a JSONata string field (`Error`, `Timestamp`, `TimeoutSeconds` as text, ...).
    pub(crate) fn jsonata_str(
        &mut self,
        state: &str,
        field: &str,
        source: &'e String,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Value, Failure> {
        let compiled = self.exec.compiled.jsonata_str(source);
        let bindings = Bindings {
            input,
            context: &self.context,
            result: None,
            error_output: None,
            variables: vars,
            seed: self.rng.next_u64(),
        };
        compiled
            .evaluate(&bindings)
            .map_err(|e| jsonata_failure(e, state, field, self.entered_event))
    }

    /// JSONata `Assign`.
    pub(crate) fn assign_jsonata(
        &mut self,
        state: &str,
        assign: &'e Option<Value>,
        input: &Value,
        extra: Extra,
        vars: &Map<String, Value>,
    ) -> Result<Option<Map<String, Value>>, Failure> {
        let Some(assign) = assign else {
            return Ok(None);
        };
        match self.jsonata(state, "Assign", assign, input, extra, vars)? {
            Value::Object(values) => Ok(Some(values)),
            _ => Err(in_state(
                Failure::new(
                    names::QUERY_EVALUATION_ERROR,
                    "Assign must be an object of variable names",
                ),
                state,
                self.entered_event,
            )),
        }
    }
}

impl Run<'_> {
    /// Applies assigned values to the scope's variables, keeping a copy for the state's
    /// Exited event (`assignedVariables`) when the history is recorded.
    pub(crate) fn apply_assign(&mut self, vars: &mut Vars, assigned: Option<Map<String, Value>>) {
        if let Some(assigned) = assigned {
            if self.exec.record_history {
                self.assigned = Some(assigned.clone());
            }
            vars.assign(assigned);
        }
    }
}

/// The result-processing fields of Task, Parallel and Map.
pub(crate) struct ResultFields<'e> {
    pub(crate) result_selector: &'e Option<Value>,
    pub(crate) result_path: &'e Option<Option<String>>,
    pub(crate) output_path: &'e Option<Option<String>>,
    pub(crate) assign: &'e Option<Value>,
    pub(crate) output: &'e Option<Value>,
}

impl<'e> Run<'e> {
    /// ResultSelector -> ResultPath -> OutputPath + Assign (JSONPath), or Output + Assign
    /// (JSONata), for a state's result. Returns the output and the assigned variables.
    pub(crate) fn process_result(
        &mut self,
        state: &str,
        language: crate::asl::QueryLanguage,
        fields: &ResultFields<'e>,
        raw: &Value,
        result: Value,
        vars: &Map<String, Value>,
    ) -> Result<(Value, Option<Map<String, Value>>), Failure> {
        use super::test_state::Stage;
        self.note(Stage::Result, &result);
        match language {
            crate::asl::QueryLanguage::JsonPath => {
                let selected = match fields.result_selector {
                    Some(selector) => {
                        self.render(state, "ResultSelector", selector, &result, vars)?
                    }
                    None => result,
                };
                self.note(Stage::AfterResultSelector, &selected);
                let assigned = self.assign_jsonpath(state, fields.assign, &selected, vars)?;
                let output = self
                    .result_path(
                        state,
                        fields.result_path,
                        raw.clone().into(),
                        selected.into(),
                    )?
                    .into_owned();
                self.note(Stage::AfterResultPath, &output);
                Ok((
                    self.filter_path(state, "OutputPath", fields.output_path, output, vars)?,
                    assigned,
                ))
            }
            crate::asl::QueryLanguage::Jsonata => {
                let extra = Extra {
                    result: Some(&result),
                    error_output: None,
                };
                let assigned = self.assign_jsonata(state, fields.assign, raw, extra, vars)?;
                let output = match fields.output {
                    Some(output) => self.jsonata(state, "Output", output, raw, extra, vars)?,
                    None => result,
                };
                Ok((output, assigned))
            }
        }
    }
}
