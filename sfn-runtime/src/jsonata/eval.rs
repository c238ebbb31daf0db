//! JSONata evaluation for JSONata-mode states, on `jsonata-core`: `$states` (input,
//! context, result, errorOutput), state-machine variables as `$name`, and the Step
//! Functions extension functions `$partition`, `$range`, `$hash`, `$random`, `$uuid`,
//! `$parse`.

#[cfg(feature = "jsonata")]
use std::cell::Cell;
#[cfg(feature = "jsonata")]
use std::rc::Rc;

#[cfg(feature = "jsonata")]
use indexmap::IndexMap;
#[cfg(feature = "jsonata")]
use jsonata_core::evaluator::{Context, Evaluator, EvaluatorError, EvaluatorOptions};
#[cfg(feature = "jsonata")]
use jsonata_core::value::JValue;
#[cfg(feature = "jsonata")]
use serde_json::Number;

#[cfg(feature = "jsonata")]
use crate::limits;
use serde_json::{Map, Value};

/// The body of a JSONata string: `"{% $x + 1 %}"` -> `" $x + 1 "`; `None` for any other
/// string (text outside the delimiters, even a space, makes it a plain literal).
pub fn jsonata_body(text: &str) -> Option<&str> {
    super::expression(text)
}

/// A parsed JSONata expression, evaluated many times.
#[derive(Debug, Clone)]
pub struct JsonataExpr {
    source: String,
    #[cfg(feature = "jsonata")]
    ast: jsonata_core::ast::AstNode,
}

/// What a JSONata expression can see: `$states` and the state machine's variables.
pub struct Bindings<'a> {
    /// `$states.input`: the state's raw input.
    pub input: &'a Value,
    /// `$states.context`: the context object.
    pub context: &'a Value,
    /// `$states.result` (Task, Parallel, Map `Output`/`Assign`).
    pub result: Option<&'a Value>,
    /// `$states.errorOutput` (a Catcher's `Output`/`Assign`).
    pub error_output: Option<&'a Value>,
    /// Variables visible to the state (`$name`).
    pub variables: &'a Map<String, Value>,
    /// Seed for `$random()` and `$uuid()` in this evaluation (the executor draws it from its
    /// seeded generator, so runs repeat).
    pub seed: u64,
}

/// Why an evaluation failed (reported as `States.QueryEvaluationError`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonataEvalError {
    /// What went wrong, naming the expression.
    pub message: String,
    /// Set when the expression gave no value (undefined): its text. The executor words
    /// this case as the service does, naming the field.
    pub undefined: Option<String>,
    /// Where in the field the failing expression is: `/key` per object member, `[i]` per
    /// array item (empty for the field itself).
    pub location: String,
}

impl JsonataEvalError {
    fn new(message: String) -> JsonataEvalError {
        JsonataEvalError {
            message,
            undefined: None,
            location: String::new(),
        }
    }

    fn within(mut self, step: impl std::fmt::Display) -> JsonataEvalError {
        self.location = format!("{step}{}", self.location);
        self
    }
}

impl std::fmt::Display for JsonataEvalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for JsonataEvalError {}

impl JsonataExpr {
    /// Parses an expression body (the text between `{%` and `%}`).
    #[cfg(not(feature = "jsonata"))]
    pub fn compile(body: &str) -> Result<JsonataExpr, String> {
        Err(format!(
            "the JSONata expression '{}' cannot run: sfn-runtime was built without its `jsonata` feature",
            body.trim()
        ))
    }

    /// Evaluates the expression (never reached without the `jsonata` feature: compiling fails).
    #[cfg(not(feature = "jsonata"))]
    pub fn evaluate(&self, _bindings: &Bindings) -> Result<Value, JsonataEvalError> {
        Err(JsonataEvalError::new(format!(
            "the JSONata expression '{}' cannot run without the `jsonata` feature",
            self.source
        )))
    }

