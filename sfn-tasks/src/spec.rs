//! The data that describes a task class: fields, patterns, resource, IAM, checks.

use crate::engine::{Ctx, Out, Rcx};
use crate::model::{TaskError, TaskValue};
use sfn_runtime::iam::Statement;

/// A service integration pattern.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pattern {
    /// Call the API and continue with its response.
    RequestResponse,
    /// Call the API and wait for the job to finish (`.sync`).
    RunJob,
    /// Call the API with a task token and wait for it to come back (`.waitForTaskToken`).
    WaitForTaskToken,
}

impl Pattern {
    /// CDK's name, used in messages: `REQUEST_RESPONSE`, `RUN_JOB`, `WAIT_FOR_TASK_TOKEN`.
    pub const fn cdk_name(self) -> &'static str {
        match self {
            Pattern::RequestResponse => "REQUEST_RESPONSE",
            Pattern::RunJob => "RUN_JOB",
            Pattern::WaitForTaskToken => "WAIT_FOR_TASK_TOKEN",
        }
    }

    /// Our spelling in `pattern: ..`.
    pub const fn word(self) -> &'static str {
        match self {
            Pattern::RequestResponse => "request_response",
            Pattern::RunJob => "run_job",
            Pattern::WaitForTaskToken => "wait_for_task_token",
        }
    }

    /// Reads `request_response` / `REQUEST_RESPONSE` (and the other two).
    pub fn parse(word: &str) -> Option<Pattern> {
        [
            Pattern::RequestResponse,
            Pattern::RunJob,
            Pattern::WaitForTaskToken,
        ]
        .into_iter()
        .find(|p| p.word().eq_ignore_ascii_case(word))
    }

    /// The resource suffix of the optimised integrations.
    pub const fn suffix(self) -> &'static str {
        match self {
            Pattern::RequestResponse => "",
            Pattern::RunJob => ".sync",
            Pattern::WaitForTaskToken => ".waitForTaskToken",
        }
    }
}

