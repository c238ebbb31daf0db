//! `#[derive(sfn::Task)]` and `#[derive(sfn::TaskEnum)]`: the description of a custom task
//! type as the associated consts of `sfn::tasks::custom::Task` (see that module for how
//! `workflow!` reads them). Mistakes in the description are errors at its attribute.

mod attrs;
mod case;
mod resource;
mod template;

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Data, DeriveInput, Fields, Ident};

use crate::diag::with_suggestion;

const PATTERNS: [&str; 3] = ["request_response", "run_job", "wait_for_task_token"];

fn pattern_tokens(word: &Ident) -> syn::Result<TokenStream> {
    let variant = match word.to_string().as_str() {
        "request_response" => quote!(RequestResponse),
        "run_job" => quote!(RunJob),
        "wait_for_task_token" => quote!(WaitForTaskToken),
        other => {
            return Err(syn::Error::new(
                word.span(),
                with_suggestion(
                    format!(
                        "unknown integration pattern `{other}`; expected one of: {}",
                        PATTERNS.join(", ")
                    ),
                    other,
                    PATTERNS,
                ),
            ));
        }
    };
    Ok(quote!(::sfn::tasks::Pattern::#variant))
}

/// Expands `#[derive(sfn::Task)]`.
pub fn derive_task(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input).and_then(|input| task(&input)) {
        Ok(tokens) => tokens,
        Err(error) => error.to_compile_error(),
    }
}

/// Expands `#[derive(sfn::TaskEnum)]`.
pub fn derive_task_enum(input: TokenStream) -> TokenStream {
    match syn::parse2::<DeriveInput>(input).and_then(|input| task_enum(&input)) {
        Ok(tokens) => tokens,
        Err(error) => error.to_compile_error(),
    }
}

fn combine(errors: Vec<syn::Error>) -> syn::Result<()> {
    let mut iter = errors.into_iter();
    match iter.next() {
        None => Ok(()),
        Some(mut first) => {
            first.extend(iter);
            Err(first)
        }
    }
}

fn no_generics(input: &DeriveInput) -> syn::Result<()> {
    if input.generics.params.is_empty() {
        Ok(())
    } else {
        Err(syn::Error::new(
            input.generics.params.span(),
            "a task type cannot be generic: `workflow!` reads its description as constants",
        ))
    }
}

fn task(input: &DeriveInput) -> syn::Result<TokenStream> {
    no_generics(input)?;
    let ident = &input.ident;
    let Data::Struct(data) = &input.data else {
        return Err(syn::Error::new(
            ident.span(),
            "#[derive(sfn::Task)] describes a task on a struct with named fields (an enum of values takes #[derive(sfn::TaskEnum)])",
        ));
    };
    let Fields::Named(named) = &data.fields else {
        return Err(syn::Error::new(
            ident.span(),
            "#[derive(sfn::Task)] needs a struct with named fields, one per task field",
        ));
    };
    let mut errors = Vec::new();
    let c = attrs::container(&input.attrs, &mut errors);
    let names: Vec<String> = named
        .named
        .iter()
        .filter_map(|f| f.ident.as_ref().map(ToString::to_string))
        .collect();

    // Keys.
    let case = c.rename_all.as_ref().map(|lit| {
        let value = lit.value();
        if case::convert("x", &value).is_none() {
            errors.push(syn::Error::new(
                lit.span(),
                with_suggestion(
                    format!(
                        "unknown case `{value}`; expected one of: {}",
                        case::CASES.join(", ")
                    ),
                    &value,
                    case::CASES.iter().copied(),
                ),
            ));
        }
        value
    });
    let mut consts = Vec::new();
    let mut infos = Vec::new();
    let mut field_idents = Vec::new();
    for (index, field) in named.named.iter().enumerate() {
        let Some(name) = &field.ident else { continue };
        let fa = attrs::field(&field.attrs, &mut errors);
        let plain = name.to_string();
        let plain = plain.strip_prefix("r#").unwrap_or(&plain).to_owned();
        let key = match (&fa.rename, &case) {
            (Some(lit), _) => lit.value(),
            (None, Some(case)) => case::convert(&plain, case).unwrap_or(plain.clone()),
            (None, None) => plain.clone(),
        };
        let ty = &field.ty;
        let skip = fa.skip;
        consts.push(quote_spanned! {ty.span()=>
            pub const #name: ::sfn::tasks::custom::FieldDef<#ty> =
                ::sfn::tasks::custom::FieldDef::<#ty>::new(#index, #plain, #key, #skip);
        });
        infos.push(quote!(#ident::#name.info));
        field_idents.push(name.clone());
    }

    // Patterns.
    let mut patterns = Vec::new();
    for word in &c.patterns {
        match pattern_tokens(word) {
            Ok(t) => patterns.push((word.to_string(), t)),
            Err(e) => errors.push(e),
        }
    }
    if patterns.is_empty() {
        patterns.push((
            "request_response".into(),
            pattern_tokens(&Ident::new("request_response", Span::call_site()))?,
        ));
    }
    let default_pattern = match &c.default_pattern {
        Some(word) => match pattern_tokens(word) {
            Ok(t) if patterns.iter().any(|(w, _)| word == w) => t,
            Ok(t) => {
                errors.push(syn::Error::new(
                    word.span(),
                    format!("the default pattern `{word}` is not one of `patterns(..)`"),
                ));
                t
            }
            Err(e) => {
                errors.push(e);
                patterns[0].1.clone()
            }
        },
        None => patterns[0].1.clone(),
    };
    let supports = |w: &str| patterns.iter().any(|(p, _)| p == w);

    // Resource.
    let resources = match &c.resource {
        Some(lit) => {
            let base = lit.value();
            if !base.starts_with("arn:") {
                errors.push(syn::Error::new(
                    lit.span(),
                    "the resource must be an ARN (`arn:aws:states:::service:action`, an activity or a Lambda function)",
                ));
            }
            let sync = c
                .sync_suffix
                .as_ref()
                .map(|l| l.value())
                .unwrap_or_else(|| ".sync".into());
            let one = |w: &str, suffix: &str| {
                if supports(w) {
                    format!("{base}{suffix}")
                } else {
                    String::new()
                }
            };
            let resources = [
                one("request_response", ""),
                one("run_job", &sync),
                one("wait_for_task_token", ".waitForTaskToken"),
            ];
            if base.starts_with("arn:")
                && let Some(message) = resource::problem(&resources)
            {
                errors.push(syn::Error::new(lit.span(), message));
            }
            resources
        }
        None => {
            errors.push(syn::Error::new(
                ident.span(),
                "a task type needs its resource: #[task(resource = \"arn:aws:states:::service:action\")]",
            ));
            Default::default()
        }
    };
    let [rr, sync, token_resource] = &resources;

    // Token field.
    let token_field = match &c.token {
        Some(t) => match names.iter().position(|n| t == n) {
            Some(i) if supports("wait_for_task_token") => quote!(::core::option::Option::Some(#i)),
            Some(_) => {
                errors.push(syn::Error::new(
                    t.span(),
                    "`token` is for the wait_for_task_token pattern: add it to `patterns(..)`",
                ));
                quote!(::core::option::Option::None)
            }
            None => {
                errors.push(syn::Error::new(
                    t.span(),
                    with_suggestion(
                        format!("`{t}` is not a field of this struct"),
                        &t.to_string(),
                        names.iter().map(String::as_str),
                    ),
                ));
                quote!(::core::option::Option::None)
            }
        },
        None => quote!(::core::option::Option::None),
    };

    // Query languages.
    let (mut jsonpath, mut jsonata) = (c.query_languages.is_empty(), c.query_languages.is_empty());
    for ql in &c.query_languages {
        match ql.to_string().as_str() {
            "jsonpath" => jsonpath = true,
            "jsonata" => jsonata = true,
            other => errors.push(syn::Error::new(
                ql.span(),
                format!("unknown query language `{other}`; expected jsonpath or jsonata"),
            )),
        }
    }

    // Default Retry.
    let retry = match &c.retry {
        Some(lit) => match serde_json::from_str::<serde_json::Value>(&lit.value()) {
            Ok(serde_json::Value::Array(items))
                if items.iter().all(|i| i.get("ErrorEquals").is_some()) =>
            {
                let text = serde_json::Value::Array(items).to_string();
                text[1..text.len() - 1].to_owned()
            }
            Ok(_) => {
                errors.push(syn::Error::new(
                    lit.span(),
                    "`retry` is a JSON array of ASL retriers: [{\"ErrorEquals\": [..], ..}]",
                ));
                String::new()
            }
            Err(e) => {
                errors.push(syn::Error::new(
                    lit.span(),
                    format!("`retry` is not JSON: {e}"),
                ));
                String::new()
            }
        },
        None => String::new(),
    };

    // IAM.
    let mut iam = Vec::new();
    for statement in &c.iam {
        if statement.actions.is_empty() || statement.resources.is_empty() {
            errors.push(syn::Error::new(
                statement.span,
                "an IAM statement needs `actions(\"service:Action\", ..)` and `resources(\"arn:..\", ..)`",
            ));
            continue;
        }
        let mut ps = Vec::new();
        for p in &statement.patterns {
            match pattern_tokens(p) {
                Ok(t) if supports(&p.to_string()) => ps.push(t),
                Ok(_) => errors.push(syn::Error::new(
                    p.span(),
                    format!("`{p}` is not one of this task's `patterns(..)`"),
                )),
                Err(e) => errors.push(e),
            }
        }
        let actions = &statement.actions;
        let mut resources = Vec::new();
        for r in &statement.resources {
            match template::segments(r, &names) {
                Ok(t) => resources.push(t),
                Err(e) => errors.push(e),
            }
        }
        iam.push(quote! {
            ::sfn::tasks::custom::StatementTemplate {
                patterns: &[#(#ps),*],
                actions: &[#(#actions),*],
                resources: &[#(#resources),*],
            }
        });
    }
    combine(errors)?;

    let name = c
        .name
        .as_ref()
        .map(|l| l.value())
        .unwrap_or_else(|| ident.to_string());
    let patterns = patterns.iter().map(|(_, t)| t);
    Ok(quote! {
        const _: () = {
            #[doc(hidden)]
            type __SfnTaskType = #ident;
            const _: () = {
                // The companion whose associated consts are the fields, named like them, so
                // that `workflow!` names a field with the user's token.
                #[doc(hidden)]
                #[allow(dead_code)]
                pub struct #ident;
                #[allow(non_upper_case_globals)]
                impl #ident {
                    #(#consts)*
                }
                impl ::sfn::tasks::custom::Task for __SfnTaskType {
                    type Fields = #ident;
                    const SPEC: ::sfn::tasks::custom::Spec = ::sfn::tasks::custom::Spec {
                        name: #name,
                        resources: [#rr, #sync, #token_resource],
                        patterns: &[#(#patterns),*],
                        default_pattern: #default_pattern,
                        fields: &[#(#infos),*],
                        token_field: #token_field,
                        jsonpath: #jsonpath,
                        jsonata: #jsonata,
                        retry: #retry,
                        iam: &[#(#iam),*],
                    };
                }
            };
            // The struct is a description, never built: this keeps rustc's dead-code lint
            // quiet about it and its fields.
            #[allow(dead_code)]
            fn __sfn_described(value: #ident) -> #ident {
                let #ident { #(#field_idents),* } = value;
                #ident { #(#field_idents),* }
            }
        };
    })
}

fn task_enum(input: &DeriveInput) -> syn::Result<TokenStream> {
    no_generics(input)?;
    let ident = &input.ident;
    let Data::Enum(data) = &input.data else {
        return Err(syn::Error::new(
            ident.span(),
            "#[derive(sfn::TaskEnum)] is for an enum of unit variants",
        ));
    };
    let mut errors = Vec::new();
    let c = attrs::container(&input.attrs, &mut errors);
    if c.resource.is_some() || !c.patterns.is_empty() || !c.iam.is_empty() {
        errors.push(syn::Error::new(
            ident.span(),
            "an enum of values takes only #[task(rename_all = \"..\")] (and #[task(rename = \"..\")] on variants)",
        ));
    }
    let case = c.rename_all.as_ref().map(|l| l.value());
    if let (Some(case), Some(lit)) = (&case, &c.rename_all)
        && case::convert("x", case).is_none()
    {
        errors.push(syn::Error::new(
            lit.span(),
            format!(
                "unknown case `{case}`; expected one of: {}",
                case::CASES.join(", ")
            ),
        ));
    }
    let mut words = Vec::new();
    let mut variants = Vec::new();
    for variant in &data.variants {
        if !matches!(variant.fields, Fields::Unit) {
            errors.push(syn::Error::new(
                variant.ident.span(),
                "a value of a task enum is a unit variant",
            ));
            continue;
        }
        let fa = attrs::field(&variant.attrs, &mut errors);
        let name = variant.ident.to_string();
        let word = case::convert(&name, "snake_case").unwrap_or(name.clone());
        let asl = match (&fa.rename, &case) {
            (Some(lit), _) => lit.value(),
            (None, Some(case)) => case::convert(&name, case).unwrap_or(name.clone()),
            (None, None) => name.clone(),
        };
        words.push(quote!((#word, #asl)));
        variants.push(variant.ident.clone());
    }
    combine(errors)?;
    let takes = [
        "TakesWord",
        "TakesStr",
        "TakesPath",
        "TakesIntrinsic",
        "TakesJsonata",
    ]
    .map(|t| Ident::new(t, Span::call_site()));
    Ok(quote! {
        impl ::sfn::tasks::custom::TaskEnum for #ident {
            const WORDS: &'static [(&'static str, &'static str)] = &[#(#words),*];
        }
        impl ::sfn::tasks::custom::FieldKind for #ident {
            const WORDS: &'static [(&'static str, &'static str)] =
                <Self as ::sfn::tasks::custom::TaskEnum>::WORDS;
        }
        #(impl ::sfn::tasks::custom::kind::#takes for #ident {})*
        // The enum names values, it is never built: keep rustc's dead-code lint quiet.
        const _: () = {
            #[allow(dead_code)]
            fn __sfn_described() -> &'static [#ident] {
                &[#(#ident::#variants),*]
            }
        };
    })
}