    /// Parses an expression body (the text between `{%` and `%}`).
    #[cfg(feature = "jsonata")]
    pub fn compile(body: &str) -> Result<JsonataExpr, String> {
        // jsonata-core may panic on odd input; a panic is reported as a parse error.
        let parsed =
            std::panic::catch_unwind(|| jsonata_core::parser::parse(body)).map_err(|_| {
                format!(
                    "the JSONata expression '{}' could not be parsed (the parser failed)",
                    body.trim()
                )
            })?;
        parsed
            .map(|ast| JsonataExpr {
                source: body.trim().to_owned(),
                ast: super::budget::instrument(ast),
            })
            .map_err(|e| {
                format!(
                    "the JSONata expression '{}' does not parse: {e}",
                    body.trim()
                )
            })
    }

    /// The expression text.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// Evaluates the expression. An undefined result (a missing field) is an error, as in
    /// Step Functions. Every evaluation is bounded by [`crate::limits`]: its time, stack
    /// depth and sequence length inside jsonata-core, the bytes it builds (the memory
    /// budget, kept by the host functions `compile` wove in), the depth and size of the values
    /// converted in and out here; a bound that is hit names itself in the error.
    #[cfg(feature = "jsonata")]
    pub fn evaluate(&self, bindings: &Bindings) -> Result<Value, JsonataEvalError> {
        let fail = |message: String| {
            JsonataEvalError::new(format!(
                "the JSONata expression '{}' failed: {message}",
                self.source
            ))
        };
        let mut context = Context::new();
        let mut states = IndexMap::new();
        states.insert("input".to_owned(), to_jvalue(bindings.input).map_err(fail)?);
        states.insert(
            "context".to_owned(),
            to_jvalue(bindings.context).map_err(fail)?,
        );
        if let Some(result) = bindings.result {
            states.insert("result".to_owned(), to_jvalue(result).map_err(fail)?);
        }
        if let Some(error_output) = bindings.error_output {
            states.insert(
                "errorOutput".to_owned(),
                to_jvalue(error_output).map_err(fail)?,
            );
        }
        context.bind("states".to_owned(), JValue::object(states));
        for (name, value) in bindings.variables {
            context.bind(name.clone(), to_jvalue(value).map_err(fail)?);
        }
        let mut evaluator = Evaluator::with_options(context, evaluator_options());
        register_extensions(&mut evaluator, bindings.seed).map_err(|e| fail(e.to_string()))?;
        super::budget::Budget::new()
            .register(&mut evaluator)
            .map_err(|e| fail(e.to_string()))?;
        let evaluated = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            jsonata_core::value::with_stack(|| evaluator.evaluate(&self.ast, &JValue::Null))
        }))
        .map_err(|_| fail("the evaluator failed unexpectedly".to_owned()))?;
        let result = evaluated.map_err(|e| fail(evaluation_cause(e.message())))?;
        match from_jvalue(&result).map_err(fail)? {
            Some(value) => Ok(value),
            None => Err(JsonataEvalError {
                undefined: Some(self.source.clone()),
                ..JsonataEvalError::new(format!(
                    "the JSONata expression '{}' returned no value (undefined)",
                    self.source
                ))
            }),
        }
    }
}

#[cfg(feature = "jsonata")]
/// jsonata-core's guardrails, set from [`crate::limits`].
fn evaluator_options() -> EvaluatorOptions {
    EvaluatorOptions {
        timeout_ms: Some(limits::JSONATA_TIME_BUDGET.as_millis() as u64),
        cancel: None,
        max_stack_depth: Some(limits::JSONATA_MAX_STACK_DEPTH),
        max_sequence_length: Some(limits::JSONATA_MAX_SEQUENCE),
    }
}

#[cfg(feature = "jsonata")]
/// jsonata-core's message, with its guardrail codes named as the limits sfn set.
fn evaluation_cause(message: &str) -> String {
    let code = message.split(':').next().unwrap_or_default();
    match code {
        "D1012" => limits::exceeded(
            "JSONATA_TIME_BUDGET",
            format_args!("{} ms", limits::JSONATA_TIME_BUDGET.as_millis()),
        ),
        "D1011" | "U1001" => limits::exceeded(
            "JSONATA_MAX_STACK_DEPTH",
            format_args!(
                "{} evaluation levels; is a function recursing without end?",
                limits::JSONATA_MAX_STACK_DEPTH
            ),
        ),
        "D2015" => limits::exceeded(
            "JSONATA_MAX_SEQUENCE",
            format_args!("{} items", limits::JSONATA_MAX_SEQUENCE),
        ),
        _ => message.to_owned(),
    }
}

