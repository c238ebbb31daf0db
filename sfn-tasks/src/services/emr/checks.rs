//! `EmrCreateCluster`'s checks: release label, step concurrency, EBS root volume, fleets.

use crate::engine::{Ctx, member};
use crate::model::{Loc, TaskError, TaskValue};

/// (major, minor, patch) of `emr-x.y.z`.
fn release(label: &str) -> Option<(u32, u32, u32)> {
    let rest = label.strip_prefix("emr-")?;
    let mut parts = rest.split('.').map(|p| p.parse::<u32>().ok());
    let v = (parts.next()??, parts.next()??, parts.next()??);
    if parts.next().is_some() {
        return None;
    }
    Some(v)
}

pub(crate) fn check_create(ctx: &Ctx, errors: &mut Vec<TaskError>) {
    let label = ctx.str("release_label");
    let version = label.and_then(release);
    if let Some(l) = label
        && version.is_none()
    {
        errors.push(
            TaskError::new(
                ctx.loc("release_label"),
                format!("`release_label` must be written `emr-x.y.z`, not `{l}`"),
            )
            .cdk(format!(
                "The release label must be in the format 'emr-x.x.x' but got {l}"
            )),
        );
    }
    if let Some(n) = ctx.num("step_concurrency_level") {
        if !(1.0..=256.0).contains(&n) {
            errors.push(
                TaskError::new(
                    ctx.loc("step_concurrency_level"),
                    format!("`step_concurrency_level` must be between 1 and 256, not {n}"),
                )
                .cdk(format!(
                    "Step concurrency level must be in range [1, 256], but got {n}."
                )),
            );
        } else if n != 1.0
            && let (Some(l), Some(v)) = (label, version)
            && v < (5, 28, 0)
        {
            errors.push(TaskError::new(ctx.loc("step_concurrency_level"), format!("`step_concurrency_level` other than 1 needs EMR release 5.28.0 or later, not `{l}`"))
                .hint("use `release_label: \"emr-5.28.0\"` or later, or `step_concurrency_level: 1`")
                .cdk(format!("Step concurrency is only supported in EMR release version 5.28.0 and above but got {l}.")));
        }
    }
    if let Some(s) = ctx.secs("auto_termination_policy_idle_timeout")
        && !(60..=604_800).contains(&s)
    {
        errors.push(TaskError::new(ctx.loc("auto_termination_policy_idle_timeout"), format!("`auto_termination_policy_idle_timeout` must be between `60s` and `604800s` (7 days), not `{s}s`")));
    }
    if let Some(n) = ctx.num("ebs_root_volume_size")
        && !(15.0..=100.0).contains(&n)
    {
        errors.push(TaskError::new(
            ctx.loc("ebs_root_volume_size"),
            format!("`ebs_root_volume_size` must be between 15 and 100 (GiB), not {n}"),
        ));
    }
    for (name, min, max, unit) in [
        ("ebs_root_volume_throughput", 125.0, 1000.0, " MiB/s"),
        ("ebs_root_volume_iops", 3000.0, 16000.0, ""),
    ] {
        if ctx.has(name) {
            if let (Some(l), Some(v)) = (label, version)
                && v < (6, 15, 0)
            {
                errors.push(TaskError::new(
                    ctx.loc(name),
                    format!("`{name}` needs EMR release 6.15.0 or later, not `{l}`"),
                ));
            }
            if let Some(n) = ctx.num(name)
                && !(min..=max).contains(&n)
            {
                errors.push(TaskError::new(
                    ctx.loc(name),
                    format!("`{name}` must be between {min} and {max}{unit}, not {n}{unit}"),
                ));
            }
        }
    }
    let fleets = ctx
        .value("instances")
        .and_then(|i| member(i, "instance_fleets"));
    let has_fleets = matches!(fleets, Some((TaskValue::Array(items), _)) if !items.is_empty());
    if has_fleets && ctx.has("auto_scaling_role") {
        errors.push(
            TaskError::new(
                ctx.key_loc("auto_scaling_role"),
                "`auto_scaling_role` cannot be used with `instance_fleets`",
            )
            .hint("remove `auto_scaling_role` (fleets scale with managed scaling)")
            .cdk("Auto Scaling roles can not be specified with instance fleets."),
        );
    }
    if let Some((TaskValue::Array(items), _)) = fleets {
        for (floc, fleet) in items {
            check_fleet(fleet, *floc, errors);
        }
    }
}

/// A duration in the DSL's unit: whole minutes as `Nmin`, anything else as `Ns`.
fn as_written(secs: u64) -> String {
    if secs.is_multiple_of(60) {
        format!("{}min", secs / 60)
    } else {
        format!("{secs}s")
    }
}

fn num_of(v: &TaskValue, key: &str) -> Option<(f64, Loc)> {
    match member(v, key)? {
        (TaskValue::Number(n), loc) => n.as_f64().map(|f| (f, loc)),
        _ => None,
    }
}

