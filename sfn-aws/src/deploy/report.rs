//! What a deploy changed (or, in a dry run, would change).

use std::fmt;

use crate::error::Error;

/// One change to one resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The resource: `role NAME`, `state machine NAME`, `alias live`.
    pub subject: String,
    /// What happened to it: `created`, `updated`, `published`, `tagged`.
    pub verb: &'static str,
    /// The differences, one per line (`+ state Check`, `- Allow s3:GetObject on ..`).
    pub details: Vec<String>,
}

impl Change {
    pub(crate) fn new(
        subject: impl Into<String>,
        verb: &'static str,
        details: Vec<String>,
    ) -> Change {
        Change {
            subject: subject.into(),
            verb,
            details,
        }
    }
}

/// The outcome of a deploy.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The state machine's name.
    pub name: String,
    /// Its ARN.
    pub state_machine_arn: String,
    /// The version published by this deploy, else the latest one known.
    pub version_arn: Option<String>,
    /// The alias's ARN, when one was asked for.
    pub alias_arn: Option<String>,
    /// What changed, in the order it was done.
    pub changes: Vec<Change>,
    /// Remarks that are not changes (a check the endpoint does not offer, a warning).
    pub notes: Vec<String>,
    /// Nothing was written.
    pub dry_run: bool,
}

impl Report {
    /// Whether anything changed (or would).
    pub fn changed(&self) -> bool {
        !self.changes.is_empty()
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mode = if self.dry_run {
            " (dry run: nothing written)"
        } else {
            ""
        };
        if self.changes.is_empty() {
            writeln!(
                f,
                "{}: no changes{mode} ({})",
                self.name, self.state_machine_arn
            )?;
        } else {
            writeln!(f, "{}{mode}: {}", self.name, self.state_machine_arn)?;
            for change in &self.changes {
                if self.dry_run {
                    writeln!(f, "  {} would be {}", change.subject, change.verb)?;
                } else {
                    writeln!(f, "  {} {}", change.subject, change.verb)?;
                }
                for line in &change.details {
                    writeln!(f, "      {line}")?;
                }
            }
        }
        if let Some(version) = &self.version_arn {
            writeln!(f, "  version: {version}")?;
        }
        if let Some(alias) = &self.alias_arn {
            writeln!(f, "  alias: {alias}")?;
        }
        for note in &self.notes {
            writeln!(f, "  note: {note}")?;
        }
        Ok(())
    }
}

/// A deploy that stopped: why, what it had already changed and what it did not get to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployError {
    /// The state machine's name.
    pub name: String,
    /// What went wrong.
    pub error: Error,
    /// What was changed before it went wrong.
    pub changed: Vec<Change>,
    /// What was not changed (in the order it would have been).
    pub not_changed: Vec<String>,
}

impl fmt::Display for DeployError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.name, self.error)?;
        if self.changed.is_empty() {
            write!(f, " (nothing was changed)")
        } else {
            let done: Vec<String> = self
                .changed
                .iter()
                .map(|c| format!("{} {}", c.subject, c.verb))
                .collect();
            write!(f, " (changed: {}", done.join(", "))?;
            if !self.not_changed.is_empty() {
                write!(f, "; not changed: {}", self.not_changed.join(", "))?;
            }
            write!(f, ")")
        }
    }
}

impl std::error::Error for DeployError {}
