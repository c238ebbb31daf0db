//! Clients for Step Functions, IAM, STS and CloudWatch Logs from the standard AWS chain
//! (environment, profile, SSO, IMDS), with the command line's overrides.

use std::time::Duration;

use aws_config::BehaviorVersion;
use aws_config::Region;
use aws_config::timeout::TimeoutConfig;

use crate::error::{Error, describe};

/// Where and as whom to connect; `None` leaves the choice to the standard chain.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ConnectOptions {
    /// The region (`--region`; else `AWS_REGION`, the profile's region).
    pub region: Option<String>,
    /// The shared-config profile (`--profile`; else `AWS_PROFILE`).
    pub profile: Option<String>,
    /// One endpoint for every service, e.g. a local server (`--endpoint-url`; else
    /// `AWS_ENDPOINT_URL`, which the chain reads itself).
    pub endpoint_url: Option<String>,
}

/// The clients a deploy uses, and the region they talk to.
#[derive(Debug, Clone)]
pub struct Aws {
    /// Step Functions.
    pub sfn: aws_sdk_sfn::Client,
    /// IAM (roles and their policies).
    pub iam: aws_sdk_iam::Client,
    /// STS (the account id, for ARNs and the trust policy).
    pub sts: aws_sdk_sts::Client,
    /// CloudWatch Logs (the log group of a logged state machine).
    pub logs: aws_sdk_cloudwatchlogs::Client,
    /// The region, e.g. `us-east-1`.
    pub region: String,
}

impl Aws {
    /// Loads the configuration and builds the clients. Fails only without a region;
    /// missing credentials show at the first call.
    pub async fn connect(options: &ConnectOptions) -> Result<Aws, Error> {
        let mut loader = aws_config::defaults(BehaviorVersion::latest())
            // A refused or silent endpoint should fail in seconds, not hang a CI job.
            .timeout_config(
                TimeoutConfig::builder()
                    .connect_timeout(Duration::from_secs(5))
                    .operation_attempt_timeout(Duration::from_secs(60))
                    .build(),
            );
        if let Some(region) = &options.region {
            loader = loader.region(Region::new(region.clone()));
        }
        if let Some(profile) = &options.profile {
            loader = loader.profile_name(profile);
        }
        if let Some(url) = &options.endpoint_url {
            loader = loader.endpoint_url(url);
        }
        let config = loader.load().await;
        if config.region().is_none() {
            return Err(Error::Input(
                "no AWS region: pass --region, set AWS_REGION, or give the profile a region".into(),
            ));
        }
        Aws::from_config(&config)
    }

    /// Clients from a configuration made elsewhere (tests give one with fixed credentials).
    pub fn from_config(config: &aws_config::SdkConfig) -> Result<Aws, Error> {
        let region = config
            .region()
            .map(|r| r.to_string())
            .ok_or_else(|| Error::Input("no AWS region in the configuration".into()))?;
        Ok(Aws {
            sfn: aws_sdk_sfn::Client::new(config),
            iam: aws_sdk_iam::Client::new(config),
            sts: aws_sdk_sts::Client::new(config),
            logs: aws_sdk_cloudwatchlogs::Client::new(config),
            region,
        })
    }

    /// The account the credentials belong to.
    pub async fn account_id(&self) -> Result<String, Error> {
        let identity = self
            .sts
            .get_caller_identity()
            .send()
            .await
            .map_err(|e| Error::Aws {
                action: "find the AWS account (sts:GetCallerIdentity)".into(),
                message: describe(&e),
            })?;
        identity
            .account()
            .map(str::to_owned)
            .ok_or_else(|| Error::Aws {
                action: "find the AWS account (sts:GetCallerIdentity)".into(),
                message: "the answer names no account".into(),
            })
    }

    /// The partition of the region: `aws`, `aws-cn`, `aws-us-gov`.
    pub fn partition(&self) -> &'static str {
        if self.region.starts_with("cn-") {
            "aws-cn"
        } else if self.region.starts_with("us-gov-") {
            "aws-us-gov"
        } else {
            "aws"
        }
    }
}

/// Where a deploy's names turn into ARNs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// `aws`, `aws-cn`, ...
    pub partition: String,
    /// The region.
    pub region: String,
    /// The account id.
    pub account: String,
}

impl Target {
    /// Finds the account of `aws`.
    pub async fn of(aws: &Aws) -> Result<Target, Error> {
        Ok(Target {
            partition: aws.partition().to_owned(),
            region: aws.region.clone(),
            account: aws.account_id().await?,
        })
    }

    /// `arn:PARTITION:states:REGION:ACCOUNT:stateMachine:NAME`.
    pub fn state_machine_arn(&self, name: &str) -> String {
        format!(
            "arn:{}:states:{}:{}:stateMachine:{name}",
            self.partition, self.region, self.account
        )
    }

    /// `arn:PARTITION:iam::ACCOUNT:role/NAME`.
    pub fn role_arn(&self, name: &str) -> String {
        format!("arn:{}:iam::{}:role/{name}", self.partition, self.account)
    }

    /// The ARN Step Functions wants for a log group (ending in `:*`).
    pub fn log_group_arn(&self, group: &str) -> String {
        format!(
            "arn:{}:logs:{}:{}:log-group:{group}:*",
            self.partition, self.region, self.account
        )
    }
}