fn check_fleet(fleet: &TaskValue, floc: Loc, errors: &mut Vec<TaskError>) {
    let on_demand = num_of(fleet, "target_on_demand_capacity");
    let spot = num_of(fleet, "target_spot_capacity");
    let positive = |c: Option<(f64, Loc)>| c.is_some_and(|(n, _)| n > 0.0);
    if !positive(on_demand) && !positive(spot) {
        errors.push(
            TaskError::new(
                floc,
                "`target_spot_capacity` or `target_on_demand_capacity` must be greater than 0",
            )
            .hint("add `target_on_demand_capacity: 1` or `target_spot_capacity: 1`")
            .cdk("At least one of targetSpotCapacity and targetOnDemandCapacity should be greater than 0"),
        );
    }
    let master = matches!(member(fleet, "instance_fleet_type"), Some((TaskValue::Ident(t) | TaskValue::Str(t), _)) if t.eq_ignore_ascii_case("master"));
    if master {
        if on_demand.is_some() && spot.is_some() {
            errors.push(TaskError::new(floc, "a master instance fleet takes `target_spot_capacity` or `target_on_demand_capacity`, not both"));
        }
        for (cap, name, cdk) in [
            (spot, "target_spot_capacity", "targetSpotCapacity"),
            (
                on_demand,
                "target_on_demand_capacity",
                "targetOnDemandCapacity",
            ),
        ] {
            if let Some((n, loc)) = cap
                && n != 1.0
            {
                errors.push(
                    TaskError::new(
                        loc,
                        format!("in a master instance fleet `{name}` must be 1, not {n}"),
                    )
                    .cdk(format!(
                        "For a master instance fleet, {cdk} cannot be a number other than 1, got {n}"
                    )),
                );
            }
        }
    }
    let specs = member(fleet, "launch_specifications").map(|(v, _)| v);
    let prioritized = specs
        .and_then(|s| member(s, "on_demand_specification"))
        .and_then(|(o, _)| member(o, "allocation_strategy"))
        .is_some_and(|(s, _)| matches!(s, TaskValue::Ident(w) | TaskValue::Str(w) if w.eq_ignore_ascii_case("prioritized")));
    if let Some((TaskValue::Array(configs), cloc)) = member(fleet, "instance_type_configs") {
        let with_priority: Vec<(f64, Loc)> = configs
            .iter()
            .filter_map(|(_, c)| num_of(c, "priority"))
            .collect();
        if let Some((_, first)) = with_priority.first()
            && !prioritized
        {
            errors.push(TaskError::new(*first, "`priority` only takes effect with `allocation_strategy: prioritized`")
                .hint("add `on_demand_specification: { allocation_strategy: prioritized }` to `launch_specifications`, or remove `priority`")
                .cdk("Priority values are set on instance type configs, but allocation strategy is 'lowest-price'. Priority values only take effect with OnDemandAllocationStrategy.PRIORITIZED."));
        }
        if prioritized && !configs.is_empty() && with_priority.is_empty() {
            errors.push(TaskError::new(cloc, "`allocation_strategy: prioritized` needs a `priority` in at least one of `instance_type_configs`")
                .hint("add `priority: 0` to the config to try first (see https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-instance-fleet.html)")
                .cdk("OnDemandAllocationStrategy.PRIORITIZED requires at least one instance type config to have a priority value set. See https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-instance-fleet.html"));
        }
        for (n, loc) in &with_priority {
            if prioritized && *n < 0.0 {
                errors.push(TaskError::new(*loc, format!("`priority` must be at least 0, not {n}"))
                    .hint("0 is the highest priority")
                    .cdk(format!("priority must be a non-negative number, got {n}. Priority values start at 0 (highest priority) and are used with OnDemandAllocationStrategy.PRIORITIZED.")));
            }
        }
        for (_, c) in configs {
            if member(c, "bid_price").is_some()
                && let Some((_, kloc)) = member(c, "bid_price_as_percentage_of_on_demand_price")
            {
                errors.push(
                    TaskError::new(
                        kloc,
                        "an instance type config takes `bid_price` or `bid_price_as_percentage_of_on_demand_price`, not both",
                    )
                    .hint("remove one of them")
                    .cdk("Cannot specify both bidPrice and bidPriceAsPercentageOfOnDemandPrice"),
                );
            }
        }
    }
    if let Some((spot_spec, sloc)) = specs.and_then(|s| member(s, "spot_specification")) {
        let timeout = member(spot_spec, "timeout");
        let minutes = num_of(spot_spec, "timeout_duration_minutes");
        match (timeout, minutes) {
            (Some(_), Some(_)) | (None, None) => {
                errors.push(TaskError::new(
                    sloc,
                    "a spot specification takes one of `timeout` and `timeout_duration_minutes`",
                ));
            }
            (Some((TaskValue::DurationSecs(s), tloc)), None) => {
                let m = s / 60;
                if !(5..=1440).contains(&m) {
                    errors.push(
                        TaskError::new(
                            tloc,
                            format!(
                                "`timeout` must be between `5min` and `1440min`, not `{}`",
                                as_written(*s)
                            ),
                        )
                        .cdk(format!(
                            "timeout must be between 5 and 1440 minutes, got {m} minutes."
                        )),
                    );
                }
            }
            (None, Some((m, tloc))) if !(5.0..=1440.0).contains(&m) => {
                errors.push(
                    TaskError::new(
                        tloc,
                        format!("`timeout_duration_minutes` must be between 5 and 1440, not {m}"),
                    )
                    .cdk(format!(
                        "timeout must be between 5 and 1440 minutes, got {m} minutes."
                    )),
                );
            }
            _ => {}
        }
    }
}
