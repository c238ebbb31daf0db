//! Writing intrinsic calls back as ASL text; the output parses to the same call.

use std::fmt::{self, Display, Formatter, Write};

use super::{Arg, ArgKind, Intrinsic, IntrinsicFn};

impl Display for Intrinsic {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}(", self.function.name())?;
        for (i, arg) in self.args.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            let template = i == 0 && self.function == IntrinsicFn::Format;
            write_arg(f, arg, template)?;
        }
        f.write_char(')')
    }
}

impl Display for Arg {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_arg(f, self, false)
    }
}

fn write_arg(f: &mut Formatter<'_>, arg: &Arg, template: bool) -> fmt::Result {
    match &arg.kind {
        ArgKind::String(s) => {
            f.write_char('\'')?;
            for c in s.chars() {
                // A Format template already holds its brace and backslash escapes.
                let escape = if template {
                    c == '\''
                } else {
                    matches!(c, '\'' | '{' | '}' | '\\')
                };
                if escape {
                    f.write_char('\\')?;
                }
                f.write_char(c)?;
            }
            f.write_char('\'')
        }
        ArgKind::Number(n) => write!(f, "{n}"),
        ArgKind::Bool(b) => write!(f, "{b}"),
        ArgKind::Null => f.write_str("null"),
        ArgKind::Path(p) => write!(f, "{p}"),
        ArgKind::Call(c) => write!(f, "{c}"),
    }
}

#[cfg(test)]
mod tests {
    use crate::path::parse_intrinsic;

    #[test]
    fn prints_parseable_text() {
        for (src, printed) in [
            (
                r"States.Format('\{a\} {} it\'s \\', $['x y'])",
                r"States.Format('\{a\} {} it\'s \\', $['x y'])",
            ),
            (
                r"States.StringSplit('a\{\'\\',',')",
                r"States.StringSplit('a\{\'\\', ',')",
            ),
            (
                "States.Array(1.5,true,null,States.UUID(),$$.a,$v[0])",
                "States.Array(1.5, true, null, States.UUID(), $$.a, $v[0])",
            ),
        ] {
            let call = parse_intrinsic(src).unwrap();
            assert_eq!(call.to_string(), printed);
            let again = parse_intrinsic(printed).unwrap();
            assert_eq!(again.to_string(), printed);
        }
    }
}
