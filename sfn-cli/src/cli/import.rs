//! `sfn import [--name NAME] [--resource ID] FILE`: prints the `workflow!` source of an ASL
//! definition (or of a template's state machine), the migration path from hand-written ASL
//! files to Rust.

use std::process::ExitCode;

use sfn_dsl::import::{const_name, import};

use super::exit::Exit;
use super::report::{self, Severity};
use super::template::{self, Substitutions};

/// The arguments of `sfn import`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "FILE is an ASL definition (JSON or YAML) or a CloudFormation/SAM template (a console export, say); `-` reads standard input. The output is a `workflow!` invocation declaring `pub NAME` (default: from the file name, `order-flow.asl.json` -> ORDER_FLOW, or from the resource's logical id); it is checked before it is printed: the DSL turns it back into exactly the same ASL. Paste it into a module that has `use sfn::workflow;`. A template's DefinitionSubstitutions stay `${Name}` substitutions.

Older forms with a modern equivalent (the legacy Map `Iterator`/`Parameters`, `Not` around `IsPresent: true`, an `And`/`Or` of one rule, paths spaced differently) are written in the modern form; each is printed as a note. The check then compares with the file after those rewrites, which keep the meaning.

Rule violations of the definition (those `sfn validate` reports) are printed as warnings: the macro reports them at compile time.

Exit codes: 0 printed, 1 the DSL cannot express part of the definition (or it writes a key twice), 2 the file cannot be read or is not JSON/YAML.

examples:
  sfn import order-flow.asl.json > src/order_flow.rs
  sfn import --name CHECKOUT - < checkout.json
  sfn import --resource OrderMachine template.yaml"
)]
pub struct ImportArgs {
    /// The const's name (`ORDER_FLOW`).
    #[arg(long)]
    pub name: Option<String>,
    /// The state machine resource to import, in a template with several.
    #[arg(long, value_name = "LOGICAL_ID")]
    pub resource: Option<String>,
    /// The definition or template (`-`: standard input).
    pub file: String,
}

/// Entry point of `sfn import`.
pub fn main(args: ImportArgs) -> ExitCode {
    let machine = match template::one(&args.file, args.resource.as_deref(), Substitutions::Keep) {
        Ok(machine) => machine,
        Err(exit) => return exit.into(),
    };
    let name = args
        .name
        .unwrap_or_else(|| match (&machine.resource, args.file.as_str()) {
            (Some(id), _) => const_name(id),
            (None, "-") => const_name("workflow"),
            (None, file) => const_name(file),
        });
    match import(&machine.value, &name) {
        Ok(imported) => {
            if let Err(code) = super::stdout::print("import", &imported.source) {
                return code;
            }
            let mut problems: Vec<_> = imported
                .notes
                .iter()
                .map(|note| {
                    machine.problem(Severity::Note, &note.pointer, None, note.message.clone())
                })
                .collect();
            // The source is equivalent, so `workflow!` will report the same rule violations
            // at compile time: say so now rather than after the paste.
            for d in machine.validate() {
                let mut p = machine.diagnostic(Severity::Warning, &d);
                p.message
                    .push_str(" (`workflow!` reports this at compile time)");
                problems.push(p);
            }
            report::eprint(&problems);
            ExitCode::SUCCESS
        }
        Err(error) => {
            report::eprint(&[machine.problem(
                Severity::Error,
                &error.pointer,
                None,
                error.message,
            )]);
            Exit::Invalid.into()
        }
    }
}
