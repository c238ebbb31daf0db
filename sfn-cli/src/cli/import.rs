//! `sfn import [--name NAME] FILE`: prints the `workflow!` source of an ASL definition, the
//! migration path from hand-written ASL files to Rust.

use std::process::ExitCode;

use sfn_dsl::import::{const_name, import};

use super::input::{display_name, read_json};

const HELP: &str = "\
sfn import: print the workflow! source of an ASL definition

usage: sfn import [--name NAME] FILE

FILE is an ASL definition (`-` reads standard input). The output is a `workflow!` invocation
declaring `pub NAME` (default: from the file name, `order-flow.asl.json` -> ORDER_FLOW); it is
checked before it is printed: the DSL turns it back into exactly the same ASL. Paste it into
a module that has `use sfn::workflow;`.

Older forms with a modern equivalent (the legacy Map `Iterator`/`Parameters`, `Not` around
`IsPresent: true`, an `And`/`Or` of one rule, paths spaced differently) are written in the
modern form; each is printed as a note (FILE:POINTER: note: ..). The check then compares
with the file after those rewrites, which keep the meaning.

Rule violations of the definition (those `sfn validate` reports) are printed as warnings:
the macro reports them at compile time.

Exit codes: 0 printed, 1 the DSL cannot express part of the definition (FILE:POINTER: why),
2 the file cannot be read or is not JSON.

examples:
  sfn import order-flow.asl.json > src/order_flow.rs
  sfn import --name CHECKOUT - < checkout.json";

/// Entry point of `sfn import`.
pub fn main(args: &[String]) -> ExitCode {
    let mut name = None;
    let mut file = None;
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--help" | "-h" => {
                println!("{HELP}");
                return ExitCode::SUCCESS;
            }
            "--name" => match args.next() {
                Some(n) => name = Some(n.clone()),
                None => {
                    eprintln!(
                        "sfn import: --name takes the const's name, e.g. `--name ORDER_FLOW`"
                    );
                    return ExitCode::from(2);
                }
            },
            _ if file.is_none() => file = Some(arg.clone()),
            _ => {
                eprintln!("sfn import: one FILE at a time\n\n{HELP}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(file) = file else {
        eprintln!("{HELP}");
        return ExitCode::from(2);
    };
    let shown = display_name(&file);
    let definition = match read_json(&file) {
        Ok(value) => value,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(2);
        }
    };
    let name = name.unwrap_or_else(|| const_name(if file == "-" { "workflow" } else { &file }));
    match import(&definition, &name) {
        Ok(imported) => {
            print!("{}", imported.source);
            for note in &imported.notes {
                eprintln!("{shown}:{note}");
            }
            // The source is equivalent, so `workflow!` will report the same rule violations
            // at compile time: say so now rather than after the paste.
            for diagnostic in sfn_runtime::validate::validate_value(&definition) {
                let pointer = if diagnostic.pointer.is_empty() {
                    "/"
                } else {
                    &diagnostic.pointer
                };
                eprintln!(
                    "{shown}:{pointer}: warning: {} (`workflow!` reports this at compile time)",
                    diagnostic.message
                );
            }
            ExitCode::SUCCESS
        }
        Err(error) => {
            let pointer = if error.pointer.is_empty() {
                "/"
            } else {
                &error.pointer
            };
            eprintln!("{shown}:{pointer}: {}", error.message);
            ExitCode::from(1)
        }
    }
}
