//! ARNs in the service's form for the region and account the server was started with:
//! `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME`, `...:execution:MACHINE:NAME`,
//! `...:express:MACHINE:NAME:ID`, `...:activity:NAME`, versions `...:stateMachine:NAME:N`.

use crate::api::error::ApiError;

/// The region and account every ARN of this server carries.
#[derive(Debug, Clone)]
pub struct Arns {
    prefix: String,
}

/// What a state machine ARN names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineRef {
    /// The state machine's ARN without a test case.
    pub arn: String,
    /// The machine name.
    pub name: String,
    /// `#TestCase` of Step Functions Local: the mock config test case to run with.
    pub test_case: Option<String>,
}

impl Arns {
    /// ARNs for `region` and `account`.
    pub fn new(region: &str, account: &str) -> Arns {
        Arns {
            prefix: format!("arn:aws:states:{region}:{account}:"),
        }
    }

    /// `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME`.
    pub fn machine(&self, name: &str) -> String {
        format!("{}stateMachine:{name}", self.prefix)
    }

    /// `arn:aws:states:REGION:ACCOUNT:execution:MACHINE:NAME`.
    pub fn execution(&self, machine: &str, name: &str) -> String {
        format!("{}execution:{machine}:{name}", self.prefix)
    }

    /// `arn:aws:states:REGION:ACCOUNT:express:MACHINE:NAME:ID` (synchronous Express runs).
    pub fn express_execution(&self, machine: &str, name: &str, id: &str) -> String {
        format!("{}express:{machine}:{name}:{id}", self.prefix)
    }

    /// `arn:aws:states:REGION:ACCOUNT:activity:NAME`.
    pub fn activity(&self, name: &str) -> String {
        format!("{}activity:{name}", self.prefix)
    }

    /// Checks that an `activityArn` member is an activity ARN of this server.
    pub fn check_activity<'a>(&self, arn: &'a str) -> Result<&'a str, ApiError> {
        let rest = arn
            .strip_prefix(&self.prefix)
            .ok_or_else(|| ApiError::invalid_arn(arn, self.wrong_prefix()))?;
        match rest.strip_prefix("activity:") {
            Some(name) if !name.is_empty() && !name.contains(':') => Ok(arn),
            _ => Err(ApiError::invalid_arn(
                arn,
                "Resource type not valid in this context",
            )),
        }
    }

    /// The state machine a `stateMachineArn` member names (with an optional `#TestCase`).
    pub fn parse_machine(&self, arn: &str) -> Result<MachineRef, ApiError> {
        let (base, test_case) = match arn.split_once('#') {
            Some((base, case)) => (base, Some(case.to_owned())),
            None => (arn, None),
        };
        let rest = base
            .strip_prefix(&self.prefix)
            .ok_or_else(|| ApiError::invalid_arn(arn, self.wrong_prefix()))?;
        let name = rest
            .strip_prefix("stateMachine:")
            .filter(|name| !name.is_empty() && !name.contains(':'))
            .ok_or_else(|| ApiError::invalid_arn(arn, "Resource type not valid in this context"))?;
        Ok(MachineRef {
            arn: base.to_owned(),
            name: name.to_owned(),
            test_case,
        })
    }

    /// Checks that an `executionArn` member is an execution ARN of this server.
    pub fn check_execution<'a>(&self, arn: &'a str) -> Result<&'a str, ApiError> {
        let rest = arn
            .strip_prefix(&self.prefix)
            .ok_or_else(|| ApiError::invalid_arn(arn, self.wrong_prefix()))?;
        let ok = rest
            .strip_prefix("execution:")
            .or_else(|| rest.strip_prefix("express:"))
            .is_some_and(|r| r.split(':').count() >= 2 && r.split(':').all(|p| !p.is_empty()));
        if ok {
            Ok(arn)
        } else {
            Err(ApiError::invalid_arn(
                arn,
                "Resource type not valid in this context",
            ))
        }
    }

    fn wrong_prefix(&self) -> &'static str {
        "not an ARN of this endpoint's region and account"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_arns_round_trip_with_a_test_case() {
        let arns = Arns::new("us-east-1", "123456789012");
        let arn = arns.machine("Orders");
        assert_eq!(
            arn,
            "arn:aws:states:us-east-1:123456789012:stateMachine:Orders"
        );
        let parsed = arns.parse_machine(&format!("{arn}#HappyPath")).unwrap();
        assert_eq!(parsed.name, "Orders");
        assert_eq!(parsed.test_case.as_deref(), Some("HappyPath"));
        assert_eq!(parsed.arn, arn);
    }

    #[test]
    fn foreign_and_malformed_arns_are_invalid() {
        let arns = Arns::new("us-east-1", "123456789012");
        for bad in [
            "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders",
            "arn:aws:states:us-east-1:123456789012:activity:Orders",
            "arn:aws:states:us-east-1:123456789012:stateMachine:",
            "Orders",
        ] {
            assert_eq!(
                arns.parse_machine(bad).unwrap_err().code,
                "InvalidArn",
                "{bad}"
            );
        }
        assert!(
            arns.check_execution("arn:aws:states:us-east-1:123456789012:execution:M:e")
                .is_ok()
        );
        assert!(
            arns.check_execution("arn:aws:states:us-east-1:123456789012:execution:M")
                .is_err()
        );
    }
}
