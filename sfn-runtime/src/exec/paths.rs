//! The executor's view of the path dialect: every path, intrinsic, payload template and
//! JSONata expression of a definition is parsed once when the executor is built, and found
//! again at run time by the address of its source in the (immutable, shared) definition.

use std::borrow::Cow;
use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};

use serde_json::Value;

use super::errors::Failure;
use super::template::Template;
use crate::jsonata::eval::JsonataTemplate;

// The path dialect (parse + evaluate) lives in `crate::path`; everything in the executor
// reaches it through this alias.
pub(crate) use crate::path;

/// Compiled forms by the address of their source. The forms are kept in a vector, in the
/// order the definition is walked, and a hash table holds only their positions: built,
/// read and freed in that order, the forms (each a few small allocations) stay
/// cache-friendly at 100,000 states, where a table holding them was filled and freed in
/// hash order, which scattered the allocator's blocks over the heap (most of the
/// executor's set-up time then).
struct ByAddress<T> {
    positions: HashMap<usize, u32, BuildHasherDefault<AddressHasher>>,
    values: Vec<T>,
}

impl<T> Default for ByAddress<T> {
    fn default() -> Self {
        ByAddress {
            positions: HashMap::default(),
            values: Vec::new(),
        }
    }
}

impl<T> ByAddress<T> {
    fn with_capacity(n: usize) -> Self {
        ByAddress {
            positions: HashMap::with_capacity_and_hasher(n, Default::default()),
            values: Vec::with_capacity(n),
        }
    }

    fn insert(&mut self, address: usize, value: T) {
        // Fewer than 4 billion forms in any definition; past that, one is compiled again
        // when used.
        let Ok(position) = u32::try_from(self.values.len()) else {
            return;
        };
        // A field compiled twice compiles the same way: the first is kept.
        if let Entry::Vacant(slot) = self.positions.entry(address) {
            slot.insert(position);
            self.values.push(value);
        }
    }

    fn get(&self, address: &usize) -> Option<&T> {
        let position = *self.positions.get(address)?;
        self.values.get(position as usize)
    }
}

/// Hasher for addresses: they are already unique, but aligned and evenly spaced, so their
/// low bits (which pick the hash table's bucket) repeat. A folded multiply mixes the high
/// bits into them.
#[derive(Default)]
struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        let product = u128::from(self.0) * 0x9E37_79B9_7F4A_7C15;
        (product as u64) ^ ((product >> 64) as u64)
    }
    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = (self.0 << 8) | u64::from(*b);
        }
    }
    fn write_usize(&mut self, n: usize) {
        self.0 = n as u64;
    }
}

fn address<T>(item: &T) -> usize {
    item as *const T as usize
}

/// The compiled forms of one definition's paths, templates and expressions.
#[derive(Default)]
pub(crate) struct Compiled {
    paths: ByAddress<Result<path::Path, String>>,
    exprs: ByAddress<Result<path::Expr, String>>,
    templates: ByAddress<Template>,
    jsonata: ByAddress<JsonataTemplate>,
}

impl Compiled {
    /// Room for the paths of `states` states (most have one or more; templates and JSONata
    /// fields are rarer).
    pub(crate) fn with_capacity(states: usize) -> Compiled {
        Compiled {
            paths: ByAddress::with_capacity(states),
            ..Compiled::default()
        }
    }

    /// Pre-parses a path field.
    pub(crate) fn add_path(&mut self, source: &String) {
        self.paths.insert(address(source), parse_path(source));
    }
    /// Pre-parses a path-or-intrinsic field (Fail `ErrorPath`/`CausePath`).
    pub(crate) fn add_expr(&mut self, source: &String) {
        self.exprs.insert(
            address(source),
            path::parse_expr(source).map_err(|e| e.to_string()),
        );
    }
    /// Pre-compiles a payload template.
    pub(crate) fn add_template(&mut self, value: &Value) {
        self.templates
            .insert(address(value), Template::compile(value));
    }
    /// Pre-compiles a JSONata field (any JSON with `{% %}` strings inside).
    pub(crate) fn add_jsonata(&mut self, value: &Value) {
        self.jsonata
            .insert(address(value), JsonataTemplate::compile(value));
    }
    /// Pre-compiles a JSONata string field (`Error`, `Timestamp`, `TimeoutSeconds`, ...).
    pub(crate) fn add_jsonata_str(&mut self, source: &String) {
        self.jsonata
            .insert(address(source), JsonataTemplate::compile_str(source));
    }

    /// The parsed path at `source`. `what` names the field for the error.
    pub(crate) fn path<'a>(
        &'a self,
        source: &String,
        what: &str,
    ) -> Result<Cow<'a, path::Path>, Failure> {
        let parsed = match self.paths.get(&address(source)) {
            Some(parsed) => parsed.as_ref().map(Cow::Borrowed).map_err(Clone::clone),
            None => parse_path(source).map(Cow::Owned),
        };
        parsed.map_err(|message| {
            Failure::runtime(format!("{what} '{source}' is not a valid path: {message}"))
        })
    }

    /// The parsed path-or-intrinsic at `source`.
    pub(crate) fn expr<'a>(
        &'a self,
        source: &String,
        what: &str,
    ) -> Result<Cow<'a, path::Expr>, Failure> {
        let parsed = match self.exprs.get(&address(source)) {
            Some(parsed) => parsed.as_ref().map(Cow::Borrowed).map_err(Clone::clone),
            None => path::parse_expr(source)
                .map(Cow::Owned)
                .map_err(|e| e.to_string()),
        };
        parsed.map_err(|message| {
            Failure::runtime(format!(
                "{what} '{source}' is not a valid path or intrinsic: {message}"
            ))
        })
    }

    /// The compiled template at `value`.
    pub(crate) fn template<'a>(&'a self, value: &Value) -> Cow<'a, Template> {
        match self.templates.get(&address(value)) {
            Some(template) => Cow::Borrowed(template),
            None => Cow::Owned(Template::compile(value)),
        }
    }

    /// The compiled JSONata field at `value`.
    pub(crate) fn jsonata<'a>(&'a self, value: &Value) -> Cow<'a, JsonataTemplate> {
        match self.jsonata.get(&address(value)) {
            Some(template) => Cow::Borrowed(template),
            None => Cow::Owned(JsonataTemplate::compile(value)),
        }
    }

    /// The compiled JSONata string field at `source`.
    pub(crate) fn jsonata_str<'a>(&'a self, source: &String) -> Cow<'a, JsonataTemplate> {
        match self.jsonata.get(&address(source)) {
            Some(template) => Cow::Borrowed(template),
            None => Cow::Owned(JsonataTemplate::compile_str(source)),
        }
    }
}

fn parse_path(source: &str) -> Result<path::Path, String> {
    path::parse_path(source).map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_added_out_of_address_order_are_found() {
        let mut table = ByAddress::default();
        for (address, value) in [(30, "c"), (10, "a"), (20, "b"), (10, "a")] {
            table.insert(address, value);
        }
        assert_eq!(table.values.len(), 3);
        assert_eq!(table.get(&10), Some(&"a"));
        assert_eq!(table.get(&20), Some(&"b"));
        assert_eq!(table.get(&30), Some(&"c"));
        assert_eq!(table.get(&15), None);
        assert_eq!(table.get(&40), None);
    }
}
