//! ARNs in the service's form for the region and account the server was started with:
//! `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME`, `...:execution:MACHINE:NAME`,
//! `...:express:MACHINE:NAME:ID`, `...:activity:NAME`, versions `...:stateMachine:NAME:N`,
//! aliases `...:stateMachine:NAME:ALIAS`.

use crate::api::error::ApiError;

/// The region and account every ARN of this server carries.
#[derive(Debug, Clone)]
pub struct Arns {
    prefix: String,
}

/// What a state machine ARN names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MachineRef {
    /// The state machine's ARN, without qualifier and test case.
    pub arn: String,
    /// The machine name.
    pub name: String,
    /// `:N` (a version) or `:ALIAS` after the machine name.
    pub qualifier: Qualifier,
    /// `#TestCase` of Step Functions Local: the mock config test case to run with.
    pub test_case: Option<String>,
}

/// The part of a state machine ARN after its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Qualifier {
    /// The state machine itself (its latest revision).
    None,
    /// A published version (`:1`, `:2`, ...).
    Version(u64),
    /// An alias (`:prod`).
    Alias(String),
}

impl MachineRef {
    /// The ARN as given, without the test case: the machine's, a version's or an alias's.
    pub fn qualified_arn(&self) -> String {
        match &self.qualifier {
            Qualifier::None => self.arn.clone(),
            Qualifier::Version(n) => format!("{}:{n}", self.arn),
            Qualifier::Alias(alias) => format!("{}:{alias}", self.arn),
        }
    }

    /// Refuses a version or alias ARN where only a state machine ARN is accepted.
    pub fn unqualified(self) -> Result<MachineRef, ApiError> {
        match self.qualifier {
            Qualifier::None => Ok(self),
            _ => Err(ApiError::invalid_arn(
                &self.qualified_arn(),
                "Resource type not valid in this context",
            )),
        }
    }
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

    /// `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME:N`: version `n` of `machine_arn`.
    pub fn version(machine_arn: &str, n: u64) -> String {
        format!("{machine_arn}:{n}")
    }

    /// `arn:aws:states:REGION:ACCOUNT:stateMachine:NAME:ALIAS`.
    pub fn alias(machine_arn: &str, alias: &str) -> String {
        format!("{machine_arn}:{alias}")
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

    /// The state machine a `stateMachineArn` member names: the machine, one of its
    /// versions (`:N`) or aliases (`:ALIAS`), with an optional `#TestCase`.
    pub fn parse_machine(&self, arn: &str) -> Result<MachineRef, ApiError> {
        let (base, test_case) = match arn.split_once('#') {
            Some((base, case)) => (base, Some(case.to_owned())),
            None => (arn, None),
        };
        let rest = base
            .strip_prefix(&self.prefix)
            .ok_or_else(|| ApiError::invalid_arn(arn, self.wrong_prefix()))?;
        let wrong_type = || ApiError::invalid_arn(arn, "Resource type not valid in this context");
        let rest = rest.strip_prefix("stateMachine:").ok_or_else(wrong_type)?;
        let (name, qualifier) = match rest.split_once(':') {
            None => (rest, Qualifier::None),
            Some((_, q)) if q.is_empty() || q.contains(':') => return Err(wrong_type()),
            Some((name, q)) => match q.parse::<u64>() {
                Ok(n) if n > 0 => (name, Qualifier::Version(n)),
                Ok(_) => return Err(wrong_type()),
                Err(_) => (name, Qualifier::Alias(q.to_owned())),
            },
        };
        if name.is_empty() {
            return Err(wrong_type());
        }
        Ok(MachineRef {
            arn: self.machine(name),
            name: name.to_owned(),
            qualifier,
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
        assert_eq!(parsed.qualifier, Qualifier::None);
    }

    #[test]
    fn versions_and_aliases_qualify_the_machine_arn() {
        let arns = Arns::new("us-east-1", "123456789012");
        let machine = arns.machine("Orders");
        let version = arns.parse_machine(&format!("{machine}:3")).unwrap();
        assert_eq!(version.qualifier, Qualifier::Version(3));
        assert_eq!(version.arn, machine);
        assert_eq!(version.qualified_arn(), format!("{machine}:3"));
        let alias = arns
            .parse_machine(&format!("{machine}:prod#Happy"))
            .unwrap();
        assert_eq!(alias.qualifier, Qualifier::Alias("prod".into()));
        assert_eq!(alias.test_case.as_deref(), Some("Happy"));
        assert_eq!(alias.clone().unqualified().unwrap_err().code, "InvalidArn");
        for bad in [
            format!("{machine}:"),
            format!("{machine}:0"),
            format!("{machine}:a:b"),
        ] {
            assert_eq!(
                arns.parse_machine(&bad).unwrap_err().code,
                "InvalidArn",
                "{bad}"
            );
        }
    }

    #[test]
    fn foreign_and_malformed_arns_are_invalid() {
        let arns = Arns::new("us-east-1", "123456789012");
        for bad in [
            "arn:aws:states:eu-west-1:123456789012:stateMachine:Orders",
            "arn:aws:states:us-east-1:123456789012:activity:Orders",
            "arn:aws:states:us-east-1:123456789012:stateMachine:",
            "arn:aws:states:us-east-1:123456789012:stateMachine::1",
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
