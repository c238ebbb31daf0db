//! Static signatures of the intrinsic functions: arity and what each argument may be.
//! Only literal arguments can be checked before run time; paths and nested calls are
//! accepted anywhere and checked by evaluation.

use super::format::{self, TemplateError};
use super::{Arg, ArgKind, Intrinsic, IntrinsicFn};
use crate::path::error::ParseError;

/// What an argument position accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArgSpec {
    /// Any literal, path or call.
    Any,
    /// A string.
    String,
    /// A number.
    Number,
    /// An integer.
    Integer,
    /// An integer greater than 0.
    PositiveInteger,
    /// An integer of at least 0.
    NonNegativeInteger,
    /// A boolean.
    Bool,
    /// An array: only a path or a call can produce one.
    Array,
    /// An object: only a path or a call can produce one.
    Object,
    /// A JSON value taken from a path or a call (no literal).
    Json,
    /// One of `MD5`, `SHA-1`, `SHA-256`, `SHA-384`, `SHA-512`.
    HashAlgorithm,
}

impl ArgSpec {
    fn describe(self) -> &'static str {
        match self {
            ArgSpec::Any => "any value",
            ArgSpec::String => "a string",
            ArgSpec::Number => "a number",
            ArgSpec::Integer => "an integer",
            ArgSpec::PositiveInteger => "a positive integer",
            ArgSpec::NonNegativeInteger => "an integer of at least 0",
            ArgSpec::Bool => "true or false",
            ArgSpec::Array => "an array (a path or an intrinsic call)",
            ArgSpec::Object => "an object (a path or an intrinsic call)",
            ArgSpec::Json => "a path or an intrinsic call",
            ArgSpec::HashAlgorithm => "one of 'MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'",
        }
    }
}

/// Arity and argument kinds of one function.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Signature {
    /// The fixed leading parameters (the first `min` are required).
    pub params: &'static [ArgSpec],
    /// How many arguments are required.
    pub min: usize,
    /// What further arguments may be, if any (`States.Format`, `States.Array`).
    pub rest: Option<ArgSpec>,
}

/// Hash algorithm names accepted by `States.Hash`.
pub const HASH_ALGORITHMS: [&str; 5] = ["MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512"];

/// Largest `States.ArrayRange` result.
pub const MAX_RANGE_ITEMS: i128 = 1000;

/// Longest input of `States.Base64Encode`, `States.Base64Decode` and `States.Hash`.
pub const MAX_ENCODE_CHARS: usize = 10_000;

impl IntrinsicFn {
    /// The function's signature.
    pub fn signature(self) -> Signature {
        use ArgSpec as A;
        let fixed = |params: &'static [ArgSpec]| Signature {
            params,
            min: params.len(),
            rest: None,
        };
        match self {
            IntrinsicFn::Format => Signature {
                params: &[A::String],
                min: 1,
                rest: Some(A::Any),
            },
            IntrinsicFn::StringToJson => fixed(&[A::String]),
            IntrinsicFn::JsonToString => fixed(&[A::Json]),
            IntrinsicFn::Array => Signature {
                params: &[],
                min: 0,
                rest: Some(A::Any),
            },
            IntrinsicFn::ArrayPartition => fixed(&[A::Array, A::PositiveInteger]),
            IntrinsicFn::ArrayContains => fixed(&[A::Array, A::Any]),
            IntrinsicFn::ArrayRange => fixed(&[A::Integer, A::Integer, A::Integer]),
            IntrinsicFn::ArrayGetItem => fixed(&[A::Array, A::NonNegativeInteger]),
            IntrinsicFn::ArrayLength | IntrinsicFn::ArrayUnique => fixed(&[A::Array]),
            IntrinsicFn::Base64Encode | IntrinsicFn::Base64Decode => fixed(&[A::String]),
            IntrinsicFn::Hash => fixed(&[A::Any, A::HashAlgorithm]),
            IntrinsicFn::JsonMerge => fixed(&[A::Object, A::Object, A::Bool]),
            // Non-integer bounds are rounded by the service (AWS Developer Guide).
            IntrinsicFn::MathRandom => Signature {
                params: &[A::Number, A::Number, A::Integer],
                min: 2,
                rest: None,
            },
            IntrinsicFn::MathAdd => fixed(&[A::Number, A::Number]),
            IntrinsicFn::StringSplit => fixed(&[A::String, A::String]),
            IntrinsicFn::Uuid => fixed(&[]),
        }
    }
}

