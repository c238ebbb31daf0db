//! CloudFormation and SAM templates as input: every `AWS::StepFunctions::StateMachine` and
//! `AWS::Serverless::StateMachine` resource, with its definition taken from `Definition`,
//! `DefinitionString` (a string, `Fn::Sub` or `Fn::Join`) or a local `DefinitionUri`, and
//! its `DefinitionSubstitutions`.
//!
//! A file that is not a template is one definition; [`machines`] treats both alike so every
//! command accepts either.

mod machine;
mod substitute;

use std::path::Path;
use std::rc::Rc;

use serde_json::{Map, Value};

pub use machine::Machine;
use machine::Origin;

use super::report::{Problem, Severity};
use super::source::{Source, Syntax, spans::child};
use sfn_runtime::WorkflowKind;

/// The resource types holding a state machine.
const TYPES: [&str; 2] = [
    "AWS::StepFunctions::StateMachine",
    "AWS::Serverless::StateMachine",
];

/// Whether substitutions are applied: `validate`, `graph` and `run` check the machine as
/// deployed (literal `DefinitionSubstitutions` and `Fn::Sub` values put in), `import`
/// keeps `${Name}` so the `workflow!` source declares the substitution.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Substitutions {
    /// Put literal values in.
    Apply,
    /// Leave `${Name}` as written.
    Keep,
}

/// What a file holds.
pub struct Found {
    /// The definitions (one for a definition file).
    pub machines: Vec<Machine>,
    /// Warnings and errors met on the way (a definition in S3, an unreadable
    /// `DefinitionUri`, ...).
    pub problems: Vec<Problem>,
}

/// Whether `value` is a CloudFormation/SAM template rather than a definition.
pub fn is_template(value: &Value) -> bool {
    value.get("Resources").is_some_and(Value::is_object) && value.get("States").is_none()
}

