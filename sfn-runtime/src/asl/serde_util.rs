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
