//! Catch: the first catcher whose `ErrorEquals` matches routes the Error Output through its
//! `ResultPath` (JSONPath, onto the raw input) or `Output` (JSONata), runs its `Assign`
//! instead of the state's, and names the next state.

use serde_json::Value;

use super::engine::Run;
use super::errors::Failure;
use super::pipeline::Extra;
use super::scope::Vars;
use crate::asl::{QueryLanguage, State};

/// What Catch did with an error.
pub(crate) enum CatchOutcome<'e> {
    /// A catcher handled it: go to `next` with `output`.
    Caught { output: Value, next: &'e str },
    /// No catcher matched.
    NotCaught,
}

impl<'e> Run<'e> {
    pub(crate) fn catch(
        &mut self,
        name: &'e str,
        state: &'e State,
        raw: &Value,
        failure: &Failure,
        vars: &mut Vars,
    ) -> Result<CatchOutcome<'e>, Failure> {
        let Some((index, catcher)) = state
            .catchers()
            .iter()
            .enumerate()
            .find(|(_, c)| failure.matches(&c.error_equals))
        else {
            return Ok(CatchOutcome::NotCaught);
        };
        if let Some(inspection) = self.inspecting() {
            inspection.catch = Some(index);
        }
        let error_output = failure.error_output();
        let (output, assigned) = match self.language(state) {
            QueryLanguage::JsonPath => {
                let output = self
                    .result_path(
                        name,
                        &catcher.result_path,
                        raw.clone().into(),
                        error_output.clone().into(),
                    )?
                    .into_owned();
                let assigned = self.assign_jsonpath(name, &catcher.assign, &error_output, vars)?;
                (output, assigned)
            }
            QueryLanguage::Jsonata => {
                let extra = Extra {
                    result: None,
                    error_output: Some(&error_output),
                };
                let output = match &catcher.output {
                    Some(template) => {
                        self.jsonata(name, "Catch Output", template, raw, extra, vars)?
                    }
                    None => error_output.clone(),
                };
                let assigned = self.assign_jsonata(name, &catcher.assign, raw, extra, vars)?;
                (output, assigned)
            }
        };
        self.apply_assign(vars, assigned);
        Ok(CatchOutcome::Caught {
            output,
            next: &catcher.next,
        })
    }
}
