//! Task `Resource`: what the service recognizes, what an EXPRESS machine may use, and
//! whether a callback task hands out its token.
//!
//! The service recognizes four shapes (CreateStateMachine refuses any other with
//! `SCHEMA_VALIDATION_FAILED: The resource provided RESOURCE is not recognized. The value
//! is not a valid resource ARN, or the resource is not available in this region.`, the text
//! recorded from the service and quoted by emulators that replay it):
//! an optimized integration with a pattern it supports ([`super::integrations`]),
//! `arn:PARTITION:states:::aws-sdk:SERVICE:ACTION` (Request Response or
//! `.waitForTaskToken`), an activity ARN, and a Lambda function ARN (name, optional
//! version or alias).
//!
//! `${Name}` placeholders (DefinitionSubstitutions, the macro's resource bindings) stand
//! for a value known only at deployment: a placeholder accepts whatever it stands for, and
//! only an unterminated `${` is an error.

use serde_json::Value;

use super::diagnostic::{Sink, child};
use super::doc::{Doc, Obj};
use super::fields::Owner;
use super::integrations::{self, AWS_SDK, INTEGRATIONS, Pattern};
use super::suggest;
use crate::WorkflowKind;
use crate::asl::StateType;

/// What a Resource is, once read.
#[derive(Debug, PartialEq, Eq)]
enum Shape {
    /// `arn:aws:states:::service:action.suffix` (or `aws-sdk:service:action`).
    Integration { pattern: Pattern },
    /// An activity ARN.
    Activity,
    /// A Lambda function ARN.
    Function,
    /// A placeholder, or an ARN with placeholders where the rule cannot tell.
    Unknown,
    /// Not recognized: why, and a hint.
    Refused(String, Option<String>),
}

/// The service's sentence for a Resource it does not recognize.
fn not_recognized(resource: &str) -> String {
    format!(
        "The resource provided {resource} is not recognized. The value is not a valid resource ARN, or the resource is not available in this region."
    )
}

/// Every Task state with a string Resource.
fn tasks<'d>(doc: &'d Doc) -> impl Iterator<Item = (&'d Obj<'d>, &'d str)> {
    doc.objects.iter().filter_map(|obj| {
        (obj.owner == Owner::State(StateType::Task))
            .then(|| obj.map.get("Resource").and_then(Value::as_str))
            .flatten()
            .map(|r| (obj, r))
    })
}

/// The Resource is one the service recognizes.
pub(crate) fn resource_not_recognized(doc: &Doc, sink: &mut Sink) {
    for (obj, resource) in tasks(doc) {
        if let Shape::Refused(why, hint) = read(resource) {
            sink.emit_hint(
                child(&obj.pointer, "Resource"),
                format!("{} ({why})", not_recognized(resource)),
                hint,
            );
        }
    }
}

/// An EXPRESS machine uses Request Response only, and no activity.
pub(crate) fn resource_express(doc: &Doc, sink: &mut Sink) {
    if doc.options.kind != WorkflowKind::Express {
        return;
    }
    for (obj, resource) in tasks(doc) {
        let what = match read(resource) {
            Shape::Integration { pattern: p } if !p.express() => {
                format!("the `{}` integration pattern", p.suffix())
            }
            Shape::Activity => "an activity".to_owned(),
            _ => continue,
        };
        // integrate-optimized.html: "Express Workflows only support Request Response
        // integrations"; choosing-workflow-type.html: no activities.
        sink.emit_hint(
            child(&obj.pointer, "Resource"),
            format!("an EXPRESS state machine cannot use {what} ({resource})"),
            Some(
                "use the Request Response form (no suffix), or make the machine STANDARD"
                    .to_owned(),
            ),
        );
    }
}

