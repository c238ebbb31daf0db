//! Choice rules: comparisons, `And`/`Or`/`Not`, and JSONata `Condition`.
//!
//! A rule is one JSON object whose keys decide what it is (`Variable` + one comparison
//! operator, or `And`/`Or`/`Not`, or `Condition`), so it is read and written by hand rather
//! than derived: the reader names the key that is wrong.

use serde::de::Error as _;
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use serde_json::{Map, Value};

/// One entry of `Choices`: a condition and where it leads.
#[derive(Debug, Clone, PartialEq)]
pub struct ChoiceRule {
    /// What must hold.
    pub condition: Condition,
    /// `Next` (required on top-level rules, forbidden inside `And`/`Or`/`Not`).
    pub next: Option<String>,
    /// `Assign` when this rule matches.
    pub assign: Option<Value>,
    /// `Output` (JSONata) when this rule matches.
    pub output: Option<Value>,
    /// `Comment`.
    pub comment: Option<String>,
}

/// A boolean condition of a Choice rule.
#[derive(Debug, Clone, PartialEq)]
pub enum Condition {
    /// `And`: every nested rule holds.
    And(Vec<ChoiceRule>),
    /// `Or`: some nested rule holds.
    Or(Vec<ChoiceRule>),
    /// `Not`: the nested rule does not hold.
    Not(Box<ChoiceRule>),
    /// `Variable` + one comparison operator.
    Test {
        /// `Variable`: a Path (or a `$var` reference).
        variable: String,
        /// The operator and its operand.
        comparison: Comparison,
    },
    /// JSONata `Condition`: a `{% ... %}` string (or a literal boolean).
    Jsonata(Value),
}

/// A comparison operator applied to a value.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The operator (`StringEquals`, `IsPresent`, ...).
    pub op: ComparisonOp,
    /// A literal, or a path for the `...Path` form.
    pub operand: Operand,
}

/// The right-hand side of a comparison.
#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    /// A literal value (`"StringEquals": "x"`, `"IsPresent": true`).
    Literal(Value),
    /// A path, written with the `Path` suffix (`"StringEqualsPath": "$.other"`).
    Path(String),
}

