//! Expansion time of a `#[sfn::workflow_module]` module with 100 handler states against the
//! same graph written in `workflow!` (each handler's `${..Function}` substitution spelled
//! out), measured in the same run. The module also parses and re-emits its 100 handler
//! functions and generates `executor()`; the goal is to stay within 2x of `workflow!`.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use proc_macro2::TokenStream;

const STATES: usize = 100;

/// The states; `function(i)` is what `lambda_function` says.
fn states(function: impl Fn(usize) -> String) -> String {
    let mut states = String::new();
    for i in 0..STATES {
        let next = if i + 1 < STATES {
            format!("S{}", i + 1)
        } else {
            "end".into()
        };
        states.push_str(&format!(
            r#"#[retry(errors = ["Order.Busy"], interval = 1s, max_attempts = 3)]
               S{i}: LambdaInvoke {{ lambda_function: {}, payload: {{ "n": $.n, "i": {i} }}, result_path: $.r{i} }} -> {next},"#,
            function(i)
        ));
    }
    states
}

fn module() -> TokenStream {
    let mut items = String::new();
    for i in 0..STATES {
        items.push_str(&format!(
            "#[sfn::lambda] pub fn handler_{i}(input: Input) -> Result<Output, String> {{ Ok(Output {{ n: input.n + {i} }}) }}\n"
        ));
    }
    format!(
        "pub mod orders {{
            use serde::{{Deserialize, Serialize}};
            #[derive(Deserialize)] pub struct Input {{ pub n: u64 }}
            #[derive(Serialize)] pub struct Output {{ pub n: u64 }}
            {items}
            sfn::workflow! {{ pub FLOW {{ {} }} }}
        }}",
        states(|i| format!("handler_{i}"))
    )
    .parse()
    .expect("generated source lexes")
}

fn workflow() -> TokenStream {
    format!(
        "pub FLOW {{ {} }}",
        states(|i| format!("\"${{Handler{i}Function}}\""))
    )
    .parse()
    .expect("generated source lexes")
}

fn bench(c: &mut Criterion) {
    let module = module();
    let workflow = workflow();
    // Sanity: both are valid and give the same ASL, so the same work is measured.
    let expanded = sfn_dsl::module::expand_module(TokenStream::new(), module.clone()).to_string();
    assert!(!expanded.contains("compile_error"), "{expanded}");
    let plain = sfn_dsl::expand(workflow.clone()).to_string();
    assert!(!plain.contains("compile_error"));
    let definition = |text: &str| {
        let start = text.find("from_parts (").expect("a const");
        text[start..].split(',').nth(1).map(str::to_owned)
    };
    assert_eq!(definition(&expanded), definition(&plain));

    let mut group = c.benchmark_group("module");
    group.bench_with_input(
        BenchmarkId::new("workflow_macro", STATES),
        &workflow,
        |b, tokens| b.iter(|| sfn_dsl::expand(tokens.clone())),
    );
    group.bench_with_input(
        BenchmarkId::new("workflow_module", STATES),
        &module,
        |b, tokens| b.iter(|| sfn_dsl::module::expand_module(TokenStream::new(), tokens.clone())),
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
