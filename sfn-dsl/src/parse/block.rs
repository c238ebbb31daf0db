//! Workflows, blocks of states, state declarations, their bodies and attributes.

use proc_macro2::TokenStream;
use quote::ToTokens;
use syn::ext::IdentExt;
use syn::parse::ParseStream;
use syn::{Ident, Token};

use super::cond::parse_cond;
use super::value::parse_value;
use crate::ast::{Arm, Arrow, Attr, AttrArgs, Block, Field, Item, Name, StateDecl, WorkflowDef};
use crate::diag::Errors;
use crate::loc::Loc;

/// Parses a whole invocation: one or more workflows.
pub fn parse_workflows(input: ParseStream, errors: &mut Errors) -> Vec<WorkflowDef> {
    let mut out = Vec::new();
    while !input.is_empty() {
        match parse_workflow(input, errors) {
            Ok(def) => out.push(def),
            Err(error) => {
                // A broken workflow header leaves no safe place to resume: drop the rest.
                errors.push(error);
                let _ = input.parse::<TokenStream>();
                break;
            }
        }
    }
    out
}

fn parse_workflow(input: ParseStream, errors: &mut Errors) -> syn::Result<WorkflowDef> {
    let (docs, attrs) = parse_attrs(input, errors);
    let vis: syn::Visibility = input.parse()?;
    let name: Ident = input.parse().map_err(|e| {
        syn::Error::new(e.span(), "expected the workflow's name: `pub NAME { .. }`")
    })?;
    if !input.peek(syn::token::Brace) {
        return Err(input.error(format!("expected `{{` with the states of `{name}`")));
    }
    let content;
    let brace = syn::braced!(content in input);
    let loc = Loc {
        start: brace.span.open(),
        end: brace.span.close(),
    };
    let block = parse_block_content(&content, loc, errors);
    Ok(WorkflowDef {
        docs,
        attrs,
        vis: vis.into_token_stream(),
        name,
        block,
    })
}

/// Parses the states inside braces, recovering after each broken state.
pub fn parse_block_content(input: ParseStream, loc: Loc, errors: &mut Errors) -> Block {
    let mut states = Vec::new();
    let mut broken = Vec::new();
    while !input.is_empty() {
        // Where the state starts, to read its name again if it does not parse.
        let start = input.fork();
        match parse_state(input, errors) {
            Ok(state) => states.push(state),
            Err(error) => {
                errors.push(error);
                broken.extend(state_name(&start));
                skip_past_comma(input);
            }
        }
    }
    Block {
        states,
        loc,
        broken,
    }
}

