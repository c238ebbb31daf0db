//! Serde helpers shared by the model.

use serde::{Deserialize, Deserializer};

/// Deserializes a field where `null` and absent mean different things (`ResultPath: null`
/// discards the result; an absent `ResultPath` means `$`): absent -> `None`, `null` ->
/// `Some(None)`, a value -> `Some(Some(v))`. Use with `#[serde(default)]`.
pub(crate) fn nullable<'de, D, T>(deserializer: D) -> Result<Option<Option<T>>, D::Error>
where
    D: Deserializer<'de>,
    T: Deserialize<'de>,
{
    Option::<T>::deserialize(deserializer).map(Some)
}

/// Deserializes a JSON value where an explicit `null` is a value, not an absence
/// (`"Result": null` makes a Pass state output `null`): absent -> `None`, `null` ->
/// `Some(Value::Null)`. Use with `#[serde(default)]`.
pub(crate) fn keep_null<'de, D>(deserializer: D) -> Result<Option<serde_json::Value>, D::Error>
where
    D: Deserializer<'de>,
{
    serde_json::Value::deserialize(deserializer).map(Some)
}
