//! The `sfn` command line.

fn main() {
    eprintln!("usage: sfn <validate|run|graph> ...");
    std::process::exit(2);
}
