//! Expansion cost per state at 10, 100, 1,000 and 10,000 states for the two workloads of
//! issue #19 (the ones its CDK anchor figures were measured on):
//!
//! - `chain`: `n` `LambdaInvoke` states, each calling a distinct function, with `result_path`;
//! - `choice`: 50/50 `Choice` and `LambdaInvoke`, each Choice branching to the next task or
//!   skipping it.
//!
//! `expand/*` is what the proc macro does (`sfn_dsl::expand` on a `TokenStream` built here).
//! `phase/*` splits it at 1,000 and 10,000 states into parse, lower, rule set, policy and
//! quote, so a regression points at its phase. Baseline measured in the same run:
//! `baseline_print_tokens` (one pass over the same input tokens, printing them).
//!
//! Per-state cost is flat when `time / n` is the same at every size (criterion's throughput
//! line prints it as elements/s).

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use proc_macro2::TokenStream;
use std::hint::black_box;

mod workloads;
use workloads::{chain, choice};

fn tokens(source: &str) -> TokenStream {
    source.parse().expect("generated source lexes")
}

type Workload = (&'static str, fn(usize) -> String);
const WORKLOADS: [Workload; 2] = [("chain", chain), ("choice", choice)];

fn expand(c: &mut Criterion) {
    for (name, generate) in WORKLOADS {
        let mut group = c.benchmark_group(format!("expand/{name}"));
        for n in [10, 100, 1_000, 10_000] {
            let input = tokens(&generate(n));
            // The generated workflow is valid, so the whole pipeline (rule set included) runs,
            // and the output is the const, not an error.
            let out = sfn_dsl::expand(input.clone()).to_string();
            assert!(!out.contains("compile_error"), "{name} {n}: {out:.400}");
            if n >= 1_000 {
                group.sample_size(10);
            }
            group.throughput(Throughput::Elements(n as u64));
            group.bench_with_input(BenchmarkId::from_parameter(n), &input, |b, input| {
                b.iter(|| sfn_dsl::expand(input.clone()))
            });
            group.bench_with_input(
                BenchmarkId::new("baseline_print_tokens", n),
                &input,
                |b, input| b.iter(|| input.clone().to_string()),
            );
        }
        group.finish();
    }
}

/// The phases of `sfn_dsl::expand`, called one by one the way it calls them.
fn phases(c: &mut Criterion) {
    use sfn_dsl::diag::Errors;
    for (name, generate) in WORKLOADS {
        let mut group = c.benchmark_group(format!("phase/{name}"));
        group.sample_size(10);
        for n in [1_000, 10_000] {
            group.throughput(Throughput::Elements(n as u64));
            let input = tokens(&generate(n));
            let parse = |input: TokenStream| {
                let mut errors = Errors::default();
                let defs = sfn_dsl::parse::parse_all(input, |s| {
                    sfn_dsl::parse::parse_workflows(s, &mut errors)
                })
                .expect("parses");
                assert!(errors.is_empty());
                defs
            };
            group.bench_with_input(BenchmarkId::new("parse", n), &input, |b, input| {
                b.iter(|| parse(input.clone()))
            });
            let def = parse(input).remove(0);
            // Without the pointer -> span table, as the expansion lowers a workflow first
            // (it is built only when there is something to report).
            fn lower(def: &sfn_dsl::ast::WorkflowDef) -> sfn_dsl::lower::Lowered {
                let spans = sfn_dsl::lower::Spans::off();
                sfn_dsl::lower::lower_workflow_with(def, &mut Errors::default(), spans)
            }
            group.bench_with_input(BenchmarkId::new("lower", n), &def, |b, def| {
                b.iter(|| lower(def))
            });
            let lowered = lower(&def);
            group.bench_with_input(BenchmarkId::new("rule_set", n), &lowered, |b, l| {
                b.iter(|| {
                    let mut errors = Errors::default();
                    sfn_dsl::check::check(l, &mut errors);
                    assert!(errors.is_empty());
                })
            });
            // The expansion moves the statements into the document; here each iteration
            // copies them first.
            let document = |l: &sfn_dsl::lower::Lowered| sfn_runtime::iam::PolicyDocument {
                statements: l.statements.clone(),
            };
            group.bench_with_input(BenchmarkId::new("policy", n), &lowered, |b, l| {
                b.iter(|| document(l).to_json())
            });
            let policy = document(&lowered).to_json();
            group.bench_with_input(BenchmarkId::new("quote", n), &lowered, |b, l| {
                b.iter(|| sfn_dsl::expand::expand_const(l, black_box(&policy), true))
            });
        }
        group.finish();
    }
}

criterion_group!(benches, expand, phases);
criterion_main!(benches);
