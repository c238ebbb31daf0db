//! Evaluating an intrinsic call: arguments first (paths select, calls recurse), then the
//! function.

use serde_json::Value;

use super::functions;
use super::{ArgKind, Intrinsic, IntrinsicFn};
use crate::path::error::EvalError;
use crate::path::eval::{Scope, select};

/// Calls `call` against `scope`. Bad argument values (wrong type, out of range, ...) fail
/// with `States.IntrinsicFailure`; paths that select nothing fail with `States.Runtime`.
/// `random` supplies bits for `States.UUID` and unseeded `States.MathRandom`.
///
/// ```
/// use serde_json::{json, Map};
/// use sfn_runtime::path::{eval_intrinsic, parse_intrinsic, Scope, SplitMix64};
/// let input = json!({"a": [1, 2, 2]});
/// let scope = Scope { input: &input, context: &json!({}), variables: &Map::new() };
/// let call = parse_intrinsic("States.ArrayUnique($.a)").unwrap();
/// let value = eval_intrinsic(&call, &scope, &mut SplitMix64::default().as_fn()).unwrap();
/// assert_eq!(value, json!([1, 2]));
/// ```
pub fn eval_intrinsic(
    call: &Intrinsic,
    scope: &Scope,
    random: &mut dyn FnMut() -> u64,
) -> Result<Value, EvalError> {
    let mut args = Vec::with_capacity(call.args.len());
    for arg in &call.args {
        args.push(match &arg.kind {
            ArgKind::String(s) => Value::String(s.clone()),
            ArgKind::Number(n) => Value::Number(n.clone()),
            ArgKind::Bool(b) => Value::Bool(*b),
            ArgKind::Null => Value::Null,
            // The service's words for an argument path that selects nothing.
            ArgKind::Path(p) => select(p, scope).map_err(|e| match &p.root {
                crate::path::Root::Variable(name) if !scope.variables.contains_key(name) => e,
                root => EvalError::runtime(format!(
                    "The JsonPath argument for the field '{p}' could not be found in the input '{}'",
                    serde_json::to_string(match root {
                        crate::path::Root::Context => scope.context,
                        crate::path::Root::Variable(name) => {
                            scope.variables.get(name).unwrap_or(&Value::Null)
                        }
                        crate::path::Root::Input => scope.input,
                    })
                    .unwrap_or_default()
                )),
            })?,
            ArgKind::Call(inner) => eval_intrinsic(inner, scope, random)?,
        });
    }
    let literal_template = matches!(call.args.first().map(|a| &a.kind), Some(ArgKind::String(_)));
    let name = call.function.name();
    let result = match call.function {
        IntrinsicFn::Format => functions::format(&args, literal_template),
        IntrinsicFn::StringToJson => functions::string_to_json(&args),
        IntrinsicFn::JsonToString => functions::json_to_string(&args),
        IntrinsicFn::Array => Ok(Value::Array(args)),
        IntrinsicFn::ArrayPartition => functions::array_partition(&args),
        IntrinsicFn::ArrayContains => functions::array_contains(&args),
        IntrinsicFn::ArrayRange => functions::array_range(&args),
        IntrinsicFn::ArrayGetItem => functions::array_get_item(&args),
        IntrinsicFn::ArrayLength => functions::array_length(&args),
        IntrinsicFn::ArrayUnique => functions::array_unique(&args),
        IntrinsicFn::Base64Encode => functions::base64_encode(&args),
        IntrinsicFn::Base64Decode => functions::base64_decode(&args),
        IntrinsicFn::Hash => functions::hash(&args),
        IntrinsicFn::JsonMerge => functions::json_merge(&args),
        IntrinsicFn::MathRandom => functions::math_random(&args, random),
        IntrinsicFn::MathAdd => functions::math_add(&args),
        IntrinsicFn::StringSplit => functions::string_split(&args),
        IntrinsicFn::Uuid => Ok(functions::uuid(random)),
    };
    result.map_err(|cause| EvalError::intrinsic(format!("{name}: {cause}")))
}
