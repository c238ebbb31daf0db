//! Rendering one value by its [`Kind`].

use super::suggest::did_you_mean;
use crate::model::{Loc, TaskError, TaskValue};
use crate::spec::{Asl, Field, Kind};
use serde_json::{Map, Number, Value};

/// The render context: the query language of the state.
#[derive(Debug, Clone, Copy)]
pub struct Rcx {
    /// True in a JSONata state (`Arguments`, `{% %}` strings, no `.$` keys).
    pub jsonata: bool,
}

/// A rendered value; `dynamic` asks for the `.$` key suffix (JSONPath states only).
#[derive(Debug, Clone, PartialEq)]
pub struct Out {
    /// The JSON value.
    pub value: Value,
    /// True when the value is a path or intrinsic that the key must flag with `.$`.
    pub dynamic: bool,
}

impl Out {
    /// A literal value.
    pub fn lit(value: Value) -> Out {
        Out {
            value,
            dynamic: false,
        }
    }
}

/// Inserts `key` (or `key.$`) into `map`.
pub fn put(map: &mut Map<String, Value>, key: &str, out: Out) {
    if out.dynamic {
        let mut dynamic = String::with_capacity(key.len() + 2);
        dynamic.push_str(key);
        dynamic.push_str(".$");
        map.insert(dynamic, out.value);
    } else {
        map.insert(key.to_string(), out.value);
    }
}

/// CDK's wording of a path that does not start with `$`, up to the value it received.
const CDK_PATH_START: &str = "JSON path values must be exactly '$', '$$', start with '$', start with '$$.', start with '$[', or start with an intrinsic function: States.Array, States.ArrayPartition, States.ArrayContains, States.ArrayRange, States.ArrayGetItem, States.ArrayLength, States.ArrayUnique, States.Base64Encode, States.Base64Decode, States.Hash, States.JsonMerge, States.StringToJson, States.JsonToString, States.MathRandom, States.MathAdd, States.StringSplit, States.UUID, or States.Format.";

impl Rcx {
    /// A path, intrinsic or JSONata value, checked against the query language. `None` for
    /// a literal.
    pub fn expression(&self, value: &TaskValue, loc: Loc) -> Option<Result<Out, TaskError>> {
        match value {
            TaskValue::Path(p) if !p.starts_with('$') => Some(Err(TaskError::new(
                loc,
                format!(
                    "a path must start with `$` (state input) or `$$` (context object), not `{p}`"
                ),
            )
            .hint(format!("write `$.{p}`"))
            .cdk(format!("{CDK_PATH_START} Received: {p}")))),
            TaskValue::Intrinsic(p) if !p.starts_with("States.") => Some(Err(TaskError::new(
                loc,
                format!("`{p}` is not an intrinsic function call"),
            )
            .hint("intrinsics are written States.Name(...)"))),
            TaskValue::Path(p) | TaskValue::Intrinsic(p) if !self.jsonata => {
                // The runtime's parser: syntax, intrinsic names, arity and argument kinds.
                Some(match sfn_runtime::path::parse_expr(p) {
                    Ok(_) => Ok(Out {
                        value: Value::String(p.clone()),
                        dynamic: true,
                    }),
                    Err(e) => Err(TaskError::new(loc, format!("invalid `{p}`: {e}"))),
                })
            }
            // Only reached in a JSONata state.
            TaskValue::Path(p) | TaskValue::Intrinsic(p) => Some(Err(TaskError::new(
                loc,
                format!("`{p}` is JSONPath, but this state uses JSONata"),
            )
            .hint("write a JSONata expression such as \"{% $states.input.field %}\""))),
            TaskValue::Jsonata(e) => Some(if self.jsonata {
                jsonata_syntax(e, loc).map(|()| Out::lit(Value::String(e.clone())))
            } else {
                Err(TaskError::new(
                    loc,
                    "a JSONata expression can only be used in a JSONata state",
                )
                .hint("add #[query_language = jsonata] to the state, or use a JsonPath such as $.field"))
            }),
            _ => None,
        }
    }

