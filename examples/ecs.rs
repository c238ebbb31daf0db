//! Amazon ECS (`EcsRunTask`): run a container on Fargate with an environment override and
//! wait for it (RUN_JOB), then run a follow-up task on an EC2 cluster with placement
//! strategies and constraints. The local run plays ECS.
//!
//! Mirrors the CDK conformance cases `ecs-run-task-fargate` (`RunFargate`) and
//! `ecs-run-task-ec2` (`Run`), with an existing cluster, task definition family, role and
//! security group named instead of created.
//!
//! ```sh
//! cargo run --example ecs
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Processes a file on Fargate, then indexes it on the EC2 cluster.
    pub ECS {
        RunFargate: EcsRunTask {
            pattern: run_job,
            cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/FargateCluster",
            task_definition: "process-file",
            task_role_arn: "arn:aws:iam::123456789012:role/ProcessFileTaskRole",
            assign_public_ip: true,
            subnets: ["subnet-0a1b2c3d4e5f60001", "subnet-0a1b2c3d4e5f60002"],
            security_groups: ["sg-0123456789abcdef0"],
            container_overrides: [{
                "container_name": "TheContainer",
                "environment": { "SOME_KEY": $.SomeKey },
            }],
            launch_type: fargate,
            propagated_tag_source: task_definition,
            result_selector: { "stopCode": $.StopCode },
            result_path: $.processed,
        } -> Run,

        Run: EcsRunTask {
            pattern: run_job,
            cluster: "arn:aws:ecs:us-east-1:123456789012:cluster/Ec2Cluster",
            task_definition: "index-file",
            task_definition_compatibility: ec2,
            network_mode: bridge,
            launch_type: ec2,
            placement_strategies: [
                { "type": spread, "field": "instanceId" },
                { "type": binpack, "field": "CPU" },
                { "type": random },
            ],
            placement_constraints: [{ "type": member_of, "expression": "blieptuut" }],
            propagated_tag_source: task_definition,
            result_path: null,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", ECS.definition_pretty());
    println!("== IAM policy\n{}\n", ECS.policy_pretty());

    let executor = ECS
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::ecs:runTask.sync", |p, _| {
                println!("   {} runs {}", p["LaunchType"], p["TaskDefinition"]);
                Ok(json!({"LastStatus": "STOPPED", "StopCode": "EssentialContainerExited"}))
            })
        })
        .unwrap_or_else(|e| panic!("ECS is a valid state machine: {e}"));
    println!("== Local run");
    let execution = executor.run(json!({"SomeKey": "some value"}));
    println!(
        "   {:?}: {}",
        execution.status,
        execution.output.unwrap_or_default()
    );
}
