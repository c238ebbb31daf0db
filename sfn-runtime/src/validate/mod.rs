//! The static rule set of the States Language, as a table of rules.
//!
//! [`validate_value`] checks a definition given as raw JSON, so it can report every problem
//! of a document, including the ones that stop typed reading (unknown fields, wrong types,
//! an unknown state type). Each problem is a [`Diagnostic`]: a JSON pointer (RFC 6901), a
//! stable rule code from [`rules`], a [`Severity`], a message, and a hint where the fix is
//! obvious.
//!
//! Severities mirror ValidateStateMachineDefinition's: an [`Severity::Error`] is what the
//! service refuses (CreateStateMachine fails), a [`Severity::Warning`] what it accepts but is
//! almost surely a mistake (an unknown variable fails at run time with
//! `States.QueryEvaluationError`). Each rule has one severity ([`Rule::severity`]).
//!
//! Which field takes a Path, a Reference Path, an intrinsic, JSONata or nothing, per state
//! type and query language, is one table (`fields.rs`) that every rule reads.
//!
//! ```
//! use sfn_runtime::validate::validate_str;
//!
//! let diagnostics = validate_str(r#"{
//!     "StartAt": "Start",
//!     "States": {
//!         "Start": { "Type": "Pass", "Next": "ProcesOrder" },
//!         "ProcessOrder": { "Type": "Succeed" }
//!     }
//! }"#).unwrap();
//! assert_eq!(diagnostics[0].pointer, "/States/Start/Next");
//! assert_eq!(diagnostics[0].code, "next-unknown-state");
//! assert_eq!(diagnostics[0].hint.as_deref(), Some("did you mean `ProcessOrder`?"));
//! ```

mod choice;
mod depth;
mod diagnostic;
mod doc;
mod expressions;
mod fields;
mod graph;
mod integrations;
mod json;
mod map;
mod order;
mod paths;
mod payload;
mod presence;
mod resource;
mod retry_catch;
pub mod suggest;
mod task;
mod timestamp;
mod values;
mod variables;

use std::fmt;

use serde_json::Value;

use diagnostic::Sink;
pub use diagnostic::{Diagnostic, JsonError, Severity, child as pointer_child};
use doc::Doc;
pub use integrations::{INTEGRATIONS, Integration, Pattern};

/// One rule of the table.
pub struct Rule {
    /// Stable code, used in [`Diagnostic::code`] (`"next-unknown-state"`).
    pub code: &'static str,
    /// What the rule demands, in one line (with the asl-rules section it comes from).
    pub summary: &'static str,
    /// Error when the service refuses what the rule finds, warning when it accepts it.
    pub severity: Severity,
    check: fn(&Doc, &mut Sink),
}

impl fmt::Debug for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Rule")
            .field("code", &self.code)
            .field("summary", &self.summary)
            .field("severity", &self.severity)
            .finish()
    }
}

macro_rules! rules {
    (@severity) => { Severity::Error };
    (@severity warning) => { Severity::Warning };
    ($($code:literal $($warning:ident)? => $check:path, $summary:literal;)*) => {
        &[$(Rule {
            code: $code,
            summary: $summary,
            severity: rules!(@severity $($warning)?),
            check: $check,
        },)*]
    };
}