fn arity_text(sig: &Signature) -> String {
    let n = sig.params.len();
    let plural = |k: usize| if k == 1 { "argument" } else { "arguments" };
    match (sig.min, sig.rest) {
        (min, Some(_)) => format!("at least {min} {}", plural(min)),
        (min, None) if min == n => format!("{n} {}", plural(n)),
        (min, None) => format!("{min} to {n} arguments"),
    }
}

/// Checks arity, literal argument kinds and function-specific static rules.
pub(crate) fn check_call(call: &Intrinsic, src: &str) -> Result<(), ParseError> {
    let sig = call.function.signature();
    let name = call.function.name();
    let too_many = sig.rest.is_none() && call.args.len() > sig.params.len();
    if call.args.len() < sig.min || too_many {
        let offset = match call.args.get(sig.params.len()) {
            Some(extra) if too_many => extra.span.start,
            _ => call.span.end.saturating_sub(1),
        };
        return Err(ParseError::new(
            offset,
            format!(
                "{name} takes {}, found {}",
                arity_text(&sig),
                call.args.len()
            ),
        ));
    }
    for (i, arg) in call.args.iter().enumerate() {
        let spec = sig
            .params
            .get(i)
            .copied()
            .or(sig.rest)
            .unwrap_or(ArgSpec::Any);
        check_literal(arg, spec, call.function, i)?;
    }
    match call.function {
        IntrinsicFn::Format => check_format(call, src),
        IntrinsicFn::ArrayRange => check_range(call),
        IntrinsicFn::JsonMerge => match call.args.get(2) {
            Some(Arg {
                kind: ArgKind::Bool(true),
                span,
            }) => Err(ParseError::new(
                span.start,
                "States.JsonMerge supports only a shallow merge: expected `false`",
            )),
            _ => Ok(()),
        },
        _ => Ok(()),
    }
}

fn literal_name(kind: &ArgKind) -> &'static str {
    match kind {
        ArgKind::String(_) => "a string",
        ArgKind::Number(_) => "a number",
        ArgKind::Bool(_) => "a boolean",
        ArgKind::Null => "null",
        ArgKind::Path(_) => "a path",
        ArgKind::Call(_) => "an intrinsic call",
    }
}

fn check_literal(
    arg: &Arg,
    spec: ArgSpec,
    function: IntrinsicFn,
    index: usize,
) -> Result<(), ParseError> {
    let name = function.name();
    let integer = |n: &serde_json::Number| {
        n.as_i64()
            .or_else(|| n.as_f64().filter(|f| f.fract() == 0.0).map(|f| f as i64))
    };
    let ok = match (&arg.kind, spec) {
        (ArgKind::Path(_) | ArgKind::Call(_), _) | (_, ArgSpec::Any) => true,
        (ArgKind::String(s), ArgSpec::String) => {
            if matches!(
                function,
                IntrinsicFn::Base64Encode | IntrinsicFn::Base64Decode
            ) && s.chars().count() > MAX_ENCODE_CHARS
            {
                return Err(ParseError::new(
                    arg.span.start,
                    format!("{name} accepts at most {MAX_ENCODE_CHARS} characters"),
                ));
            }
            true
        }
        (ArgKind::String(s), ArgSpec::HashAlgorithm) => HASH_ALGORITHMS.contains(&s.as_str()),
        (ArgKind::Number(_), ArgSpec::Number) => true,
        (ArgKind::Number(n), ArgSpec::Integer) => integer(n).is_some(),
        (ArgKind::Number(n), ArgSpec::PositiveInteger) => integer(n).is_some_and(|i| i > 0),
        (ArgKind::Number(n), ArgSpec::NonNegativeInteger) => integer(n).is_some_and(|i| i >= 0),
        (ArgKind::Bool(_), ArgSpec::Bool) => true,
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(ParseError::new(
            arg.span.start,
            format!(
                "argument {} of {name} must be {}, found {}",
                index + 1,
                spec.describe(),
                match &arg.kind {
                    ArgKind::Number(n) => format!("the number {n}"),
                    ArgKind::String(s) => format!("the string '{s}'"),
                    other => literal_name(other).to_string(),
                }
            ),
        ))
    }
}