/// A `.waitForTaskToken` Task passes its token to someone.
///
/// A warning: the service accepts such a Task (nothing in the public material says it
/// checks), but nobody can call `SendTaskSuccess` without the token, so the state waits
/// until its timeout (by default a year). CDK refuses it at synthesis ("Task Token is
/// required in `payload` for callback").
pub(crate) fn task_token_missing(doc: &Doc, sink: &mut Sink) {
    for (obj, resource) in tasks(doc) {
        if !resource.ends_with(Pattern::WaitForTaskToken.suffix())
            || !matches!(read(resource), Shape::Integration { .. })
        {
            continue;
        }
        let payload = obj
            .map
            .get("Parameters")
            .or_else(|| obj.map.get("Arguments"));
        if payload.is_some_and(mentions_token) {
            continue;
        }
        let field = if obj.map.contains_key("Arguments")
            || obj.lang == crate::asl::QueryLanguage::Jsonata
        {
            "Arguments"
        } else {
            "Parameters"
        };
        let pointer = if payload.is_some() {
            child(&obj.pointer, field)
        } else {
            child(&obj.pointer, "Resource")
        };
        sink.emit_hint(
            pointer,
            format!("`{resource}` waits for a task token, but `{field}` never passes `$$.Task.Token` on: nobody can answer, and the state waits until it times out"),
            Some(match obj.lang {
                crate::asl::QueryLanguage::JsonPath => {
                    "pass it, e.g. `\"TaskToken.$\": \"$$.Task.Token\"`".to_owned()
                }
                crate::asl::QueryLanguage::Jsonata => {
                    "pass it, e.g. `\"TaskToken\": \"{% $states.context.Task.Token %}\"`".to_owned()
                }
            }),
        );
    }
}

/// Whether a template passes the task token somewhere (a path, an intrinsic or a JSONata
/// expression reading it).
fn mentions_token(value: &Value) -> bool {
    match value {
        Value::String(s) => s.contains("$$.Task.Token") || s.contains("$states.context.Task.Token"),
        Value::Array(items) => items.iter().any(mentions_token),
        Value::Object(map) => map.values().any(mentions_token),
        _ => false,
    }
}

/// Reads a Resource.
fn read(resource: &str) -> Shape {
    if let Some(problem) = placeholder_problem(resource) {
        return Shape::Refused(problem, None);
    }
    if is_placeholder(resource) {
        return Shape::Unknown;
    }
    let Some(rest) = resource.strip_prefix("arn:") else {
        let hint = did_you_mean(split_suffix(resource).0).or_else(|| {
            Some("a Resource is an ARN, such as `arn:aws:states:::lambda:invoke`".to_owned())
        });
        return Shape::Refused("it is not an ARN".to_owned(), hint);
    };
    let mut parts = rest.splitn(5, ':');
    let (Some(partition), Some(service), Some(region), Some(account), Some(name)) = (
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
        parts.next(),
    ) else {
        return Shape::Refused(
            "an ARN has the form `arn:PARTITION:SERVICE:REGION:ACCOUNT:RESOURCE`".to_owned(),
            None,
        );
    };
    if !is_placeholder(partition) && !is_partition(partition) {
        return Shape::Refused(
            format!("`{partition}` is not a partition (`aws`, `aws-cn`, `aws-us-gov`)"),
            None,
        );
    }
    match service {
        "states" if region.is_empty() && account.is_empty() => integration(name),
        "states" => match name.split_once(':') {
            Some(("activity", activity)) => {
                match region_account(region, account).or_else(|| activity_problem(activity)) {
                    Some(why) => Shape::Refused(why, None),
                    None => Shape::Activity,
                }
            }
            _ => Shape::Refused(
                "a Step Functions ARN with a region and account is an activity (`activity:NAME`) here".to_owned(),
                None,
            ),
        },
        "lambda" => match region_account(region, account).or_else(|| function_problem(name)) {
            Some(why) => Shape::Refused(why, None),
            None => Shape::Function,
        },
        _ if is_placeholder(service) => Shape::Unknown,
        other => Shape::Refused(
            format!("a Task runs an integration (`arn:aws:states:::...`), an activity or a Lambda function, not a `{other}` resource"),
            None,
        ),
    }
}

