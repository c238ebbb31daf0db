//! Writing a workflow's deployable files, for build scripts.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use crate::Workflow;

impl Workflow {
    /// Writes `NAME.asl.json` (indented definition), `NAME.policy.json` and
    /// `NAME.template.json` (CloudFormation) into `dir`, creating it, and returns the paths.
    /// A file whose content is unchanged is not rewritten, so build scripts do not trigger
    /// needless rebuilds of what watches them.
    ///
    /// # Errors
    /// `InvalidData`, before any file is written, when the definition or the policy cannot
    /// be read back as JSON (a hand-made `Workflow`): no file is ever written with a `null`
    /// or empty definition. Otherwise the I/O error of creating `dir` or writing a file.
    pub fn write_to(&self, dir: impl AsRef<Path>) -> io::Result<Vec<PathBuf>> {
        let dir = dir.as_ref();
        let definition = self.try_to_value().map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("definition of {}: {e}", self.name()),
            )
        })?;
        let policy: serde_json::Value = serde_json::from_str(self.policy()).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("policy of {}: {e}", self.name()),
            )
        })?;
        fs::create_dir_all(dir)?;
        let files = [
            (format!("{}.asl.json", self.name()), pretty(&definition)),
            (format!("{}.policy.json", self.name()), pretty(&policy)),
            (
                format!("{}.template.json", self.name()),
                pretty(&self.cloudformation()),
            ),
        ];
        let mut written = Vec::new();
        for (name, mut content) in files {
            content.push('\n');
            let path = dir.join(name);
            if fs::read_to_string(&path).ok().as_deref() != Some(content.as_str()) {
                fs::write(&path, content)?;
            }
            written.push(path);
        }
        Ok(written)
    }
}

fn pretty(value: &serde_json::Value) -> String {
    serde_json::to_string_pretty(value).unwrap_or_else(|_| value.to_string())
}
