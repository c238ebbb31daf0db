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

impl<K: FieldKind> FieldDef<K> {
    /// The description of field `index` (`name`, rendered under `key`).
    pub const fn new(index: usize, name: &'static str, key: &'static str, skip: bool) -> Self {
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

macro_rules! takes_fn {
    ($($fn:ident: $trait:ident),* $(,)?) => {
        $(
            #[doc = concat!("The field, checked to accept what [`kind::", stringify!($trait), "`] says.")]
            pub const fn $fn<K: kind::$trait>(field: &FieldDef<K>) -> FieldInfo {
                field.info
            }
        )*
    };
}

takes_fn!(
    takes_str: TakesStr,
    takes_number: TakesNumber,
    takes_bool: TakesBool,
    takes_null: TakesNull,
    takes_path: TakesPath,
    takes_intrinsic: TakesIntrinsic,
    takes_jsonata: TakesJsonata,
    takes_object: TakesObject,
    takes_array: TakesArray,
    takes_word: TakesWord,
    takes_duration: TakesDuration,
);
