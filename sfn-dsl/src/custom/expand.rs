//! The expansion of a workflow with custom task states: a `const` block that checks each
//! state against its type's constants and composes the definition and the policy from the
//! macro's text and those constants (`sfn::tasks::custom::{render, policy}`).

use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote, quote_spanned};
use serde_json::{Map, Value as Json};
use syn::spanned::Spanned;

use super::state::CustomState;
use crate::expand::{EMPTY_POLICY, collect_substitutions};
use crate::lower::Lowered;

/// The slot markers written into the definition text, then cut out of it.
fn marker(state: usize, slot: char) -> String {
    format!("\u{1}sfn:{state}:{slot}\u{1}")
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

/// `pub const NAME: ::sfn::Workflow = { checks; pieces; Workflow::from_parts(..) };`
pub fn workflow_const(lowered: &Lowered, ok: bool) -> TokenStream {
    let name = &lowered.name;
    let vis = &lowered.vis;
    let name_str = name.to_string();
    let docs = lowered.docs.iter().map(|line| {
        let line = format!(" {line}");
        quote! { #[doc = #line] }
    });
    let kind = if lowered.express {
        quote!(Express)
    } else {
        quote!(Standard)
    };
    let c = quote!(::sfn::tasks::custom);
    let mut items = Vec::new();
    for (k, state) in lowered.custom.iter().enumerate() {
        items.push(state_items(k, state));
    }
    let body = if ok {
        let mut names = Vec::new();
        collect_substitutions(&lowered.definition, &mut names);
        names.sort();
        names.dedup();
        let pieces = pieces(lowered);
        let fixed = |s: &sfn_runtime::iam::Statement| {
            let effect = s.effect.as_str();
            let actions = &s.actions;
            let resources = &s.resources;
            let condition = s
                .condition
                .as_ref()
                .map(|c| canonical(c).to_string())
                .unwrap_or_default();
            quote!(#c::Grants::Fixed(#c::Fixed { effect: #effect, actions: &[#(#actions),*], resources: &[#(#resources),*], condition: #condition }))
        };
        // Statements in the order of the states, as the catalogue's policy is built.
        let mut grants = Vec::new();
        let mut next = 0;
        for (k, state) in lowered.custom.iter().enumerate() {
            let upto = state.statements_before.min(lowered.statements.len());
            grants.extend(lowered.statements[next.min(upto)..upto].iter().map(fixed));
            next = next.max(upto);
            let spec = format_ident!("__SFN_SPEC_{}", k);
            let given = format_ident!("__SFN_GIVEN_{}", k);
            let pattern = format_ident!("__SFN_PATTERN_{}", k);
            grants.push(quote!(#c::Grants::Custom(#c::CustomIam { iam: #spec.iam, pattern: #pattern, given: #given })));
        }
        grants.extend(lowered.statements[next..].iter().map(fixed));
        quote! {
            const __SFN_PIECES: &[#c::Piece] = &[#(#pieces),*];
            #[allow(long_running_const_eval)]
            const __SFN_DEF_LEN: usize = #c::render::<0>(__SFN_PIECES).len();
            #[allow(long_running_const_eval)]
            const __SFN_DEF: #c::Buf<__SFN_DEF_LEN> = #c::render::<__SFN_DEF_LEN>(__SFN_PIECES);
            const __SFN_DEF_REF: &#c::Buf<__SFN_DEF_LEN> = &__SFN_DEF;
            const __SFN_GRANTS: &[#c::Grants] = &[#(#grants),*];
            #[allow(long_running_const_eval)]
            const __SFN_ATOMS: usize = #c::atoms(__SFN_GRANTS);
            #[allow(long_running_const_eval)]
            const __SFN_POLICY_LEN: usize = #c::policy::<0, __SFN_ATOMS>(__SFN_GRANTS).len();
            #[allow(long_running_const_eval)]
            const __SFN_POLICY: #c::Buf<__SFN_POLICY_LEN> = #c::policy::<__SFN_POLICY_LEN, __SFN_ATOMS>(__SFN_GRANTS);
            const __SFN_POLICY_REF: &#c::Buf<__SFN_POLICY_LEN> = &__SFN_POLICY;
            ::sfn::Workflow::from_parts(
                #name_str,
                __SFN_DEF_REF.as_str(),
                __SFN_POLICY_REF.as_str(),
                &[#(#names),*],
                ::sfn::WorkflowKind::#kind,
            )
        }
    } else {
        quote! {
            ::sfn::Workflow::from_parts(#name_str, "{}", #EMPTY_POLICY, &[], ::sfn::WorkflowKind::#kind)
        }
    };
    quote! {
        #(#docs)*
        #vis const #name: ::sfn::Workflow = {
            #(#items)*
            #body
        };
    }
}

/// A `const` whose evaluation fails with the message of a check, at `span`.
fn check(span: Span, call: TokenStream) -> TokenStream {
    quote_spanned! {span=>
        const _: () = {
            let message = #call;
            if !message.is_empty() {
                ::core::panic!("{}", message.as_truncated_str());
            }
        };
    }
}

/// The type, its fields as written, and the checks of custom state `k`.
fn state_items(k: usize, state: &CustomState) -> TokenStream {
    let c = quote!(::sfn::tasks::custom);
    let path = &state.path;
    // The type's name: its last segment (the first token of `self::X` says less).
    let path_span = path
        .segments
        .last()
        .map(|s| s.ident.span())
        .unwrap_or_else(|| path.span());
    let ty = format_ident!("__SfnTask{}", k, span = path_span);
    let spec = format_ident!("__SFN_SPEC_{}", k);
    let given = format_ident!("__SFN_GIVEN_{}", k);
    let pattern = format_ident!("__SFN_PATTERN_{}", k);
    let call = format_ident!("__SFN_CALL_{}", k);
    let jsonata = state.jsonata;
    let fields = state.fields.iter().map(|f| {
        let name = &f.name;
        let takes = format_ident!("{}", f.takes, span = f.span);
        let value = &f.value;
        let token = f.token;
        // Every token at the value, so that a kind mismatch points there only.
        let ty = format_ident!("__SfnTask{}", k, span = f.span);
        let info = quote_spanned! {f.span=>
            ::sfn::tasks::custom::#takes(&<#ty as ::sfn::tasks::custom::Task>::Fields::#name)
        };
        quote!(#c::Given { field: #info, value: #c::GivenValue::#value, token: #token })
    });
    let words = (0..state.fields.len())
        .map(|i| check(state.fields[i].span, quote!(#c::check::word(&#given[#i]))));
    let pattern_value = match &state.pattern {
        Some((tokens, _)) => tokens.clone(),
        None => quote!(#spec.default_pattern),
    };
    let pattern_span = state.pattern.as_ref().map(|(_, s)| *s).unwrap_or(path_span);
    let checks = [
        check(path_span, quote!(#c::check::required(&#spec, #given))),
        check(
            path_span,
            quote!(#c::check::query_language(&#spec, #jsonata)),
        ),
        check(pattern_span, quote!(#c::check::pattern(&#spec, #pattern))),
        check(
            pattern_span,
            quote!(#c::check::token(&#spec, #given, #pattern, #jsonata)),
        ),
    ];
    let spec_item = quote_spanned! {path_span=>
        const #spec: ::sfn::tasks::custom::Spec = <#ty as ::sfn::tasks::custom::Task>::SPEC;
    };
    quote! {
        type #ty = #path;
        #spec_item
        const #pattern: ::sfn::tasks::Pattern = #pattern_value;
        const #given: &[#c::Given] = &[#(#fields),*];
        const #call: #c::Call = #c::Call { fields: #spec.fields, given: #given, jsonata: #jsonata };
        #(#checks)*
        #(#words)*
    }
}

/// The definition as pieces: the macro's text with the slots of every custom state.
fn pieces(lowered: &Lowered) -> Vec<TokenStream> {
    let c = quote!(::sfn::tasks::custom);
    let mut definition = lowered.definition.clone();
    let mut slots: Vec<(String, TokenStream)> = Vec::new();
    for (k, state) in lowered.custom.iter().enumerate() {
        let Some(Json::Object(object)) = definition.pointer_mut(&state.pointer) else {
            continue;
        };
        let spec = format_ident!("__SFN_SPEC_{}", k);
        let pattern = format_ident!("__SFN_PATTERN_{}", k);
        let call = format_ident!("__SFN_CALL_{}", k);
        let resource = marker(k, 'R');
        object.insert("Resource".into(), Json::String(resource.clone()));
        slots.push((
            quoted(&resource),
            quote!(#c::Piece::Str(#spec.resource(#pattern))),
        ));
        let params = marker(k, 'P');
        let key = if state.jsonata {
            "Arguments"
        } else {
            "Parameters"
        };
        object.insert(key.into(), Json::String(params.clone()));
        slots.push((quoted(&params), quote!(#c::Piece::Params(&#call))));
        match object.get_mut("Retry") {
            Some(Json::Array(user)) => {
                // The type's default retriers come first, then the user's.
                let retry = marker(k, 'Y');
                user.insert(0, Json::String(retry.clone()));
                slots.push((
                    format!("{},", quoted(&retry)),
                    quote!(#c::Piece::Retry { defaults: #spec.retry, then_user: true }),
                ));
            }
            _ => {
                let retry = marker(k, 'N');
                let entries: Vec<(String, Json)> = std::mem::take(object)
                    .into_iter()
                    .chain([("Retry".to_owned(), Json::String(retry.clone()))])
                    .collect();
                *object = crate::lower::order::state_object(entries);
                // Retry is never the last key of a Task (Next/End follow).
                slots.push((
                    format!("\"Retry\":{},", quoted(&retry)),
                    quote!(#c::Piece::Retry { defaults: #spec.retry, then_user: false }),
                ));
            }
        }
    }
    let mut text = serde_json::to_string(&definition).unwrap_or_default();
    let mut out = Vec::new();
    loop {
        let next = slots
            .iter()
            .filter_map(|(needle, piece)| text.find(needle.as_str()).map(|at| (at, needle, piece)))
            .min_by_key(|(at, _, _)| *at);
        let Some((at, needle, piece)) = next else {
            break;
        };
        let before = &text[..at];
        if !before.is_empty() {
            out.push(quote!(#c::Piece::Text(#before)));
        }
        out.push(piece.clone());
        text = text[at + needle.len()..].to_owned();
    }
    if !text.is_empty() {
        out.push(quote!(#c::Piece::Text(#text)));
    }
    out
}

/// A condition with its object keys sorted: the form the policy minimisation compares
/// (as `sfn_runtime::iam::PolicyDocument` does) and writes.
fn canonical(value: &Json) -> Json {
    match value {
        Json::Object(map) => {
            let mut keys: Vec<&String> = map.keys().collect();
            keys.sort();
            let mut out = Map::new();
            for key in keys {
                out.insert(key.clone(), canonical(&map[key]));
            }
            Json::Object(out)
        }
        Json::Array(items) => Json::Array(items.iter().map(canonical).collect()),
        other => other.clone(),
    }
}
