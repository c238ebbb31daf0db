//! What is deployed: a state machine's name, definition, policy and type, read from a
//! `Workflow`, from the files a build script emits, or from any ASL file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use sfn_runtime::emit::placeholders;
use sfn_runtime::{Workflow, WorkflowKind};

use crate::error::Error;

/// A state machine ready to deploy, before its `${Name}` substitutions are filled.
#[derive(Debug, Clone, PartialEq)]
pub struct Deployable {
    /// The state machine's name on the service.
    pub name: String,
    /// The ASL definition (JSON text, placeholders unfilled).
    pub definition: String,
    /// The IAM policy the role needs (JSON text), when known.
    pub policy: Option<String>,
    /// Standard or Express.
    pub kind: WorkflowKind,
}

impl Deployable {
    /// The workflow a `workflow!` const holds.
    pub fn from_workflow(workflow: &Workflow) -> Deployable {
        Deployable {
            name: workflow.name().to_owned(),
            definition: workflow.definition().to_owned(),
            policy: Some(workflow.policy().to_owned()),
            kind: workflow.kind(),
        }
    }

    /// An ASL file. `NAME.asl.json` takes `NAME.policy.json` beside it when present (as the
    /// build script writes them); any other file is named after its stem.
    pub fn from_file(path: &Path) -> Result<Deployable, Error> {
        let definition = read(path)?;
        parse(path, &definition)?;
        let file_name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        let (name, policy) = match file_name.strip_suffix(".asl.json") {
            Some(stem) => {
                let policy_path = path.with_file_name(format!("{stem}.policy.json"));
                let policy = if policy_path.is_file() {
                    let text = read(&policy_path)?;
                    parse(&policy_path, &text)?;
                    Some(text)
                } else {
                    None
                };
                (stem.to_owned(), policy)
            }
            None => (
                file_name
                    .split('.')
                    .next()
                    .filter(|s| !s.is_empty())
                    .unwrap_or("StateMachine")
                    .to_owned(),
                None,
            ),
        };
        Ok(Deployable {
            name,
            definition,
            policy,
            kind: WorkflowKind::Standard,
        })
    }

    /// Every `NAME.asl.json` of a directory (sorted by name), or the one file `path` names.
    pub fn from_path(path: &Path) -> Result<Vec<Deployable>, Error> {
        if !path.is_dir() {
            return Ok(vec![Deployable::from_file(path)?]);
        }
        let entries = std::fs::read_dir(path)
            .map_err(|e| Error::Input(format!("{}: cannot read: {e}", path.display())))?;
        let mut files: Vec<PathBuf> = entries
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.to_str().is_some_and(|s| s.ends_with(".asl.json")))
            .collect();
        files.sort();
        if files.is_empty() {
            return Err(Error::Input(format!(
                "{}: no NAME.asl.json file in this directory",
                path.display()
            )));
        }
        files.iter().map(|f| Deployable::from_file(f)).collect()
    }

    /// The substitution names the definition and the policy use, sorted.
    pub fn substitutions(&self) -> Vec<String> {
        let mut names = placeholders(&self.definition);
        if let Some(policy) = &self.policy {
            names.extend(placeholders(policy));
        }
        names.sort();
        names.dedup();
        names
    }
}

/// Substitution values: later sources override earlier ones.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Substitutions {
    values: BTreeMap<String, String>,
}

impl Substitutions {
    /// No values.
    pub fn new() -> Substitutions {
        Substitutions::default()
    }

    /// Sets `name` to `value`.
    pub fn set(&mut self, name: impl Into<String>, value: impl Into<String>) -> &mut Self {
        self.values.insert(name.into(), value.into());
        self
    }

    /// The value of `name`, if given.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }

    /// Values from a JSON object of strings (`{"TableName": "orders"}`).
    pub fn extend_from_json(&mut self, what: &str, text: &str) -> Result<(), Error> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            Error::Input(format!("{what}:{}:{}: not JSON: {e}", e.line(), e.column()))
        })?;
        let Value::Object(map) = value else {
            return Err(Error::Input(format!(
                "{what}: substitutions must be a JSON object of strings"
            )));
        };
        for (name, value) in map {
            let Value::String(value) = value else {
                return Err(Error::Input(format!(
                    "{what}: the value of `{name}` must be a string"
                )));
            };
            self.values.insert(name, value);
        }
        Ok(())
    }

    /// Values from environment variables `SFN_SUB_<Name>` for each name in `names`.
    pub fn extend_from_env(&mut self, names: &[String]) {
        for name in names {
            if let Ok(value) = std::env::var(format!("SFN_SUB_{name}")) {
                self.values.entry(name.clone()).or_insert(value);
            }
        }
    }

    /// `text` with its placeholders filled; pseudo parameters (`${AWS::Region}`) stay for
    /// the caller. A missing value is an error naming it and where it is used.
    pub fn fill(&self, text: &str, what: &str) -> Result<String, Error> {
        let used = placeholders(text);
        let values: Vec<(&str, &str)> = used
            .iter()
            .filter_map(|n| self.get(n).map(|v| (n.as_str(), v)))
            .collect();
        if let Some(missing) = used.iter().find(|n| self.get(n).is_none()) {
            return Err(Error::Input(format!(
                "{what} uses `${{{missing}}}` but no value was given (pass --sub {missing}=VALUE, \
                 set SFN_SUB_{missing}, or put it in --substitutions FILE)"
            )));
        }
        sfn_runtime::emit::substitute(text, &values)
            .map_err(|e| Error::Input(format!("{what}: {e}")))
    }
}

fn read(path: &Path) -> Result<String, Error> {
    std::fs::read_to_string(path)
        .map_err(|e| Error::Input(format!("{}: cannot read: {e}", path.display())))
}

fn parse(path: &Path, text: &str) -> Result<Value, Error> {
    serde_json::from_str(text).map_err(|e| {
        Error::Input(format!(
            "{}:{}:{}: not JSON: {e}",
            path.display(),
            e.line(),
            e.column()
        ))
    })
}
