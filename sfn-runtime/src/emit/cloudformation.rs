//! A CloudFormation template for a workflow: the state machine and a role that carries
//! exactly the workflow's policy.

use serde_json::{Map, Value, json};

use super::policy_json::read_policy;
use super::substitutions::placeholders;
use crate::Workflow;
use crate::iam::{MANAGED_POLICY_QUOTA, PolicyDocument, ROLE_INLINE_POLICY_QUOTA, Statement};

/// Pseudo parameters that may appear as `${AWS::Name}` in a definition.
/// The placeholder a policy uses for the state machine's own name (a distributed Map
/// starts executions of its own machine); the template binds it to the machine's name.
pub const MACHINE_NAME_PARAMETER: &str = "StateMachineName";

const PSEUDO_PARAMETERS: [&str; 5] = ["Region", "AccountId", "Partition", "URLSuffix", "StackName"];

/// Settings of the emitted template that the workflow itself does not carry.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CloudFormationOptions {
    /// Send execution logs to this CloudWatch Logs log group (its ARN, ending in `:*`).
    pub log_group_arn: Option<String>,
    /// What to log (default `ERROR` when a log group is set).
    pub log_level: LogLevel,
    /// Log execution input and output too.
    pub include_execution_data: bool,
    /// Turn on X-Ray tracing.
    pub tracing: bool,
}

/// `LoggingConfiguration.Level`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum LogLevel {
    /// Every event.
    All,
    /// Errors only.
    #[default]
    Error,
    /// Fatal errors only.
    Fatal,
}

impl LogLevel {
    const fn as_str(self) -> &'static str {
        match self {
            LogLevel::All => "ALL",
            LogLevel::Error => "ERROR",
            LogLevel::Fatal => "FATAL",
        }
    }
}

impl Workflow {
    /// A CloudFormation template with the state machine and its role (default options).
    pub fn cloudformation(&self) -> Value {
        self.cloudformation_with(&CloudFormationOptions::default())
    }

