//! `#[sfn::workflow_module]`: an inline module holding ordinary Rust items, handler
//! functions marked `#[sfn::lambda]`, and exactly one `workflow! { NAME { .. } }` graph.
//!
//! The graph is the `workflow!` language unchanged; the one addition is that a
//! `LambdaInvoke` state's `lambda_function` may name a handler of the module
//! (`lambda_function: charge`). The expansion keeps every item as written (the markers are
//! removed), expands the graph as `workflow!` does, and adds `WORKFLOW` (the graph's const)
//! and `executor()`, which binds each state to its handler through `sfn::handlers`.
//! Mistakes are reported at the user's tokens and never remove an item, so the module's own
//! code compiles (and is checked by rustc) whatever is wrong with the graph.

mod bind;
mod handler;

use proc_macro2::{Span, TokenStream};
use quote::{quote, quote_spanned};
use syn::spanned::Spanned;
use syn::{Item, ItemMod};

use crate::ast::WorkflowDef;
use crate::diag::Errors;
use bind::{Binding, Names};
use handler::{Form, Handler};

pub use handler::substitution_name;

/// Expands `#[sfn::workflow_module]` (`attr` is what follows the attribute's name).
pub fn expand_module(attr: TokenStream, item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    if let Some(first) = attr.clone().into_iter().next() {
        errors.at(
            first.span(),
            "`#[sfn::workflow_module]` takes no arguments: the workflow's attributes go on its graph (`workflow! { #[timeout = 1h] NAME { .. } }`)",
        );
    }
    let mut module: ItemMod = match syn::parse2(item.clone()) {
        Ok(module) => module,
        Err(_) => {
            errors.at(
                first_span(&item),
                "`#[sfn::workflow_module]` goes on an inline module: `mod orders { .. }`",
            );
            return with_errors(item, errors);
        }
    };
    let Some((_, items)) = module.content.as_mut() else {
        errors.at(
            module.span(),
            format!(
                "`#[sfn::workflow_module]` needs the module's items inline (`mod {0} {{ .. }}`): an attribute macro cannot read the file of `mod {0};`",
                module.ident
            ),
        );
        return with_errors(item, errors);
    };
    let mut scan = scan(items, &mut errors);
    let Some((index, mut def)) = scan.graph.take() else {
        errors.at(
            module.ident.span(),
            format!(
                "module `{}` has no workflow: write its graph in it as `workflow! {{ NAME {{ states }} }}`",
                module.ident
            ),
        );
        return with_errors(quote!(#module), errors);
    };
    let mut bindings = Vec::new();
    let mut names = Names {
        handlers: &mut scan.handlers,
        unmarked: &scan.unmarked,
    };
    bind::bind_block(&mut def.block, &mut names, &mut bindings, &mut errors);
    for handler in scan.handlers.iter().filter(|h| h.uses == 0) {
        errors.at(
            handler.ident.span(),
            format!(
                "`{0}` is marked `#[sfn::lambda]` but no state calls it: name it in a LambdaInvoke state (`lambda_function: {0}`) or remove the marker",
                handler.ident
            ),
        );
    }
    let mut generated = crate::expand_defs(std::slice::from_ref(&def), errors);
    generated.extend(module_items(&def, &scan.handlers, &bindings));
    items[index] = Item::Verbatim(generated);
    quote!(#module)
}

/// What the module's items hold.
struct Scan {
    handlers: Vec<Handler>,
    unmarked: Vec<String>,
    /// The graph's item index and its parsed workflow.
    graph: Option<(usize, WorkflowDef)>,
}

fn scan(items: &mut [Item], errors: &mut Errors) -> Scan {
    let mut scan = Scan {
        handlers: Vec::new(),
        unmarked: Vec::new(),
        graph: None,
    };
    for (index, item) in items.iter_mut().enumerate() {
        match item {
            Item::Fn(function) => {
                let markers = take_markers(&mut function.attrs);
                match markers.split_first() {
                    Some((marker, rest)) => {
                        for extra in rest {
                            errors.at(extra.span(), "a handler is marked once");
                        }
                        scan.handlers.push(handler::read(function, marker, errors));
                    }
                    None => scan.unmarked.push(function.sig.ident.to_string()),
                }
            }
            Item::Macro(mac) if is_graph(&mac.mac.path) => {
                let defs = parse_graph(mac.mac.tokens.clone(), errors);
                let path = mac.mac.path.span();
                take_graph(&mut scan, index, defs, path, errors);
            }
            other => {
                if let Some(attrs) = attrs_mut(other) {
                    for marker in take_markers(attrs) {
                        errors.at(
                            marker.span(),
                            "`#[sfn::lambda]` marks a handler function (`fn` or `async fn`)",
                        );
                    }
                }
            }
        }
    }
    scan
}

fn take_graph(
    scan: &mut Scan,
    index: usize,
    defs: Vec<WorkflowDef>,
    path: Span,
    errors: &mut Errors,
) {
    let mut defs = defs.into_iter();
    let Some(first) = defs.next() else { return };
    for extra in defs {
        errors.at(
            extra.name.span(),
            "a `#[sfn::workflow_module]` module holds exactly one workflow; declare this one in a module of its own",
        );
    }
    match &scan.graph {
        Some((_, existing)) => errors.at(
            path,
            format!(
                "a `#[sfn::workflow_module]` module holds exactly one workflow, and it has `{}` already",
                existing.name
            ),
        ),
        None => scan.graph = Some((index, first)),
    }
}

fn parse_graph(tokens: TokenStream, errors: &mut Errors) -> Vec<WorkflowDef> {
    match crate::parse::parse_all(tokens, |stream| {
        crate::parse::parse_workflows(stream, errors)
    }) {
        Ok(defs) => defs,
        Err(error) => {
            errors.push(error);
            Vec::new()
        }
    }
}

/// `workflow!`, `sfn::workflow!` or `::sfn::workflow!`.
fn is_graph(path: &syn::Path) -> bool {
    let segments: Vec<String> = path.segments.iter().map(|s| s.ident.to_string()).collect();
    matches!(
        segments.iter().map(String::as_str).collect::<Vec<_>>()[..],
        ["workflow"] | ["sfn", "workflow"]
    )
}

fn take_markers(attrs: &mut Vec<syn::Attribute>) -> Vec<syn::Attribute> {
    let (markers, rest) = std::mem::take(attrs)
        .into_iter()
        .partition(handler::is_marker);
    *attrs = rest;
    markers
}

fn attrs_mut(item: &mut Item) -> Option<&mut Vec<syn::Attribute>> {
    Some(match item {
        Item::Const(i) => &mut i.attrs,
        Item::Enum(i) => &mut i.attrs,
        Item::Impl(i) => &mut i.attrs,
        Item::Mod(i) => &mut i.attrs,
        Item::Static(i) => &mut i.attrs,
        Item::Struct(i) => &mut i.attrs,
        Item::Trait(i) => &mut i.attrs,
        Item::Type(i) => &mut i.attrs,
        Item::Union(i) => &mut i.attrs,
        Item::Use(i) => &mut i.attrs,
        _ => return None,
    })
}

/// `WORKFLOW` and `executor()`.
fn module_items(def: &WorkflowDef, handlers: &[Handler], bindings: &[Binding]) -> TokenStream {
    let name = &def.name;
    let mut out = TokenStream::new();
    let alias = syn::Ident::new("WORKFLOW", Span::call_site());
    if *name != "WORKFLOW" {
        let doc = format!(" The workflow of this module: [`{name}`].");
        out.extend(quote! {
            #[doc = #doc]
            pub const #alias: ::sfn::Workflow = #name;
        });
    }
    let binds = bindings.iter().filter_map(|binding| {
        let handler = &handlers[binding.handler];
        if !handler.bindable {
            return None;
        }
        let ident = &handler.ident;
        let state = &binding.state;
        // At the input type's span, so rustc's "not Deserialize" points at the signature.
        let adapter = match handler.form {
            Form::Plain => quote_spanned!(handler.input_span=> ::sfn::handlers::from_fn(#ident)),
            Form::Async => {
                quote_spanned!(handler.input_span=> ::sfn::handlers::from_async_fn(#ident))
            }
            Form::Event => {
                quote_spanned!(handler.input_span=> ::sfn::handlers::from_event_fn(#ident))
            }
        };
        Some(quote_spanned! {handler.input_span=>
            let executor = ::sfn::handlers::bind(executor, #state, #adapter);
        })
    });
    let doc = format!(
        " Runs [`{name}`] locally, every `LambdaInvoke` state calling this module's handler function (replace one with `on_state`)."
    );
    out.extend(quote! {
        #[doc = #doc]
        pub fn executor() -> ::sfn::exec::Executor {
            let executor = ::sfn::handlers::executor_for(&#alias);
            #(#binds)*
            executor
        }
    });
    out
}

fn first_span(tokens: &TokenStream) -> Span {
    tokens
        .clone()
        .into_iter()
        .next()
        .map_or_else(Span::call_site, |t| t.span())
}

fn with_errors(mut tokens: TokenStream, errors: Errors) -> TokenStream {
    if let Some(error) = errors.combined() {
        tokens.extend(error.into_compile_error());
    }
    tokens
}

/// `#[sfn::lambda]` outside a `#[sfn::workflow_module]` module: an error at the item, which
/// is kept as written.
pub fn stray_marker(item: TokenStream) -> TokenStream {
    let mut errors = Errors::default();
    errors.at(
        first_span(&item),
        "`#[sfn::lambda]` marks a handler function inside a `#[sfn::workflow_module]` module (put `#[sfn::workflow_module]` on the enclosing inline `mod`)",
    );
    with_errors(item, errors)
}
