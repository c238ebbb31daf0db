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
    pub fn write_to(&self, dir: impl AsRef<Path>) -> io::Result<Vec<PathBuf>> {
        let dir = dir.as_ref();
        fs::create_dir_all(dir)?;
        let policy: serde_json::Value = serde_json::from_str(self.policy()).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("policy of {}: {e}", self.name()),
            )
        })?;
        let files = [
            (
                format!("{}.asl.json", self.name()),
                self.definition_pretty(),
            ),
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
