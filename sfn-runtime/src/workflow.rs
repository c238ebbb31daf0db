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
    /// not JSON; `workflow!` always emits JSON).
    pub fn to_value(&self) -> serde_json::Value {
        serde_json::from_str(self.definition).unwrap_or(serde_json::Value::Null)
    }

    /// The IAM policy as a JSON value (`null` if it is not JSON).
    pub fn policy_value(&self) -> serde_json::Value {
        serde_json::from_str(self.policy).unwrap_or(serde_json::Value::Null)
    }

    /// The definition as indented JSON.
    pub fn definition_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.to_value()).unwrap_or_default()
    }

    /// The IAM policy as indented JSON.
    pub fn policy_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.policy_value()).unwrap_or_default()
    }
}
