//! Intrinsic functions (`States.Format(...)` and friends): syntax tree, parser, static
//! signature checks and evaluation.

mod base64;
mod display;
mod eval;
mod format;
mod functions;
mod hash;
mod parse;
mod signature;
mod unique;

use std::ops::Range;

pub use eval::eval_intrinsic;
pub use parse::parse_intrinsic;
pub use signature::{ArgSpec, HASH_ALGORITHMS, MAX_ENCODE_CHARS, MAX_RANGE_ITEMS, Signature};

use super::ast::Path;

/// How deep intrinsic calls may nest (Step Functions quota).
pub const MAX_NESTING: usize = 10;

/// The 18 intrinsic functions of Step Functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum IntrinsicFn {
    /// `States.Format`
    Format,
    /// `States.StringToJson`
    StringToJson,
    /// `States.JsonToString`
    JsonToString,
    /// `States.Array`
    Array,
    /// `States.ArrayPartition`
    ArrayPartition,
    /// `States.ArrayContains`
    ArrayContains,
    /// `States.ArrayRange`
    ArrayRange,
    /// `States.ArrayGetItem`
    ArrayGetItem,
    /// `States.ArrayLength`
    ArrayLength,
    /// `States.ArrayUnique`
    ArrayUnique,
    /// `States.Base64Encode`
    Base64Encode,
    /// `States.Base64Decode`
    Base64Decode,
    /// `States.Hash`
    Hash,
    /// `States.JsonMerge`
    JsonMerge,
    /// `States.MathRandom`
    MathRandom,
    /// `States.MathAdd`
    MathAdd,
    /// `States.StringSplit`
    StringSplit,
    /// `States.UUID`
    Uuid,
}

impl IntrinsicFn {
    /// Every function, in the order of the Step Functions documentation.
    pub const ALL: [IntrinsicFn; 18] = [
        IntrinsicFn::Format,
        IntrinsicFn::StringToJson,
        IntrinsicFn::JsonToString,
        IntrinsicFn::Array,
        IntrinsicFn::ArrayPartition,
        IntrinsicFn::ArrayContains,
        IntrinsicFn::ArrayRange,
        IntrinsicFn::ArrayGetItem,
        IntrinsicFn::ArrayLength,
        IntrinsicFn::ArrayUnique,
        IntrinsicFn::Base64Encode,
        IntrinsicFn::Base64Decode,
        IntrinsicFn::Hash,
        IntrinsicFn::JsonMerge,
        IntrinsicFn::MathRandom,
        IntrinsicFn::MathAdd,
        IntrinsicFn::StringSplit,
        IntrinsicFn::Uuid,
    ];

    /// The full name as written in ASL, e.g. `"States.Format"`.
    pub fn name(self) -> &'static str {
        match self {
            IntrinsicFn::Format => "States.Format",
            IntrinsicFn::StringToJson => "States.StringToJson",
            IntrinsicFn::JsonToString => "States.JsonToString",
            IntrinsicFn::Array => "States.Array",
            IntrinsicFn::ArrayPartition => "States.ArrayPartition",
            IntrinsicFn::ArrayContains => "States.ArrayContains",
            IntrinsicFn::ArrayRange => "States.ArrayRange",
            IntrinsicFn::ArrayGetItem => "States.ArrayGetItem",
            IntrinsicFn::ArrayLength => "States.ArrayLength",
            IntrinsicFn::ArrayUnique => "States.ArrayUnique",
            IntrinsicFn::Base64Encode => "States.Base64Encode",
            IntrinsicFn::Base64Decode => "States.Base64Decode",
            IntrinsicFn::Hash => "States.Hash",
            IntrinsicFn::JsonMerge => "States.JsonMerge",
            IntrinsicFn::MathRandom => "States.MathRandom",
            IntrinsicFn::MathAdd => "States.MathAdd",
            IntrinsicFn::StringSplit => "States.StringSplit",
            IntrinsicFn::Uuid => "States.UUID",
        }
    }

    /// Looks a function up by its full name (`"States.Format"`); exact spelling only.
    pub fn parse(name: &str) -> Option<IntrinsicFn> {
        IntrinsicFn::ALL.into_iter().find(|f| f.name() == name)
    }
}

/// A call such as `States.Format('{}', $.a)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Intrinsic {
    /// Which function.
    pub function: IntrinsicFn,
    /// The arguments in order.
    pub args: Vec<Arg>,
    /// Byte range of the whole call in the source.
    pub span: Range<usize>,
}

/// One argument of an intrinsic call.
#[derive(Debug, Clone, PartialEq)]
pub struct Arg {
    /// What the argument is.
    pub kind: ArgKind,
    /// Byte range of the argument in the source.
    pub span: Range<usize>,
}

/// The kinds of intrinsic arguments.
#[derive(Debug, Clone, PartialEq)]
pub enum ArgKind {
    /// A single-quoted literal, escapes decoded (`'it\'s'` holds `it's`).
    ///
    /// Exception: the template (first argument) of `States.Format` keeps `\{`, `\}` and
    /// `\\` as written, because the template language needs them to tell literal braces
    /// from `{}` placeholders; only `\'` is decoded there.
    String(String),
    /// A number literal.
    Number(serde_json::Number),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// A path: `$...`, `$$...` or `$name...`.
    Path(Path),
    /// A nested call.
    Call(Intrinsic),
}
