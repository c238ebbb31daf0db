//! The input/output pipeline of one state, field by field: InputPath -> Parameters ->
//! (work) -> ResultSelector -> ResultPath -> OutputPath, Assign; and the JSONata fields
//! (Arguments, Output, Assign). Each step names the state and the field when it fails.

use serde_json::{Map, Value};

use super::engine::Run;
use super::errors::{Failure, names};
use super::paths::path;
use super::scope::Vars;
use crate::jsonata::eval::Bindings;

/// Adds where an error happened to its cause, in the service's words.
pub(crate) fn in_state(mut failure: Failure, state: &str, field: &str) -> Failure {
    let cause = failure.cause.take().unwrap_or_default();
    failure.cause = Some(format!(
        "An error occurred while executing the state '{state}' ({field}): {cause}"
    ));
    failure
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

    /// Selects a path (`InputPath`, `ItemsPath`, `SecondsPath`, ...) on `input`.
    pub(crate) fn select(
        &self,
        state: &str,
        field: &str,
        source: &'e String,
        input: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Value, Failure> {
        let parsed = self
            .exec
            .compiled
            .path(source, field)
            .map_err(|f| in_state(f, state, field))?;
        let scope = path::Scope {
            input,
            context: &self.context,
            variables: vars,
        };
        path::select(&parsed, &scope).map_err(|e| {
            in_state(
                Failure::new(
                    e.error,
                    format!(
                        "Invalid path '{source}' for the field '{field}': {}",
                        e.cause
                    ),
                ),
                state,
                field,
            )
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
        let parsed = self
            .exec
            .compiled
            .expr(source, field)
            .map_err(|f| in_state(f, state, field))?;
        let scope = path::Scope {
            input,
            context: &self.context,
            variables: vars,
        };
        let rng = &mut self.rng;
        let mut random = || rng.next_u64();
        path::eval_expr(&parsed, &scope, &mut random).map_err(|e| {
            in_state(
                Failure::new(e.error, format!("'{source}' failed: {}", e.cause)),
                state,
                field,
            )
        })
    }

    /// Renders a payload template (`Parameters`, `ResultSelector`, `ItemSelector`, ...).
    pub(crate) fn render(
        &mut self,
        state: &str,
        field: &str,
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
        compiled
            .render(&scope, &mut random)
            .map_err(|f| in_state(f, state, field))
    }

    /// `ResultPath`: absent or `$` -> the result; `null` -> the raw input; else the raw
    /// input with the result written at the path (intermediate objects created).
    pub(crate) fn result_path(
        &self,
        state: &str,
        field: &'e Option<Option<String>>,
        raw: Value,
        result: Value,
    ) -> Result<Value, Failure> {
        match field {
            None => Ok(result),
            Some(None) => Ok(raw),
            Some(Some(source)) if source == "$" => Ok(result),
            Some(Some(source)) => {
                let parsed = self
                    .exec
                    .compiled
                    .path(source, "ResultPath")
                    .map_err(|f| in_state(f, state, "ResultPath"))?;
                path::write_at(raw, &parsed, result).map_err(|e| {
                    in_state(
                        Failure::new(
                            e.error,
                            format!("Unable to apply ResultPath '{source}': {}", e.cause),
                        ),
                        state,
                        "ResultPath",
                    )
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
                "Assign",
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
        compiled.evaluate(&bindings).map_err(|e| {
            in_state(
                Failure::new(names::QUERY_EVALUATION_ERROR, e.message),
                state,
                field,
            )
        })
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
        compiled.evaluate(&bindings).map_err(|e| {
            in_state(
                Failure::new(names::QUERY_EVALUATION_ERROR, e.message),
                state,
                field,
            )
        })
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
                "Assign",
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
                let output = self.result_path(state, fields.result_path, raw.clone(), selected)?;
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
