//! Expansion time of `workflow!` for generated workflows of 10, 100 and 1,000 states
//! (parse + lower + the rule set + quote), called as a library.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use proc_macro2::TokenStream;

/// A chain of `n` states mixing Pass, Task (with retry/catch), Choice and Wait.
fn workflow(n: usize) -> TokenStream {
    let mut states = String::new();
    for i in 0..n {
        let next = if i + 1 < n {
            format!("S{}", i + 1)
        } else {
            "end".into()
        };
        let state = match i % 4 {
            0 => format!(
                r#"S{i}: Pass {{ parameters: {{ "a": $.x.y, "b": States.Format("{{}}", $.z) }}, result_path: $.p{i} }} -> {next},"#
            ),
            1 => format!(
                r#"#[retry(errors = ["States.Timeout"], interval = 2s)] #[catch(errors = ["States.ALL"], next = Failed)]
                   S{i}: Task {{ resource: "arn:aws:lambda:us-east-1:123456789012:function:f{i}", timeout: 30s }} -> {next},"#
            ),
            2 if next != "end" => format!(
                r#"S{i}: Choice {{ $.n > {i} && is_present($.f) => {next}, _ => {next} }},"#
            ),
            _ => format!("S{i}: Wait {{ seconds: 1 }} -> {next},"),
        };
        states.push_str(&state);
    }
    states.push_str(r#"Failed: Fail { error: "Failed" },"#);
    format!("pub FLOW {{ {states} }}")
        .parse()
        .expect("generated source lexes")
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("expand");
    for n in [10, 100, 1000] {
        let tokens = workflow(n);
        // Sanity: the generated workflow is valid, so the whole pipeline runs.
        assert!(
            !sfn_dsl::expand(tokens.clone())
                .to_string()
                .contains("compile_error")
        );
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &tokens, |b, tokens| {
            b.iter(|| sfn_dsl::expand(tokens.clone()))
        });
        // Baseline, measured in the same run: one pass over the same tokens (printing them).
        group.bench_with_input(
            BenchmarkId::new("baseline_print_tokens", n),
            &tokens,
            |b, tokens| b.iter(|| tokens.clone().to_string()),
        );
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
