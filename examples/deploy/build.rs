//! Emits every workflow of `src/workflows.rs` as deployable files: into `OUT_DIR` always,
//! and into `$SFN_DEPLOY_DIR` when it is set (e.g. for `cfn-lint` or `aws cloudformation deploy`).

#[path = "src/workflows.rs"]
mod workflows;

fn main() {
    println!("cargo::rerun-if-changed=src/workflows.rs");
    println!("cargo::rerun-if-env-changed=SFN_DEPLOY_DIR");
    let mut dirs = vec![std::path::PathBuf::from(
        std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"),
    )];
    if let Some(dir) = std::env::var_os("SFN_DEPLOY_DIR") {
        dirs.push(dir.into());
    }
    for dir in dirs {
        for workflow in [workflows::IMAGE_PIPELINE] {
            if let Err(e) = workflow.write_to(&dir) {
                panic!(
                    "cannot write {} into {}: {e}",
                    workflow.name(),
                    dir.display()
                );
            }
        }
    }
}
