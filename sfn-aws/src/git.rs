//! The default version description: the git commit the deployed files come from.

use std::path::Path;
use std::process::Command;

/// `git abc1234` (with ` (uncommitted changes)` when the tree is dirty) for the repository
/// holding `dir`; `None` outside a repository or without git.
pub fn git_description(dir: &Path) -> Option<String> {
    let git = |args: &[&str]| -> Option<String> {
        let out = Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).trim().to_owned())
    };
    let commit = git(&["rev-parse", "--short=12", "HEAD"])?;
    let dirty =
        git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
    Some(if dirty {
        format!("git {commit} (uncommitted changes)")
    } else {
        format!("git {commit}")
    })
}
