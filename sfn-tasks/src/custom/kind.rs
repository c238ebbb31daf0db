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

// The impls are written out (not generated by a macro) because rustc quotes them in its
// notes when a value does not fit.

impl FieldKind for String {}
impl TakesStr for String {}
impl TakesPath for String {}
impl TakesIntrinsic for String {}
impl TakesJsonata for String {}

impl FieldKind for f64 {}
impl TakesNumber for f64 {}
impl TakesPath for f64 {}
impl TakesIntrinsic for f64 {}
impl TakesJsonata for f64 {}

impl FieldKind for i64 {}
impl TakesNumber for i64 {}
impl TakesPath for i64 {}
impl TakesIntrinsic for i64 {}
impl TakesJsonata for i64 {}

impl FieldKind for u64 {}
impl TakesNumber for u64 {}
impl TakesPath for u64 {}
impl TakesIntrinsic for u64 {}
impl TakesJsonata for u64 {}

impl FieldKind for i32 {}
impl TakesNumber for i32 {}
impl TakesPath for i32 {}
impl TakesIntrinsic for i32 {}
impl TakesJsonata for i32 {}

impl FieldKind for u32 {}
impl TakesNumber for u32 {}
impl TakesPath for u32 {}
impl TakesIntrinsic for u32 {}
impl TakesJsonata for u32 {}

impl FieldKind for bool {}
impl TakesBool for bool {}
impl TakesPath for bool {}
impl TakesIntrinsic for bool {}
impl TakesJsonata for bool {}

impl FieldKind for Json {}
impl TakesStr for Json {}
impl TakesNumber for Json {}
impl TakesBool for Json {}
impl TakesNull for Json {}
impl TakesPath for Json {}
impl TakesIntrinsic for Json {}
impl TakesJsonata for Json {}
impl TakesObject for Json {}
impl TakesArray for Json {}

impl FieldKind for Seconds {}
impl TakesDuration for Seconds {}
impl TakesNumber for Seconds {}
impl TakesPath for Seconds {}
impl TakesIntrinsic for Seconds {}
impl TakesJsonata for Seconds {}

impl<K: FieldKind> FieldKind for Option<K> {
    const OPTIONAL: bool = true;
    const WORDS: &'static [(&'static str, &'static str)] = K::WORDS;
}

impl<K: FieldKind> FieldKind for Literal<K> {
    const OPTIONAL: bool = K::OPTIONAL;
    const WORDS: &'static [(&'static str, &'static str)] = K::WORDS;
}

// `Option<K>` takes what `K` takes; `do_not_recommend` makes a mismatch name `K`.
#[diagnostic::do_not_recommend]
impl<K: TakesStr> TakesStr for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesNumber> TakesNumber for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesBool> TakesBool for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesNull> TakesNull for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesPath> TakesPath for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesIntrinsic> TakesIntrinsic for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesJsonata> TakesJsonata for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesObject> TakesObject for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesArray> TakesArray for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesWord> TakesWord for Option<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesDuration> TakesDuration for Option<K> {}

// `Literal<K>` takes the literals `K` takes: never a path, an intrinsic or JSONata.
#[diagnostic::do_not_recommend]
impl<K: TakesStr> TakesStr for Literal<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesNumber> TakesNumber for Literal<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesBool> TakesBool for Literal<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesNull> TakesNull for Literal<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesObject> TakesObject for Literal<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesArray> TakesArray for Literal<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesWord> TakesWord for Literal<K> {}
#[diagnostic::do_not_recommend]
impl<K: TakesDuration> TakesDuration for Literal<K> {}
