//! The connection options `sfn deploy`, `sfn start` and `sfn history` share.

use sfn_aws::ConnectOptions;

/// Where and as whom to talk to AWS (the standard chain decides what is not given).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct AwsArgs {
    /// The AWS region (default: AWS_REGION or the profile's region)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,
    /// The shared-config profile (default: AWS_PROFILE)
    #[arg(long, value_name = "NAME")]
    pub profile: Option<String>,
    /// One endpoint for every service, e.g. a local server (default: AWS_ENDPOINT_URL)
    #[arg(long, value_name = "URL")]
    pub endpoint_url: Option<String>,
}

impl AwsArgs {
    /// The options for [`sfn_aws::Aws::connect`].
    pub fn connect_options(&self) -> ConnectOptions {
        ConnectOptions {
            region: self.region.clone(),
            profile: self.profile.clone(),
            endpoint_url: self.endpoint_url.clone(),
        }
    }
}

/// `KEY=VALUE` split, or a message naming the flag.
pub fn key_value(text: &str, flag: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.is_empty() => Ok((key.to_owned(), value.to_owned())),
        _ => Err(format!("`{flag}` takes KEY=VALUE, got `{text}`")),
    }
}