    /// Renders `value` as `kind`.
    pub fn render(&self, kind: &Kind, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
        if let Kind::Custom(f) = kind {
            return f(self, value, loc);
        }
        if let Kind::Json = kind {
            return self.json(value, loc);
        }
        if let Some(out) = self.expression(value, loc) {
            return out;
        }
        let wrong = |expected: &str| {
            Err(TaskError::new(
                loc,
                format!("expected {expected}, found {}", value.describe()),
            ))
        };
        match (kind, value) {
            (Kind::Str, TaskValue::Str(s)) => Ok(Out::lit(Value::String(s.clone()))),
            (Kind::Str, _) => wrong("a string"),
            (Kind::Number, TaskValue::Number(n)) => Ok(Out::lit(Value::Number(n.clone()))),
            (Kind::Number, _) => wrong("a number"),
            (Kind::Int(min, max), TaskValue::Number(n)) => match n.as_i64() {
                Some(i) if i >= *min && i <= *max => Ok(Out::lit(Value::Number(n.clone()))),
                Some(i) => Err(TaskError::new(
                    loc,
                    format!("must be between {min} and {max}, not {i}"),
                )),
                None => wrong("an integer"),
            },
            (Kind::Int(..), _) => wrong("an integer"),
            (Kind::Bool, TaskValue::Bool(b)) => Ok(Out::lit(Value::Bool(*b))),
            (Kind::Bool, _) => wrong("`true` or `false`"),
            (Kind::Enum(options), TaskValue::Ident(w) | TaskValue::Str(w)) => options
                .iter()
                .find(|(word, asl)| word.eq_ignore_ascii_case(w) || asl == w)
                .map(|(_, asl)| Out::lit(Value::String((*asl).to_string())))
                .ok_or_else(|| enum_error(options, w, loc)),
            (Kind::Enum(options), _) => Err(enum_error(options, "", loc)),
            (Kind::StrMap, TaskValue::Object(members)) => {
                let mut map = Map::new();
                for (k, kloc, v) in members {
                    put(&mut map, k, self.render(&Kind::Str, v, *kloc)?);
                }
                Ok(Out::lit(Value::Object(map)))
            }
            (Kind::StrMap, _) => wrong("an object of strings"),
            (Kind::StrList, TaskValue::Array(items)) => self.list(&Kind::Str, items),
            (Kind::StrList, _) => wrong("a list of strings"),
            (Kind::Tags, TaskValue::Object(members)) => {
                let mut tags = Vec::new();
                for (k, kloc, v) in members {
                    let mut tag = Map::new();
                    tag.insert("Key".into(), Value::String(k.clone()));
                    put(&mut tag, "Value", self.render(&Kind::Str, v, *kloc)?);
                    tags.push(Value::Object(tag));
                }
                Ok(Out::lit(Value::Array(tags)))
            }
            (Kind::Tags, _) => wrong("an object of tags { key: \"value\" }"),
            (Kind::Struct(fields), TaskValue::Object(members)) => self
                .object(fields, members, loc)
                .map(|m| Out::lit(Value::Object(m))),
            (Kind::Struct(_), _) => wrong("an object"),
            (Kind::List(inner), TaskValue::Array(items)) => self.list(inner, items),
            (Kind::List(_), _) => wrong("a list"),
            (Kind::Seconds, TaskValue::DurationSecs(s)) => Ok(Out::lit(Value::from(*s))),
            (Kind::Seconds, _) => wrong("a duration such as `30s` or `5min`"),
            (Kind::Minutes, TaskValue::DurationSecs(s)) => {
                if s % 60 == 0 {
                    Ok(Out::lit(Value::from(s / 60)))
                } else {
                    Err(TaskError::new(
                        loc,
                        format!("must be a whole number of minutes, not `{s}s`"),
                    )
                    .hint("use a whole number of minutes, e.g. `5min`"))
                }
            }
            (Kind::Minutes, _) => wrong("a duration in whole minutes such as `5min`"),
            (Kind::Json | Kind::Custom(_), _) => unreachable_kind(loc),
        }
    }

    fn list(&self, inner: &Kind, items: &[(Loc, TaskValue)]) -> Result<Out, TaskError> {
        let mut out = Vec::with_capacity(items.len());
        for (iloc, item) in items {
            let r = self.render(inner, item, *iloc)?;
            if r.dynamic {
                return Err(array_path_error(*iloc));
            }
            out.push(r.value);
        }
        Ok(Out::lit(Value::Array(out)))
    }

