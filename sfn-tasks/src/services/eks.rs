//! Amazon EKS: `EksCall`.
//!
//! CDK reads the cluster's name, endpoint and certificate authority from its cluster
//! object; a workflow names them (`cluster_name`, `endpoint`, `certificate_authority`).

use crate::spec::{Field, Kind, Pattern, ResourceForm, TaskSpec, patterns};

const METHODS: &[(&str, &str)] = &[
    ("GET", "GET"),
    ("POST", "POST"),
    ("PUT", "PUT"),
    ("DELETE", "DELETE"),
    ("PATCH", "PATCH"),
    ("HEAD", "HEAD"),
];

/// `EksCall`: call the Kubernetes API of an EKS cluster.
pub static EKS_CALL: TaskSpec = TaskSpec {
    class: "EksCall",
    service: "Amazon EKS",
    resource: ResourceForm::Integration("eks:call"),
    patterns: patterns::RR,
    default_pattern: Pattern::RequestResponse,
    fields: &[
        Field::new("cluster_name", "ClusterName", Kind::Str).req(),
        Field::new("certificate_authority", "CertificateAuthority", Kind::Str).req(),
        Field::new("endpoint", "Endpoint", Kind::Str).req(),
        Field::new("http_method", "Method", Kind::Enum(METHODS)).req(),
        Field::new("http_path", "Path", Kind::Str).req(),
        Field::new("query_parameters", "QueryParameters", Kind::Json),
        Field::new("request_body", "RequestBody", Kind::Json),
    ],
    token_field: None,
    jsonata: true,
    check: None,
    finish: None,
    // As CDK: cluster access is granted through the cluster's own auth configuration.
    iam: |_| Vec::new(),
    lambda_retry: false,
};
