//! A plain loop over `sfn_dsl::expand`, to run under a profiler (criterion's harness spends
//! its own time around the measured code):
//!
//! ```text
//! cargo build --release -p sfn-dsl --example profile_expand
//! valgrind --tool=callgrind --toggle-collect='sfn_dsl::expand' \
//!     target/release/examples/profile_expand chain 1000 1
//! perf record -g target/release/examples/profile_expand choice 10000 5
//! ```
//!
//! Arguments: workload (`chain` or `choice`, see `benches/workloads`), states, iterations.

#[path = "../benches/workloads/mod.rs"]
mod workloads;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let workload = args.first().map_or("chain", String::as_str);
    let n: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(1_000);
    let iterations: usize = args.get(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let source = match workload {
        "chain" => workloads::chain(n),
        "choice" => workloads::choice(n),
        other => {
            eprintln!("unknown workload `{other}`: chain or choice");
            std::process::exit(2);
        }
    };
    let tokens: proc_macro2::TokenStream = source.parse().expect("generated source lexes");
    let started = std::time::Instant::now();
    let mut bytes = 0;
    for _ in 0..iterations {
        bytes += sfn_dsl::expand(tokens.clone()).to_string().len();
    }
    let per_state = started.elapsed().as_secs_f64() * 1e6 / (n * iterations) as f64;
    // Printed so the work cannot be optimised away, and as a rough figure (the benchmark
    // is the measurement).
    println!("{workload} {n}: {bytes} bytes of output, ~{per_state:.1} µs/state");
}