/// A JSONata-mode field: any JSON in which every `{% %}` string is an expression.
#[derive(Debug, Clone)]
pub enum JsonataTemplate {
    /// No expression inside: used as is.
    Literal(Value),
    /// A `{% %}` string, or the reason it does not parse.
    Expr(Result<Box<JsonataExpr>, String>),
    /// An object with expressions inside.
    Object(Vec<(String, JsonataTemplate)>),
    /// An array with expressions inside.
    Array(Vec<JsonataTemplate>),
}

impl JsonataTemplate {
    /// Compiles a field value.
    pub fn compile(value: &Value) -> JsonataTemplate {
        if !has_expression(value) {
            return JsonataTemplate::Literal(value.clone());
        }
        match value {
            Value::String(text) => JsonataTemplate::compile_str(text),
            Value::Object(object) => JsonataTemplate::Object(
                object
                    .iter()
                    .map(|(k, v)| (k.clone(), JsonataTemplate::compile(v)))
                    .collect(),
            ),
            Value::Array(items) => {
                JsonataTemplate::Array(items.iter().map(JsonataTemplate::compile).collect())
            }
            other => JsonataTemplate::Literal(other.clone()),
        }
    }

    /// Compiles a string field: an expression if delimited, else a literal string.
    pub fn compile_str(text: &str) -> JsonataTemplate {
        match jsonata_body(text) {
            Some(body) => JsonataTemplate::Expr(JsonataExpr::compile(body).map(Box::new)),
            None => JsonataTemplate::Literal(Value::String(text.to_owned())),
        }
    }

    /// Evaluates every expression inside and returns the resulting JSON.
    pub fn evaluate(&self, bindings: &Bindings) -> Result<Value, JsonataEvalError> {
        match self {
            JsonataTemplate::Literal(value) => Ok(value.clone()),
            JsonataTemplate::Expr(Ok(expr)) => expr.evaluate(bindings),
            JsonataTemplate::Expr(Err(message)) => Err(JsonataEvalError::new(message.clone())),
            JsonataTemplate::Object(fields) => {
                let mut object = Map::with_capacity(fields.len());
                for (key, template) in fields {
                    let value = template
                        .evaluate(bindings)
                        .map_err(|e| e.within(format_args!("/{key}")))?;
                    object.insert(key.clone(), value);
                }
                Ok(Value::Object(object))
            }
            JsonataTemplate::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    t.evaluate(bindings)
                        .map_err(|e| e.within(format_args!("[{i}]")))
                })
                .collect::<Result<Vec<_>, _>>()
                .map(Value::Array),
        }
    }
}

fn has_expression(value: &Value) -> bool {
    match value {
        Value::String(text) => jsonata_body(text).is_some(),
        Value::Object(object) => object.values().any(has_expression),
        Value::Array(items) => items.iter().any(has_expression),
        _ => false,
    }
}

#[cfg(feature = "jsonata")]
/// serde_json -> jsonata-core; a value nested deeper than [`limits::MAX_JSON_DEPTH`] is
/// refused (a Rust handler or a variable can hold one that no reader would produce).
pub fn to_jvalue(value: &Value) -> Result<JValue, String> {
    to_jvalue_at(value, 1)
}

#[cfg(feature = "jsonata")]
fn to_jvalue_at(value: &Value, depth: usize) -> Result<JValue, String> {
    if depth > limits::MAX_JSON_DEPTH && matches!(value, Value::Array(_) | Value::Object(_)) {
        return Err(too_deep());
    }
    Ok(match value {
        Value::Null => JValue::Null,
        Value::Bool(b) => JValue::Bool(*b),
        Value::Number(n) => JValue::Number(n.as_f64().unwrap_or(0.0)),
        Value::String(s) => JValue::string(s.as_str()),
        Value::Array(items) => JValue::array(
            items
                .iter()
                .map(|item| to_jvalue_at(item, depth + 1))
                .collect::<Result<_, _>>()?,
        ),
        Value::Object(object) => JValue::object(
            object
                .iter()
                .map(|(k, v)| Ok((k.clone(), to_jvalue_at(v, depth + 1)?)))
                .collect::<Result<IndexMap<_, _>, String>>()?,
        ),
    })
}

