//! The `Workflow` type: what `workflow!` expands to.

/// Standard (exactly-once, long-running) or Express (at-least-once, short) state machine.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum WorkflowKind {
    /// `STANDARD` state machine (the service default).
    #[default]
    Standard,
    /// `EXPRESS` state machine.
    Express,
}

impl WorkflowKind {
    /// The value of CloudFormation's `StateMachineType`.
    pub const fn as_str(self) -> &'static str {
        match self {
            WorkflowKind::Standard => "STANDARD",
            WorkflowKind::Express => "EXPRESS",
        }
    }
}

/// A state machine checked at compile time: its ASL definition and least-privilege IAM policy.
///
/// Values of this type are made by the `workflow!` macro as `const` items.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Workflow {
    name: &'static str,
    definition: &'static str,
    policy: &'static str,
    substitutions: &'static [&'static str],
    kind: WorkflowKind,
}

impl Workflow {
    /// Builds a workflow from its parts. Used by the `workflow!` expansion; the definition
    /// must be compact ASL JSON and the policy an IAM policy document.
    #[doc(hidden)]
    pub const fn from_parts(
        name: &'static str,
        definition: &'static str,
        policy: &'static str,
        substitutions: &'static [&'static str],
        kind: WorkflowKind,
    ) -> Self {
        Workflow {
            name,
            definition,
            policy,
            substitutions,
            kind,
        }
    }

    /// The name given in `workflow!`.
    pub const fn name(&self) -> &'static str {
        self.name
    }

    /// The ASL definition as compact JSON.
    pub const fn definition(&self) -> &'static str {
        self.definition
    }

    /// The IAM policy document (`{"Version":"2012-10-17","Statement":[..]}`) as compact JSON.
    pub const fn policy(&self) -> &'static str {
        self.policy
    }

    /// The names of the `${Name}` definition substitutions used in the definition, sorted.
    pub const fn substitutions(&self) -> &'static [&'static str] {
        self.substitutions
    }

    /// Standard or Express.
    pub const fn kind(&self) -> WorkflowKind {
        self.kind
    }

    /// The definition as a JSON value (`null` if a hand-made `Workflow` holds text that is
    /// not JSON; `workflow!` always emits JSON it can read back: it refuses definitions
    /// nested deeper than [`crate::limits::MAX_JSON_DEPTH`]). [`Workflow::try_to_value`]
    /// says why instead.
    pub fn to_value(&self) -> serde_json::Value {
        self.try_to_value().unwrap_or(serde_json::Value::Null)
    }

    /// The definition as a JSON value, or why its text cannot be read.
    ///
    /// # Errors
    /// The JSON error of a hand-made `Workflow` whose definition is not JSON (or is nested
    /// deeper than serde_json reads).
    pub fn try_to_value(&self) -> Result<serde_json::Value, serde_json::Error> {
        serde_json::from_str(self.definition)
    }

    /// The IAM policy as a JSON value (`null` if it is not JSON).
    pub fn policy_value(&self) -> serde_json::Value {
        serde_json::from_str(self.policy).unwrap_or(serde_json::Value::Null)
    }

    /// The definition as indented JSON (the compact text as it is, never `null`, when it
    /// cannot be read back).
    pub fn definition_pretty(&self) -> String {
        match self.try_to_value() {
            Ok(value) => serde_json::to_string_pretty(&value).unwrap_or_default(),
            Err(_) => self.definition.to_owned(),
        }
    }

    /// The IAM policy as indented JSON (the compact text as it is when it cannot be read).
    pub fn policy_pretty(&self) -> String {
        match serde_json::from_str::<serde_json::Value>(self.policy) {
            Ok(value) => serde_json::to_string_pretty(&value).unwrap_or_default(),
            Err(_) => self.policy.to_owned(),
        }
    }
}
