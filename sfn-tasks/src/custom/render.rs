//! The ASL definition of a workflow with custom task states, composed in `const`: the macro
//! renders everything it knows as text and leaves slots for what only the type knows (the
//! `Resource`, the parameters' keys and enum values, the default Retry).

use super::task::{Given, GivenValue, word_value};
use super::text::Buf;

/// One part of a definition.
#[derive(Clone, Copy)]
pub enum Piece {
    /// JSON text written by the macro.
    Text(&'static str),
    /// A JSON string (the `Resource`).
    Str(&'static str),
    /// A custom state's `Parameters` / `Arguments` object.
    Params(&'static Call),
    /// The type's default Retry entries. `then_user: true`: they go before the user's
    /// entries inside an array the macro wrote (a `,` follows when there are defaults);
    /// `false`: the whole `"Retry":[..],` member, or nothing.
    Retry {
        /// Compact JSON of the entries, without the brackets; `""` for none.
        defaults: &'static str,
        /// Whether the user's entries follow.
        then_user: bool,
    },
}

/// A custom state's fields as written.
#[derive(Clone, Copy)]
pub struct Call {
    /// The type's fields, in declaration order.
    pub fields: &'static [super::FieldInfo],
    /// What was written.
    pub given: &'static [Given],
    /// A JSONata state: no `.$` keys.
    pub jsonata: bool,
}

/// Writes `pieces` into a `Buf<N>` (`N = 0` only counts).
pub const fn render<const N: usize>(pieces: &[Piece]) -> Buf<N> {
    let mut out = Buf::new();
    let mut i = 0;
    while i < pieces.len() {
        match pieces[i] {
            Piece::Text(text) => out.push_str(text),
            Piece::Str(text) => out.push_json_str(text),
            Piece::Params(call) => params(&mut out, call),
            Piece::Retry {
                defaults,
                then_user,
            } => {
                if !defaults.is_empty() {
                    if then_user {
                        out.push_str(defaults);
                        out.push_byte(b',');
                    } else {
                        out.push_str("\"Retry\":[");
                        out.push_str(defaults);
                        out.push_str("],");
                    }
                }
            }
        }
        i += 1;
    }
    out
}

/// `{"Key":value,"Other.$":"$.path"}` in the type's field order.
const fn params<const N: usize>(out: &mut Buf<N>, call: &Call) {
    out.push_byte(b'{');
    let mut first = true;
    let mut f = 0;
    while f < call.fields.len() {
        let field = &call.fields[f];
        let mut g = 0;
        while g < call.given.len() {
            let given = &call.given[g];
            if given.field.index == field.index && !field.skip {
                if !first {
                    out.push_byte(b',');
                }
                first = false;
                out.push_byte(b'"');
                out.push_escaped(field.key);
                match given.value {
                    GivenValue::Expr(json) => {
                        if !call.jsonata {
                            out.push_str(".$");
                        }
                        out.push_str("\":");
                        out.push_str(json);
                    }
                    GivenValue::Json(json) => {
                        out.push_str("\":");
                        out.push_str(json);
                    }
                    GivenValue::Str(text, json) => {
                        out.push_str("\":");
                        match word_value(field, text) {
                            Some(asl) => out.push_json_str(asl),
                            None => out.push_str(json),
                        }
                    }
                    GivenValue::Word(word) => {
                        out.push_str("\":");
                        match word_value(field, word) {
                            Some(asl) => out.push_json_str(asl),
                            // Reported by `check::word`; keep the text well-formed anyway.
                            None => out.push_json_str(word),
                        }
                    }
                }
            }
            g += 1;
        }
        f += 1;
    }
    out.push_byte(b'}');
}