/// The definitions in `source`: itself, or each state machine resource of a template
/// (only `resource` when given; an unknown id is an error naming the ones there are).
pub fn machines(mut source: Source, resource: Option<&str>, subs: Substitutions) -> Found {
    if !is_template(&source.value) {
        // The definition is the whole document: moved into the machine, not copied (the
        // source is kept for its text and spans).
        let value = std::mem::take(&mut source.value);
        let duplicates = std::mem::take(&mut source.duplicates);
        let source = Rc::new(source);
        let machine = Machine {
            value,
            duplicates,
            resource: None,
            kind: None,
            origin: Origin::Value {
                source: Rc::clone(&source),
                prefix: String::new(),
            },
        };
        let mut problems = Vec::new();
        if let Some(id) = resource {
            problems.push(Problem::error(&source.name, format!("`--resource {id}` needs a CloudFormation or SAM template; this file is a state machine definition")));
        }
        return Found {
            machines: if problems.is_empty() {
                vec![machine]
            } else {
                Vec::new()
            },
            problems,
        };
    }
    let source = Rc::new(source);
    let mut found = Found {
        machines: Vec::new(),
        problems: Vec::new(),
    };
    let resources = source.value["Resources"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    let ids: Vec<&String> = resources
        .iter()
        .filter(|(_, r)| {
            r.get("Type")
                .and_then(Value::as_str)
                .is_some_and(|t| TYPES.contains(&t))
        })
        .map(|(id, _)| id)
        .collect();
    if let Some(wanted) = resource
        && !ids.iter().any(|id| *id == wanted)
    {
        let known = if ids.is_empty() {
            "it has no state machine resource".to_owned()
        } else {
            format!("its state machines are {}", list(&ids))
        };
        found.problems.push(Problem::error(
            &source.name,
            format!("the template has no state machine `{wanted}`: {known}"),
        ));
        return found;
    }
    for id in ids {
        if resource.is_some_and(|wanted| wanted != id) {
            continue;
        }
        let at = child(&child("/Resources", id), "Properties");
        let properties = resources[id].get("Properties").and_then(Value::as_object);
        match definition(&source, id, &at, properties, subs) {
            Ok(Some(machine)) => found.machines.push(machine),
            Ok(None) => {}
            Err(problem) => found.problems.push(problem),
        }
    }
    if found.machines.is_empty() && found.problems.is_empty() {
        found.problems.push(Problem::new(
            Severity::Warning,
            &source.name,
            "the template has no state machine resource to check",
        ));
    }
    found
}

/// `A`, `B` and `C`, each in backticks.
fn list(ids: &[&String]) -> String {
    let quoted: Vec<String> = ids.iter().map(|id| format!("`{id}`")).collect();
    quoted.join(", ")
}

/// The definition of resource `id` whose properties are at pointer `at`.
fn definition(
    source: &Rc<Source>,
    id: &str,
    at: &str,
    properties: Option<&Map<String, Value>>,
    subs: Substitutions,
) -> Result<Option<Machine>, Problem> {
    let problem = |pointer: &str, message: String| {
        let mut p = Problem::error(&source.name, message)
            .pointer(pointer)
            .resource(Some(id.to_owned()));
        if let Some(l) = source.locate(pointer, None) {
            p = p.at(l);
        }
        p
    };
    let empty = Map::new();
    let properties = properties.unwrap_or(&empty);
    let substitutions = match properties.get("DefinitionSubstitutions") {
        Some(Value::Object(map)) => map.clone(),
        Some(_) => {
            return Err(problem(
                &child(at, "DefinitionSubstitutions"),
                "DefinitionSubstitutions must be an object of names to values".into(),
            ));
        }
        None => Map::new(),
    };
    // CloudFormation's `StateMachineType`, SAM's `Type`: what the machine is checked as.
    let kind = properties
        .get("StateMachineType")
        .or_else(|| properties.get("Type"))
        .and_then(Value::as_str)
        .map(|t| {
            if t == "EXPRESS" {
                WorkflowKind::Express
            } else {
                WorkflowKind::Standard
            }
        });
    let machine = |value: Value, duplicates, origin| {
        let value = match subs {
            Substitutions::Apply => substitute::values(value, &substitutions),
            Substitutions::Keep => value,
        };
        Machine {
            value,
            duplicates,
            resource: Some(id.to_owned()),
            kind,
            origin,
        }
    };
    if let Some(definition) = properties.get("Definition") {
        let prefix = child(at, "Definition");
        if !definition.is_object() {
            return Err(problem(
                &prefix,
                "Definition must be an object (the state machine definition)".into(),
            ));
        }
        let inside = format!("{prefix}/");
        let duplicates = source
            .duplicates
            .iter()
            .filter(|(object, _)| *object == prefix || object.starts_with(&inside))
            .map(|(object, key)| (object[prefix.len()..].to_owned(), key.clone()))
            .collect();
        let origin = Origin::Value {
            source: Rc::clone(source),
            prefix,
        };
        return Ok(Some(machine(definition.clone(), duplicates, origin)));
    }
    if let Some(string) = properties.get("DefinitionString") {
        let pointer = child(at, "DefinitionString");
        let (text, string_at, exact) =
            substitute::definition_string(string, &pointer, &substitutions, subs)
                .map_err(|why| problem(&pointer, why))?;
        let inner = Source::parse(&source.name, text, Syntax::Json).map_err(|mut p| {
            // Positions inside the string: say where the string is.
            p.message = format!("DefinitionString is {}", p.message);
            p.pointer = Some(pointer.clone());
            p.location = source.locate(&string_at, None);
            p.resource = Some(id.to_owned());
            p
        })?;
        let (value, duplicates) = (inner.value.clone(), inner.duplicates.clone());
        let origin = Origin::Text {
            inner,
            outer: Some((Rc::clone(source), string_at)),
            exact,
        };
        return Ok(Some(machine(value, duplicates, origin)));
    }
    if let Some(uri) = properties.get("DefinitionUri") {
        let pointer = child(at, "DefinitionUri");
        let Some(path) = uri.as_str() else {
            // `{Bucket, Key}`: the definition is in S3, out of reach of a local check.
            return Err(Problem::new(
                Severity::Warning,
                &source.name,
                "DefinitionUri names an S3 object; only a local file can be checked",
            )
            .pointer(pointer.clone())
            .resource(Some(id.to_owned())));
        };
        if path.starts_with("s3://") {
            return Err(Problem::new(
                Severity::Warning,
                &source.name,
                format!("DefinitionUri `{path}` is in S3; only a local file can be checked"),
            )
            .pointer(pointer)
            .resource(Some(id.to_owned())));
        }
        let base = Path::new(&source.name).parent().unwrap_or(Path::new("."));
        let file = base.join(path);
        let file = file.to_string_lossy();
        let inner = Source::load(&file).map_err(|p| p.resource(Some(id.to_owned())))?;
        let (value, duplicates) = (inner.value.clone(), inner.duplicates.clone());
        let origin = Origin::Text {
            inner,
            outer: None,
            exact: true,
        };
        return Ok(Some(machine(value, duplicates, origin)));
    }
    if properties.contains_key("DefinitionS3Location") {
        return Err(Problem::new(Severity::Warning, &source.name, "DefinitionS3Location is in S3; only a definition in the template or a local DefinitionUri can be checked")
            .pointer(child(at, "DefinitionS3Location"))
            .resource(Some(id.to_owned())));
    }
    Err(problem(
        at,
        "the state machine has no Definition, DefinitionString or DefinitionUri".into(),
    ))
}

/// The one definition `graph`, `run` and `import` work on: `file` itself, or the state
/// machine `resource` of a template (which may be left out when it has only one). Problems
/// are printed; the error is the exit status to end with (2 when the file cannot be read
/// or the machine not chosen, 1 when it writes a key or state name twice).
pub fn one(
    file: &str,
    resource: Option<&str>,
    subs: Substitutions,
) -> Result<Machine, super::exit::Exit> {
    use super::exit::Exit;
    use super::report::eprint;

    let source = Source::load(file).map_err(|p| {
        eprint(&[p]);
        Exit::Unusable
    })?;
    let name = source.name.clone();
    let mut found = machines(source, resource, subs);
    let machine = match found.machines.len() {
        1 => found.machines.pop().expect("one"),
        0 => {
            eprint(&found.problems);
            return Err(Exit::Unusable);
        }
        _ => {
            let ids: Vec<String> = found
                .machines
                .iter()
                .filter_map(|m| m.resource.clone())
                .collect();
            let ids: Vec<&String> = ids.iter().collect();
            eprint(&[Problem::error(
                &name,
                format!(
                    "the template has {} state machines ({}); choose one with `--resource LOGICAL_ID`",
                    ids.len(),
                    list(&ids)
                ),
            )]);
            return Err(Exit::Unusable);
        }
    };
    eprint(&found.problems);
    let duplicates = machine.duplicate_problems();
    if !duplicates.is_empty() {
        eprint(&duplicates);
        super::report::summary(&format!(
            "sfn: {} writes a key or state name twice ({}); readers keep only the last, so it is refused",
            machine.name(),
            super::report::count(duplicates.len(), "problem", "problems")
        ));
        return Err(Exit::Invalid);
    }
    Ok(machine)
}
