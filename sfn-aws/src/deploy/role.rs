//! The role a created state machine runs as: named after the machine, trusted by Step
//! Functions of this account only (as the CloudFormation emitter writes it), carrying the
//! workflow's policy inline.

use serde_json::{Value, json};
use sfn_runtime::iam::ROLE_INLINE_POLICY_QUOTA;

use crate::connect::{Aws, Target};
use crate::error::Error;

/// The role's name for state machine `name` (IAM allows 64 characters).
pub fn role_name(name: &str) -> String {
    let mut base: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "+=,.@-_".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    base.truncate(59);
    format!("{base}-role")
}

/// The inline policy's name on the role.
pub fn policy_name(name: &str) -> String {
    format!("{name}-policy")
}

/// The trust policy: `states.amazonaws.com`, only for state machines of this account (the
/// `aws:SourceArn` / `aws:SourceAccount` conditions guard against the confused deputy).
pub fn trust_policy(target: &Target) -> Value {
    json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": {"Service": "states.amazonaws.com"},
            "Action": "sts:AssumeRole",
            "Condition": {
                "ArnLike": {"aws:SourceArn": format!(
                    "arn:{}:states:{}:{}:stateMachine:*",
                    target.partition, target.region, target.account)},
                "StringEquals": {"aws:SourceAccount": target.account},
            }
        }]
    })
}

/// The role as it is now.
#[derive(Debug, Clone, PartialEq)]
pub struct CurrentRole {
    /// Its ARN.
    pub arn: String,
    /// Its trust policy.
    pub trust: Value,
    /// Its inline policy of our name, if any.
    pub policy: Option<Value>,
}

/// Reads role `name` and its inline policy; `None` when there is no such role.
pub async fn read(aws: &Aws, name: &str, policy: &str) -> Result<Option<CurrentRole>, Error> {
    let role = match aws.iam.get_role().role_name(name).send().await {
        Ok(out) => out.role,
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_no_such_entity_exception()) =>
        {
            return Ok(None);
        }
        Err(e) => return Err(Error::aws(format!("read role {name}"), &e)),
    };
    let Some(role) = role else { return Ok(None) };
    let trust = role
        .assume_role_policy_document()
        .map(document)
        .unwrap_or(Value::Null);
    let policy = match aws
        .iam
        .get_role_policy()
        .role_name(name)
        .policy_name(policy)
        .send()
        .await
    {
        Ok(out) => Some(document(out.policy_document())),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_no_such_entity_exception()) =>
        {
            None
        }
        Err(e) => return Err(Error::aws(format!("read the policy of role {name}"), &e)),
    };
    Ok(Some(CurrentRole {
        arn: role.arn().to_owned(),
        trust,
        policy,
    }))
}

/// Creates role `name` with `trust` and `tags`; returns its ARN.
pub async fn create(
    aws: &Aws,
    name: &str,
    trust: &Value,
    machine: &str,
    tags: &[(String, String)],
) -> Result<String, Error> {
    let mut request = aws
        .iam
        .create_role()
        .role_name(name)
        .assume_role_policy_document(trust.to_string())
        .description(format!(
            "Role of the Step Functions state machine {machine} (sfn deploy)"
        ));
    for (key, value) in tags {
        request = request.tags(
            aws_sdk_iam::types::Tag::builder()
                .key(key)
                .value(value)
                .build()
                .map_err(|e| Error::Input(format!("tag {key}: {e}")))?,
        );
    }
    let out = request
        .send()
        .await
        .map_err(|e| Error::aws(format!("create role {name}"), &e))?;
    Ok(out.role().map(|r| r.arn().to_owned()).unwrap_or_default())
}

/// Replaces the trust policy of role `name`.
pub async fn update_trust(aws: &Aws, name: &str, trust: &Value) -> Result<(), Error> {
    aws.iam
        .update_assume_role_policy()
        .role_name(name)
        .policy_document(trust.to_string())
        .send()
        .await
        .map_err(|e| Error::aws(format!("update the trust policy of role {name}"), &e))?;
    Ok(())
}

/// Puts `document` as the inline policy `policy` of role `name`.
pub async fn put_policy(
    aws: &Aws,
    name: &str,
    policy: &str,
    document: &Value,
) -> Result<(), Error> {
    let text = document.to_string();
    if text.len() > ROLE_INLINE_POLICY_QUOTA {
        return Err(Error::Input(format!(
            "the policy of role {name} is {} characters, over IAM's inline quota of {}: \
             deploy the CloudFormation template (it splits the policy) or pass --role-arn",
            text.len(),
            ROLE_INLINE_POLICY_QUOTA
        )));
    }
    aws.iam
        .put_role_policy()
        .role_name(name)
        .policy_name(policy)
        .policy_document(text)
        .send()
        .await
        .map_err(|e| Error::aws(format!("put the policy {policy} on role {name}"), &e))?;
    Ok(())
}

/// A policy document as IAM returns it: URL-encoded JSON (RFC 3986), or plain JSON.
pub fn document(text: &str) -> Value {
    serde_json::from_str(text)
        .or_else(|_| serde_json::from_str(&percent_decode(text)))
        .unwrap_or(Value::Null)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        match bytes[i] {
            b'%' if i + 2 < bytes.len() => match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                (Some(h), Some(l)) => {
                    out.push((h * 16 + l) as u8);
                    i += 3;
                    continue;
                }
                _ => out.push(b'%'),
            },
            b'+' => out.push(b' '),
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documents_come_back_url_encoded_or_plain() {
        // IAM's GetRole returns the trust policy URL-encoded (see the IAM API reference,
        // "AssumeRolePolicyDocument ... URL-encoded compliant with RFC 3986").
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%5D%7D";
        assert_eq!(
            document(encoded),
            json!({"Version": "2012-10-17", "Statement": []})
        );
        assert_eq!(document(r#"{"a":1}"#), json!({"a": 1}));
        assert_eq!(document("%7"), Value::Null);
    }

    #[test]
    fn role_names_fit_iam() {
        assert_eq!(role_name("ORDERS"), "ORDERS-role");
        assert_eq!(role_name(&"x".repeat(80)).len(), 64);
    }
}
