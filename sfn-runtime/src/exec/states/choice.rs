//! `Choice`: the first rule that holds picks the next state; else `Default`; else
//! `States.NoChoiceMatched`.

use crate::asl::{Choice, QueryLanguage};
use crate::exec::data::Data;
use crate::exec::engine::{Run, Step};
use crate::exec::errors::{Failure, names};
use crate::exec::pipeline::{Extra, in_state};
use crate::exec::scope::Vars;

impl<'e> Run<'e> {
    pub(crate) fn choice(
        &mut self,
        name: &'e str,
        s: &'e Choice,
        raw: Data,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let language = self.language_of(s.query_language);
        let input = match language {
            QueryLanguage::JsonPath => {
                self.filter_data(name, "InputPath", &s.input_path, raw, vars)?
            }
            QueryLanguage::Jsonata => raw,
        };
        let mut chosen = None;
        for rule in &s.choices {
            if self.condition(name, &rule.condition, &input, vars)? {
                chosen = Some(rule);
                break;
            }
        }
        let (next, assign, output) = match chosen {
            Some(rule) => (
                rule.next.as_deref(),
                &rule.assign,
                rule.output.as_ref().or(s.output.as_ref()),
            ),
            None => match &s.default {
                Some(default) => (Some(default.as_str()), &s.assign, s.output.as_ref()),
                None => {
                    return Err(in_state(
                        Failure::new(
                            names::NO_CHOICE_MATCHED,
                            "No Matches! No choice rule matched and there is no Default",
                        ),
                        name,
                        self.entered_event,
                    ));
                }
            },
        };
        let Some(next) = next else {
            return Err(in_state(
                Failure::runtime("the matching Choice rule has no Next"),
                name,
                self.entered_event,
            ));
        };
        let (output, assigned) = match language {
            QueryLanguage::JsonPath => {
                let assigned = self.assign_jsonpath(name, assign, &input, vars)?;
                (
                    self.filter_data(name, "OutputPath", &s.output_path, input, vars)?,
                    assigned,
                )
            }
            QueryLanguage::Jsonata => {
                let assigned = self.assign_jsonata(name, assign, &input, Extra::default(), vars)?;
                let output = match output {
                    Some(output) => self
                        .jsonata(name, "Output", output, &input, Extra::default(), vars)?
                        .into(),
                    None => input,
                };
                (output, assigned)
            }
        };
        self.apply_assign(vars, assigned);
        Ok(Step {
            output,
            next: Some(next),
        })
    }
}
