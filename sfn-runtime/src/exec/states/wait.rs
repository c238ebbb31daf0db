//! `Wait`: advances the virtual clock by `Seconds` or to `Timestamp` (never sleeps).

use serde_json::Value;

use crate::asl::{IntOrExpr, QueryLanguage, Wait};
use crate::exec::clock::parse_timestamp;
use crate::exec::engine::{Run, Step};
use crate::exec::errors::{Failure, names};
use crate::exec::pipeline::{Extra, in_state};
use crate::exec::scope::Vars;

impl<'e> Run<'e> {
    pub(crate) fn wait(
        &mut self,
        name: &'e str,
        s: &'e Wait,
        raw: Value,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let language = self.language_of(s.query_language);
        let input = match language {
            QueryLanguage::JsonPath => {
                self.filter_path(name, "InputPath", &s.input_path, raw, vars)?
            }
            QueryLanguage::Jsonata => raw,
        };
        let bad = |field: &str, what: String| {
            let error = if language == QueryLanguage::Jsonata {
                names::QUERY_EVALUATION_ERROR
            } else {
                names::RUNTIME
            };
            in_state(Failure::new(error, what), name, field)
        };
        let until_ms = if let Some(seconds) = &s.seconds {
            let seconds = match seconds {
                IntOrExpr::Int(n) => Value::from(*n),
                IntOrExpr::Expr(source) => {
                    self.jsonata_str(name, "Seconds", source, &input, vars)?
                }
            };
            let seconds = seconds.as_u64().ok_or_else(|| {
                bad(
                    "Seconds",
                    format!("Seconds must be a non-negative integer, got {seconds}"),
                )
            })?;
            self.now_ms
                .saturating_add(i64::try_from(seconds.saturating_mul(1000)).unwrap_or(i64::MAX))
        } else if let Some(source) = &s.seconds_path {
            let seconds = self.select(name, "SecondsPath", source, &input, vars)?;
            let seconds = seconds.as_u64().ok_or_else(|| {
                bad(
                    "SecondsPath",
                    format!(
                        "SecondsPath '{source}' must select a non-negative integer, got {seconds}"
                    ),
                )
            })?;
            self.now_ms
                .saturating_add(i64::try_from(seconds.saturating_mul(1000)).unwrap_or(i64::MAX))
        } else {
            let (field, stamp) = match (&s.timestamp, &s.timestamp_path, language) {
                (Some(text), _, QueryLanguage::Jsonata) => (
                    "Timestamp",
                    self.jsonata_str(name, "Timestamp", text, &input, vars)?,
                ),
                (Some(text), _, QueryLanguage::JsonPath) => {
                    ("Timestamp", Value::String(text.clone()))
                }
                (None, Some(source), _) => (
                    "TimestampPath",
                    self.select(name, "TimestampPath", source, &input, vars)?,
                ),
                (None, None, _) => {
                    return Err(in_state(
                        Failure::runtime(
                            "a Wait state needs Seconds, SecondsPath, Timestamp or TimestampPath",
                        ),
                        name,
                        "Wait",
                    ));
                }
            };
            stamp.as_str().and_then(parse_timestamp).ok_or_else(|| {
                bad(
                    field,
                    format!("{field} must be an RFC 3339 timestamp, got {stamp}"),
                )
            })?
        };
        if until_ms > self.now_ms {
            self.advance(until_ms - self.now_ms)?;
        }
        let (output, assigned) = match language {
            QueryLanguage::JsonPath => {
                let assigned = self.assign_jsonpath(name, &s.assign, &input, vars)?;
                (
                    self.filter_path(name, "OutputPath", &s.output_path, input, vars)?,
                    assigned,
                )
            }
            QueryLanguage::Jsonata => {
                let assigned =
                    self.assign_jsonata(name, &s.assign, &input, Extra::default(), vars)?;
                let output = match &s.output {
                    Some(output) => {
                        self.jsonata(name, "Output", output, &input, Extra::default(), vars)?
                    }
                    None => input,
                };
                (output, assigned)
            }
        };
        self.apply_assign(vars, assigned);
        Ok(Step::after(output, s.transition()))
    }
}
