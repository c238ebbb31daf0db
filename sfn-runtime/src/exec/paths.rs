//! The executor's view of the path dialect: every path, intrinsic, payload template and
//! JSONata expression of a definition is parsed once when the executor is built, and found
//! again at run time by the address of its source in the (immutable, shared) definition.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use serde_json::Value;

use super::errors::Failure;
use super::template::Template;
use crate::jsonata::eval::JsonataTemplate;

// The path dialect (parse + evaluate) lives in `crate::path`; everything in the executor
// reaches it through this alias.
pub(crate) use crate::path;

/// Identity hasher for addresses: they are already unique.
#[derive(Default)]
pub(crate) struct AddressHasher(u64);

impl Hasher for AddressHasher {
    fn finish(&self) -> u64 {
        self.0.wrapping_mul(0x9E37_79B9_7F4A_7C15)
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

type ByAddress<T> = HashMap<usize, T, BuildHasherDefault<AddressHasher>>;

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
