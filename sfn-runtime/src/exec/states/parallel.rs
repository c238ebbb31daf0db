//! `Parallel`: every branch on the same input, outputs in branch order. Branches run one
//! after the other from the same virtual instant; the state ends when the last one would.

use serde_json::Value;

use crate::asl::{Parallel, QueryLanguage, State};
use crate::exec::data::Data;
use crate::exec::engine::{Run, Step};
use crate::exec::errors::Failure;
use crate::exec::history::Details;
use crate::exec::history::failure_details;
use crate::exec::pipeline::ResultFields;
use crate::exec::scope::Vars;
use crate::exec::test_state::Stage;

impl<'e> Run<'e> {
    pub(crate) fn parallel(
        &mut self,
        name: &'e str,
        state: &'e State,
        p: &'e Parallel,
        raw: Data,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let language = self.language_of(p.query_language);
        let fields = ResultFields {
            result_selector: &p.result_selector,
            result_path: &p.result_path,
            output_path: &p.output_path,
            assign: &p.assign,
            output: &p.output,
        };
        self.with_error_handling(name, state, &raw, vars, |run, vars| {
            let input = match language {
                QueryLanguage::JsonPath => {
                    let effective = run.input_path(name, &p.input_path, &raw, vars)?;
                    run.note(Stage::AfterInputPath, &effective);
                    run.parameters(name, &p.parameters, effective, vars)?
                }
                QueryLanguage::Jsonata => run.arguments(name, &p.arguments, &raw, vars)?,
            };
            run.note(Stage::AfterParameters, &input);
            run.event("ParallelStateStarted", Details::new)?;
            let result = match run.branches(p, &input, vars) {
                Ok(outputs) => {
                    run.event("ParallelStateSucceeded", Details::new)?;
                    Value::Array(outputs)
                }
                Err(failure) => {
                    run.event("ParallelStateFailed", || failure_details(&failure))?;
                    return Err(failure);
                }
            };
            run.process_result(name, language, &fields, &raw, result, vars)
        })
    }

    fn branches(
        &mut self,
        p: &'e Parallel,
        input: &Value,
        vars: &Vars,
    ) -> Result<Vec<Value>, Failure> {
        let saved = self.save_state_context();
        let start = self.now_ms;
        let mut end = start;
        let mut outputs = Vec::with_capacity(p.branches.len());
        for branch in &p.branches {
            self.now_ms = start;
            // Each branch sees the variables at entry (shared until it assigns one).
            let mut scope = vars.clone();
            let output =
                self.run_scope(&branch.states, &branch.start_at, input.clone(), &mut scope);
            end = end.max(self.now_ms);
            match output {
                Ok(output) => outputs.push(output),
                Err(failure) => {
                    self.restore_state_context(saved);
                    return Err(failure);
                }
            }
        }
        self.now_ms = end;
        self.restore_state_context(saved);
        Ok(outputs)
    }

    /// `$$.State` of the current state, saved around nested scopes that overwrite it.
    pub(crate) fn save_state_context(&self) -> Option<Value> {
        self.context.get("State").cloned()
    }

    pub(crate) fn restore_state_context(&mut self, saved: Option<Value>) {
        if let (Some(saved), Value::Object(object)) = (saved, &mut self.context) {
            object.insert("State".into(), saved);
        }
    }
}