/// The table. Order matters only for diagnostics at the same pointer. A rule marked
/// `warning` finds what the service accepts (see each rule's test for the source).
static RULES: &[Rule] = rules! {
    "nesting-too-deep" => depth::nesting_too_deep, "no value nests deeper than sfn_runtime::limits::MAX_JSON_DEPTH levels, so every definition can be written out and read back";
    "duplicate-key" => json::duplicate_key, "no object of the JSON text has the same key twice, which readers silently merge (S2 for States)";
    "wrong-type" => values::wrong_type, "a value has the JSON type its field demands (§1-§6)";
    "unknown-field" => presence::unknown_field, "no object has fields other than those the language defines (T4)";
    "field-not-allowed" => presence::field_not_allowed, "a field appears only on the state types and objects that take it (S3, G2, R1, C2)";
    "field-query-language" => presence::field_query_language, "JSONPath-only fields are not used in JSONata states and the reverse (§3.2)";
    "query-language-downgrade" => presence::query_language_downgrade, "no state sets QueryLanguage JSONPath under a JSONata machine (§11.6)";
    "missing-field" => presence::missing_field, "required fields are present (T1, S4, R2, R5, C2)";
    "missing-one-of" => presence::missing_one_of, "Wait has a duration, Map an ItemProcessor, ItemBatcher a limit (S5)";
    "exclusive-fields" => presence::exclusive_fields, "mutually exclusive fields are not used together (S5)";
    "transition-missing" => presence::transition_missing, "Pass, Task, Wait, Parallel and Map have Next or \"End\": true (G1)";
    "state-type-unknown" => values::state_type_unknown, "Type is one of Task, Parallel, Map, Pass, Wait, Choice, Succeed, Fail (S1)";
    "invalid-enum" => values::invalid_enum, "enumerated fields hold one of their values (T3, §5.8, R4)";
    "out-of-range" => values::out_of_range, "numbers are within their field's range (S6, R4)";
    "empty-array" => values::empty_array, "Choices, Branches, ErrorEquals, And, Or, CSVHeaders are not empty (C1, C3, R2, §3.3)";
    "state-name-too-long" => graph::state_name_too_long, "state names are at most 80 characters (S2)";
    "state-name-duplicate" => graph::state_name_duplicate, "state names are unique across the whole machine (S2)";
    "start-at-unknown" => graph::start_at_unknown, "StartAt names a state of its States object (T2, G6)";
    "next-unknown-state" => graph::next_unknown_state, "Next, Default and Catcher Next name an existing state (G4)";
    "next-out-of-scope" => graph::next_out_of_scope, "transitions stay inside their branch or processor (G4)";
    "no-terminal-state" => graph::no_terminal_state, "every States object has a terminal state (G3)";
    "unreachable-state" => graph::unreachable_state, "every state is reachable from StartAt (G5)";
    "choice-rule-shape" => choice::choice_rule_shape, "a Choice rule is And/Or/Not, or Variable with exactly one comparison (C4)";
    "error-equals-all" => retry_catch::error_equals_all, "States.ALL is alone in its ErrorEquals and in the last Retrier/Catcher (R3)";
    "timestamp-format" => timestamp::timestamp_format, "literal timestamps are RFC 3339 with upper-case T and Z or an offset (§9)";
    "heartbeat-timeout" => task::heartbeat_timeout, "HeartbeatSeconds is smaller than TimeoutSeconds (§3.3)";
    "resource-not-recognized" => resource::resource_not_recognized, "a Task Resource is an optimized integration with a pattern it supports, `arn:aws:states:::aws-sdk:SERVICE:ACTION`, an activity or a Lambda function ARN (the service: \"The resource provided ... is not recognized\")";
    "resource-express" => resource::resource_express, "an EXPRESS machine uses no `.sync`, `.waitForTaskToken` or activity (only with `--type express`)";
    "task-token-missing" warning => resource::task_token_missing, "a `.waitForTaskToken` Task passes `$$.Task.Token` (or `$states.context.Task.Token`) to the worker, or nobody can answer it";
    "credentials-role-arn" => task::credentials_role_arn, "Task Credentials is an object with RoleArn (§3.3)";
    "map-distributed-only" => map::map_distributed_only, "ItemReader, ItemBatcher, ResultWriter, Label, ExecutionType need a DISTRIBUTED Map (§5.8; the service runs ToleratedFailure* on an INLINE Map)";
    "map-label" => map::map_label, "a Map Label is 1-40 characters without reserved characters (§2, §5.8)";
    "reader-csv-headers" => map::reader_csv_headers, "CSVHeaderLocation GIVEN comes with CSVHeaders (§5.8)";
    "variable-name" => variables::variable_name, "Assign keys are identifiers of at most 80 characters, not `states` (§12.1)";
    "variable-outer-scope" => variables::variable_outer_scope, "states in a branch or processor do not assign an enclosing scope's variables (§12.4; a Catcher's Assign is not one of them, as the service runs it)";
    "payload-value" => payload::payload_value, "a `.$` template value is a string holding a path or an intrinsic call (§7.3)";
    "payload-duplicate-key" => payload::payload_duplicate_key, "template keys stay unique once `.$` is stripped (§7.3)";
    "path-syntax" => paths::path_syntax, "path fields and `.$` paths parse, and hold no intrinsic call where only a path may stand (§7.2)";
    "reference-path" => paths::reference_path, "ResultPath, ItemsPath and the `...Path` value fields are Reference Paths (§7.1)";
    "result-path-root" => paths::result_path_root, "ResultPath starts with `$`, not `$$` or a variable (§7.2)";
    "intrinsic-syntax" => paths::intrinsic_syntax, "intrinsic calls parse: name, arity, argument kinds, escapes, Format placeholders (§8)";
    "fail-path-intrinsic" => paths::fail_path_intrinsic, "ErrorPath/CausePath intrinsics return a string (§5.6)";
    "context-path" => paths::context_path, "`$$` paths name context fields that exist where they are used: `$$.Map.Item` in a Map's ItemSelector, `$$.Task.Token` in a Task (§13)";
    "variable-unknown" warning => paths::variable_unknown, "a `$name` path reads a variable assigned in its scope or an enclosing one (§12.3, §12.4)";
    "jsonata-syntax" => expressions::jsonata_syntax, "every {% ... %} expression of a JSONata state parses (§11.1)";
    "jsonata-input-reference" => expressions::jsonata_input_reference, "JSONata expressions read the input through $states.input, never $, $$ or a bare field name at the top level (§11.1)";
    "jsonata-variable-unknown" warning => expressions::jsonata_variable_unknown, "a `$name` in a JSONata expression is bound in it, is a function, or is a variable assigned in its scope or an enclosing one (§12)";
    "jsonata-states-member" => expressions::jsonata_states_member, "$states.result and $states.errorOutput are used only where they exist (§11.2)";
};