/// How the `Resource` of a class is formed.
#[derive(Clone, Copy)]
pub enum ResourceForm {
    /// `arn:aws:states:::<api>` plus the pattern suffix (`api` = `"sns:publish"`).
    Integration(&'static str),
    /// `arn:aws:states:::<api>` plus the suffix, `.sync:2` for RUN_JOB (Step Functions).
    IntegrationSync2(&'static str),
    /// Worked out by the class (Lambda's `payload_response_only`, activities, SDK calls).
    Custom(fn(&Ctx) -> Result<String, TaskError>),
}

/// Where a field goes in the `Parameters`/`Arguments` object.
#[derive(Clone, Copy)]
pub enum Asl {
    /// A top-level key. Keys starting with `-` are scratch keys: the class's `finish` hook
    /// turns them into the real parameters (and removes them).
    Key(&'static str),
    /// A nested key: the path of object keys, the last one being the field's key.
    At(&'static [&'static str]),
    /// Not rendered by the generic renderer (IAM only, or used by a hook).
    Skip,
}

/// A value rendered by class-specific code (see [`Kind::Custom`]).
pub type CustomFn = fn(&Rcx, &TaskValue, crate::model::Loc) -> Result<Out, TaskError>;

/// A hook that turns the generic parameters into the final ones.
pub type Finish = fn(&Ctx, serde_json::Map<String, serde_json::Value>) -> Option<serde_json::Value>;

/// The kind of value a field takes, which drives both checking and rendering.
#[derive(Clone, Copy)]
pub enum Kind {
    /// A string (or a path / intrinsic / JSONata expression).
    Str,
    /// A number.
    Number,
    /// An integer in an inclusive range.
    Int(i64, i64),
    /// A boolean.
    Bool,
    /// One of the words: (what the user writes, what ASL gets). A literal string equal to
    /// either spelling is accepted too.
    Enum(&'static [(&'static str, &'static str)]),
    /// Free JSON (CDK's `TaskInput` / `any`): objects are rendered with `key.$` for paths.
    Json,
    /// An object whose keys are free and whose values are strings.
    StrMap,
    /// A list of strings.
    StrList,
    /// An object `{ key: "value" }` rendered as `[{"Key": .., "Value": ..}]`.
    Tags,
    /// An object with snake_case keys, each described by a field.
    Struct(&'static [Field]),
    /// An array of the inner kind.
    List(&'static Kind),
    /// A duration rendered as whole seconds.
    Seconds,
    /// A duration rendered as whole minutes (rejects a duration that is not a whole
    /// number of minutes).
    Minutes,
    /// Rendered by class code.
    Custom(CustomFn),
}

/// One field of a task class (or of a nested struct).
#[derive(Clone, Copy)]
pub struct Field {
    /// snake_case name written by the user.
    pub name: &'static str,
    /// Where it goes.
    pub asl: Asl,
    /// Its kind.
    pub kind: Kind,
    /// Whether it must be given.
    pub required: bool,
    /// JSON text of the value rendered when the field is absent (`"false"`, `"\"NO_AUTH\""`).
    pub default: Option<&'static str>,
}

impl Field {
    /// An optional field rendered under `key`.
    pub const fn new(name: &'static str, key: &'static str, kind: Kind) -> Field {
        Field {
            name,
            asl: Asl::Key(key),
            kind,
            required: false,
            default: None,
        }
    }

    /// An optional field rendered at a nested place.
    pub const fn at(name: &'static str, path: &'static [&'static str], kind: Kind) -> Field {
        Field {
            name,
            asl: Asl::At(path),
            kind,
            required: false,
            default: None,
        }
    }

    /// A field that is not rendered by the generic renderer.
    pub const fn skip(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            asl: Asl::Skip,
            kind,
            required: false,
            default: None,
        }
    }

    /// The same field, required.
    pub const fn req(mut self) -> Field {
        self.required = true;
        self
    }

    /// The same field with a default (JSON text) rendered when absent.
    pub const fn or(mut self, json: &'static str) -> Field {
        self.default = Some(json);
        self
    }
}

/// A task class described as data.
pub struct TaskSpec {
    /// The CDK class name, e.g. `"SnsPublish"`.
    pub class: &'static str,
    /// The service, for documentation.
    pub service: &'static str,
    /// How the Resource is formed.
    pub resource: ResourceForm,
    /// The supported integration patterns; empty when the class takes no `pattern`.
    pub patterns: &'static [Pattern],
    /// The pattern used when none is given.
    pub default_pattern: Pattern,
    /// The fields.
    pub fields: &'static [Field],
    /// The field that must carry the task token under `wait_for_task_token`, if the class
    /// has one.
    pub token_field: Option<&'static str>,
    /// Whether JSONata states get `Arguments` (false: always JSONPath `Parameters`).
    pub jsonata: bool,
    /// The class's own checks, run after the generic ones.
    pub check: Option<fn(&Ctx, &mut Vec<TaskError>)>,
    /// Rewrites the rendered parameters (defaults that depend on other fields, ...);
    /// returns the final `Parameters`/`Arguments` value, `None` to emit none.
    pub finish: Option<Finish>,
    /// The IAM statements.
    pub iam: fn(&Ctx) -> Vec<Statement>,
    /// Whether the class adds CDK's Lambda service-exception Retry (opt out with
    /// `retry_on_service_exceptions: false`).
    pub lambda_retry: bool,
}

impl TaskSpec {
    /// The field description of `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields.iter().find(|f| f.name == name)
    }
}

/// Shorthand for the standard supported-pattern lists.
pub mod patterns {
    use super::Pattern;
    use super::Pattern::*;
    /// Request/response only.
    pub const RR: &[Pattern] = &[RequestResponse];
    /// Request/response and run-job.
    pub const RR_SYNC: &[Pattern] = &[RequestResponse, RunJob];
    /// Request/response and callback.
    pub const RR_TOKEN: &[Pattern] = &[RequestResponse, WaitForTaskToken];
    /// All three.
    pub const ALL: &[Pattern] = &[RequestResponse, RunJob, WaitForTaskToken];
}
