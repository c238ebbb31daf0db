//! EKS, EMR on EKS and MediaConvert against CDK's conformance cases.
mod common;
use common::*;

#[test]
fn eks_call() {
    let c = call(
        "EksCall",
        vec![
            ("cluster_name", s("${mysamplecluster5B7A9B65}")),
            (
                "certificate_authority",
                s("${mysamplecluster5B7A9B65.CertificateAuthorityData}"),
            ),
            ("endpoint", s("${mysamplecluster5B7A9B65.Endpoint}")),
            ("http_method", id("GET")),
            ("http_path", s("/api/v1/namespaces/default/pods")),
        ],
    );
    golden("eks-call", "Call a EKS Endpoint", &c);
}

#[test]
fn mediaconvert_create_job() {
    let cdk = case("mediaconvert-create-job");
    let request = from_json(&cdk["definition"]["States"]["CreateJob"]["Parameters"]);
    let c = call(
        "MediaConvertCreateJob",
        vec![("create_job_request", request), ("pattern", id("run_job"))],
    );
    golden("mediaconvert-create-job", "CreateJob", &c);
}

#[test]
fn emr_containers_create_virtual_cluster_from_cluster() {
    let c = call(
        "EmrContainersCreateVirtualCluster",
        vec![("eks_cluster", s("my-eks-cluster"))],
    );
    golden(
        "emr-containers-create-virtual-cluster-from-cluster",
        "Create a Virtual Cluster",
        &c,
    );
}

#[test]
fn emr_containers_create_virtual_cluster_namespace() {
    let c = call(
        "EmrContainersCreateVirtualCluster",
        vec![
            ("eks_cluster", s("clusterId")),
            ("eks_namespace", s("specified-namespace")),
        ],
    );
    golden(
        "emr-containers-create-virtual-cluster-namespace",
        "Create a Virtual Cluster",
        &c,
    );
}

#[test]
fn emr_containers_delete_virtual_cluster() {
    let c = call(
        "EmrContainersDeleteVirtualCluster",
        vec![("virtual_cluster_id", p("$.virtualCluster"))],
    );
    golden(
        "emr-containers-delete-virtual-cluster",
        "Delete a Virtual Cluster",
        &c,
    );
}

const PI: &str = "local:///usr/lib/spark/examples/src/main/python/pi.py";
const SPARK: &str = "--conf spark.executor.instances=2 --conf spark.executor.memory=2G --conf spark.executor.cores=2 --conf spark.driver.cores=1";

#[test]
fn emr_containers_start_job_run_application_config() {
    let c = call(
        "EmrContainersStartJobRun",
        vec![
            ("virtual_cluster", s("de92jdei2910fwedz")),
            ("release_label", id("emr_6_2_0")),
            ("job_name", s("EMR-Containers-Job")),
            (
                "execution_role",
                s("${EMRContainersStartJobRunJobExecutionRole40B8DD81.Arn}"),
            ),
            ("entry_point", s(PI)),
            (
                "application_config",
                arr(vec![obj(vec![
                    ("classification", id("spark_defaults")),
                    (
                        "properties",
                        obj(vec![
                            ("spark.executor.instances", s("1")),
                            ("spark.executor.memory", s("512M")),
                        ]),
                    ),
                ])]),
            ),
        ],
    );
    golden(
        "emr-containers-start-job-run-application-config",
        "EMR Containers Start Job Run",
        &c,
    );
}

#[test]
fn emr_containers_start_job_run_execution_role() {
    let c = call(
        "EmrContainersStartJobRun",
        vec![
            ("virtual_cluster", p("$.VirtualClusterId")),
            ("release_label", s("emr-6.2.0-latest")),
            ("job_name", s("EMR-Containers-Job")),
            (
                "execution_role",
                s("arn:aws:iam::xxxxxxxxxxxx:role/JobExecutionRole"),
            ),
            ("entry_point", s(PI)),
            ("spark_submit_parameters", s(SPARK)),
        ],
    );
    golden(
        "emr-containers-start-job-run-execution-role",
        "EMR Containers Start Job Run",
        &c,
    );
}

#[test]
fn emr_containers_start_job_run_monitoring() {
    let c = call(
        "EmrContainersStartJobRun",
        vec![
            ("virtual_cluster", s("de92jdei2910fwedz")),
            ("release_label", id("emr_6_2_0")),
            (
                "execution_role",
                s("${EMRContainersStartJobRunJobExecutionRole40B8DD81.Arn}"),
            ),
            ("entry_point", s(PI)),
            ("spark_submit_parameters", s(SPARK)),
            (
                "monitoring",
                obj(vec![
                    ("log_group", s("${LogGroupD9735569}")),
                    ("log_bucket", s("${S3Bucket3AA2D4F7}")),
                ]),
            ),
        ],
    );
    golden(
        "emr-containers-start-job-run-monitoring-existing",
        "EMR Containers Start Job Run",
        &c,
    );
}

/// Every class of `aws-stepfunctions-tasks` (tasks.md lists 48) exists in the catalogue.
#[test]
fn all_48_classes_exist() {
    let expected = [
        "AthenaGetQueryExecution",
        "AthenaGetQueryResults",
        "AthenaStartQueryExecution",
        "AthenaStopQueryExecution",
        "BatchSubmitJob",
        "BedrockCreateModelCustomizationJob",
        "BedrockInvokeModel",
        "CallApiGatewayHttpApiEndpoint",
        "CallApiGatewayRestApiEndpoint",
        "CallAwsService",
        "CallAwsServiceCrossRegion",
        "CodeBuildStartBuild",
        "CodeBuildStartBuildBatch",
        "DynamoDeleteItem",
        "DynamoGetItem",
        "DynamoPutItem",
        "DynamoUpdateItem",
        "EcsRunTask",
        "EksCall",
        "EmrAddStep",
        "EmrCancelStep",
        "EmrContainersCreateVirtualCluster",
        "EmrContainersDeleteVirtualCluster",
        "EmrContainersStartJobRun",
        "EmrCreateCluster",
        "EmrModifyInstanceFleetByName",
        "EmrModifyInstanceGroupByName",
        "EmrSetClusterTerminationProtection",
        "EmrTerminateCluster",
        "EvaluateExpression",
        "EventBridgePutEvents",
        "EventBridgeSchedulerCreateScheduleTask",
        "GlueDataBrewStartJobRun",
        "GlueStartCrawlerRun",
        "GlueStartJobRun",
        "HttpInvoke",
        "LambdaInvoke",
        "MediaConvertCreateJob",
        "SageMakerCreateEndpoint",
        "SageMakerCreateEndpointConfig",
        "SageMakerCreateModel",
        "SageMakerCreateTrainingJob",
        "SageMakerCreateTransformJob",
        "SageMakerUpdateEndpoint",
        "SnsPublish",
        "SqsSendMessage",
        "StepFunctionsInvokeActivity",
        "StepFunctionsStartExecution",
    ];
    let got: Vec<&str> = sfn_tasks::class_names().collect();
    assert_eq!(got, expected);
}
