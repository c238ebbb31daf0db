//! ASL -> `workflow!` source: the migration path for hand-written definitions.
//!
//! [`to_source`] renders any ASL definition as idiomatic DSL (identifiers for state names,
//! doc comments, `#[retry]`/`#[catch]` with durations, Choice rules as conditions, bare paths
//! and intrinsics, generic `Task { resource, .. }`), then proves the result: it parses and
//! lowers the generated source with this crate and compares the ASL it yields with the input.
//! What the DSL cannot write exactly is an [`ImportError`] at the JSON pointer of the
//! construct, never source that would mean something else.

mod attrs;
mod block;
mod choice;
mod error;
mod fields;
mod layout;
mod names;
mod state;
mod text;
mod value;
mod verify;

#[cfg(test)]
mod tests;

pub use error::ImportError;
pub use names::const_name;

use serde_json::Value as Json;

use layout::Out;

/// The `workflow! { .. }` source of `definition`, declaring `pub NAME`.
///
/// `name` must be a Rust identifier (see [`const_name`] to derive one from a file name).
/// The source is checked before it is returned: parsed and lowered by this crate, it gives
/// back exactly `definition` (JSON equality).
pub fn to_source(definition: &Json, name: &str) -> Result<String, ImportError> {
    let body = to_body(definition, name)?;
    verify::round_trip(&body, definition)?;
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
    Ok(source)
}

/// The inside of the `workflow!` invocation (`/// doc  #[attrs]  pub NAME { states }`), not
/// yet verified.
fn to_body(definition: &Json, name: &str) -> Result<String, ImportError> {
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
    block::block(&mut out, top, "", jsonata)?;
    out.indent -= 1;
    out.line("}");
    Ok(out.text)
}
