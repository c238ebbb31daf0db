//! Amazon EKS (`EksCall`): list the pods of a namespace through the Kubernetes API, then
//! create a config map with what was found. The cluster's endpoint and certificate authority
//! are definition substitutions, filled in at deploy time (CDK reads them from the cluster
//! object). The local run plays the Kubernetes API.
//!
//! Mirrors the CDK conformance case `eks-call`. As in CDK, `EksCall` adds no IAM statement:
//! access to the cluster is granted in the cluster's own auth configuration.
//!
//! ```sh
//! cargo run --example eks
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Records the pods of `default` in a config map.
    pub EKS {
        CallAEksEndpoint: EksCall {
            cluster_name: "myEksCluster",
            certificate_authority: "${ClusterCertificateAuthorityData}",
            endpoint: "${ClusterEndpoint}",
            http_method: GET,
            http_path: "/api/v1/namespaces/default/pods",
            result_selector: { "pods": $.ResponseBody.items[*].metadata.name },
            result_path: $.listing,
        } -> RecordPods,

        RecordPods: EksCall {
            cluster_name: "myEksCluster",
            certificate_authority: "${ClusterCertificateAuthorityData}",
            endpoint: "${ClusterEndpoint}",
            http_method: POST,
            http_path: "/api/v1/namespaces/default/configmaps",
            request_body: {
                "apiVersion": "v1",
                "kind": "ConfigMap",
                "metadata": { "name": $$.Execution.Name },
                "data": { "pods": States.JsonToString($.listing.pods) },
            },
            result_path: null,
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", EKS.definition_pretty());
    println!("== IAM policy\n{}\n", EKS.policy_pretty());
    println!(
        "== Substitutions to provide at deploy time: {:?}\n",
        EKS.substitutions()
    );

    let executor = EKS
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::eks:call", |p, _| {
                println!("   {} {} {}", p["Method"], p["Path"], p["RequestBody"]);
                Ok(json!({"StatusCode": 200, "ResponseBody": {"items": [
                    {"metadata": {"name": "web-1"}}, {"metadata": {"name": "web-2"}}
                ]}}))
            })
        })
        .unwrap_or_else(|e| panic!("EKS is a valid state machine: {e}"));
    println!("== Local run");
    let execution = executor.run(json!({}));
    println!(
        "   {:?}: {}",
        execution.status,
        execution.output.unwrap_or_default()
    );
}
