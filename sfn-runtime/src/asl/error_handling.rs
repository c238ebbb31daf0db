//! Retry and Catch.

use serde::{Deserialize, Serialize};

use super::serde_util::nullable;

/// One entry of a state's `Retry` array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Retrier {
    /// `ErrorEquals`: error names this retrier matches (`States.ALL` matches all but `States.Runtime`).
    pub error_equals: Vec<String>,
    /// `IntervalSeconds` before the first retry (default 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub interval_seconds: Option<u64>,
    /// `MaxAttempts` (default 3; 0 = never retry).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_attempts: Option<u64>,
    /// `BackoffRate` multiplier (default 2.0), kept as written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub backoff_rate: Option<serde_json::Number>,
    /// `MaxDelaySeconds` cap on the interval.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_delay_seconds: Option<u64>,
    /// `JitterStrategy` (default NONE).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jitter_strategy: Option<JitterStrategy>,
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}

impl Retrier {
    /// `IntervalSeconds` or its default, 1.
    pub fn interval(&self) -> u64 {
        self.interval_seconds.unwrap_or(1)
    }
    /// `MaxAttempts` or its default, 3.
    pub fn attempts(&self) -> u64 {
        self.max_attempts.unwrap_or(3)
    }
    /// `BackoffRate` or its default, 2.0.
    pub fn backoff(&self) -> f64 {
        self.backoff_rate
            .as_ref()
            .and_then(|n| n.as_f64())
            .unwrap_or(2.0)
    }
}

/// `JitterStrategy` of a retrier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum JitterStrategy {
    /// Random delay between 0 and the computed interval.
    Full,
    /// The computed interval exactly.
    None,
}

/// One entry of a state's `Catch` array.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Catcher {
    /// `ErrorEquals`.
    pub error_equals: Vec<String>,
    /// `Next`: the state to go to (same scope).
    pub next: String,
    /// `ResultPath` (JSONPath): where the Error Output goes; `Some(None)` is `null` (discard).
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub result_path: Option<Option<String>>,
    /// `Assign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<serde_json::Value>,
    /// `Output` (JSONata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub output: Option<serde_json::Value>,
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
}
