//! `Wait`: advances the virtual clock by `Seconds` or to `Timestamp` (never sleeps).

use serde_json::Value;

use crate::asl::{IntOrExpr, QueryLanguage, Wait};
use crate::exec::clock::parse_timestamp;
use crate::exec::data::Data;
use crate::exec::engine::{Run, Step};
use crate::exec::errors::{Failure, names};
use crate::exec::pipeline::{Extra, in_state};
use crate::exec::scope::Vars;

impl<'e> Run<'e> {
    pub(crate) fn wait(
        &mut self,
        name: &'e str,
        s: &'e Wait,
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
        let entered = self.entered_event;
        let bad = |what: String| {
            let error = if language == QueryLanguage::Jsonata {
                names::QUERY_EVALUATION_ERROR
            } else {
                names::RUNTIME
            };
            in_state(Failure::new(error, what), name, entered)
        };
        let delay_ms = if let Some(seconds) = &s.seconds {
            let seconds = match seconds {
                IntOrExpr::Int(n) => Value::from(*n),
                IntOrExpr::Expr(source) => {
                    self.jsonata_str(name, "Seconds", source, &input, vars)?
                }
            };
            let seconds = seconds.as_u64().ok_or_else(|| {
                bad(format!(
                    "Seconds must be a non-negative integer, got {seconds}"
                ))
            })?;
            seconds_to_ms(seconds)
        } else if let Some(source) = &s.seconds_path {
            let value = self.select(name, "SecondsPath", source, &input, vars)?;
            // The service's words (localstack snapshot tests, aws.validated).
            match (value.as_u64(), value.as_i64()) {
                (Some(seconds), _) => seconds_to_ms(seconds),
                (None, Some(_)) => {
                    return Err(bad(format!(
                        "The SecondsPath parameter references a negative value: {source} == {}",
                        plain(&value)
                    )));
                }
                (None, None) => {
                    return Err(bad(format!(
                        "The SecondsPath parameter cannot be parsed as a long value: {source} == {}",
                        plain(&value)
                    )));
                }
            }
        } else {
            let (field, written, stamp) = match (&s.timestamp, &s.timestamp_path, language) {
                (Some(text), _, QueryLanguage::Jsonata) => (
                    "Timestamp",
                    text,
                    self.jsonata_str(name, "Timestamp", text, &input, vars)?,
                ),
                (Some(text), _, QueryLanguage::JsonPath) => {
                    ("Timestamp", text, Value::String(text.clone()))
                }
                (None, Some(source), _) => (
                    "TimestampPath",
                    source,
                    self.select(name, "TimestampPath", source, &input, vars)?,
                ),
                (None, None, _) => {
                    return Err(in_state(
                        Failure::runtime(
                            "a Wait state needs Seconds, SecondsPath, Timestamp or TimestampPath",
                        ),
                        name,
                        entered,
                    ));
                }
            };
            // Recorded against AWS (localstack snapshot tests, aws.validated).
            let until = stamp.as_str().and_then(parse_timestamp).ok_or_else(|| {
                bad(format!(
                    "The {field} parameter does not reference a valid ISO-8601 extended offset date-time format string: {written} == {}",
                    plain(&stamp)
                ))
            })?;
            until.saturating_sub(self.now_ms)
        };
        // The service refuses a wait longer than 2^31 - 1 seconds (about 24,855 days) at
        // once, instead of waiting until the execution's duration quota.
        if delay_ms > MAX_WAIT_MS {
            return Err(in_state(
                Failure::runtime("Wait state delay is too long."),
                name,
                entered,
            ));
        }
        if delay_ms > 0 {
            self.advance(delay_ms)?;
        }
        let (output, assigned) = match language {
            QueryLanguage::JsonPath => {
                let assigned = self.assign_jsonpath(name, &s.assign, &input, vars)?;
                (
                    self.filter_data(name, "OutputPath", &s.output_path, input, vars)?,
                    assigned,
                )
            }
            QueryLanguage::Jsonata => {
                let assigned =
                    self.assign_jsonata(name, &s.assign, &input, Extra::default(), vars)?;
                let output = match &s.output {
                    Some(output) => self
                        .jsonata(name, "Output", output, &input, Extra::default(), vars)?
                        .into(),
                    None => input,
                };
                (output, assigned)
            }
        };
        self.apply_assign(vars, assigned);
        Ok(Step::after(output, s.transition()))
    }
}

/// The longest wait the service accepts: 2^31 - 1 seconds.
const MAX_WAIT_MS: i64 = i32::MAX as i64 * 1000;

fn seconds_to_ms(seconds: u64) -> i64 {
    i64::try_from(seconds.saturating_mul(1000)).unwrap_or(i64::MAX)
}

/// A value as the service prints it after `==`: strings without quotes, the rest as JSON.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}
