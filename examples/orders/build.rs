//! Emits the workflow of `src/flow.rs` as deployable files (`ORDER_FLOW.asl.json`,
//! `.policy.json`, `.template.json`): into `OUT_DIR` always, and into `$SFN_DEPLOY_DIR` when
//! it is set, as `examples/deploy` does. The template takes the ARNs of the functions named by
//! substitutions (`ReserveStockFunction`, `ChargeCardFunction`) as parameters.

// Only the workflow is used here: the handlers are compiled (they are the module's items)
// but not called.
#[allow(dead_code)]
#[path = "src/flow.rs"]
mod flow;

fn main() {
    println!("cargo::rerun-if-changed=src/flow.rs");
    println!("cargo::rerun-if-env-changed=SFN_DEPLOY_DIR");
    let mut dirs = vec![std::path::PathBuf::from(
        std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"),
    )];
    if let Some(dir) = std::env::var_os("SFN_DEPLOY_DIR") {
        dirs.push(dir.into());
    }
    let workflow = flow::orders::WORKFLOW;
    for dir in dirs {
        if let Err(e) = workflow.write_to(&dir) {
            panic!(
                "cannot write {} into {}: {e}",
                workflow.name(),
                dir.display()
            );
        }
    }
}
