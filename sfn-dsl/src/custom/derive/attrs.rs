//! The `#[task(..)]` attributes of a derive: read, checked, errors at their tokens.

use proc_macro2::Span;
use syn::punctuated::Punctuated;
use syn::{Attribute, Ident, LitStr, Token};

use crate::diag::with_suggestion;

/// The container attributes of `#[derive(sfn::Task)]`.
#[derive(Default)]
pub struct Container {
    /// `resource = ".."`.
    pub resource: Option<LitStr>,
    /// `sync_suffix = ".sync:2"` (default `.sync`).
    pub sync_suffix: Option<LitStr>,
    /// `patterns(request_response, ..)`.
    pub patterns: Vec<Ident>,
    /// `default_pattern = ..`.
    pub default_pattern: Option<Ident>,
    /// `rename_all = ".."`.
    pub rename_all: Option<LitStr>,
    /// `token = field`.
    pub token: Option<Ident>,
    /// `query_languages(jsonpath, jsonata)`.
    pub query_languages: Vec<Ident>,
    /// `retry = "[..]"`.
    pub retry: Option<LitStr>,
    /// `iam(..)`, in order.
    pub iam: Vec<Iam>,
    /// `name = ".."` (messages).
    pub name: Option<LitStr>,
}

/// One `iam(patterns(..), actions(..), resources(..))`.
pub struct Iam {
    /// The `iam` token.
    pub span: Span,
    /// Patterns under which it applies (none: all).
    pub patterns: Vec<Ident>,
    /// Actions.
    pub actions: Vec<LitStr>,
    /// Resource templates.
    pub resources: Vec<LitStr>,
}

const CONTAINER_KEYS: &[&str] = &[
    "resource",
    "sync_suffix",
    "patterns",
    "default_pattern",
    "rename_all",
    "token",
    "query_languages",
    "retry",
    "iam",
    "name",
];

fn unknown(path: &syn::Path, keys: &[&str]) -> syn::Error {
    let name = path
        .get_ident()
        .map(ToString::to_string)
        .unwrap_or_default();
    syn::Error::new_spanned(
        path,
        with_suggestion(
            format!(
                "unknown attribute `{name}`; expected one of: {}",
                keys.join(", ")
            ),
            &name,
            keys.iter().copied(),
        ),
    )
}

fn idents(meta: &syn::meta::ParseNestedMeta) -> syn::Result<Vec<Ident>> {
    let content;
    syn::parenthesized!(content in meta.input);
    Ok(Punctuated::<Ident, Token![,]>::parse_terminated(&content)?
        .into_iter()
        .collect())
}

fn strings(meta: &syn::meta::ParseNestedMeta) -> syn::Result<Vec<LitStr>> {
    let content;
    syn::parenthesized!(content in meta.input);
    Ok(Punctuated::<LitStr, Token![,]>::parse_terminated(&content)?
        .into_iter()
        .collect())
}

/// Reads every `#[task(..)]` of the container; errors are accumulated in `errors`.
pub fn container(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> Container {
    let mut out = Container::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("task")) {
        let result = attr.parse_nested_meta(|meta| {
            let key = meta.path.get_ident().map(ToString::to_string);
            match key.as_deref() {
                Some("resource") => out.resource = Some(meta.value()?.parse()?),
                Some("sync_suffix") => out.sync_suffix = Some(meta.value()?.parse()?),
                Some("patterns") => out.patterns = idents(&meta)?,
                Some("default_pattern") => out.default_pattern = Some(meta.value()?.parse()?),
                Some("rename_all") => out.rename_all = Some(meta.value()?.parse()?),
                Some("token") => out.token = Some(meta.value()?.parse()?),
                Some("query_languages") => out.query_languages = idents(&meta)?,
                Some("retry") => out.retry = Some(meta.value()?.parse()?),
                Some("name") => out.name = Some(meta.value()?.parse()?),
                Some("iam") => {
                    let mut iam = Iam {
                        span: meta.path.span_or_call_site(),
                        patterns: Vec::new(),
                        actions: Vec::new(),
                        resources: Vec::new(),
                    };
                    meta.parse_nested_meta(|inner| {
                        let key = inner.path.get_ident().map(ToString::to_string);
                        match key.as_deref() {
                            Some("patterns") => iam.patterns = idents(&inner)?,
                            Some("actions") => iam.actions = strings(&inner)?,
                            Some("resources") => iam.resources = strings(&inner)?,
                            _ => {
                                return Err(unknown(
                                    &inner.path,
                                    &["patterns", "actions", "resources"],
                                ));
                            }
                        }
                        Ok(())
                    })?;
                    out.iam.push(iam);
                }
                _ => return Err(unknown(&meta.path, CONTAINER_KEYS)),
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    out
}

/// The attributes of one field.
#[derive(Default)]
pub struct FieldAttrs {
    /// `rename = ".."`.
    pub rename: Option<LitStr>,
    /// `skip`: not rendered (IAM templates only).
    pub skip: bool,
}

/// Reads the `#[task(..)]` of a field.
pub fn field(attrs: &[Attribute], errors: &mut Vec<syn::Error>) -> FieldAttrs {
    let mut out = FieldAttrs::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("task")) {
        let result = attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("rename") {
                out.rename = Some(meta.value()?.parse()?);
            } else if meta.path.is_ident("skip") {
                out.skip = true;
            } else {
                return Err(unknown(&meta.path, &["rename", "skip"]));
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(e);
        }
    }
    out
}

/// Span helper: syn 3 paths carry their span in the segments.
trait SpanOrCallSite {
    fn span_or_call_site(&self) -> Span;
}

impl SpanOrCallSite for syn::Path {
    fn span_or_call_site(&self) -> Span {
        self.segments
            .first()
            .map(|s| s.ident.span())
            .unwrap_or_else(Span::call_site)
    }
}
