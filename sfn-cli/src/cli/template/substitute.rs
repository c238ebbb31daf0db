//! `DefinitionSubstitutions`, `Fn::Sub` and `Fn::Join`, evaluated as far as a template
//! alone allows: literal values are put in, anything known only at deploy time (`!Ref`,
//! `!GetAtt`, `${AWS::Region}`) stays as a `${Name}` placeholder.

use serde_json::{Map, Value};

use super::super::source::spans::child;
use super::Substitutions;

/// `value` with `${Name}` in its strings replaced by the literal values of `subs`.
pub fn values(value: Value, subs: &Map<String, Value>) -> Value {
    if subs.is_empty() {
        return value;
    }
    match value {
        Value::String(s) => Value::String(fill(&s, subs, false)),
        Value::Array(items) => Value::Array(items.into_iter().map(|v| values(v, subs)).collect()),
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, v)| (k, values(v, subs))).collect())
        }
        other => other,
    }
}

/// The text of a `DefinitionString` at `pointer`, the pointer of the template string it
/// was written in, and whether the text is that string unchanged.
pub fn definition_string(
    value: &Value,
    pointer: &str,
    subs: &Map<String, Value>,
    mode: Substitutions,
) -> Result<(String, String, bool), String> {
    let apply = |text: &str, vars: &Map<String, Value>, sub: bool| match mode {
        Substitutions::Apply => {
            let mut all = subs.clone();
            all.extend(vars.clone());
            fill(text, &all, sub)
        }
        Substitutions::Keep => text.to_owned(),
    };
    let none = Map::new();
    match value {
        Value::String(s) => {
            let text = apply(s, &none, false);
            let exact = text == *s;
            Ok((text, pointer.to_owned(), exact))
        }
        Value::Object(map) if map.len() == 1 => {
            let (function, argument) = map.iter().next().expect("one entry");
            let at = child(pointer, function);
            match (function.as_str(), argument) {
                ("Fn::Sub", Value::String(s)) => {
                    let text = apply(s, &none, true);
                    let exact = text == *s;
                    Ok((text, at, exact))
                }
                ("Fn::Sub", Value::Array(pair)) => match pair.as_slice() {
                    [Value::String(s), Value::Object(vars)] => {
                        let text = apply(s, &literals(vars), true);
                        let exact = text == *s;
                        Ok((text, format!("{at}/0"), exact))
                    }
                    _ => Err(
                        "Fn::Sub takes a string, or a list of a string and an object of variables"
                            .into(),
                    ),
                },
                ("Fn::Join", Value::Array(pair)) => match pair.as_slice() {
                    [Value::String(delimiter), Value::Array(parts)] => {
                        let parts: Result<Vec<String>, String> = parts.iter().map(part).collect();
                        let text = parts?.join(delimiter);
                        Ok((apply(&text, &none, false), at, false))
                    }
                    _ => Err("Fn::Join takes a list of a delimiter and a list of values".into()),
                },
                (other, _) => Err(format!(
                    "DefinitionString given as {other} cannot be evaluated without deploying; use a string, Fn::Sub or Fn::Join"
                )),
            }
        }
        _ => Err("DefinitionString must be a string, Fn::Sub or Fn::Join".into()),
    }
}

/// One part of an `Fn::Join`: a string, or a deploy-time value as its placeholder.
fn part(value: &Value) -> Result<String, String> {
    match value {
        Value::String(s) => Ok(s.clone()),
        Value::Number(n) => Ok(n.to_string()),
        Value::Object(map) => match (map.get("Ref"), map.get("Fn::GetAtt")) {
            (Some(Value::String(id)), _) => Ok(format!("${{{id}}}")),
            (_, Some(Value::Array(pair))) => {
                let names: Vec<&str> = pair.iter().filter_map(Value::as_str).collect();
                Ok(format!("${{{}}}", names.join(".")))
            }
            _ => Err("an Fn::Join part other than a string, Ref or Fn::GetAtt cannot be evaluated without deploying".into()),
        },
        _ => Err("an Fn::Join part must be a string, Ref or Fn::GetAtt".into()),
    }
}

/// The variables whose values are literals (`!Ref` and `!GetAtt` are known only when
/// deployed).
fn literals(vars: &Map<String, Value>) -> Map<String, Value> {
    vars.iter()
        .filter(|(_, v)| v.is_string() || v.is_number() || v.is_boolean())
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

/// `text` with each `${Name}` whose value in `vars` is a literal replaced; in `Fn::Sub`
/// text (`sub`), `${!Name}` is the literal `${Name}`.
fn fill(text: &str, vars: &Map<String, Value>, sub: bool) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("${") {
        out.push_str(&rest[..at]);
        let after = &rest[at + 2..];
        let Some(end) = after.find('}') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let name = &after[..end];
        match (name.strip_prefix('!'), vars.get(name)) {
            (Some(literal), _) if sub => {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
            }
            (_, Some(Value::String(s))) => out.push_str(s),
            (_, Some(v @ (Value::Number(_) | Value::Bool(_)))) => out.push_str(&v.to_string()),
            _ => out.push_str(&rest[at..at + 3 + end]),
        }
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn map(v: Value) -> Map<String, Value> {
        v.as_object().unwrap().clone()
    }

    #[test]
    fn fill_puts_literals_in_and_keeps_placeholders() {
        let vars =
            map(json!({"Table": "orders", "Seconds": 30, "Fn": {"Fn::GetAtt": ["F", "Arn"]}}));
        assert_eq!(
            fill("${Table}/${Seconds}/${Fn}/${AWS::Region}", &vars, false),
            "orders/30/${Fn}/${AWS::Region}"
        );
        assert_eq!(fill("${!Table} ${Table", &vars, true), "${Table} ${Table");
    }

    #[test]
    fn join_writes_deploy_time_values_as_placeholders() {
        let value = json!({"Fn::Join": ["", ["{\"Resource\": \"", {"Fn::GetAtt": ["Fn", "Arn"]}, "\", \"Q\": \"", {"Ref": "Queue"}, "\"}"]]});
        let (text, at, exact) =
            definition_string(&value, "/D", &Map::new(), Substitutions::Apply).unwrap();
        assert_eq!(text, r#"{"Resource": "${Fn.Arn}", "Q": "${Queue}"}"#);
        assert_eq!(at, "/D/Fn::Join");
        assert!(!exact);
    }

    #[test]
    fn sub_with_variables_applies_only_when_asked() {
        let value = json!({"Fn::Sub": ["{\"T\": \"${T}\"}", {"T": "x"}]});
        let (text, at, _) =
            definition_string(&value, "/D", &Map::new(), Substitutions::Apply).unwrap();
        assert_eq!(
            (text.as_str(), at.as_str()),
            (r#"{"T": "x"}"#, "/D/Fn::Sub/0")
        );
        let (kept, _, exact) =
            definition_string(&value, "/D", &Map::new(), Substitutions::Keep).unwrap();
        assert_eq!(kept, r#"{"T": "${T}"}"#);
        assert!(exact);
    }
}