#[cfg(feature = "jsonata")]
fn too_deep() -> String {
    limits::exceeded(
        "MAX_JSON_DEPTH",
        format_args!("{} levels of nesting", limits::MAX_JSON_DEPTH),
    )
}

#[cfg(feature = "jsonata")]
/// jsonata-core -> serde_json; `Ok(None)` for undefined. Whole numbers become JSON integers
/// (`4`, not `4.0`), as the service prints them; functions become `null`. A value deeper
/// than [`limits::MAX_JSON_DEPTH`] or larger than [`limits::JSONATA_MAX_RESULT_BYTES`] is
/// an error, found before the whole value is copied.
pub fn from_jvalue(value: &JValue) -> Result<Option<Value>, String> {
    let mut budget = limits::JSONATA_MAX_RESULT_BYTES;
    from_jvalue_at(value, 1, &mut budget)
}

#[cfg(feature = "jsonata")]
fn from_jvalue_at(
    value: &JValue,
    depth: usize,
    budget: &mut usize,
) -> Result<Option<Value>, String> {
    fn spend(budget: &mut usize, bytes: usize) -> Result<(), String> {
        match budget.checked_sub(bytes) {
            Some(left) => {
                *budget = left;
                Ok(())
            }
            None => Err(limits::exceeded(
                "JSONATA_MAX_RESULT_BYTES",
                format_args!("{} bytes", limits::JSONATA_MAX_RESULT_BYTES),
            )),
        }
    }
    if depth > limits::MAX_JSON_DEPTH && matches!(value, JValue::Array(_) | JValue::Object(_)) {
        return Err(too_deep());
    }
    Ok(Some(match value {
        JValue::Undefined => return Ok(None),
        JValue::Null => {
            spend(budget, 4)?;
            Value::Null
        }
        JValue::Bool(b) => {
            spend(budget, 5)?;
            Value::Bool(*b)
        }
        JValue::Number(n) => {
            spend(budget, 8)?;
            number(*n)
        }
        JValue::String(s) => {
            spend(budget, s.len() + 2)?;
            Value::String(s.to_string())
        }
        JValue::Array(items) => {
            spend(budget, 2 + items.len())?;
            let mut out = Vec::with_capacity(items.len());
            for item in items.iter() {
                if let Some(v) = from_jvalue_at(item, depth + 1, budget)? {
                    out.push(v);
                }
            }
            Value::Array(out)
        }
        JValue::Object(object) => {
            spend(budget, 2)?;
            let mut out = Map::with_capacity(object.len());
            for (k, v) in object.iter() {
                spend(budget, k.len() + 4)?;
                if let Some(v) = from_jvalue_at(v, depth + 1, budget)? {
                    out.insert(k.clone(), v);
                }
            }
            Value::Object(out)
        }
        _ => Value::Null,
    }))
}

#[cfg(feature = "jsonata")]
fn number(n: f64) -> Value {
    if n.fract() == 0.0 && n.abs() < 9.007_199_254_740_992e15 {
        Value::Number(Number::from(n as i64))
    } else {
        Number::from_f64(n).map_or(Value::Null, Value::Number)
    }
}

#[cfg(feature = "jsonata")]
fn arg_error(function: &str, message: &str) -> EvaluatorError {
    EvaluatorError::EvaluationError(format!("${function}: {message}"))
}

#[cfg(feature = "jsonata")]
fn int_arg(args: &[JValue], i: usize, function: &str) -> Result<i64, EvaluatorError> {
    match args.get(i).and_then(JValue::as_f64) {
        Some(n) if n.fract() == 0.0 => Ok(n as i64),
        _ => Err(arg_error(
            function,
            &format!("argument {} must be an integer", i + 1),
        )),
    }
}