/// A literal template's `{}` count must equal the number of remaining arguments.
fn check_format(call: &Intrinsic, src: &str) -> Result<(), ParseError> {
    let Some(Arg {
        kind: ArgKind::String(template),
        span,
    }) = call.args.first()
    else {
        return Ok(());
    };
    // Offsets inside the template are approximate when it contains `\'`; point at the
    // string itself in that case.
    let body_start = span.start + 1;
    let exact = src.get(body_start..span.end.saturating_sub(1)) == Some(template.as_str());
    let at = |i: usize| if exact { body_start + i } else { span.start };
    let parts = format::parse_template(template, true).map_err(|e| match e {
        TemplateError::LoneBrace { at: i, brace } => ParseError::new(
            at(i),
            format!(
                "a literal `{brace}` in a States.Format template must be escaped as `\\{brace}`"
            ),
        ),
    })?;
    let placeholders = format::placeholder_count(&parts);
    let values = call.args.len() - 1;
    if placeholders != values {
        return Err(ParseError::new(
            span.start,
            format!(
                "the States.Format template has {placeholders} `{{}}` placeholder{} but {values} \
                 value{} follow{}",
                if placeholders == 1 { "" } else { "s" },
                if values == 1 { "" } else { "s" },
                if values == 1 { "s" } else { "" },
            ),
        ));
    }
    Ok(())
}

/// Literal step 0 and literal ranges over the item quota are errors before run time.
fn check_range(call: &Intrinsic) -> Result<(), ParseError> {
    let lit = |i: usize| match call.args.get(i) {
        Some(Arg {
            kind: ArgKind::Number(n),
            span,
        }) => n
            .as_i64()
            .or_else(|| n.as_f64().map(|f| f as i64))
            .map(|v| (v, span.start)),
        _ => None,
    };
    if let Some((0, at)) = lit(2) {
        return Err(ParseError::new(
            at,
            "the step of States.ArrayRange must not be 0",
        ));
    }
    if let (Some((start, at)), Some((end, _)), Some((step, _))) = (lit(0), lit(1), lit(2)) {
        let count = super::functions::range_len(start, end, step);
        if count > MAX_RANGE_ITEMS {
            return Err(ParseError::new(
                at,
                format!(
                    "States.ArrayRange would produce {count} items; at most {MAX_RANGE_ITEMS} are allowed"
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arity_descriptions() {
        assert_eq!(arity_text(&IntrinsicFn::Uuid.signature()), "0 arguments");
        assert_eq!(
            arity_text(&IntrinsicFn::ArrayLength.signature()),
            "1 argument"
        );
        assert_eq!(
            arity_text(&IntrinsicFn::MathRandom.signature()),
            "2 to 3 arguments"
        );
        assert_eq!(
            arity_text(&IntrinsicFn::Array.signature()),
            "at least 0 arguments"
        );
    }

    #[test]
    fn every_function_has_a_consistent_signature() {
        for f in IntrinsicFn::ALL {
            let sig = f.signature();
            assert!(sig.min <= sig.params.len(), "{}", f.name());
        }
    }

    #[test]
    fn literal_kinds_are_checked_only_for_literals() {
        assert!(crate::path::parse_intrinsic("States.ArrayGetItem($.a, $.i)").is_ok());
        assert!(crate::path::parse_intrinsic("States.ArrayGetItem($.a, 2.0)").is_ok());
        assert!(crate::path::parse_intrinsic("States.ArrayGetItem($.a, 'x')").is_err());
        let long = format!(
            "States.Base64Encode('{}')",
            "a".repeat(MAX_ENCODE_CHARS + 1)
        );
        assert!(crate::path::parse_intrinsic(&long).is_err());
    }
}