fn parse_state(input: ParseStream, errors: &mut Errors) -> syn::Result<StateDecl> {
    let (docs, attrs) = parse_attrs(input, errors);
    let name = parse_name(input)
        .map_err(|e| syn::Error::new(e.span(), "expected a state: `Name: Kind { .. } -> Next,`"))?;
    input.parse::<Token![:]>().map_err(|e| {
        syn::Error::new(
            e.span(),
            format!("expected `:` and the kind of state `{name}` (`{name}: Pass {{ .. }}`)"),
        )
    })?;
    let (kind, path) = crate::custom::parse::kind(input)?;
    let mut items = Items::default();
    let mut body_loc = Loc::of(kind.span());
    if input.peek(syn::token::Brace) {
        let content;
        let brace = syn::braced!(content in input);
        body_loc = Loc {
            start: brace.span.open(),
            end: brace.span.close(),
        };
        items = parse_items(&content, errors);
    }
    let mut arrow = None;
    if input.peek(Token![->]) {
        let token: Token![->] = input.parse()?;
        let target_is_word = !super::lit::peek_str(input);
        let target = parse_name(input).map_err(|e| {
            syn::Error::new(
                e.span(),
                "expected the next state's name or `end` after `->`",
            )
        })?;
        let loc = Loc {
            start: token.spans[0],
            end: token.spans[1],
        };
        arrow = Some(if target.text == "end" && target_is_word {
            Arrow {
                loc,
                target: None,
                end: target.span(),
            }
        } else {
            Arrow {
                loc,
                end: target.span(),
                target: Some(target),
            }
        });
    }
    if !input.is_empty()
        && let Err(e) = input.parse::<Token![,]>()
    {
        let error = syn::Error::new(
            e.span(),
            format!("expected `,` after state `{name}` (or `-> Next` / `-> end`)"),
        );
        // When the next state clearly starts here, keep this one and go on with it.
        let next_state = input.peek(Token![#])
            || ((input.peek(Ident) || super::lit::peek_str(input)) && input.peek2(Token![:]));
        if !next_state {
            return Err(error);
        }
        errors.push(error);
    }
    Ok(StateDecl {
        docs,
        attrs,
        name,
        kind,
        path,
        items: items.items,
        broken_fields: items.broken_fields,
        broken_arm: items.broken_arm,
        body_loc,
        arrow,
    })
}

/// A state's body: what parsed, and what did not (already reported).
#[derive(Default)]
struct Items {
    items: Vec<Item>,
    broken_fields: Vec<String>,
    broken_arm: bool,
}

fn parse_items(input: ParseStream, errors: &mut Errors) -> Items {
    let mut out = Items::default();
    let items = &mut out.items;
    while !input.is_empty() {
        let start = input.fork();
        match parse_item(input, errors) {
            Ok(item) => items.push(item),
            Err(error) => {
                errors.push(error);
                match field_name(&start) {
                    Some(name) => out.broken_fields.push(name),
                    None => out.broken_arm = true,
                }
                skip_past_comma(input);
                continue;
            }
        }
        if input.is_empty() {
            break;
        }
        if let Err(error) = input.parse::<Token![,]>() {
            errors.push(syn::Error::new(error.span(), "expected `,` between fields"));
            skip_past_comma(input);
        }
    }
    out
}

/// The name of the field that starts here (`name: value`, after any attributes), if it is
/// one: a body item is otherwise a Choice arm.
fn field_name(input: ParseStream) -> Option<String> {
    let fork = input.fork();
    while fork.peek(Token![#]) {
        fork.parse::<Token![#]>().ok()?;
        fork.parse::<proc_macro2::Group>().ok()?;
    }
    let is_field = fork.peek(Ident::peek_any) && fork.peek2(Token![:]) && !fork.peek2(Token![::]);
    is_field
        .then(|| fork.call(Ident::parse_any).ok())
        .flatten()
        .map(|name| name.to_string())
}

fn parse_item(input: ParseStream, errors: &mut Errors) -> syn::Result<Item> {
    let (_, attrs) = parse_attrs(input, errors);
    let start = input.span();
    if input.peek(Ident::peek_any) && input.peek2(Token![:]) && !input.peek2(Token![::]) {
        let name = input.call(Ident::parse_any)?;
        if let Some(attr) = attrs.first() {
            errors.at(
                attr.loc,
                "attributes go on the state or on a Choice arm, not on a field",
            );
        }
        input.parse::<Token![:]>()?;
        let value = parse_value(input, errors)?;
        return Ok(Item::Field(Field { name, value }));
    }
    let cond = if input.peek(Token![_]) {
        input.parse::<Token![_]>()?;
        None
    } else {
        Some(parse_cond(input)?)
    };
    input.parse::<Token![=>]>().map_err(|e| {
        syn::Error::new(
            e.span(),
            "expected `=> Target` after the condition (or `name: value` for a field)",
        )
    })?;
    let target = parse_name(input)
        .map_err(|e| syn::Error::new(e.span(), "expected the target state's name"))?;
    Ok(Item::Arm(Arm {
        attrs,
        cond,
        loc: Loc {
            start,
            end: target.span(),
        },
        target,
    }))
}

/// Parses `#[..]` attributes; `#[doc = ".."]` (doc comments) are returned apart, one line each.
pub fn parse_attrs(input: ParseStream, errors: &mut Errors) -> (Vec<String>, Vec<Attr>) {
    let mut docs = Vec::new();
    let mut attrs = Vec::new();
    while input.peek(Token![#]) {
        match parse_attr(input, errors) {
            Ok(attr) => {
                if attr.name == "doc" {
                    if let AttrArgs::Eq(crate::ast::Value::Str(s)) = &attr.args {
                        let line = &s.value;
                        docs.push(line.strip_prefix(' ').unwrap_or(line).to_owned());
                    }
                } else {
                    attrs.push(attr);
                }
            }
            Err(error) => {
                // `parse_attr` consumed the whole `#[..]`.
                errors.push(error);
            }
        }
    }
    (docs, attrs)
}

fn parse_attr(input: ParseStream, errors: &mut Errors) -> syn::Result<Attr> {
    let pound: Token![#] = input.parse()?;
    let content;
    let bracket = syn::bracketed!(content in input);
    let loc = Loc {
        start: pound.span,
        end: bracket.span.close(),
    };
    let result = parse_attr_body(&content, loc, errors);
    super::drained(&content, result)
}

fn parse_attr_body(content: ParseStream, loc: Loc, errors: &mut Errors) -> syn::Result<Attr> {
    let name = content.call(Ident::parse_any)?;
    let args = if content.is_empty() {
        AttrArgs::None
    } else if content.peek(Token![=]) {
        content.parse::<Token![=]>()?;
        AttrArgs::Eq(parse_value(content, errors)?)
    } else if content.peek(syn::token::Paren) {
        let inner;
        syn::parenthesized!(inner in content);
        let result = parse_attr_args(&inner, errors);
        super::drained(&inner, result)?
    } else {
        return Err(content.error(format!(
            "expected `#[{name}]`, `#[{name} = ..]` or `#[{name}(..)]`"
        )));
    };
    if !content.is_empty() {
        return Err(content.error("unexpected tokens at the end of the attribute"));
    }
    Ok(Attr { name, args, loc })
}

fn parse_attr_args(inner: ParseStream, errors: &mut Errors) -> syn::Result<AttrArgs> {
    if inner.peek(Ident::peek_any) && inner.peek2(Token![=]) && !inner.peek2(Token![==]) {
        let mut fields = Vec::new();
        while !inner.is_empty() {
            let key = inner.call(Ident::parse_any)?;
            inner.parse::<Token![=]>()?;
            let value = parse_value(inner, errors)?;
            fields.push(Field { name: key, value });
            if inner.is_empty() {
                break;
            }
            inner.parse::<Token![,]>()?;
        }
        return Ok(AttrArgs::List(fields));
    }
    let value = parse_value(inner, errors)?;
    if !inner.is_empty() {
        return Err(inner.error("expected `)`"));
    }
    Ok(AttrArgs::Paren(value))
}

/// A state name: an identifier or a string literal.
fn parse_name(input: ParseStream) -> syn::Result<Name> {
    if let Some(s) = super::lit::parse_str(input) {
        return Ok(Name::from(&s));
    }
    let ident = input.call(Ident::parse_any)?;
    Ok(Name::from(&ident))
}

/// The name of the state that starts here, if it can be seen (for recovery).
fn state_name(input: ParseStream) -> Option<String> {
    let fork = input.fork();
    while fork.peek(Token![#]) {
        fork.parse::<Token![#]>().ok()?;
        fork.parse::<proc_macro2::Group>().ok()?;
    }
    parse_name(&fork).ok().map(|name| name.text)
}

/// Skips tokens up to and including the next `,` at this nesting level.
fn skip_past_comma(input: ParseStream) {
    while !input.is_empty() {
        if input.peek(Token![,]) {
            let _ = input.parse::<Token![,]>();
            return;
        }
        if input.parse::<proc_macro2::TokenTree>().is_err() {
            return;
        }
    }
}

/// Parses a `TokenStream` with `parser`, which must consume all of it.
pub fn parse_all<T>(tokens: TokenStream, parser: impl FnOnce(ParseStream) -> T) -> syn::Result<T> {
    syn::parse::Parser::parse2(|input: ParseStream| Ok(parser(input)), tokens)
}