    /// A CloudFormation template: an `AWS::StepFunctions::StateMachine` (Definition as an
    /// object, `DefinitionSubstitutions` from template Parameters, `StateMachineType`) and an
    /// `AWS::IAM::Role` trusted by `states.amazonaws.com` carrying the workflow's policy:
    /// minimised (one statement per action set) and inline while it fits IAM's quota, else
    /// split over managed policies.
    pub fn cloudformation_with(&self, options: &CloudFormationOptions) -> Value {
        let prefix = logical_id(self.name());
        let role_id = format!("{prefix}Role");
        let machine_id = format!("{prefix}StateMachine");
        let names = placeholders(self.definition());
        // The policy may name resources the definition does not (an SQS queue's ARN beside
        // its URL): those are template parameters too, but not definition substitutions.
        let mut parameter_names = names.clone();
        for name in placeholders(self.policy()) {
            // `${Child.Name}` beside a `${Child}` ARN is derived from it (see `sub_value`).
            if derived_name(&name, &names).is_some() {
                continue;
            }
            if !parameter_names.contains(&name) {
                parameter_names.push(name);
            }
        }
        let mut policy = read_policy(self.policy());
        if options.log_group_arn.is_some() {
            // What the service needs to deliver logs (see "Logging using CloudWatch Logs").
            policy.push(Statement::allow(
                [
                    "logs:CreateLogDelivery",
                    "logs:DeleteLogDelivery",
                    "logs:DescribeLogGroups",
                    "logs:DescribeResourcePolicies",
                    "logs:GetLogDelivery",
                    "logs:ListLogDeliveries",
                    "logs:PutResourcePolicy",
                    "logs:UpdateLogDelivery",
                ],
                ["*"],
            ));
        }
        if options.tracing {
            policy.push(Statement::allow(
                [
                    "xray:GetSamplingRules",
                    "xray:GetSamplingTargets",
                    "xray:PutTelemetryRecords",
                    "xray:PutTraceSegments",
                ],
                ["*"],
            ));
        }
        // Resolved for CloudFormation only after sizing: IAM counts the substituted ARNs.
        let resolve = |document: &PolicyDocument| {
            let mut value = document.to_value();
            if let Some(statements) = value["Statement"].as_array_mut() {
                for statement in statements {
                    *statement = resolve_statement(statement, &parameter_names, &names);
                }
            }
            value
        };

        let mut parameters = Map::new();
        for name in &parameter_names {
            let parameter = if name == MACHINE_NAME_PARAMETER {
                // A distributed Map's grants name the machine itself (see `policy()`).
                json!({"Type": "String", "Default": logical_id(self.name()),
                       "Description": "Name of the state machine (its distributed Map starts executions of it)"})
            } else {
                json!({"Type": "String", "Description": format!("Value of the definition substitution {name}")})
            };
            parameters.insert(logical_id(name), parameter);
        }
        let mut resources = Map::new();
        let mut role = json!({
            "Type": "AWS::IAM::Role",
            "Properties": {
                "AssumeRolePolicyDocument": {
                    "Version": "2012-10-17",
                    // The conditions stop other accounts' state machines from using the role
                    // (confused deputy), as CDK's roles do.
                    "Statement": [{"Effect": "Allow", "Principal": {"Service": "states.amazonaws.com"},
                                   "Action": "sts:AssumeRole",
                                   "Condition": {
                                       "ArnLike": {"aws:SourceArn": {"Fn::Sub":
                                           "arn:${AWS::Partition}:states:${AWS::Region}:${AWS::AccountId}:stateMachine:*"}},
                                       "StringEquals": {"aws:SourceAccount": {"Ref": "AWS::AccountId"}}
                                   }}]
                }
            }
        });
        if policy.statements.is_empty() {
            // IAM rejects a policy without statements: the role then has none.
        } else if policy.to_json().len() <= ROLE_INLINE_POLICY_QUOTA {
            role["Properties"]["Policies"] = json!([{"PolicyName": format!("{prefix}Policy"), "PolicyDocument": resolve(&policy)}]);
        } else {
            for (i, document) in policy.split_to_fit(MANAGED_POLICY_QUOTA).iter().enumerate() {
                resources.insert(
                    format!("{prefix}Policy{}", i + 1),
                    json!({"Type": "AWS::IAM::ManagedPolicy",
                           "Properties": {"PolicyDocument": resolve(document), "Roles": [{"Ref": role_id}]}}),
                );
            }
        }
        resources.insert(role_id.clone(), role);

        // The catalogue writes `${AWS::Region}`-style pseudo parameters into some definitions
        // (API Gateway endpoints, Bedrock model ARNs). CloudFormation does not resolve them
        // inside `Definition`, so they become substitutions of their own.
        let mut definition_text = self.definition().to_owned();
        // `${Role.Arn}` would be GetAtt syntax to CloudFormation: the template names it
        // `${RoleArn}`, after its parameter.
        for name in names.iter().filter(|n| n.contains('.')) {
            definition_text = definition_text.replace(
                &format!("${{{name}}}"),
                &format!("${{{}}}", logical_id(name)),
            );
        }
        let mut pseudo = Vec::new();
        for parameter in PSEUDO_PARAMETERS {
            let placeholder = format!("${{AWS::{parameter}}}");
            if definition_text.contains(&placeholder) {
                let name = format!("Aws{parameter}");
                definition_text = definition_text.replace(&placeholder, &format!("${{{name}}}"));
                pseudo.push((name, json!({"Ref": format!("AWS::{parameter}")})));
            }
        }
        let definition: Value =
            serde_json::from_str(&definition_text).unwrap_or_else(|_| json!({}));
        let mut properties = json!({
            "StateMachineType": self.kind().as_str(),
            "Definition": definition,
            "RoleArn": {"Fn::GetAtt": [role_id, "Arn"]},
        });
        if !names.is_empty() || !pseudo.is_empty() {
            let substitutions: Map<String, Value> = names
                .iter()
                .map(|n| (sub_key(n), json!({"Ref": logical_id(n)})))
                .chain(pseudo)
                .collect();
            properties["DefinitionSubstitutions"] = Value::Object(substitutions);
        }
        if parameter_names.iter().any(|n| n == MACHINE_NAME_PARAMETER) {
            properties["StateMachineName"] = json!({"Ref": logical_id(MACHINE_NAME_PARAMETER)});
        }
        if let Some(arn) = &options.log_group_arn {
            properties["LoggingConfiguration"] = json!({
                "Level": options.log_level.as_str(),
                "IncludeExecutionData": options.include_execution_data,
                "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": arn}}],
            });
        }
        if options.tracing {
            properties["TracingConfiguration"] = json!({"Enabled": true});
        }
        let mut machine =
            json!({"Type": "AWS::StepFunctions::StateMachine", "Properties": properties});
        if resources.len() > 1 {
            // Managed policies attach to the role; the machine must not start without them.
            let policies: Vec<Value> = resources
                .keys()
                .filter(|k| **k != role_id)
                .map(|k| Value::String(k.clone()))
                .collect();
            machine["DependsOn"] = Value::Array(policies);
        }
        resources.insert(machine_id.clone(), machine);

        let mut template = Map::new();
        template.insert("AWSTemplateFormatVersion".into(), json!("2010-09-09"));
        template.insert(
            "Description".into(),
            json!(format!(
                "Step Functions workflow {} (generated by sfn)",
                self.name()
            )),
        );
        if !parameters.is_empty() {
            template.insert("Parameters".into(), Value::Object(parameters));
        }
        template.insert("Resources".into(), Value::Object(resources));
        template.insert(
            "Outputs".into(),
            json!({
                "StateMachineArn": {"Value": {"Ref": machine_id}},
                "RoleArn": {"Value": {"Fn::GetAtt": [role_id, "Arn"]}},
            }),
        );
        Value::Object(template)
    }
}

