//! The expansion: `pub const NAME: ::sfn::Workflow = ::sfn::Workflow::from_parts(..)`.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value as Json;
use sfn_runtime::emit::placeholders;

use crate::lower::Lowered;

/// The policy when no task needs a permission.
pub const EMPTY_POLICY: &str = r#"{"Version":"2012-10-17","Statement":[]}"#;

/// The const for a workflow. With `ok == false` the definition is empty, so a failed
/// invocation still defines the name and only the real errors are reported.
pub fn expand_const(lowered: &Lowered, policy: &str, ok: bool) -> TokenStream {
    if !lowered.custom.is_empty() {
        // The type's constants complete the definition and the policy (see `custom`).
        return crate::custom::expand::workflow_const(lowered, ok);
    }
    let name = &lowered.name;
    let vis = &lowered.vis;
    let name_str = name.to_string();
    let (definition, substitutions) = if ok {
        let mut names = Vec::new();
        collect_substitutions(&lowered.definition, &mut names);
        names.sort();
        names.dedup();
        (
            serde_json::to_string(&lowered.definition).unwrap_or_default(),
            names,
        )
    } else {
        (String::from("{}"), Vec::new())
    };
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
