//! `SFN_VIEW_DIR`: a view for every failed execution, for `cargo test`.
//!
//! ```sh
//! SFN_VIEW_DIR=target/views cargo test
//! ```
//!
//! With the variable set, each execution that does not succeed writes
//! `DIR/<test name>-<machine>-<n>.html` (the test name is the thread's, which is what
//! `cargo test` names its threads) and says so on standard error, which the test harness
//! prints with a failing test's output. Nothing happens when the variable is unset or empty.

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::exec::Execution;

/// The environment variable naming the directory.
pub const VIEW_DIR_VAR: &str = "SFN_VIEW_DIR";

static WRITTEN: AtomicUsize = AtomicUsize::new(0);

/// Writes the view of `execution` when it failed and `SFN_VIEW_DIR` is set; returns where.
pub fn write_if_asked(execution: &Execution) -> Option<PathBuf> {
    if execution.succeeded() {
        return None;
    }
    let dir = std::env::var_os(VIEW_DIR_VAR).filter(|d| !d.is_empty())?;
    let dir = PathBuf::from(dir);
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("main");
    let n = WRITTEN.fetch_add(1, Ordering::Relaxed);
    let file = format!(
        "{}-{}-{n}.html",
        file_safe(test),
        file_safe(&execution.machine_name)
    );
    let path = dir.join(file);
    let written = std::fs::create_dir_all(&dir).and_then(|()| execution.write_view(&path));
    match written {
        Ok(()) => {
            eprintln!(
                "sfn: the execution {} ({}); its view: {}",
                execution.status.as_str(),
                execution.error.as_deref().unwrap_or("no error name"),
                path.display()
            );
            Some(path)
        }
        Err(e) => {
            eprintln!(
                "sfn: could not write the view of a failed execution to {}: {e}",
                path.display()
            );
            None
        }
    }
}

/// Letters, digits, `-`, `_` and `.`; anything else becomes `_` (`tests::a b` ->
/// `tests__a_b`).
fn file_safe(text: &str) -> String {
    let safe: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(100)
        .collect();
    if safe.is_empty() { "_".into() } else { safe }
}