#[cfg(feature = "jsonata")]
/// SplitMix64 step for the seeded `$random`/`$uuid`.
fn next(state: &Cell<u64>) -> u64 {
    let s = state.get().wrapping_add(0x9E37_79B9_7F4A_7C15);
    state.set(s);
    let mut z = s;
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

#[cfg(feature = "jsonata")]
fn register_extensions(evaluator: &mut Evaluator, seed: u64) -> Result<(), EvaluatorError> {
    evaluator.register_fn("partition", |args: &[JValue]| {
        let items = args
            .first()
            .and_then(JValue::as_array)
            .ok_or_else(|| arg_error("partition", "argument 1 must be an array"))?;
        let size = int_arg(args, 1, "partition")?;
        if size <= 0 {
            return Err(arg_error(
                "partition",
                "the chunk size must be a positive integer",
            ));
        }
        let chunks = items
            .chunks(size as usize)
            .map(|c| JValue::array(c.to_vec()))
            .collect();
        Ok(JValue::array(chunks))
    })?;
    evaluator.register_fn("range", |args: &[JValue]| {
        let (start, end, step) = (
            int_arg(args, 0, "range")?,
            int_arg(args, 1, "range")?,
            int_arg(args, 2, "range")?,
        );
        if step == 0 {
            return Err(arg_error("range", "the step must not be 0"));
        }
        let mut out = Vec::new();
        let mut i = start;
        while (step > 0 && i <= end) || (step < 0 && i >= end) {
            if out.len() >= 1000 {
                return Err(arg_error(
                    "range",
                    "the result would have more than 1000 items",
                ));
            }
            out.push(JValue::from(i));
            match i.checked_add(step) {
                Some(next) => i = next,
                None => break,
            }
        }
        // A one-item sequence collapses to its item, as in JSONata (`$range(1,9,9)` -> 1).
        Ok(if out.len() == 1 {
            out.remove(0)
        } else {
            JValue::array(out)
        })
    })?;
    evaluator.register_fn("parse", |args: &[JValue]| {
        let text = args
            .first()
            .and_then(JValue::as_str)
            .ok_or_else(|| arg_error("parse", "argument 1 must be a string"))?;
        let value: Value = serde_json::from_str(text)
            .map_err(|e| arg_error("parse", &format!("not JSON: {e}")))?;
        to_jvalue(&value).map_err(|m| arg_error("parse", &m))
    })?;
    evaluator.register_fn("hash", |args: &[JValue]| {
        let data = match args.first() {
            Some(JValue::String(s)) => s.to_string(),
            Some(other) => from_jvalue(other)
                .map_err(|m| arg_error("hash", &m))?
                .map(|v| v.to_string())
                .unwrap_or_default(),
            None => return Err(arg_error("hash", "argument 1 is required")),
        };
        let algorithm = args
            .get(1)
            .and_then(JValue::as_str)
            .ok_or_else(|| arg_error("hash", "argument 2 must be an algorithm name"))?;
        crate::exec::hash_hex(&data, algorithm)
            .map(JValue::from)
            .map_err(|m| arg_error("hash", &m))
    })?;
    let state = Rc::new(Cell::new(seed));
    let random_state = state.clone();
    evaluator.register_fn_override("random", move |args: &[JValue]| {
        let value = match args.first().and_then(JValue::as_f64) {
            Some(seed) => next(&Cell::new(seed.to_bits())),
            None => next(&random_state),
        };
        Ok(JValue::from((value >> 11) as f64 / (1u64 << 53) as f64))
    })?;
    evaluator.register_fn("uuid", move |_args: &[JValue]| {
        let (a, b) = (next(&state), next(&state));
        let a = (a & 0xFFFF_FFFF_FFFF_0FFF) | 0x4000;
        let b = (b & 0x3FFF_FFFF_FFFF_FFFF) | 0x8000_0000_0000_0000;
        Ok(JValue::from(format!(
            "{:08x}-{:04x}-{:04x}-{:04x}-{:012x}",
            a >> 32,
            (a >> 16) & 0xFFFF,
            a & 0xFFFF,
            b >> 48,
            b & 0xFFFF_FFFF_FFFF
        )))
    })?;
    Ok(())
}

#[cfg(all(test, feature = "jsonata"))]
mod tests {
    use super::*;
    use serde_json::json;

    fn eval(source: &str, states: Value, variables: Value) -> Result<Value, JsonataEvalError> {
        let variables = variables.as_object().cloned().unwrap_or_default();
        let input = states.get("input").cloned().unwrap_or(Value::Null);
        let bindings = Bindings {
            input: &input,
            context: &json!({}),
            result: None,
            error_output: None,
            variables: &variables,
            seed: 1,
        };
        JsonataTemplate::compile(&Value::String(source.to_owned())).evaluate(&bindings)
    }

    #[test]
    fn states_and_variables() {
        assert_eq!(
            eval(
                "{% $states.input.a + $x %}",
                json!({"input": {"a": 1}}),
                json!({"x": 2})
            )
            .unwrap(),
            json!(3)
        );
        assert_eq!(
            eval("{% $average([1,2]) %}", json!({}), json!({})).unwrap(),
            json!(1.5)
        );
        assert!(
            eval(
                "{% $states.input.missing %}",
                json!({"input": {}}),
                json!({})
            )
            .is_err()
        );
        assert!(eval("{% 1 + 'two' %}", json!({}), json!({})).is_err());
    }

    #[test]
    fn extension_functions() {
        assert_eq!(
            eval("{% $range(0, 10, 3) %}", json!({}), json!({})).unwrap(),
            json!([0, 3, 6, 9])
        );
        assert_eq!(
            eval("{% $range(1, 9, 9) %}", json!({}), json!({})).unwrap(),
            json!(1)
        );
        assert_eq!(
            eval("{% $partition([1,2,3], 2) %}", json!({}), json!({})).unwrap(),
            json!([[1, 2], [3]])
        );
        assert_eq!(
            eval("{% $parse('{\"a\":[1]}') %}", json!({}), json!({})).unwrap(),
            json!({"a": [1]})
        );
        let uuid = eval("{% $uuid() %}", json!({}), json!({})).unwrap();
        assert_eq!(uuid.as_str().map(str::len), Some(36));
    }

    #[test]
    fn literal_strings_stay_literal() {
        assert_eq!(
            eval(" {% 1 %}", json!({}), json!({})).unwrap(),
            json!(" {% 1 %}")
        );
    }

    /// Each runaway expression of issue 17 ends in an error naming the limit it hit.
    #[test]
    fn runaway_expressions_end_at_a_named_limit() {
        let cases = [
            (
                "{% ($f := function($x){ $f($x) + 1 }; $f(1)) %}",
                "JSONATA_MAX_STACK_DEPTH",
            ),
            (
                "{% ($f := function($x){ $f($x) }; $f(1)) %}",
                "JSONATA_TIME_BUDGET",
            ),
            (
                "{% ($f := function($s){ $f($s & $s) }; $f('ab')) %}",
                "JSONATA_MEMORY_BUDGET",
            ),
            (
                "{% $reduce([1..20000], function($a, $x){ {'a': $a} }, {}) %}",
                "MAX_JSON_DEPTH",
            ),
            ("{% [1..2000000] %}", "JSONATA_MAX_SEQUENCE"),
        ];
        for (source, limit) in cases {
            let started = std::time::Instant::now();
            let error = eval(source, json!({}), json!({})).expect_err(source);
            assert!(error.message.contains(limit), "{source}: {}", error.message);
            assert!(
                started.elapsed() < std::time::Duration::from_secs(20),
                "{source}"
            );
        }
    }

    /// Each way of building a large value quickly ends at the memory budget, most before the
    /// value is built (a doubling string, a shared value printed, a huge pad, a separator or
    /// a replacement repeated a million times, many large strings kept in an array).
    #[test]
    fn builders_end_at_the_memory_budget() {
        let shared = "($x := 'x'; $x := [1..40] ~> $reduce(function($a, $i){ {'a': $a, 'b': $a} }, 'x'); $x)";
        let big = "($s := $pad('', 1000000, 'x'))";
        let cases = [
            format!("{{% $length($string({shared})) %}}"),
            format!("{{% $length($string({shared}, true)) %}}"),
            format!("{{% $length('x' & {shared}) %}}"),
            "{% $length($pad('', 1e12)) %}".to_owned(),
            "{% $length('' ~> $pad(1e12)) %}".to_owned(),
            format!("{{% $length({shared} ~> $string()) %}}"),
            format!("{{% $length($join([1..100000].('a'), {big})) %}}"),
            format!("{{% $length($replace({big}, 'x', {big})) %}}"),
            format!(
                "{{% ($b := {big}; $length($replace({big}, /x/, function($m){{ $b }}))) %}}"
            ),
            // A match object per character, a string per character: refused before they
            // are made (they took 3 GB and 12 s for 5,000,000 characters).
            "{% $count($match($pad('', 5000000, 'x'), /x/)) %}".to_owned(),
            "{% $count($split($pad('', 5000000, 'x'), '')) %}".to_owned(),
            "{% $count($split($pad('', 5000000, 'x'), /x/)) %}".to_owned(),
            format!("{{% ($b := {big}; $count([1..200] ~> $map(function($i){{ $b & $i }}))) %}}"),
            "{% $count([1..100] ~> $map(function($i){ [1..999999] })) %}".to_owned(),
            // Doubling a string ends at the budget, unless an unoptimised build on a
            // loaded machine copies the bytes so slowly that the time budget ends it first.
            "{% ($f := function($s){ $f($s & $s) }; $f('0123456789')) %}".to_owned(),
            "{% ($f := function($s, $n){ $n = 0 ? $s : $f($s & $s, $n - 1) }; $length($f('x', 40))) %}".to_owned(),
        ];
        for source in cases {
            let started = std::time::Instant::now();
            let error = eval(&source, json!({}), json!({})).expect_err(&source);
            let timed_out = source.contains("$s & $s")
                && error.message.contains("JSONATA_TIME_BUDGET")
                && cfg!(debug_assertions);
            assert!(
                timed_out
                    || error.message.contains(&format!(
                        "JSONATA_MEMORY_BUDGET ({} bytes built)",
                        limits::JSONATA_MEMORY_BUDGET
                    )),
                "{source}: {}",
                error.message
            );
            assert!(
                started.elapsed() < std::time::Duration::from_secs(20),
                "{source}"
            );
        }
    }

    /// The budget changes no result: what the guarded operators and functions return is
    /// what jsonata-core returns without it (results as in the JSONata documentation).
    #[test]
    fn guarded_builders_keep_their_results() {
        let cases = [
            ("{% 'a' & 1 & true %}", json!("a1true")),
            ("{% [1..3] %}", json!([1, 2, 3])),
            ("{% $join(['a', 'b'], ', ') %}", json!("a, b")),
            ("{% $join(['a', 'b']) %}", json!("ab")),
            ("{% $replace('banana', 'an', 'AN') %}", json!("bANANa")),
            ("{% $replace('banana', /a/, 'o', 2) %}", json!("bonona")),
            ("{% $string({'a': [1, 2]}) %}", json!("{\"a\":[1,2]}")),
            ("{% $string({'a': 1}, true) %}", json!("{\n  \"a\": 1\n}")),
            ("{% $pad('x', -3, '#') %}", json!("##x")),
            ("{% $count($append([1, 2], [3])) %}", json!(3)),
            ("{% $map([1, 2], function($v){ $v * 2 }) %}", json!([2, 4])),
            ("{% $states.input.s.$uppercase() %}", json!("HI")),
            (
                "{% [1, 2] ~> $map(function($v){ $v + 1 }) %}",
                json!([2, 3]),
            ),
            ("{% ['a', 'b'] ~> $join('-') %}", json!("a-b")),
            ("{% 'banana' ~> $replace('a', 'o') %}", json!("bonono")),
            ("{% {'a': 1} ~> $string() %}", json!("{\"a\":1}")),
            ("{% 'x' ~> $pad(3) %}", json!("x  ")),
            // A function replacement, wrapped so each of its results is charged.
            (
                "{% $replace('a-b-c', /-(.)/, function($m){ $uppercase($m.groups[0]) }) %}",
                json!("aBC"),
            ),
            // `$distinct` is the linear one, with jsonata-js's results: first occurrences
            // in order, deep equality, anything but an array of two or more unchanged.
            (
                "{% $distinct([1, 'a', 1, {'x': [1]}, 'a', {'x': [1]}, 1.0]) %}",
                json!([1, "a", {"x": [1]}]),
            ),
            ("{% [3, 1, 3] ~> $distinct() %}", json!([3, 1])),
            ("{% $distinct('s') %}", json!("s")),
            (
                "{% $distinct([[1, 2], [2, 1], [1, 2]]) %}",
                json!([[1, 2], [2, 1]]),
            ),
            ("{% $count($distinct([1..50000])) %}", json!(50000)),
            // `$match` and `$split` are measured by running their pattern: a long text
            // with few matches, or a limit, is not refused.
            (
                "{% $match($pad('', 2000000, 'y') & 'x', /x/).index %}",
                json!(2000000),
            ),
            (
                "{% $count($match($pad('', 5000000, 'x'), /x/, 3)) %}",
                json!(3),
            ),
            ("{% $split('a,b,c', ',') %}", json!(["a", "b", "c"])),
            ("{% $split('a,b,c', ',', 2) %}", json!(["a", "b"])),
            ("{% $split('abc', '') %}", json!(["a", "b", "c"])),
            ("{% $split('a1b22c', /[0-9]+/) %}", json!(["a", "b", "c"])),
            (
                "{% $count($split($pad('', 2000000, 'x'), 'y')) %}",
                json!(1),
            ),
            ("{% 'a-b' ~> $split('-') %}", json!(["a", "b"])),
            ("{% $match('ab', /(a)(b)/).groups %}", json!(["a", "b"])),
            // `$keys` is the linear one: each key once, in the order first seen.
            (
                "{% $keys([{'b': 1, 'a': 2}, 5, {'a': 3, 'c': 4}]) %}",
                json!(["b", "a", "c"]),
            ),
            ("{% $keys({'x': 1, 'y': 2}) %}", json!(["x", "y"])),
            ("{% $keys({'x': 1}) %}", json!("x")),
            (
                "{% $count($keys([1..20000].{$string($): 1})) %}",
                json!(20000),
            ),
            (
                "{% ($keys := function($o){ 'mine' }; $keys({'a': 1})) %}",
                json!("mine"),
            ),
            // An expression's own `$distinct` is still the one it calls.
            (
                "{% ($distinct := function($a){ 'mine' }; $distinct([1, 1])) %}",
                json!("mine"),
            ),
        ];
        for (source, expected) in cases {
            let result = eval(source, json!({"input": {"s": "hi"}}), json!({}));
            assert_eq!(
                result.as_ref().ok(),
                Some(&expected),
                "{source}: {result:?}"
            );
        }
    }

    /// The linear `$distinct` and `$keys` return what jsonata-core's own return: each
    /// expression is evaluated as written (rewritten to the linear one) and with the
    /// built-in called through a variable (`$f := $keys; $f(x)`, which reaches jsonata-core's).
    #[test]
    fn linear_builtins_agree_with_jsonata_core() {
        let cases = [
            "$keys([{'b': 1, 'a': 2}, 5, {'a': 3, 'c': 4}])",
            "$keys({'x': 1})",
            "$keys([])",
            "$keys(5)",
            "$keys(nothing)",
            "$map([{'a': 1}], function($o){ $keys($o) })",
            "$map([1], function(){ $keys(nothing) })",
            "[{'a': 1}, {'b': 2}] ~> $keys()",
            "$states.input.o.$keys()",
            "$distinct([1, 'a', 1, {'x': [1]}, 'a', {'x': [1]}, 1.0, null, null, [], []])",
            "$distinct($states.input.o.*)",
            "$distinct([5])",
            "$distinct(nothing)",
            "$distinct(null)",
            "$map([[1, 1]], function($a){ $distinct($a) })",
            "$count($distinct([1..1000].($ % 7)))",
        ];
        let input = json!({"input": {"o": {"p": 1, "q": 1, "r": [2]}}});
        for source in cases {
            let linear = eval(&format!("{{% {source} %}}"), input.clone(), json!({}));
            let name = if source.contains("$keys") {
                "keys"
            } else {
                "distinct"
            };
            let through = source.replace(&format!("${name}("), "$f(");
            let core = eval(
                &format!("{{% ($f := ${name}; {through}) %}}"),
                input.clone(),
                json!({}),
            );
            assert_eq!(
                linear.as_ref().ok(),
                core.as_ref().ok(),
                "{source}: {linear:?} vs {core:?}"
            );
        }
    }

    /// Fuzzing found (fuzz/artifacts, target `exec`): a range with a bound past i64 makes
    /// jsonata-core overflow in its size check (a panic in debug builds); the bridge reports
    /// it as an evaluation error instead of unwinding into the executor.
    #[test]
    fn a_range_past_i64_is_an_error_not_a_panic() {
        let huge = format!("{{% $sum([0..5{}10]) %}}", "5".repeat(80));
        assert!(eval(&huge, json!({}), json!({})).is_err());
        assert!(eval("{% [-1e300..1e300] %}", json!({}), json!({})).is_err());
    }
}
