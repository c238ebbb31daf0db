//! IAM resource templates: `arn:aws:sqs:${region}:${account}:{queue_name}`.

use proc_macro2::TokenStream;
use quote::quote;
use syn::LitStr;

use crate::diag::with_suggestion;

/// Parses a template into the tokens of a `&[Seg]`; `{field}` must name a field.
pub fn segments(lit: &LitStr, fields: &[String]) -> syn::Result<TokenStream> {
    let text = lit.value();
    let mut segs = Vec::new();
    let mut literal = String::new();
    let mut rest = text.as_str();
    while let Some(c) = rest.chars().next() {
        if let Some(after) = rest.strip_prefix("${") {
            // A CloudFormation substitution; `${region}` / `${account}` are shorthands.
            let Some(end) = after.find('}') else {
                return Err(syn::Error::new(
                    lit.span(),
                    "unclosed `${` in this template",
                ));
            };
            match &after[..end] {
                "region" => literal.push_str("${AWS::Region}"),
                "account" => literal.push_str("${AWS::AccountId}"),
                "partition" => literal.push_str("aws"),
                other => {
                    literal.push_str("${");
                    literal.push_str(other);
                    literal.push('}');
                }
            }
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('{') {
            let Some(end) = after.find('}') else {
                return Err(syn::Error::new(lit.span(), "unclosed `{` in this template"));
            };
            let name = &after[..end];
            let Some(index) = fields.iter().position(|f| f == name) else {
                return Err(syn::Error::new(
                    lit.span(),
                    with_suggestion(
                        format!(
                            "`{{{name}}}` names no field of this struct; its fields are: {}",
                            fields.join(", ")
                        ),
                        name,
                        fields.iter().map(String::as_str),
                    ),
                ));
            };
            if !literal.is_empty() {
                let l = std::mem::take(&mut literal);
                segs.push(quote!(::sfn::tasks::custom::Seg::Lit(#l)));
            }
            segs.push(quote!(::sfn::tasks::custom::Seg::Field(#index)));
            rest = &after[end + 1..];
        } else {
            literal.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    if !literal.is_empty() {
        segs.push(quote!(::sfn::tasks::custom::Seg::Lit(#literal)));
    }
    // sfn_tasks::custom::MAX_PARTS: the const policy writer keeps a resource's parts in place.
    if segs.len() > 8 {
        return Err(syn::Error::new(
            lit.span(),
            "a resource template has at most 8 parts (literal text and `{field}`s)",
        ));
    }
    Ok(quote!(&[#(#segs),*]))
}

#[cfg(test)]
mod tests {
    use super::segments;

    fn lit(s: &str) -> syn::LitStr {
        syn::LitStr::new(s, proc_macro2::Span::call_site())
    }

    #[test]
    fn fields_and_shorthands() {
        let fields = vec!["queue_name".to_owned()];
        let tokens = segments(
            &lit("arn:aws:sqs:${region}:${account}:{queue_name}"),
            &fields,
        )
        .unwrap()
        .to_string()
        .replace(' ', "");
        assert_eq!(
            tokens,
            r#"&[::sfn::tasks::custom::Seg::Lit("arn:aws:sqs:${AWS::Region}:${AWS::AccountId}:"),::sfn::tasks::custom::Seg::Field(0usize)]"#
        );
    }

    #[test]
    fn a_field_that_does_not_exist_is_named() {
        let fields = vec!["queue_name".to_owned()];
        let error = segments(&lit("arn:{queue_nme}"), &fields).unwrap_err();
        assert!(
            error.to_string().contains("did you mean `queue_name`"),
            "{error}"
        );
        assert!(segments(&lit("arn:{queue_name"), &fields).is_err());
        let many = "{queue_name}:".repeat(5);
        assert!(segments(&lit(&many), &fields).is_err());
    }
}
