//! Constraints of the service model on request members (required, length, range), checked
//! all at once and reported the way AWS services do: `2 validation errors detected: Value
//! null at 'name' failed to satisfy constraint: Member must not be null; ...`.

use super::error::ApiError;

/// Collects the constraint violations of one request.
#[derive(Default)]
pub struct Checks {
    problems: Vec<String>,
}

impl Checks {
    /// Starts an empty list.
    pub fn new() -> Checks {
        Checks::default()
    }

    /// A required member: must be present.
    pub fn required<T>(&mut self, field: &str, value: Option<T>) -> Option<T> {
        if value.is_none() {
            self.problems.push(format!(
                "Value null at '{field}' failed to satisfy constraint: Member must not be null"
            ));
        }
        value
    }

    /// A string member's length, in characters, must lie in `min..=max`.
    pub fn length(&mut self, field: &str, value: Option<&str>, min: usize, max: usize) {
        let Some(value) = value else { return };
        let len = value.chars().count();
        if len < min {
            self.problems.push(format!(
                "Value at '{field}' failed to satisfy constraint: Member must have length greater than or equal to {min}"
            ));
        } else if len > max {
            self.problems.push(format!(
                "Value at '{field}' failed to satisfy constraint: Member must have length less than or equal to {max}"
            ));
        }
    }

    /// An integer member must lie in `min..=max`.
    pub fn range(&mut self, field: &str, value: Option<i64>, min: i64, max: i64) {
        let Some(value) = value else { return };
        if value < min {
            self.problems.push(format!(
                "Value '{value}' at '{field}' failed to satisfy constraint: Member must have value greater than or equal to {min}"
            ));
        } else if value > max {
            self.problems.push(format!(
                "Value '{value}' at '{field}' failed to satisfy constraint: Member must have value less than or equal to {max}"
            ));
        }
    }

    /// An enum member must be one of `allowed`.
    pub fn one_of(&mut self, field: &str, value: Option<&str>, allowed: &[&str]) {
        let Some(value) = value else { return };
        if !allowed.contains(&value) {
            self.problems.push(format!(
                "Value '{value}' at '{field}' failed to satisfy constraint: Member must satisfy enum value set: [{}]",
                allowed.join(", ")
            ));
        }
    }

    /// `Ok` when nothing was violated, else one `ValidationException` listing everything.
    pub fn finish(self) -> Result<(), ApiError> {
        match self.problems.len() {
            0 => Ok(()),
            1 => Err(ApiError::validation(format!(
                "1 validation error detected: {}",
                self.problems[0]
            ))),
            n => Err(ApiError::validation(format!(
                "{n} validation errors detected: {}",
                self.problems.join("; ")
            ))),
        }
    }
}

/// Reads a required ARN member (`stateMachineArn`, `executionArn`, ...): present and
/// `1..=max` characters, the constraints every ARN member of the model has.
pub fn required_arn(field: &str, value: Option<String>, max: usize) -> Result<String, ApiError> {
    let mut checks = Checks::new();
    let value = checks.required(field, value);
    checks.length(field, value.as_deref(), 1, max);
    checks.finish()?;
    Ok(value.unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_violation_is_reported_once() {
        let mut checks = Checks::new();
        let name: Option<&str> = None;
        checks.required("name", name);
        checks.length("input", Some("abc"), 0, 2);
        checks.range("maxResults", Some(1001), 0, 1000);
        let err = checks.finish().unwrap_err();
        assert_eq!(err.code, "ValidationException");
        assert!(
            err.message
                .starts_with("3 validation errors detected: Value null at 'name'")
        );
        assert!(err.message.contains("less than or equal to 2"));
        assert!(err.message.contains("Value '1001' at 'maxResults'"));
    }
}
