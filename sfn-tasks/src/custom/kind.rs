//! Field kinds: the Rust type of a field of a `#[derive(sfn::Task)]` struct says what the
//! field accepts. One trait per kind of written value, so that a mismatch is a trait-bound
//! error whose message names the value the user wrote, at that value.
//!
//! | field type | accepts |
//! |---|---|
//! | `String` | a string, a path, an intrinsic call, a JSONata string |
//! | `f64`, `i64`, `u64`, `i32`, `u32` | a number, a path, an intrinsic call, a JSONata string |
//! | `bool` | `true`/`false`, a path, an intrinsic call, a JSONata string |
//! | [`Json`] | any JSON value (objects render `"key.$"` for paths), paths, calls, JSONata |
//! | [`Seconds`] | a duration (`30s`, rendered as whole seconds), a number, a path, JSONata |
//! | an enum with `#[derive(sfn::TaskEnum)]` | one of its words (`high`) or ASL values (`"HIGH"`), a path, JSONata |
//! | [`Literal<K>`] | only the literals `K` accepts |
//! | `Option<K>` | what `K` accepts; the field may be left out |

/// Marks a type usable as the type of a task field; says whether the field may be absent
/// and, for enums, its words.
#[diagnostic::on_unimplemented(
    message = "`{Self}` is not a task field kind",
    label = "not a field kind",
    note = "a task field is one of: String, f64, i64, u64, i32, u32, bool, sfn::tasks::custom::Json, sfn::tasks::custom::Seconds, an enum with #[derive(sfn::TaskEnum)], Literal<..> of those, or Option<..> of those"
)]
pub trait FieldKind {
    /// True for `Option<..>`: the field may be left out.
    const OPTIONAL: bool = false;
    /// For an enum kind: (word written in `workflow!`, ASL value). Empty otherwise.
    const WORDS: &'static [(&'static str, &'static str)] = &[];
}

/// Any JSON value, like CDK's `TaskInput`: objects and arrays are written in place,
/// `{ "id": $.order.id }` renders `{"id.$": "$.order.id"}`.
pub struct Json;

/// A duration written `30s` / `5min`, rendered as whole seconds (a number is taken as seconds).
pub struct Seconds;

/// Only literal values of `K`: no path, intrinsic call or JSONata expression.
pub struct Literal<K>(core::marker::PhantomData<K>);

/// A Rust enum usable as a field kind; implemented by `#[derive(sfn::TaskEnum)]`.
pub trait TaskEnum {
    /// (word written in `workflow!`, ASL value), one per variant.
    const WORDS: &'static [(&'static str, &'static str)];
}

/// Accepts a string literal.
#[diagnostic::on_unimplemented(
    message = "this field does not take a string: its kind is `{Self}`",
    label = "a string is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesStr {}

/// Accepts a number literal.
#[diagnostic::on_unimplemented(
    message = "this field does not take a number: its kind is `{Self}`",
    label = "a number is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesNumber {}

/// Accepts `true` / `false`.
#[diagnostic::on_unimplemented(
    message = "this field does not take a boolean: its kind is `{Self}`",
    label = "a boolean is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesBool {}

/// Accepts `null`.
#[diagnostic::on_unimplemented(
    message = "this field does not take null: its kind is `{Self}`",
    label = "null is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesNull {}

/// Accepts a JsonPath (`$.a`, `$$.Execution.Id`, `$var`).
#[diagnostic::on_unimplemented(
    message = "this field does not take a JsonPath: its kind is `{Self}`",
    label = "a JsonPath is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesPath {}

/// Accepts an intrinsic call (`States.Format(..)`).
#[diagnostic::on_unimplemented(
    message = "this field does not take an intrinsic function call: its kind is `{Self}`",
    label = "an intrinsic function call is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesIntrinsic {}

/// Accepts a `{% %}` JSONata string.
#[diagnostic::on_unimplemented(
    message = "this field does not take a JSONata expression: its kind is `{Self}`",
    label = "a JSONata expression is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesJsonata {}

/// Accepts an object literal.
#[diagnostic::on_unimplemented(
    message = "this field does not take an object: its kind is `{Self}`",
    label = "an object is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesObject {}

/// Accepts an array literal.
#[diagnostic::on_unimplemented(
    message = "this field does not take an array: its kind is `{Self}`",
    label = "an array is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesArray {}

/// Accepts a bare word (an enum value such as `high`).
#[diagnostic::on_unimplemented(
    message = "this field does not take a bare word: its kind is `{Self}`",
    label = "a bare word is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesWord {}

/// Accepts a duration (`30s`).
#[diagnostic::on_unimplemented(
    message = "this field does not take a duration: its kind is `{Self}`",
    label = "a duration is not allowed here",
    note = "the field's type in its #[derive(sfn::Task)] struct says what it takes (see sfn::tasks::custom::kind)"
)]
pub trait TakesDuration {}

macro_rules! kind {
    ($ty:ty: $($trait:ident),*) => {
        impl FieldKind for $ty {}
        $(impl $trait for $ty {})*
    };
}

kind!(String: TakesStr, TakesPath, TakesIntrinsic, TakesJsonata);
kind!(f64: TakesNumber, TakesPath, TakesIntrinsic, TakesJsonata);
kind!(i64: TakesNumber, TakesPath, TakesIntrinsic, TakesJsonata);
kind!(u64: TakesNumber, TakesPath, TakesIntrinsic, TakesJsonata);
kind!(i32: TakesNumber, TakesPath, TakesIntrinsic, TakesJsonata);
kind!(u32: TakesNumber, TakesPath, TakesIntrinsic, TakesJsonata);
kind!(bool: TakesBool, TakesPath, TakesIntrinsic, TakesJsonata);
kind!(Json: TakesStr, TakesNumber, TakesBool, TakesNull, TakesPath, TakesIntrinsic, TakesJsonata, TakesObject, TakesArray);
kind!(Seconds: TakesDuration, TakesNumber, TakesPath, TakesIntrinsic, TakesJsonata);

impl<K: FieldKind> FieldKind for Option<K> {
    const OPTIONAL: bool = true;
    const WORDS: &'static [(&'static str, &'static str)] = K::WORDS;
}

impl<K: FieldKind> FieldKind for Literal<K> {
    const OPTIONAL: bool = K::OPTIONAL;
    const WORDS: &'static [(&'static str, &'static str)] = K::WORDS;
}

macro_rules! forward {
    ($($trait:ident),*) => {
        $(impl<K: $trait> $trait for Option<K> {})*
    };
}
forward!(
    TakesStr,
    TakesNumber,
    TakesBool,
    TakesNull,
    TakesPath,
    TakesIntrinsic,
    TakesJsonata,
    TakesObject,
    TakesArray,
    TakesWord,
    TakesDuration
);

macro_rules! literal_only {
    ($($trait:ident),*) => {
        $(impl<K: $trait> $trait for Literal<K> {})*
    };
}
// Never TakesPath, TakesIntrinsic or TakesJsonata: that is what Literal is for.
literal_only!(
    TakesStr,
    TakesNumber,
    TakesBool,
    TakesNull,
    TakesObject,
    TakesArray,
    TakesWord,
    TakesDuration
);