/// `service:action.suffix` after `arn:aws:states:::`.
fn integration(name: &str) -> Shape {
    if let Some(sdk) = name.strip_prefix("aws-sdk:") {
        let (call, suffix) = split_suffix(sdk);
        let Some((service, action)) = call.split_once(':') else {
            return Shape::Refused(
                "an SDK integration is `aws-sdk:SERVICE:ACTION`".to_owned(),
                None,
            );
        };
        if !is_placeholder(service)
            && (service.is_empty()
                || !service
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
        {
            return Shape::Refused(
                format!(
                    "`{service}` is not an SDK service name (lower-case letters and digits, such as `s3`, `sfn`, `cloudwatchlogs`)"
                ),
                None,
            );
        }
        if !is_placeholder(action) && !is_camel(action) {
            return Shape::Refused(
                format!(
                    "`{action}` is not an API action: the SDK integrations name it in camelCase (`getObject`)"
                ),
                action
                    .chars()
                    .next()
                    .filter(char::is_ascii_uppercase)
                    .map(|c| format!("did you mean `{}{}`?", c.to_ascii_lowercase(), &action[1..])),
            );
        }
        return pattern_of(suffix, AWS_SDK, &"an SDK integration");
    }
    let (call, suffix) = split_suffix(name);
    let Some((service, action)) = call.split_once(':') else {
        return Shape::Refused(
            "an optimized integration is `SERVICE:ACTION`".to_owned(),
            did_you_mean(call),
        );
    };
    if is_placeholder(service) || is_placeholder(action) {
        return Shape::Unknown;
    }
    match integrations::find(service, action) {
        Some(found) => pattern_of(
            suffix,
            found.patterns,
            &format_args!("`{}:{}`", found.service, found.action),
        ),
        None => {
            let why = if INTEGRATIONS.iter().any(|i| i.service == service) {
                let actions: Vec<&str> = INTEGRATIONS
                    .iter()
                    .filter(|i| i.service == service)
                    .map(|i| i.action)
                    .collect();
                format!(
                    "`{service}` has no optimized integration `{action}`; it has {}; any other API is `aws-sdk:{service}:{action}`",
                    actions
                        .iter()
                        .map(|a| format!("`{a}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                format!(
                    "`{service}:{action}` is not an optimized integration; any API of a service is `aws-sdk:SERVICE:ACTION`"
                )
            };
            Shape::Refused(why, did_you_mean(call))
        }
    }
}

/// The closest `service:action` of the table.
fn did_you_mean(call: &str) -> Option<String> {
    let names: Vec<String> = INTEGRATIONS.iter().map(|i| i.name()).collect();
    suggest::closest(call, names.iter().map(String::as_str))
        .map(|n| format!("did you mean `arn:aws:states:::{n}`?"))
}

/// A suffix the integration supports.
/// `what` names the integration in a message (written only when there is one to give).
fn pattern_of(suffix: &str, allowed: &[Pattern], what: &dyn std::fmt::Display) -> Shape {
    let list = || {
        allowed
            .iter()
            .map(|p| match p.suffix() {
                "" => "no suffix".to_owned(),
                s => format!("`{s}`"),
            })
            .collect::<Vec<_>>()
            .join(", ")
    };
    match Pattern::from_suffix(suffix) {
        Some(p) if allowed.contains(&p) => Shape::Integration { pattern: p },
        Some(_) => Shape::Refused(
            format!("{what} does not support `{suffix}`; it supports {}", list()),
            None,
        ),
        None => Shape::Refused(
            format!(
                "`{suffix}` is not an integration pattern; {what} supports {}",
                list()
            ),
            None,
        ),
    }
}

/// `call` and its suffix: `.sync`, `.sync:2`, `.waitForTaskToken`, or any other `.word`.
/// Neither the service nor the action holds a dot, so the first dot after the service's
/// `:` starts the suffix (`.sync:2` holds a colon of its own).
fn split_suffix(name: &str) -> (&str, &str) {
    let service_end = name.find(':').map_or(0, |i| i + 1);
    match name[service_end..].find('.') {
        Some(dot) if !is_placeholder(name) => name.split_at(service_end + dot),
        _ => (name, ""),
    }
}

/// The longest Lambda function name, and the longest alias.
const MAX_FUNCTION: usize = 64;
const MAX_ALIAS: usize = 128;
/// The longest activity name.
const MAX_ACTIVITY: usize = 80;

/// `function:NAME[:QUALIFIER]` (Lambda's FunctionName and Qualifier patterns: the name is
/// letters, digits, `-` and `_`; the qualifier `$LATEST`, a version number, or an alias of
/// letters, digits, `-` and `_` that is not all digits).
fn function_problem(name: &str) -> Option<String> {
    let Some(rest) = name.strip_prefix("function:") else {
        return Some("a Lambda ARN names a function: `function:NAME`".to_owned());
    };
    let (function, qualifier) = match rest.split_once(':') {
        Some((f, q)) => (f, Some(q)),
        None => (rest, None),
    };
    if !is_placeholder(function) {
        if function.is_empty() || function.chars().count() > MAX_FUNCTION {
            return Some(format!(
                "a function name has 1 to {MAX_FUNCTION} characters"
            ));
        }
        if let Some(bad) = function.chars().find(|c| !word_char(*c)) {
            return Some(format!(
                "a function name has letters, digits, `-` and `_`, not `{bad}`"
            ));
        }
    }
    let qualifier = qualifier?;
    if is_placeholder(qualifier) || qualifier == "$LATEST" {
        return None;
    }
    if qualifier.is_empty() || qualifier.chars().count() > MAX_ALIAS {
        return Some(format!(
            "a version or alias has 1 to {MAX_ALIAS} characters"
        ));
    }
    if qualifier.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    if let Some(bad) = qualifier.chars().find(|c| !word_char(*c)) {
        return Some(format!(
            "`{qualifier}` is neither a version (`$LATEST`, a number) nor an alias (letters, digits, `-` and `_`, not `{bad}`)"
        ));
    }
    None
}

/// An activity name: 1 to 80 characters, none of whitespace, `<>{}[]?*"#%\^|~`$&,;:/` or
/// control characters (CreateActivity's `name`).
fn activity_problem(name: &str) -> Option<String> {
    if is_placeholder(name) {
        return None;
    }
    if name.is_empty() || name.chars().count() > MAX_ACTIVITY {
        return Some(format!(
            "an activity name has 1 to {MAX_ACTIVITY} characters"
        ));
    }
    name.chars()
        .find(|c| c.is_whitespace() || c.is_control() || "<>{}[]?*\"#%\\^|~`$&,;:/".contains(*c))
        .map(|bad| format!("an activity name cannot contain `{bad}`"))
}

/// A region (`us-east-1`) and a 12-digit account, placeholders allowed.
fn region_account(region: &str, account: &str) -> Option<String> {
    let region_ok = is_placeholder(region)
        || (!region.is_empty()
            && region.split('-').count() >= 3
            && region
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'));
    if !region_ok {
        return Some(format!("`{region}` is not a region (`us-east-1`)"));
    }
    let account_ok = is_placeholder(account)
        || (account.len() == 12 && account.chars().all(|c| c.is_ascii_digit()));
    if !account_ok {
        return Some(format!("`{account}` is not an account id (12 digits)"));
    }
    None
}

/// `aws`, `aws-cn`, `aws-us-gov`, `aws-iso`, `aws-iso-b`, ...
fn is_partition(p: &str) -> bool {
    p == "aws"
        || p.strip_prefix("aws-").is_some_and(|rest| {
            !rest.is_empty()
                && rest
                    .split('-')
                    .all(|w| !w.is_empty() && w.chars().all(|c| c.is_ascii_lowercase()))
        })
}

fn word_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '-' || c == '_'
}

/// camelCase: a lower-case letter, then letters and digits.
fn is_camel(s: &str) -> bool {
    let mut chars = s.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase()) && chars.all(|c| c.is_ascii_alphanumeric())
}

/// Whether `s` holds a `${...}` placeholder anywhere (the rule cannot know its value).
fn is_placeholder(s: &str) -> bool {
    s.contains("${")
}

/// An unterminated or empty `${` placeholder.
fn placeholder_problem(s: &str) -> Option<String> {
    let mut rest = s;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        match after.find('}') {
            None => return Some("`${` opens a placeholder that no `}` closes".to_owned()),
            Some(0) => return Some("`${}` is an empty placeholder".to_owned()),
            Some(end) => rest = &after[end + 1..],
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(r: &str) -> bool {
        matches!(read(r), Shape::Refused(..))
    }

    #[test]
    fn suffix_split_keeps_sync_2_whole() {
        assert_eq!(
            split_suffix("states:startExecution.sync:2"),
            ("states:startExecution", ".sync:2")
        );
        assert_eq!(split_suffix("lambda:invoke"), ("lambda:invoke", ""));
        assert_eq!(
            split_suffix("s3:getObject.waitForTaskToken"),
            ("s3:getObject", ".waitForTaskToken")
        );
    }

    #[test]
    fn placeholders_are_accepted_unless_unterminated() {
        assert!(!refused("${OrderFn}"));
        assert!(!refused(
            "arn:aws:lambda:${AWS::Region}:${AWS::AccountId}:function:${fn}"
        ));
        assert!(refused("${lambdaArn"));
        assert!(refused(
            "arn:aws:lambda:us-east-1:123456789012:function:${name"
        ));
    }

    #[test]
    fn partitions() {
        for p in ["aws", "aws-cn", "aws-us-gov", "aws-iso-b"] {
            assert!(is_partition(p), "{p}");
        }
        for p in ["", "amazon", "aws-", "aws-US"] {
            assert!(!is_partition(p), "{p}");
        }
    }
}
