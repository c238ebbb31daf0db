//! ASL -> `workflow!` source: the migration path for hand-written definitions.
//!
//! [`to_source`] renders any ASL definition as idiomatic DSL (identifiers for state names,
//! doc comments, `#[retry]`/`#[catch]` with durations, Choice rules as conditions, bare paths
//! and intrinsics, generic `Task { resource, .. }`), then proves the result: it parses and
//! lowers the generated source with this crate and compares the ASL it yields with the input.
//! What the DSL cannot write exactly is an [`ImportError`] at the JSON pointer of the
//! construct, never source that would mean something else. Older forms with a modern
//! equivalent (the legacy Map `Iterator`/`Parameters`, `Not` around `IsPresent: true`, an
//! `And`/`Or` of one rule, paths spaced differently) are written in the modern form, each
//! with a [`Note`]; the check then compares with the input after those same rewrites.

mod attrs;
mod block;
mod choice;
mod error;
mod fields;
mod layout;
mod names;
mod rewrite;
mod state;
mod text;
mod value;
mod verify;

#[cfg(test)]
mod rewrite_tests;
#[cfg(test)]
mod tests;

pub use error::ImportError;
pub use names::const_name;
pub use rewrite::Note;

use serde_json::Value as Json;

use layout::Out;
use rewrite::Rewrites;

/// An imported definition: the source, the rewrites it needed, and what it means.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The `workflow! { .. }` source.
    pub source: String,
    /// The older forms written in their modern equivalent, in document order.
    pub notes: Vec<Note>,
    /// The ASL the source lowers to: the input with the notes' rewrites applied (equal to
    /// the input when there are no notes).
    pub definition: Json,
}

/// The `workflow! { .. }` source of `definition`, declaring `pub NAME`.
///
/// `name` must be a Rust identifier (see [`const_name`] to derive one from a file name).
/// The source is checked before it is returned: parsed and lowered by this crate, it gives
/// back exactly `definition` (JSON equality), after the rewrites [`import`] reports as
/// notes.
pub fn to_source(definition: &Json, name: &str) -> Result<String, ImportError> {
    import(definition, name).map(|imported| imported.source)
}

/// Imports `definition` as [`to_source`] does, with the notes of the rewrites it needed.
///
/// The source is checked before it is returned: parsed and lowered by this crate, it gives
/// back exactly [`Imported::definition`], which is `definition` with the noted rewrites
/// applied (each keeps the meaning).
pub fn import(definition: &Json, name: &str) -> Result<Imported, ImportError> {
    let mut rw = Rewrites::default();
    let body = to_body(definition, name, &mut rw)?;
    let normalised = rw.normalise(definition);
    verify::round_trip(&body, &normalised)?;
    let mut source = String::from("workflow! {\n");
    for line in body.lines() {
        if line.is_empty() {
            source.push('\n');
        } else {
            source.push_str("    ");
            source.push_str(line);
            source.push('\n');
        }
    }
    source.push_str("}\n");
    Ok(Imported {
        source,
        notes: rw.notes(),
        definition: normalised,
    })
}

/// The inside of the `workflow!` invocation (`/// doc  #[attrs]  pub NAME { states }`), not
/// yet verified.
fn to_body(definition: &Json, name: &str, rw: &mut Rewrites) -> Result<String, ImportError> {
    if !names::is_plain_ident(name) {
        return Err(ImportError::new(
            "",
            format!("`{name}` is not a Rust identifier; choose a const name such as `ORDER_FLOW`"),
        ));
    }
    let Json::Object(top) = definition else {
        return Err(ImportError::new(
            "",
            "a state machine definition is a JSON object with `StartAt` and `States`",
        ));
    };
    let mut out = Out::default();
    let mut jsonata = false;
    for (key, value) in top {
        let at = format!("/{}", error::escape(key));
        match key.as_str() {
            "StartAt" | "States" => {}
            "Comment" => {
                let Json::String(comment) = value else {
                    return Err(ImportError::new(at, "`Comment` is a string"));
                };
                out.comment(comment);
            }
            "TimeoutSeconds" => {
                let seconds = value.as_u64().ok_or_else(|| {
                    ImportError::new(
                        &at,
                        "the DSL writes a workflow timeout as a whole number of seconds",
                    )
                })?;
                out.line(&format!("#[timeout = {}]", value::duration(seconds)));
            }
            "Version" => {
                let Json::String(version) = value else {
                    return Err(ImportError::new(at, "`Version` is a string"));
                };
                out.line(&format!("#[version = {}]", value::string(version)));
            }
            "QueryLanguage" => {
                let word = block::query_language_word(value, &at)?;
                jsonata = word == "jsonata";
                out.line(&format!("#[query_language = {word}]"));
            }
            other => {
                return Err(ImportError::new(
                    at,
                    format!("`{other}` is not a state machine field the DSL can write"),
                ));
            }
        }
    }
    out.line(&format!("pub {name} {{"));
    out.indent += 1;
    block::block(&mut out, top, "", jsonata, rw)?;
    out.indent -= 1;
    out.line("}");
    Ok(out.text)
}
