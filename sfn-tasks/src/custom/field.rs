//! The description of one field, published by the derive as an associated const named after
//! the field, so that `workflow!` names it with the user's token (`Fields::event`): rustc
//! reports an unknown field there, with its own "similar name" suggestion.

use super::kind::{self, FieldKind};
use core::marker::PhantomData;

/// One field of a custom task type, as plain data.
#[derive(Clone, Copy, Debug)]
pub struct FieldInfo {
    /// Its position in the struct (the order of the rendered parameters).
    pub index: usize,
    /// The name written in `workflow!` (the Rust field name).
    pub name: &'static str,
    /// The ASL key (after `rename` / `rename_all`).
    pub key: &'static str,
    /// `Option<..>`: may be left out.
    pub optional: bool,
    /// `#[task(skip)]`: not rendered (used by IAM templates only).
    pub skip: bool,
    /// For enum kinds: (word, ASL value).
    pub words: &'static [(&'static str, &'static str)],
}

/// A field's description carrying its kind `K` as a type, for the trait-bound checks.
pub struct FieldDef<K> {
    /// The data.
    pub info: FieldInfo,
    kind: PhantomData<fn() -> K>,
}

impl<K> FieldDef<K> {
    /// The description of field `index` (`name`, rendered under `key`). The bound is on the
    /// function, so that a type that is no kind gets `FieldKind`'s message.
    pub const fn new(index: usize, name: &'static str, key: &'static str, skip: bool) -> Self
    where
        K: FieldKind,
    {
        FieldDef {
            info: FieldInfo {
                index,
                name,
                key,
                optional: K::OPTIONAL,
                skip,
                words: K::WORDS,
            },
            kind: PhantomData,
        }
    }
}

// One function per kind of written value (not a macro: their bounds appear in rustc's
// notes, which read better without a macro backtrace).

/// The field, checked to accept what [`kind::TakesStr`] says.
pub const fn takes_str<K: kind::TakesStr>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesNumber`] says.
pub const fn takes_number<K: kind::TakesNumber>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesBool`] says.
pub const fn takes_bool<K: kind::TakesBool>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesNull`] says.
pub const fn takes_null<K: kind::TakesNull>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesPath`] says.
pub const fn takes_path<K: kind::TakesPath>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesIntrinsic`] says.
pub const fn takes_intrinsic<K: kind::TakesIntrinsic>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesJsonata`] says.
pub const fn takes_jsonata<K: kind::TakesJsonata>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesObject`] says.
pub const fn takes_object<K: kind::TakesObject>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesArray`] says.
pub const fn takes_array<K: kind::TakesArray>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesWord`] says.
pub const fn takes_word<K: kind::TakesWord>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}

/// The field, checked to accept what [`kind::TakesDuration`] says.
pub const fn takes_duration<K: kind::TakesDuration>(field: &FieldDef<K>) -> FieldInfo {
    field.info
}
