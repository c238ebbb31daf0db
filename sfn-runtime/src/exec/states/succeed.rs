//! `Succeed`: ends its scope successfully; output = input filtered.

use crate::asl::{QueryLanguage, Succeed};
use crate::exec::data::Data;
use crate::exec::engine::{Run, Step};
use crate::exec::errors::Failure;
use crate::exec::pipeline::Extra;
use crate::exec::scope::Vars;

impl<'e> Run<'e> {
    pub(crate) fn succeed(
        &mut self,
        name: &'e str,
        s: &'e Succeed,
        raw: Data,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let output = match self.language_of(s.query_language) {
            QueryLanguage::JsonPath => {
                let effective = self.filter_data(name, "InputPath", &s.input_path, raw, vars)?;
                self.filter_data(name, "OutputPath", &s.output_path, effective, vars)?
            }
            QueryLanguage::Jsonata => match &s.output {
                Some(output) => self
                    .jsonata(name, "Output", output, &raw, Extra::default(), vars)?
                    .into(),
                None => raw,
            },
        };
        Ok(Step { output, next: None })
    }
}