/// Resources naming `${AWS::Region}` or a substitution become `Fn::Sub`s, so CloudFormation
/// fills them the same way it fills the definition.
/// A policy statement for the template: every string holding a `${..}` placeholder, in
/// `Resource` and in `Condition` values alike, becomes an `Fn::Sub` (a literal `${X}` left
/// anywhere would deploy as text and never match).
fn resolve_statement(statement: &Value, names: &[String], definition_names: &[String]) -> Value {
    let mut statement = statement.clone();
    let mut all = names.to_vec();
    for name in placeholders(&statement.to_string()) {
        if derived_name(&name, definition_names).is_some() && !all.contains(&name) {
            all.push(name);
        }
    }
    for key in ["Resource", "Condition"] {
        if let Some(value) = statement.get_mut(key) {
            *value = substitute(value, &all, definition_names);
        }
    }
    statement
}

/// For `Child.Name` when `Child` is a substitution of the definition (a state machine ARN):
/// `Child`. The template computes the name as the ARN's seventh `:`-separated part,
/// `arn:aws:states:<region>:<account>:stateMachine:<name>`, as CDK does.
fn derived_name<'n>(name: &'n str, definition_names: &[String]) -> Option<&'n str> {
    let base = name.strip_suffix(".Name")?;
    definition_names.iter().any(|n| n == base).then_some(base)
}

/// The value a `Fn::Sub` variable takes for `name`.
fn sub_value(name: &str, definition_names: &[String]) -> Value {
    match derived_name(name, definition_names) {
        Some(base) => json!({"Fn::Select": [6, {"Fn::Split": [":", {"Ref": logical_id(base)}]}]}),
        None => json!({"Ref": logical_id(name)}),
    }
}

/// `value` with each string holding a placeholder replaced by its `Fn::Sub` (object keys,
/// such as condition keys, are IAM names and stay as they are).
fn substitute(value: &Value, names: &[String], definition_names: &[String]) -> Value {
    match value {
        Value::String(text) if text.contains("${") => {
            // The stack's own partition, as its region and account are (cfn-lint I3042).
            let partitioned;
            let text = match text.strip_prefix("arn:aws:") {
                Some(rest) => {
                    partitioned = format!("arn:${{AWS::Partition}}:{rest}");
                    &partitioned
                }
                None => text,
            };
            let mut text = text.to_owned();
            let mut used = Map::new();
            for n in names {
                let placeholder = format!("${{{n}}}");
                if text.contains(&placeholder) {
                    text = text.replace(&placeholder, &format!("${{{}}}", sub_key(n)));
                    used.insert(sub_key(n), sub_value(n, definition_names));
                }
            }
            if used.is_empty() {
                json!({"Fn::Sub": text})
            } else {
                json!({"Fn::Sub": [text, used]})
            }
        }
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| substitute(v, names, definition_names))
                .collect(),
        ),
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| (k.clone(), substitute(v, names, definition_names)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The name a substitution has in the template's `${..}` strings: itself, or for an
/// attribute placeholder `Role.Arn` its parameter's name `RoleArn`.
fn sub_key(name: &str) -> String {
    if name.contains('.') {
        logical_id(name)
    } else {
        name.to_owned()
    }
}

fn logical_id(name: &str) -> String {
    let mut out = String::new();
    let mut upper = true;
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            if upper {
                out.push(c.to_ascii_uppercase());
            } else {
                out.push(c);
            }
            upper = false;
        } else {
            upper = true;
        }
    }
    if out.is_empty() || out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, "Workflow");
    }
    out
}
