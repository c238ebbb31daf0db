//! JSONata functions that give JavaScript's semantics where the types are only known at
//! run time. Each is bound once at the top of the translated expression, and only when used.
//!
//! Where JavaScript would coerce in a way these cannot reproduce exactly, they call
//! `$error`, so the state fails (`States.QueryEvaluationError`) instead of computing a
//! different value.

/// A helper function of the translated expression.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub(super) enum Helper {
    /// `$read(path, steps)`: a path of the state input; a missing field, a field of a
    /// non-object or an index outside an array fails, as CDK's Parameters path does.
    Read,
    /// `$truthy(v)`: JavaScript truthiness (`[]` and `{}` are true, `""`, `0`, `null` false).
    Truthy,
    /// `$str(v)`: JavaScript's `String(v)`.
    Str,
    /// `$add(a, b)`: JavaScript's `+` (concatenation when either side is not a primitive
    /// number, boolean or null).
    Add,
    /// `$seq(a, b)`: `===` (objects and arrays are distinct references: never equal).
    StrictEq,
    /// `$leq(a, b)`: `==` for same-type operands and null; other mixes fail.
    LooseEq,
    /// `$len(v)`: `.length` of a string, an array, or an object's `length` field.
    Length,
}

impl Helper {
    /// The helpers this one calls.
    pub(super) fn needs(self) -> &'static [Helper] {
        match self {
            Helper::Add => &[Helper::Str],
            Helper::LooseEq => &[Helper::StrictEq],
            _ => &[],
        }
    }

    /// The binding, e.g. `$str := function($v) {...}`.
    pub(super) fn definition(self) -> &'static str {
        match self {
            Helper::Read => {
                r#"$read := function($path, $steps) { $reduce($steps, function($v, $k) { $type($k) = "number" ? ($type($v) = "array" and $k < $count($v) ? $v[$k] : $error("EvaluateExpression: the path " & $path & " does not exist in the state input (no item " & $string($k) & ")")) : ($type($v) = "object" and $exists($lookup($v, $k)) ? $lookup($v, $k) : $error("EvaluateExpression: the path " & $path & " does not exist in the state input (no field '" & $k & "')")) }, $states.input) }"#
            }
            Helper::Truthy => {
                r#"$truthy := function($v) { ($t := $type($v); $t = "boolean" ? $v : $t = "number" ? $v != 0 : $t = "string" ? $v != "" : $t in ["array", "object"]) }"#
            }
            Helper::Str => {
                r#"$str := function($v) { ($t := $type($v); $t = "string" ? $v : $t = "number" ? ($s := $string($v); $number($s) = $v ? $s : $error("EvaluateExpression: JavaScript would format the number " & $s & " with more digits")) : $t = "boolean" ? ($v ? "true" : "false") : $t = "null" ? "null" : $t = "array" ? ($count($v) = 0 ? "" : $join($map($v, function($e) { $type($e) = "null" ? "" : $str($e) }), ",")) : "[object Object]") }"#
            }
            Helper::Add => {
                r#"$add := function($a, $b) { ($type($a) in ["string", "array", "object"] or $type($b) in ["string", "array", "object"]) ? $str($a) & $str($b) : $a + $b }"#
            }
            Helper::StrictEq => {
                r#"$seq := function($a, $b) { ($type($a) in ["array", "object"] or $type($b) in ["array", "object"]) ? false : ($type($a) = $type($b) and $a = $b) }"#
            }
            Helper::LooseEq => {
                r#"$leq := function($a, $b) { $type($a) = $type($b) or $type($a) = "null" or $type($b) = "null" ? $seq($a, $b) : $error("EvaluateExpression: == between a " & $type($a) & " and a " & $type($b) & " converts types in JavaScript; use ===") }"#
            }
            Helper::Length => {
                r#"$len := function($v) { ($t := $type($v); $t = "string" ? $length($v) : $t = "array" ? $count($v) : $t = "object" and $exists($lookup($v, "length")) ? $lookup($v, "length") : $error("EvaluateExpression: a " & $t & " has no length")) }"#
            }
        }
    }
}
