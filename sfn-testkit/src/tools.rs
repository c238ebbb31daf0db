//! Locating the virtualenv `.ci/py-tools` makes.

use std::path::{Path, PathBuf};

/// The workspace's root folder (this crate lives one level below it).
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("sfn-testkit is a workspace member")
        .to_path_buf()
}

/// The `bin` folder of the tools' virtualenv: `$SFN_PY_TOOLS`, else `target/py-tools/bin`.
pub fn py_tools_dir() -> PathBuf {
    std::env::var_os("SFN_PY_TOOLS")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace_root().join("target/py-tools/bin"))
}

/// The path of tool `name` (e.g. `moto_server`, `aws`, `python`) in the tools' virtualenv.
///
/// `None` (after printing why) when it is not installed, so the caller can skip; with
/// `SFN_REQUIRE_TOOLS=1` a missing tool panics instead.
pub fn py_tool(name: &str) -> Option<PathBuf> {
    let path = py_tools_dir().join(name);
    if path.is_file() {
        return Some(path);
    }
    let why = format!(
        "{} is not installed: run `.ci/py-tools` (or set SFN_PY_TOOLS to its bin folder)",
        path.display()
    );
    if std::env::var("SFN_REQUIRE_TOOLS").is_ok_and(|v| v == "1") {
        panic!("{why}");
    }
    eprintln!("skipped: {why}");
    None
}
