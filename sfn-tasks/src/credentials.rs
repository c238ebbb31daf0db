//! IAM for a state's `Credentials` (handled by the macro, granted here with the rest).

use crate::model::TaskValue;
use sfn_runtime::iam::Statement;

/// `sts:AssumeRole` on the role a state's `credentials` name: the literal ARN, or any role
/// when it is only known at run time (a path or expression), as CDK grants it.
pub fn assume_role_statement(role: &TaskValue) -> Statement {
    let resource = match role {
        TaskValue::Str(arn) => arn.clone(),
        _ => "*".to_string(),
    };
    Statement::allow(["sts:AssumeRole"], [resource])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_role_or_any() {
        let s = assume_role_statement(&TaskValue::Str("arn:aws:iam::1:role/R".into()));
        assert_eq!(s.resources, vec!["arn:aws:iam::1:role/R"]);
        assert_eq!(s.actions, vec!["sts:AssumeRole"]);
        let s = assume_role_statement(&TaskValue::Path("$.role".into()));
        assert_eq!(s.resources, vec!["*"]);
    }
}