    /// Free JSON: objects get `key.$` for paths; a path directly inside an array is an
    /// error in JSONPath (ASL has no way to write it).
    pub fn json(&self, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
        if let Some(out) = self.expression(value, loc) {
            return out;
        }
        Ok(Out::lit(match value {
            TaskValue::Str(s) | TaskValue::Ident(s) => Value::String(s.clone()),
            TaskValue::Number(n) => Value::Number(n.clone()),
            TaskValue::Bool(b) => Value::Bool(*b),
            TaskValue::Null => Value::Null,
            TaskValue::DurationSecs(s) => Value::Number(Number::from(*s)),
            TaskValue::Object(members) => {
                let mut map = Map::new();
                for (k, kloc, v) in members {
                    put(&mut map, k, self.json(v, *kloc)?);
                }
                Value::Object(map)
            }
            TaskValue::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for (iloc, item) in items {
                    let r = self.json(item, *iloc)?;
                    if r.dynamic {
                        return Err(array_path_error(*iloc));
                    }
                    out.push(r.value);
                }
                Value::Array(out)
            }
            TaskValue::Path(_) | TaskValue::Intrinsic(_) | TaskValue::Jsonata(_) => {
                return unreachable_kind(loc);
            }
        }))
    }

    /// Renders an object of snake_case `members` described by `fields`: unknown keys (with
    /// "did you mean"), missing required keys, defaults, nested placement.
    pub fn object(
        &self,
        fields: &[Field],
        members: &[(String, Loc, TaskValue)],
        loc: Loc,
    ) -> Result<Map<String, Value>, TaskError> {
        let mut map = Map::new();
        for (k, kloc, _) in members {
            if !fields.iter().any(|f| f.name == k) {
                let mut err = TaskError::new(*kloc, format!("unknown field `{k}`"));
                err = match did_you_mean(k, fields.iter().map(|f| f.name)) {
                    Some(h) => err.hint(h),
                    None => err.hint(format!(
                        "expected one of: {}",
                        fields.iter().map(|f| f.name).collect::<Vec<_>>().join(", ")
                    )),
                };
                return Err(err);
            }
        }
        for field in fields {
            let given = members.iter().find(|(k, _, _)| k == field.name);
            match given {
                Some((_, kloc, v)) => {
                    let out = self.render(&field.kind, v, *kloc)?;
                    place(&mut map, &field.asl, out);
                }
                None if field.required => {
                    return Err(TaskError::new(
                        loc,
                        format!("missing required field `{}`", field.name),
                    ));
                }
                None => {
                    if let Some(json) = field.default
                        && let Ok(v) = serde_json::from_str::<Value>(json)
                    {
                        place(&mut map, &field.asl, Out::lit(v));
                    }
                }
            }
        }
        Ok(map)
    }
}

/// A `{% ... %}` string whose expression parses (the runtime's JSONata syntax check).
fn jsonata_syntax(text: &str, loc: Loc) -> Result<(), TaskError> {
    let Some(body) = sfn_runtime::jsonata::expression(text) else {
        return Err(TaskError::new(
            loc,
            "a JSONata string must start with `{%` and end with `%}`",
        ));
    };
    sfn_runtime::jsonata::check_syntax(body).map_err(|e| {
        let at = e
            .offset
            .map(|o| format!(" (column {})", o + 3))
            .unwrap_or_default();
        TaskError::new(loc, format!("invalid JSONata: {}{at}", e.message))
    })
}

/// A value that becomes a whole `Parameters`/`Arguments` object: an object literal, or in a
/// JSONata state a `{% %}` expression. ASL has no `Parameters.$`, so a path cannot stand here.
pub fn whole_object(rcx: &Rcx, value: &TaskValue, loc: Loc) -> Result<Out, TaskError> {
    match value {
        TaskValue::Object(_) => rcx.json(value, loc),
        TaskValue::Jsonata(_) if rcx.jsonata => rcx.json(value, loc),
        other => Err(TaskError::new(
            loc,
            format!("expected an object, found {}", other.describe()),
        )
        .hint("write an object literal { \"Key\": value, \"Other\": $.path }")),
    }
}

/// Puts a rendered value at its place (top-level key or nested path).
pub fn place(map: &mut Map<String, Value>, asl: &Asl, out: Out) {
    match asl {
        Asl::Key(k) => put(map, k, out),
        Asl::At(path) => {
            let Some((last, parents)) = path.split_last() else {
                return;
            };
            let mut cur = map;
            for p in parents {
                let entry = cur
                    .entry((*p).to_string())
                    .or_insert_with(|| Value::Object(Map::new()));
                if !entry.is_object() {
                    *entry = Value::Object(Map::new());
                }
                match entry {
                    Value::Object(m) => cur = m,
                    _ => return,
                }
            }
            put(cur, last, out);
        }
        Asl::Skip => {}
    }
}

fn enum_error(options: &[(&str, &str)], got: &str, loc: Loc) -> TaskError {
    let words: Vec<&str> = options.iter().map(|(w, _)| *w).collect();
    let mut err = if got.is_empty() {
        TaskError::new(loc, format!("expected one of: {}", words.join(", ")))
    } else {
        TaskError::new(loc, format!("unknown value `{got}`"))
    };
    err = match did_you_mean(got, words.iter().copied()) {
        Some(h) => err.hint(h),
        None => err.hint(format!("expected one of: {}", words.join(", "))),
    };
    err
}

fn array_path_error(loc: Loc) -> TaskError {
    TaskError::new(loc, "a path cannot be an item of an array literal")
        .hint("wrap the array in an intrinsic, e.g. States.Array($.a, $.b)")
        .cdk("Cannot use JsonPath fields in an array, they must be used in objects")
}

fn unreachable_kind(loc: Loc) -> Result<Out, TaskError> {
    Err(TaskError::new(loc, "internal: value kind not handled"))
}