macro_rules! comparison_ops {
    ($($(#[$doc:meta])* $variant:ident = $name:literal, path: $path:literal;)*) => {
        /// Every comparison operator of ASL (without the `Path` suffix).
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ComparisonOp {
            $($(#[$doc])* $variant,)*
        }

        impl ComparisonOp {
            /// Every operator, in the order of the specification.
            pub const ALL: &'static [ComparisonOp] = &[$(ComparisonOp::$variant,)*];

            /// The ASL key (`"NumericGreaterThan"`).
            pub const fn as_str(self) -> &'static str {
                match self { $(ComparisonOp::$variant => $name,)* }
            }

            /// Whether a `...Path` form exists (`StringEqualsPath`); not for `StringMatches`
            /// and the `Is*` tests.
            pub const fn has_path_form(self) -> bool {
                match self { $(ComparisonOp::$variant => $path,)* }
            }
        }
    };
}

comparison_ops! {
    /// `StringEquals`.
    StringEquals = "StringEquals", path: true;
    /// `StringLessThan`.
    StringLessThan = "StringLessThan", path: true;
    /// `StringGreaterThan`.
    StringGreaterThan = "StringGreaterThan", path: true;
    /// `StringLessThanEquals`.
    StringLessThanEquals = "StringLessThanEquals", path: true;
    /// `StringGreaterThanEquals`.
    StringGreaterThanEquals = "StringGreaterThanEquals", path: true;
    /// `StringMatches` (with `*` wildcards).
    StringMatches = "StringMatches", path: false;
    /// `NumericEquals`.
    NumericEquals = "NumericEquals", path: true;
    /// `NumericLessThan`.
    NumericLessThan = "NumericLessThan", path: true;
    /// `NumericGreaterThan`.
    NumericGreaterThan = "NumericGreaterThan", path: true;
    /// `NumericLessThanEquals`.
    NumericLessThanEquals = "NumericLessThanEquals", path: true;
    /// `NumericGreaterThanEquals`.
    NumericGreaterThanEquals = "NumericGreaterThanEquals", path: true;
    /// `BooleanEquals`.
    BooleanEquals = "BooleanEquals", path: true;
    /// `TimestampEquals`.
    TimestampEquals = "TimestampEquals", path: true;
    /// `TimestampLessThan`.
    TimestampLessThan = "TimestampLessThan", path: true;
    /// `TimestampGreaterThan`.
    TimestampGreaterThan = "TimestampGreaterThan", path: true;
    /// `TimestampLessThanEquals`.
    TimestampLessThanEquals = "TimestampLessThanEquals", path: true;
    /// `TimestampGreaterThanEquals`.
    TimestampGreaterThanEquals = "TimestampGreaterThanEquals", path: true;
    /// `IsNull`.
    IsNull = "IsNull", path: false;
    /// `IsPresent`.
    IsPresent = "IsPresent", path: false;
    /// `IsNumeric`.
    IsNumeric = "IsNumeric", path: false;
    /// `IsString`.
    IsString = "IsString", path: false;
    /// `IsBoolean`.
    IsBoolean = "IsBoolean", path: false;
    /// `IsTimestamp`.
    IsTimestamp = "IsTimestamp", path: false;
}

impl ComparisonOp {
    /// Reads an ASL key: `"StringEquals"` -> `(StringEquals, false)`,
    /// `"StringEqualsPath"` -> `(StringEquals, true)`.
    pub fn parse_key(key: &str) -> Option<(ComparisonOp, bool)> {
        if let Some(op) = ComparisonOp::ALL.iter().find(|op| op.as_str() == key) {
            return Some((*op, false));
        }
        let base = key.strip_suffix("Path")?;
        ComparisonOp::ALL
            .iter()
            .find(|op| op.has_path_form() && op.as_str() == base)
            .map(|op| (*op, true))
    }

    /// Whether the operator is a type test (`Is*`).
    pub const fn is_type_test(self) -> bool {
        matches!(
            self,
            ComparisonOp::IsNull
                | ComparisonOp::IsPresent
                | ComparisonOp::IsNumeric
                | ComparisonOp::IsString
                | ComparisonOp::IsBoolean
                | ComparisonOp::IsTimestamp
        )
    }
}

impl Comparison {
    /// The ASL key of this comparison, with `Path` when the operand is a path.
    pub fn key(&self) -> String {
        match self.operand {
            Operand::Literal(_) => self.op.as_str().to_owned(),
            Operand::Path(_) => format!("{}Path", self.op.as_str()),
        }
    }
}

impl ChoiceRule {
    /// Reads a rule from its JSON object.
    pub fn from_object(object: &Map<String, Value>) -> Result<ChoiceRule, String> {
        let mut variable = None;
        let mut comparison = None;
        let mut combinator = None;
        let mut next = None;
        let mut assign = None;
        let mut output = None;
        let mut comment = None;
        let mut jsonata = None;
        for (key, value) in object {
            match key.as_str() {
                "Variable" => variable = Some(string(key, value)?),
                "Next" => next = Some(string(key, value)?),
                "Comment" => comment = Some(string(key, value)?),
                "Assign" => assign = Some(value.clone()),
                "Output" => output = Some(value.clone()),
                "Condition" => jsonata = Some(value.clone()),
                "And" | "Or" => {
                    let Value::Array(items) = value else {
                        return Err(format!("`{key}` must be an array of rules"));
                    };
                    let rules = items
                        .iter()
                        .map(rule_from_value)
                        .collect::<Result<Vec<_>, _>>()?;
                    set_once(
                        &mut combinator,
                        key,
                        if key == "And" {
                            Condition::And(rules)
                        } else {
                            Condition::Or(rules)
                        },
                    )?;
                }
                "Not" => {
                    let rule = rule_from_value(value)?;
                    set_once(&mut combinator, key, Condition::Not(Box::new(rule)))?;
                }
                other => match ComparisonOp::parse_key(other) {
                    Some((op, is_path)) => {
                        let operand = if is_path {
                            Operand::Path(string(key, value)?)
                        } else {
                            Operand::Literal(value.clone())
                        };
                        if let Some(previous) = &comparison {
                            let previous: &Comparison = previous;
                            return Err(format!(
                                "a rule has one comparison operator, found `{}` and `{other}`",
                                previous.key()
                            ));
                        }
                        comparison = Some(Comparison { op, operand });
                    }
                    None => return Err(format!("unknown field `{other}` in a Choice rule")),
                },
            }
        }
        let condition = match (variable, comparison, combinator, jsonata) {
            (Some(variable), Some(comparison), None, None) => Condition::Test {
                variable,
                comparison,
            },
            (None, None, Some(combinator), None) => combinator,
            (None, None, None, Some(condition)) => Condition::Jsonata(condition),
            (Some(_), None, None, None) => {
                return Err("a rule with `Variable` needs a comparison operator".into());
            }
            (None, Some(c), None, None) => {
                return Err(format!("`{}` needs a `Variable`", c.key()));
            }
            (None, None, None, None) => {
                return Err(
                    "a rule needs `Variable` and a comparison, `And`, `Or`, `Not` or `Condition`"
                        .into(),
                );
            }
            _ => {
                return Err(
                    "a rule is exactly one of: a comparison, `And`, `Or`, `Not`, `Condition`"
                        .into(),
                );
            }
        };
        Ok(ChoiceRule {
            condition,
            next,
            assign,
            output,
            comment,
        })
    }

    /// Writes the rule as its JSON object (keys in a fixed order).
    pub fn to_object(&self) -> Map<String, Value> {
        let mut object = Map::new();
        if let Some(comment) = &self.comment {
            object.insert("Comment".into(), Value::String(comment.clone()));
        }
        match &self.condition {
            Condition::Test {
                variable,
                comparison,
            } => {
                object.insert("Variable".into(), Value::String(variable.clone()));
                let value = match &comparison.operand {
                    Operand::Literal(v) => v.clone(),
                    Operand::Path(p) => Value::String(p.clone()),
                };
                object.insert(comparison.key(), value);
            }
            Condition::And(rules) => {
                object.insert(
                    "And".into(),
                    rules.iter().map(|r| Value::Object(r.to_object())).collect(),
                );
            }
            Condition::Or(rules) => {
                object.insert(
                    "Or".into(),
                    rules.iter().map(|r| Value::Object(r.to_object())).collect(),
                );
            }
            Condition::Not(rule) => {
                object.insert("Not".into(), Value::Object(rule.to_object()));
            }
            Condition::Jsonata(condition) => {
                object.insert("Condition".into(), condition.clone());
            }
        }
        if let Some(assign) = &self.assign {
            object.insert("Assign".into(), assign.clone());
        }
        if let Some(output) = &self.output {
            object.insert("Output".into(), output.clone());
        }
        if let Some(next) = &self.next {
            object.insert("Next".into(), Value::String(next.clone()));
        }
        object
    }
}

fn rule_from_value(value: &Value) -> Result<ChoiceRule, String> {
    match value {
        Value::Object(object) => ChoiceRule::from_object(object),
        _ => Err("a Choice rule must be an object".into()),
    }
}

fn string(key: &str, value: &Value) -> Result<String, String> {
    value
        .as_str()
        .map(str::to_owned)
        .ok_or_else(|| format!("`{key}` must be a string"))
}

fn set_once(slot: &mut Option<Condition>, key: &str, condition: Condition) -> Result<(), String> {
    if slot.is_some() {
        return Err(format!(
            "a rule has one of `And`, `Or`, `Not`; `{key}` is a second"
        ));
    }
    *slot = Some(condition);
    Ok(())
}

impl Serialize for ChoiceRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let object = self.to_object();
        let mut map = serializer.serialize_map(Some(object.len()))?;
        for (key, value) in &object {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for ChoiceRule {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let object = Map::<String, Value>::deserialize(deserializer)?;
        ChoiceRule::from_object(&object).map_err(D::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn path_operators_round_trip() {
        let rule = json!({"Variable": "$.a", "NumericGreaterThanPath": "$.b", "Next": "X"});
        let parsed: ChoiceRule = serde_json::from_value(rule.clone()).unwrap();
        assert_eq!(
            parsed.condition,
            Condition::Test {
                variable: "$.a".into(),
                comparison: Comparison {
                    op: ComparisonOp::NumericGreaterThan,
                    operand: Operand::Path("$.b".into())
                },
            }
        );
        assert_eq!(serde_json::to_value(&parsed).unwrap(), rule);
    }

    #[test]
    fn nested_rules_and_errors() {
        let rule = json!({"Not": {"And": [{"Variable": "$.a", "IsPresent": true}]}, "Next": "X"});
        let parsed: ChoiceRule = serde_json::from_value(rule.clone()).unwrap();
        assert_eq!(serde_json::to_value(&parsed).unwrap(), rule);
        let two = json!({"Variable": "$.a", "IsPresent": true, "IsNull": false, "Next": "X"});
        let err = serde_json::from_value::<ChoiceRule>(two)
            .unwrap_err()
            .to_string();
        assert!(err.contains("one comparison operator"), "{err}");
        assert!(ComparisonOp::parse_key("StringMatchesPath").is_none());
        assert!(ComparisonOp::parse_key("IsPresentPath").is_none());
    }
}
