//! The alias: created or moved to the deployed version, optionally keeping part of the
//! traffic on the version it pointed to before (routing weights over two versions).

use aws_sdk_sfn::types::RoutingConfigurationListItem;

use super::Run;
use super::options::{AliasOptions, DeployOptions};
use super::report::Change;
use crate::connect::Aws;
use crate::error::Error;

/// Points alias `alias` of the machine at `version` (the one just published, or the latest
/// known); returns the alias ARN.
pub async fn ensure(
    aws: &Aws,
    machine_arn: &str,
    alias: &AliasOptions,
    version: Option<&str>,
    published: bool,
    options: &DeployOptions,
    run: &mut Run,
) -> Result<String, Error> {
    if alias.weight == 0 || alias.weight > 100 {
        return Err(Error::Input(format!(
            "the alias weight is a percent from 1 to 100, not {}",
            alias.weight
        )));
    }
    let alias_arn = format!("{machine_arn}:{}", alias.name);
    let subject = format!("alias {}", alias.name);
    let current: Option<Vec<(String, i32)>> = match aws
        .sfn
        .describe_state_machine_alias()
        .state_machine_alias_arn(&alias_arn)
        .send()
        .await
    {
        Ok(out) => Some(
            out.routing_configuration()
                .iter()
                .map(|r| (r.state_machine_version_arn().to_owned(), r.weight()))
                .collect(),
        ),
        Err(e)
            if e.as_service_error()
                .is_some_and(|s| s.is_resource_not_found()) =>
        {
            None
        }
        Err(e) => return Err(Error::aws(format!("read alias {}", alias.name), &e)),
    };
    // In a dry run the new version has no ARN yet.
    let new_version = match version {
        Some(v) => v.to_owned(),
        None if published && options.dry_run => "(the new version)".to_owned(),
        None => {
            // Nothing new was published: keep the alias where it is, if it is somewhere.
            match current.as_ref().and_then(|c| top(c)) {
                Some(v) => v,
                None => {
                    return Err(Error::Input(format!(
                        "alias {}: no version to point at (the endpoint does not list versions and \
                         nothing changed); change the workflow or create the alias by hand",
                        alias.name
                    )));
                }
            }
        }
    };
    let mut routing = vec![(new_version.clone(), i32::from(alias.weight))];
    if alias.weight < 100 {
        let previous = current
            .as_ref()
            .and_then(|c| {
                let mut others: Vec<&(String, i32)> =
                    c.iter().filter(|(v, _)| *v != new_version).collect();
                others.sort_by_key(|(_, w)| -w);
                others.first().map(|(v, _)| v.clone())
            })
            .ok_or_else(|| {
                Error::Input(format!(
                    "alias {}: a weight below 100 needs a previous version to keep the rest of the \
                     traffic, and the alias points at none",
                    alias.name
                ))
            })?;
        routing.push((previous, 100 - i32::from(alias.weight)));
    }
    let describe = |r: &[(String, i32)]| -> Vec<String> {
        r.iter().map(|(v, w)| format!("{w}% -> {v}")).collect()
    };
    let same = current.as_ref().is_some_and(|c| {
        let mut a = c.clone();
        let mut b = routing.clone();
        a.sort();
        b.sort();
        a == b
    });
    if same {
        return Ok(alias_arn);
    }
    if !options.dry_run {
        let items = routing
            .iter()
            .map(|(v, w)| {
                RoutingConfigurationListItem::builder()
                    .state_machine_version_arn(v)
                    .weight(*w)
                    .build()
                    .map_err(|e| Error::Input(format!("alias {}: {e}", alias.name)))
            })
            .collect::<Result<Vec<_>, _>>()?;
        if current.is_some() {
            aws.sfn
                .update_state_machine_alias()
                .state_machine_alias_arn(&alias_arn)
                .set_routing_configuration(Some(items))
                .send()
                .await
                .map_err(|e| Error::aws(format!("update alias {}", alias.name), &e))?;
        } else {
            aws.sfn
                .create_state_machine_alias()
                .name(&alias.name)
                .set_routing_configuration(Some(items))
                .send()
                .await
                .map_err(|e| Error::aws(format!("create alias {}", alias.name), &e))?;
        }
    }
    let verb = if current.is_some() {
        "updated"
    } else {
        "created"
    };
    run.done(Change::new(subject, verb, describe(&routing)));
    Ok(alias_arn)
}

/// The version with the most traffic.
fn top(routing: &[(String, i32)]) -> Option<String> {
    routing
        .iter()
        .max_by_key(|(_, w)| *w)
        .map(|(v, _)| v.clone())
}
