//! `Pass`: its input (or `Result`) to its output, through the pipeline.

use std::borrow::Cow;

use serde_json::Value;

use crate::asl::{Pass, QueryLanguage};
use crate::exec::data::Data;
use crate::exec::engine::{Run, Step};
use crate::exec::errors::Failure;
use crate::exec::pipeline::Extra;
use crate::exec::scope::Vars;
use crate::exec::test_state::Stage;

impl<'e> Run<'e> {
    pub(crate) fn pass(
        &mut self,
        name: &'e str,
        s: &'e Pass,
        mut raw: Data,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let state_ql = self.language_of(s.query_language);
        let (output, assigned) = match state_ql {
            QueryLanguage::JsonPath => {
                // `raw` stays whole for ResultPath: InputPath's selection is a value of its
                // own, and `raw` itself is only borrowed unless it is the result.
                let effective = self.input_path(name, &s.input_path, &raw, vars)?;
                self.note(Stage::AfterInputPath, &effective);
                let result: Data = match (&s.result, &s.parameters) {
                    (Some(result), _) => result.clone().into(),
                    (None, Some(parameters)) => self
                        .render(name, "Parameters", parameters, &effective, vars)?
                        .into(),
                    (None, None) => match effective {
                        Cow::Owned(selected) => selected.into(),
                        // The result is the raw input itself: a copy (of an owned one) only
                        // if ResultPath also needs the raw input.
                        Cow::Borrowed(_) if needs_raw(&s.result_path) => raw.clone(),
                        Cow::Borrowed(_) => std::mem::replace(&mut raw, Data::Owned(Value::Null)),
                    },
                };
                self.note(Stage::AfterParameters, &result);
                self.note(Stage::Result, &result);
                let assigned = self.assign_jsonpath(name, &s.assign, &result, vars)?;
                let raw_for_result = if needs_raw(&s.result_path) {
                    raw
                } else {
                    Data::Owned(Value::Null)
                };
                let output = self.result_path(name, &s.result_path, raw_for_result, result)?;
                self.note(Stage::AfterResultPath, &output);
                (
                    self.filter_data(name, "OutputPath", &s.output_path, output, vars)?,
                    assigned,
                )
            }
            QueryLanguage::Jsonata => {
                let assigned =
                    self.assign_jsonata(name, &s.assign, &raw, Extra::default(), vars)?;
                let output = match &s.output {
                    Some(output) => self
                        .jsonata(name, "Output", output, &raw, Extra::default(), vars)?
                        .into(),
                    None => raw,
                };
                (output, assigned)
            }
        };
        self.apply_assign(vars, assigned);
        Ok(Step::after(output, s.transition()))
    }
}

/// Whether `ResultPath` needs the raw input (anything but absent or `$`).
pub(crate) fn needs_raw(result_path: &Option<Option<String>>) -> bool {
    match result_path {
        None => false,
        Some(Some(path)) => path != "$",
        Some(None) => true,
    }
}
