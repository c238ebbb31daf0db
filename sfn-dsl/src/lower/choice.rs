//! Choice arms -> `Choices` and `Default`: operators are mapped to the typed ASL comparison
//! by the type of the literal (`"x"` String, `1` Numeric, `true` Boolean,
//! `timestamp("..")` Timestamp), or by the type word around a second path (`number($.b)`).

use serde_json::{Map, Value as Json};

use super::value::Mode;
use super::{Lower, Scope};
use crate::ast::{Arm, AttrArgs, CmpOp, Cond, Operand, Text, Value};
use crate::loc::Loc;

impl Lower<'_> {
    /// Lowers the arms of a Choice state into `out`.
    pub fn choice_arms(
        &mut self,
        arms: &[&Arm],
        pointer: &str,
        scope: &Scope,
        to: &mut Vec<String>,
        out: &mut Vec<(String, Json)>,
    ) {
        let mut rules = Vec::new();
        let mut default: Option<&Arm> = None;
        for arm in arms {
            if let Some(first) = default {
                let _ = first;
                self.errors.at(arm.loc, "this arm is never tried: the `_ =>` arm above it matches everything; move `_ =>` last");
            }
            if self.jsonata && !matches!(arm.cond, None | Some(Cond::Jsonata(_))) {
                self.errors.at(
                    arm.loc,
                    "this Choice uses JSONata: an arm is a JSONata condition, `\"{% $states.input.n > 1 %}\" => Target`",
                );
                continue;
            }
            let Some(cond) = &arm.cond else {
                if let Some(attr) = arm.attrs.first() {
                    self.errors.at(attr.loc, "the `_` arm takes no attributes: put `#[assign(..)]` on the Choice state itself (it runs when no rule matches)");
                }
                let target = self.target(&arm.target, scope, to);
                self.spans
                    .insert_child(pointer, "Default", Loc::of(arm.target.span()));
                out.push(("Default".into(), Json::String(target)));
                default = Some(arm);
                continue;
            };
            let at = self
                .spans
                .item(&self.spans.child(pointer, "Choices"), rules.len());
            self.spans.insert(&at, arm.loc);
            let mut rule = Map::new();
            let mut comment = None;
            let mut assign = None;
            let mut output = None;
            for attr in &arm.attrs {
                match attr.name.to_string().as_str() {
                    "comment" => {
                        if let Some(value) = self.eq_value(attr) {
                            comment = self.string(value);
                        }
                    }
                    "assign" | "output" => {
                        let (key, slot) = if attr.name == "assign" { ("Assign", &mut assign) } else { ("Output", &mut output) };
                        let value = match &attr.args {
                            AttrArgs::Eq(v) | AttrArgs::Paren(v) => v,
                            _ => {
                                self.errors.at(attr.loc, format!("write `#[{}({{ .. }})]`", attr.name));
                                continue;
                            }
                        };
                        *slot = Some(self.json(value, &self.spans.child(&at, key), Mode::Template));
                    }
                    other => self.errors.at(
                        attr.name.span(),
                        crate::diag::with_suggestion(
                            format!("unknown attribute `{other}` on a Choice arm: expected `comment`, `assign` or `output`"),
                            other,
                            ["comment", "assign", "output"],
                        ),
                    ),
                }
            }
            if let Some(comment) = comment {
                rule.insert("Comment".into(), Json::String(comment));
            }
            rule.extend(self.cond(cond, &at));
            if let Some(assign) = assign {
                rule.insert("Assign".into(), assign);
            }
            if let Some(output) = output {
                rule.insert("Output".into(), output);
            }
            let target = self.target(&arm.target, scope, to);
            self.spans
                .insert_child(&at, "Next", Loc::of(arm.target.span()));
            rule.insert("Next".into(), Json::String(target));
            rules.push(Json::Object(rule));
        }
        self.spans.insert_child(
            pointer,
            "Choices",
            arms.first()
                .map_or(Loc::of(proc_macro2::Span::call_site()), |a| a.loc),
        );
        out.push(("Choices".into(), Json::Array(rules)));
    }

    /// Lowers a condition to the keys of a rule object (without `Next`).
    fn cond(&mut self, cond: &Cond, pointer: &str) -> Map<String, Json> {
        let mut rule = Map::new();
        match cond {
            Cond::And(terms) | Cond::Or(terms) => {
                let key = if matches!(cond, Cond::And(_)) {
                    "And"
                } else {
                    "Or"
                };
                let base = self.spans.child(pointer, key);
                let items = terms
                    .iter()
                    .enumerate()
                    .map(|(i, term)| {
                        let at = self.spans.item(&base, i);
                        Json::Object(self.cond(term, &at))
                    })
                    .collect();
                rule.insert(key.into(), Json::Array(items));
            }
            Cond::Not(inner, loc) => {
                if let Cond::Test { func, path } = inner.as_ref() {
                    return self.test(func, path, false, pointer);
                }
                self.spans.insert_child(pointer, "Not", *loc);
                let at = self.spans.child(pointer, "Not");
                rule.insert("Not".into(), Json::Object(self.cond(inner, &at)));
            }
            Cond::Test { func, path } => return self.test(func, path, true, pointer),
            Cond::Matches { path, pattern, .. } => {
                self.variable(path, pointer, &mut rule);
                self.spans
                    .insert_child(pointer, "StringMatches", Loc::of(pattern.span()));
                rule.insert("StringMatches".into(), Json::String(pattern.value()));
            }
            Cond::Jsonata(s) => {
                self.spans
                    .insert_child(pointer, "Condition", Loc::of(s.span()));
                rule.insert("Condition".into(), Json::String(s.value()));
            }
            Cond::Compare {
                left,
                op,
                op_loc,
                right,
            } => return self.compare(left, *op, *op_loc, right, pointer),
        }
        rule
    }

    fn test(
        &mut self,
        func: &proc_macro2::Ident,
        path: &Text,
        value: bool,
        pointer: &str,
    ) -> Map<String, Json> {
        let mut rule = Map::new();
        self.variable(path, pointer, &mut rule);
        // is_present -> IsPresent
        let key: String = func
            .to_string()
            .split('_')
            .map(|part| {
                let mut chars = part.chars();
                chars
                    .next()
                    .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            })
            .collect();
        self.spans.insert_child(pointer, &key, Loc::of(func.span()));
        rule.insert(key, Json::Bool(value));
        rule
    }

    fn variable(&mut self, path: &Text, pointer: &str, rule: &mut Map<String, Json>) {
        self.spans.insert_text_child(pointer, "Variable", path);
        rule.insert("Variable".into(), Json::String(path.text.clone()));
    }

    fn compare(
        &mut self,
        left: &Operand,
        op: CmpOp,
        op_loc: Loc,
        right: &Operand,
        pointer: &str,
    ) -> Map<String, Json> {
        // Put the path on the left: `10 < $.x` is `$.x > 10`.
        let (left, op, right) = match (left, right) {
            (Operand::Literal(_), Operand::Path(_)) => (right, flip(op), left),
            _ => (left, op, right),
        };
        let (path, left_ty) = match left {
            Operand::Path(path) => (path, None),
            Operand::Typed { ty, inner, .. } => match inner.as_ref() {
                Operand::Path(path) => (path, Some(ty.to_string())),
                _ => {
                    return self.bad_compare(
                        left.loc(),
                        "the left side of a comparison is a path: `$.x == ..`",
                    );
                }
            },
            Operand::Literal(_) => {
                return self.bad_compare(
                    left.loc().to(right.loc()),
                    "a comparison needs a path on one side: `$.x == \"value\"`",
                );
            }
        };
        enum Rhs<'a> {
            Lit(Json, Loc),
            Path(&'a Text),
        }
        let (ty, rhs) = match right {
            Operand::Literal(value) => match value {
                Value::Str(s) => (
                    left_ty.unwrap_or_else(|| "string".into()),
                    Rhs::Lit(Json::String(s.value.clone()), value.loc()),
                ),
                Value::Num(n, loc) => (
                    left_ty.unwrap_or_else(|| "number".into()),
                    Rhs::Lit(Json::Number(n.clone()), *loc),
                ),
                Value::Bool(b, loc) => ("boolean".into(), Rhs::Lit(Json::Bool(*b), *loc)),
                Value::Null(loc) => {
                    if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
                        return self
                            .bad_compare(op_loc, "`null` can only be compared with `==` or `!=`");
                    }
                    let mut rule = Map::new();
                    self.variable(path, pointer, &mut rule);
                    self.spans.insert_child(pointer, "IsNull", *loc);
                    rule.insert("IsNull".into(), Json::Bool(op == CmpOp::Eq));
                    return rule;
                }
                other => return self.bad_compare(other.loc(), "expected a literal"),
            },
            Operand::Typed { ty, inner, .. } => match inner.as_ref() {
                Operand::Path(other) => (ty.to_string(), Rhs::Path(other)),
                Operand::Literal(value) => {
                    let json = match (ty.to_string().as_str(), value) {
                        ("string" | "timestamp", Value::Str(s)) => Json::String(s.value.clone()),
                        ("number", Value::Num(n, _)) => Json::Number(n.clone()),
                        ("boolean", Value::Bool(b, _)) => Json::Bool(*b),
                        (t, other) => {
                            return self.bad_compare(
                                other.loc(),
                                format!(
                                    "`{t}(..)` takes a path or a {t} literal, found {}",
                                    other.describe()
                                ),
                            );
                        }
                    };
                    (ty.to_string(), Rhs::Lit(json, value.loc()))
                }
                Operand::Typed { loc, .. } => {
                    return self.bad_compare(*loc, "type words do not nest");
                }
            },
            Operand::Path(other) => match left_ty {
                Some(ty) => (ty, Rhs::Path(other)),
                None => {
                    return self.bad_compare(
                        other.loc,
                        format!(
                            "comparing two paths needs their type: write `{} == string({})` (or `number(..)`, `boolean(..)`, `timestamp(..)`)",
                            path.text, other.text
                        ),
                    );
                }
            },
        };
        let prefix = match ty.as_str() {
            "string" => "String",
            "number" => "Numeric",
            "boolean" => "Boolean",
            _ => "Timestamp",
        };
        if prefix == "Boolean" && !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            return self.bad_compare(op_loc, "booleans can only be compared with `==` or `!=`");
        }
        let suffix = match op {
            CmpOp::Eq | CmpOp::Ne => "Equals",
            CmpOp::Lt => "LessThan",
            CmpOp::Le => "LessThanEquals",
            CmpOp::Gt => "GreaterThan",
            CmpOp::Ge => "GreaterThanEquals",
        };
        let mut test = Map::new();
        let inner_pointer = if op == CmpOp::Ne {
            self.spans.child(pointer, "Not")
        } else {
            pointer.to_owned()
        };
        self.variable(path, &inner_pointer, &mut test);
        match rhs {
            Rhs::Lit(json, loc) => {
                let key = format!("{prefix}{suffix}");
                self.spans.insert_child(&inner_pointer, &key, loc);
                test.insert(key, json);
            }
            Rhs::Path(other) => {
                let key = format!("{prefix}{suffix}Path");
                self.spans.insert_text_child(&inner_pointer, &key, other);
                test.insert(key, Json::String(other.text.clone()));
            }
        }
        if op == CmpOp::Ne {
            self.spans.insert_child(pointer, "Not", op_loc);
            let mut rule = Map::new();
            rule.insert("Not".into(), Json::Object(test));
            return rule;
        }
        test
    }

    fn bad_compare(&mut self, loc: Loc, message: impl std::fmt::Display) -> Map<String, Json> {
        self.errors.at(loc, message);
        Map::new()
    }
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Lt => CmpOp::Gt,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Ge => CmpOp::Le,
        other => other,
    }
}
