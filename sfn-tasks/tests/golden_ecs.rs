//! EcsRunTask against CDK's conformance cases.
//!
//! Deviation (DEVIATIONS.md): CDK (recommended flags) grants `ecs:RunTask` on the task
//! definition ARN with its revision; we grant on the family with any revision, so a new
//! revision does not need a new policy.
mod common;
use common::*;
use serde_json::Value;
use std::collections::BTreeSet;

fn family_grant(td_token: &str, family: &str) -> impl FnOnce(&mut Value, &mut BTreeSet<Atom>) {
    let td_token = td_token.to_string();
    let family = family.to_string();
    move |_, atoms| {
        assert!(atoms.remove(&atom("ecs:RunTask", &td_token)));
        atoms.insert(atom(
            "ecs:RunTask",
            &format!("arn:aws:ecs:us-east-1:123456789012:task-definition/{family}:*"),
        ));
    }
}

#[test]
fn run_task_ec2() {
    let c = call(
        "EcsRunTask",
        vec![
            ("pattern", id("run_job")),
            ("cluster", s("${Ec2ClusterEE43E89D.Arn}")),
            ("task_definition", s("ecsruntaskec2TDA26EE909")),
            ("task_role_arn", s("${TDTaskRoleC497AFFC.Arn}")),
            ("task_definition_compatibility", id("ec2")),
            ("network_mode", id("bridge")),
            ("launch_type", id("ec2")),
            (
                "placement_strategies",
                arr(vec![
                    obj(vec![("type", id("spread")), ("field", s("instanceId"))]),
                    obj(vec![("type", id("binpack")), ("field", s("CPU"))]),
                    obj(vec![("type", id("random"))]),
                ]),
            ),
            (
                "placement_constraints",
                arr(vec![obj(vec![
                    ("type", id("member_of")),
                    ("expression", s("blieptuut")),
                ])]),
            ),
            ("propagated_tag_source", id("task_definition")),
        ],
    );
    golden_with(
        "ecs-run-task-ec2",
        "Run",
        &c,
        family_grant("${TD49C78F36}", "ecsruntaskec2TDA26EE909"),
    );
}

#[test]
fn run_task_enable_exec() {
    let c = call(
        "EcsRunTask",
        vec![
            ("pattern", id("run_job")),
            ("cluster", s("${ECSCluster7D463CD4.Arn}")),
            ("task_definition", s("ecsruntaskenableexecTD0C1A363E")),
            ("task_role_arn", s("${TDTaskRoleC497AFFC.Arn}")),
            ("launch_type", id("ec2")),
            ("enable_execute_command", b(true)),
        ],
    );
    golden_with(
        "ecs-run-task-enable-exec",
        "Run",
        &c,
        family_grant("${TD49C78F36}", "ecsruntaskenableexecTD0C1A363E"),
    );
}

#[test]
fn run_task_fargate() {
    let c = call(
        "EcsRunTask",
        vec![
            ("pattern", id("run_job")),
            ("cluster", s("${FargateCluster7CCD5F93.Arn}")),
            ("task_definition", s("ecsruntaskfargateTD32CE63D8")),
            ("task_role_arn", s("${TDTaskRoleC497AFFC.Arn}")),
            ("assign_public_ip", b(true)),
            (
                "subnets",
                arr(vec![
                    s("subnet-0a1b2c3d4e5f60001"),
                    s("subnet-0a1b2c3d4e5f60002"),
                ]),
            ),
            (
                "security_groups",
                arr(vec![s("${RunFargateSecurityGroup709740F2.GroupId}")]),
            ),
            (
                "container_overrides",
                arr(vec![obj(vec![
                    ("container_name", s("TheContainer")),
                    ("environment", obj(vec![("SOME_KEY", p("$.SomeKey"))])),
                ])]),
            ),
            ("launch_type", id("fargate")),
            ("propagated_tag_source", id("task_definition")),
        ],
    );
    golden_with(
        "ecs-run-task-fargate",
        "RunFargate",
        &c,
        family_grant("${TD49C78F36}", "ecsruntaskfargateTD32CE63D8"),
    );
}
