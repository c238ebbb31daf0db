//! The catalogue as a Markdown table (README, `sfn` CLI listings).

use crate::spec::{Pattern, ResourceForm};

/// One row per class: class, service, resource, patterns (default in bold), required fields.
pub fn markdown_table() -> String {
    let mut out = String::from(
        "| Class | Service | Resource | Patterns | Required fields |\n|---|---|---|---|---|\n",
    );
    for class in crate::class_names() {
        let Some(spec) = crate::spec(class) else {
            out.push_str(&format!(
                "| {class} | native (no Lambda) | a `Pass` state with a JSONata `Output` | — | expression |\n"
            ));
            continue;
        };
        let resource = match spec.resource {
            ResourceForm::Integration(api) => format!("`arn:aws:states:::{api}`"),
            ResourceForm::IntegrationSync2(api) => format!("`arn:aws:states:::{api}` (`.sync:2`)"),
            ResourceForm::Custom(_) => "given or derived (see docs)".to_string(),
        };
        let patterns = if spec.patterns.is_empty() {
            "—".to_string()
        } else {
            spec.patterns
                .iter()
                .map(|p: &Pattern| {
                    if *p == spec.default_pattern {
                        format!("**{}**", p.word())
                    } else {
                        p.word().to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let required: Vec<&str> = spec
            .fields
            .iter()
            .filter(|f| f.required)
            .map(|f| f.name)
            .collect();
        out.push_str(&format!(
            "| {class} | {} | {resource} | {patterns} | {} |\n",
            spec.service,
            required.join(", ")
        ));
    }
    out
}
