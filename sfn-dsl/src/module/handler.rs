//! Handler functions: `#[sfn::lambda]` / `#[sfn::lambda(function = "..")]` on a `fn` of the
//! module, its attribute and its signature, checked where the user wrote them.

use proc_macro2::Span;
use syn::spanned::Spanned;
use syn::{Attribute, FnArg, ItemFn, LitStr, ReturnType, Type};

use crate::diag::{Errors, with_suggestion};

/// How the executor calls a handler (which adapter of `sfn::handlers` binds it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// `fn(I) -> Result<O, E>`.
    Plain,
    /// `async fn(I) -> Result<O, E>`.
    Async,
    /// `async fn(LambdaEvent<I>) -> Result<O, E>` (lambda_runtime's form).
    Event,
}

/// A marked function.
pub struct Handler {
    /// The function's name.
    pub ident: syn::Ident,
    /// `function = ".."`: the deployed function's name or ARN.
    pub function: Option<LitStr>,
    /// How it is called.
    pub form: Form,
    /// The input type's span, where rustc reports a missing `Deserialize`.
    pub input_span: Span,
    /// Whether the signature can be bound (errors were reported otherwise).
    pub bindable: bool,
    /// How many states use it.
    pub uses: usize,
}

impl Handler {
    /// What the state's `FunctionName` is: the ARN or name given, else a definition
    /// substitution named after the function (`charge_order` -> `${ChargeOrderFunction}`).
    pub fn function_name(&self) -> String {
        match &self.function {
            Some(function) => function.value(),
            None => format!("${{{}}}", substitution_name(&self.ident.to_string())),
        }
    }
}

/// `charge_order` -> `ChargeOrderFunction` (a CloudFormation parameter name: letters and
/// digits only).
pub fn substitution_name(function: &str) -> String {
    let mut out = String::new();
    for part in function.split('_').filter(|p| !p.is_empty()) {
        let mut chars = part.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            out.push_str(chars.as_str());
        }
    }
    out.push_str("Function");
    out
}

/// Whether `attr` is the handler marker (`#[sfn::lambda ..]`, `#[lambda ..]`).
pub fn is_marker(attr: &Attribute) -> bool {
    let segments: Vec<String> = attr
        .path()
        .segments
        .iter()
        .map(|s| s.ident.to_string())
        .collect();
    matches!(
        segments.iter().map(String::as_str).collect::<Vec<_>>()[..],
        ["lambda"] | ["sfn", "lambda"]
    )
}

/// Reads a marked function: its attribute's arguments and its signature.
pub fn read(function: &ItemFn, marker: &Attribute, errors: &mut Errors) -> Handler {
    let sig = &function.sig;
    let mut handler = Handler {
        ident: sig.ident.clone(),
        function: None,
        form: if sig.asyncness.is_some() {
            Form::Async
        } else {
            Form::Plain
        },
        input_span: sig.ident.span(),
        bindable: true,
        uses: 0,
    };
    read_args(marker, &mut handler, errors);
    let mut fail = |span: Span, message: &str| {
        errors.at(span, message);
        false
    };
    if !sig.generics.params.is_empty() {
        handler.bindable = fail(
            sig.generics.span(),
            "a handler cannot be generic: the workflow calls one concrete function",
        );
    }
    let inputs: Vec<&FnArg> = sig.inputs.iter().collect();
    match inputs[..] {
        [] => {
            handler.bindable = fail(
                sig.paren_token.span.join(),
                "a handler takes one input, the payload: `fn charge(order: Order) -> Result<Receipt, Error>` (any `serde::Deserialize` type)",
            );
        }
        [FnArg::Receiver(receiver)] => {
            handler.bindable = fail(
                receiver.span(),
                "a handler is a free function taking the payload, not a method",
            );
        }
        [FnArg::Typed(input)] => {
            handler.input_span = input.ty.span();
            if is_lambda_event(&input.ty) {
                if sig.asyncness.is_none() {
                    handler.bindable = fail(
                        input.ty.span(),
                        "a `LambdaEvent` handler is lambda_runtime's form: write `async fn`",
                    );
                }
                handler.form = Form::Event;
            }
        }
        [_, second, ..] => {
            handler.bindable = fail(
                second.span(),
                "a handler takes one input, the payload; put what else it needs in the payload or in the function's environment",
            );
        }
    }
    match &sig.output {
        ReturnType::Default => {
            handler.bindable = fail(
                sig.paren_token.span.join(),
                "a handler returns `Result<O, E>` (O: serde::Serialize): add `-> Result<.., ..>`",
            );
        }
        ReturnType::Type(_, ty) if !is_result(ty) => {
            handler.bindable = fail(
                ty.span(),
                "a handler returns `Result<O, E>` (O: serde::Serialize); an `Err` fails the task as the deployed function would",
            );
        }
        ReturnType::Type(..) => {}
    }
    handler
}

fn read_args(marker: &Attribute, handler: &mut Handler, errors: &mut Errors) {
    if matches!(marker.meta, syn::Meta::Path(_)) {
        return;
    }
    let result = marker.parse_nested_meta(|meta| {
        if meta.path.is_ident("function") {
            let value: LitStr = meta.value()?.parse()?;
            if value.value().trim().is_empty() {
                return Err(syn::Error::new(
                    value.span(),
                    "`function` names the deployed function or its ARN",
                ));
            }
            handler.function = Some(value);
            return Ok(());
        }
        let name = meta
            .path
            .get_ident()
            .map(ToString::to_string)
            .unwrap_or_default();
        Err(meta.error(with_suggestion(
            format!("unknown argument `{name}` of `#[sfn::lambda]` (it takes `function = \"name or ARN\"`)"),
            &name,
            ["function"],
        )))
    });
    if let Err(error) = result {
        errors.push(error);
    }
}

/// Whether the type's last path segment is `LambdaEvent`.
fn is_lambda_event(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|s| s == "LambdaEvent")
}

/// Whether the type's last path segment is `Result` (`Result`, `io::Result`, `anyhow::Result`).
fn is_result(ty: &Type) -> bool {
    last_segment(ty).is_some_and(|s| s == "Result")
}

fn last_segment(ty: &Type) -> Option<String> {
    match ty {
        Type::Path(path) => path.path.segments.last().map(|s| s.ident.to_string()),
        Type::Group(group) => last_segment(&group.elem),
        Type::Paren(paren) => last_segment(&paren.elem),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::substitution_name;

    #[test]
    fn substitutions_are_cloudformation_parameter_names() {
        assert_eq!(substitution_name("charge"), "ChargeFunction");
        assert_eq!(substitution_name("charge_card"), "ChargeCardFunction");
        assert_eq!(substitution_name("_send__receipt2"), "SendReceipt2Function");
        let name = substitution_name("reserve_stock_v2");
        assert!(name.chars().all(|c| c.is_ascii_alphanumeric()), "{name}");
    }
}
