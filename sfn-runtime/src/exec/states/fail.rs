//! `Fail`: stops its scope (and, unless a Parallel/Map catches it, the execution) with
//! `Error`/`Cause`, their path/intrinsic forms, or JSONata.

use serde_json::{Map, Value};

use crate::asl::{Fail, QueryLanguage};
use crate::exec::data::Data;
use crate::exec::engine::{Run, Step};
use crate::exec::errors::Failure;
use crate::exec::pipeline::in_state;
use crate::exec::scope::Vars;

impl<'e> Run<'e> {
    pub(crate) fn fail(
        &mut self,
        name: &'e str,
        s: &'e Fail,
        raw: Data,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let error = self.fail_field(
            name,
            "Error",
            &s.error,
            &s.error_path,
            s.query_language,
            &raw,
            vars,
        )?;
        let cause = self.fail_field(
            name,
            "Cause",
            &s.cause,
            &s.cause_path,
            s.query_language,
            &raw,
            vars,
        )?;
        Err(Failure {
            error,
            cause,
            terminal: false,
            heartbeat: false,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn fail_field(
        &mut self,
        name: &'e str,
        field: &str,
        literal: &'e Option<String>,
        path: &'e Option<String>,
        own_language: Option<QueryLanguage>,
        raw: &Value,
        vars: &Map<String, Value>,
    ) -> Result<Option<String>, Failure> {
        let value = match (literal, path, self.language_of(own_language)) {
            (Some(text), _, QueryLanguage::Jsonata) => {
                self.jsonata_str(name, field, text, raw, vars)?
            }
            (Some(text), _, QueryLanguage::JsonPath) => return Ok(Some(text.clone())),
            (None, Some(source), _) => {
                self.eval_expr(name, &format!("{field}Path"), source, raw, vars)?
            }
            (None, None, _) => return Ok(None),
        };
        match value {
            Value::String(text) => Ok(Some(text)),
            other => Err(in_state(
                Failure::runtime(format!("{field} must be a string, got {other}")),
                name,
                self.entered_event,
            )),
        }
    }
}