/// The rule table: every code a [`Diagnostic`] can carry, with its summary.
pub fn rules() -> &'static [Rule] {
    RULES
}

/// What the definition is checked as: what CreateStateMachine's other arguments say.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The machine's type (`--type express`, `#[type = express]`): an Express machine cannot
    /// use `.sync`, `.waitForTaskToken` or activities.
    pub kind: crate::WorkflowKind,
}

/// Checks a definition and returns all its diagnostics, in document order (empty when
/// the definition is valid). Warnings are included: keep the [`Severity::Error`] ones to
/// know whether the service would accept it.
pub fn validate_value(definition: &Value) -> Vec<Diagnostic> {
    check(definition, &[], Options::default())
}

/// [`validate_value`] for a machine of the given [`Options`] (an EXPRESS one).
pub fn validate_value_with(definition: &Value, options: Options) -> Vec<Diagnostic> {
    check(definition, &[], options)
}

/// Whether any diagnostic is an error (the service would refuse the definition).
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(|d| d.severity == Severity::Error)
}

fn check(definition: &Value, duplicates: &[json::Duplicate], options: Options) -> Vec<Diagnostic> {
    let doc = Doc::new(definition, duplicates, options);
    let mut out = Vec::new();
    for rule in RULES {
        let mut sink = Sink {
            code: rule.code,
            severity: rule.severity,
            out: &mut out,
        };
        (rule.check)(&doc, &mut sink);
    }
    order::sort(definition, &mut out);
    out
}

/// A JSON text read by [`read_json`]: its value and the keys it writes twice.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// The value (of a key written twice, the last one, as every JSON reader keeps).
    pub value: Value,
    /// Keys written twice: (pointer of the object, key), in document order.
    pub duplicates: Vec<(String, String)>,
}

/// Reads `text` as JSON, remembering the keys written twice, which a parsed `Value` has
/// lost; [`validate_parsed`] reports them as `duplicate-key`.
///
/// # Errors
/// [`JsonError`] with the line and column where `text` stops being JSON.
pub fn read_json(text: &str) -> Result<Parsed, JsonError> {
    let (value, duplicates) = json::parse(text)?;
    Ok(Parsed { value, duplicates })
}

/// Checks a definition read by [`read_json`] (or by any reader that reports the keys
/// written twice, such as a YAML reader) and returns all its diagnostics.
pub fn validate_parsed(value: &Value, duplicates: &[(String, String)]) -> Vec<Diagnostic> {
    check(value, duplicates, Options::default())
}

/// [`validate_parsed`] for a machine of the given [`Options`].
pub fn validate_parsed_with(
    value: &Value,
    duplicates: &[(String, String)],
    options: Options,
) -> Vec<Diagnostic> {
    check(value, duplicates, options)
}

/// Reads `text` as JSON and validates it; unlike [`validate_value`] this also sees keys
/// written twice in one object (`duplicate-key`), which a parsed `Value` has lost.
///
/// # Errors
/// [`JsonError`] with the line and column where `text` stops being JSON.
pub fn validate_str(text: &str) -> Result<Vec<Diagnostic>, JsonError> {
    let (value, duplicates) = json::parse(text)?;
    Ok(check(&value, &duplicates, Options::default()))
}

/// [`validate_str`] for a machine of the given [`Options`].
///
/// # Errors
/// [`JsonError`] with the line and column where `text` stops being JSON.
pub fn validate_str_with(text: &str, options: Options) -> Result<Vec<Diagnostic>, JsonError> {
    let (value, duplicates) = json::parse(text)?;
    Ok(check(&value, &duplicates, options))
}
