//! The expansion: `pub const NAME: ::sfn::Workflow = ::sfn::Workflow::from_parts(..)`.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value as Json;
use sfn_runtime::emit::placeholders;

use crate::lower::Lowered;

mod text;

/// The policy when no task needs a permission.
pub const EMPTY_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[]}"#;

/// The const for a workflow. With `ok == false` the definition is empty, so a failed
/// invocation still defines the name and only the real errors are reported.
pub fn expand_const(lowered: &Lowered, policy: &str, ok: bool) -> TokenStream {
    if !lowered.custom.is_empty() {
        // The type's constants complete the definition and the policy (see `custom`).
        return crate::custom::expand::workflow_const(lowered, ok);
    }
    let written = if ok {
        let text = serde_json::to_string(&lowered.definition).unwrap_or_default();
        let mut names = Vec::new();
        if text::contains_placeholder(text.as_bytes()) {
            collect_substitutions(&lowered.definition, &mut names);
        }
        (text, names)
    } else {
        (String::from("{}"), Vec::new())
    };
    const_tokens(lowered, written, policy)
}

/// [`expand_const`], taking the definition out of `lowered` and freeing it as it is
/// written (see `text`): the same tokens, one walk over the tree instead of two.
pub fn expand_const_taking(lowered: &mut Lowered, policy: &str, ok: bool) -> TokenStream {
    // A small tree stays in the cache from the writing to the drop, and freeing it piece
    // by piece between growing the text costs more in glibc (malloc_consolidate) than it
    // saves: 1.2% more instructions at 10 states.
    let large = lowered
        .definition
        .get("States")
        .and_then(Json::as_object)
        .is_some_and(|states| states.len() >= text::LARGE);
    if !lowered.custom.is_empty() || !ok || !large {
        return expand_const(lowered, policy, ok);
    }
    let written = text::write_consuming(std::mem::take(&mut lowered.definition));
    const_tokens(lowered, written, policy)
}

/// The const, given the definition's text and its placeholders (unsorted).
fn const_tokens(
    lowered: &Lowered,
    (definition, mut substitutions): (String, Vec<String>),
    policy: &str,
) -> TokenStream {
    let name = &lowered.name;
    let vis = &lowered.vis;
    let name_str = name.to_string();
    substitutions.sort();
    substitutions.dedup();
    let definition = str_literal(&definition);
    let policy = str_literal(policy);
    let docs = lowered.docs.iter().map(|line| {
        let line = format!(" {line}");
        quote! { #[doc = #line] }
    });
    let kind = if lowered.express {
        quote!(Express)
    } else {
        quote!(Standard)
    };
    quote! {
        #(#docs)*
        #vis const #name: ::sfn::Workflow = ::sfn::Workflow::from_parts(
            #name_str,
            #definition,
            #policy,
            &[#(#substitutions),*],
            ::sfn::WorkflowKind::#kind,
        );
    }
}

/// `text` as a string literal token. A raw string (`r#"..."#`) when it can be one: the
/// definition of a large workflow is hundreds of kilobytes, and escaping it char by char
/// (`quote` of a `String`) was a fifth of the whole expansion; a raw literal is only lexed.
/// The value of the literal is the same either way.
pub fn str_literal(text: &str) -> proc_macro2::Literal {
    // Enough `#`s that no `"#..#` inside ends the literal early. JSON text seldom holds a
    // `"#`: then one `#` will do (none without a `"`), found without splitting at every quote.
    let hashes = if text.contains("\"#") {
        text.split('"')
            .skip(1)
            .map(|after| after.bytes().take_while(|b| *b == b'#').count() + 1)
            .max()
            .unwrap_or(0)
    } else {
        usize::from(text.contains('"'))
    };
    // A raw string cannot hold a bare CR, and takes at most 255 `#`s.
    if text.contains('\r') || hashes > 255 {
        return proc_macro2::Literal::string(text);
    }
    let fence = "#".repeat(hashes);
    format!("r{fence}\"{text}\"{fence}")
        .parse()
        .unwrap_or_else(|_| proc_macro2::Literal::string(text))
}

/// Every `${Name}` in the strings (keys and values) of `value`, by the runtime's rule of what
/// a substitution name is (the emitters read the definition with the same rule).
pub fn collect_substitutions(value: &Json, out: &mut Vec<String>) {
    match value {
        Json::String(s) => out.extend(placeholders(s)),
        Json::Array(items) => items.iter().for_each(|v| collect_substitutions(v, out)),
        Json::Object(map) => {
            for (key, v) in map {
                out.extend(placeholders(key));
                collect_substitutions(v, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The literal's value is the text, whatever quotes, `#`s and escapes the text holds
    /// (read back with syn, as rustc reads it).
    #[test]
    fn string_literals_keep_their_value() {
        for text in [
            "",
            r#"{"a":"b"}"#,
            r##"{"a":"x\"#y"}"##,
            "\"###\"#",
            "tab\there \\ back",
            "cr\r",
            "é ${Fn} ∑",
        ] {
            let literal = str_literal(text);
            let parsed: syn::LitStr = syn::parse2(quote!(#literal)).expect("a string literal");
            assert_eq!(parsed.value(), text, "{literal}");
        }
        // Plain JSON becomes a raw literal (only lexed, not escaped char by char).
        assert!(str_literal(r#"{"a":1}"#).to_string().starts_with("r#\""));
    }

    #[test]
    fn finds_substitutions_in_keys_and_values() {
        let mut out = Vec::new();
        let value = serde_json::json!({"Resource": "${Fn}", "Parameters": {"a": "x ${Table} ${Fn} ${} ${a b}"}});
        collect_substitutions(&value, &mut out);
        assert_eq!(out, ["Fn", "Table", "Fn"]);
        // The same names CloudFormation (and the emitters) see, even after a broken `${`.
        let mut out = Vec::new();
        collect_substitutions(&serde_json::json!("${a ${B}}"), &mut out);
        assert_eq!(out, ["B"]);
    }
}
