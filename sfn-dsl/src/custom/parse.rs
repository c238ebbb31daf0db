//! The kind of a state: a word (`Pass`, `LambdaInvoke`) or the path of a custom task type
//! (`audit::PublishAudit`, `crate::tasks::Send`, `self::Send`). One rule: a path with `::`
//! is a custom type, a single word is a built-in kind or a catalogue class.

use syn::Ident;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Path, Token};

/// Reads the kind: its last word, and the whole path when it has `::`.
pub fn kind(input: ParseStream) -> syn::Result<(Ident, Option<Path>)> {
    let starts_path = input.peek(Token![::])
        || ((input.peek(Token![crate]) || input.peek(Token![self]) || input.peek(Token![super]))
            && input.peek2(Token![::]))
        // `peek2` first: syn's `peek(Ident)` writes the identifier out to rule out keywords.
        || (input.peek2(Token![::]) && input.peek(Ident));
    if starts_path {
        let path = Path::parse_mod_style(input)?;
        let last = path
            .segments
            .last()
            .map(|s| s.ident.clone())
            .ok_or_else(|| input.error("expected a task type path"))?;
        return Ok((last, Some(path)));
    }
    let kind = input.call(Ident::parse_any).and_then(|word| {
        if word == "crate" || word == "self" || word == "super" {
            Err(syn::Error::new(
                word.span(),
                "expected a path: `self::TaskType`",
            ))
        } else {
            Ok(word)
        }
    });
    let kind = kind.map_err(|e| {
        syn::Error::new(e.span(), "expected the kind of state: Pass, Task, Choice, Wait, Succeed, Fail, Parallel, Map, Activity, a catalogue task type or the path of a custom one (`tasks::PublishAudit`)")
    })?;
    Ok((kind, None))
}
