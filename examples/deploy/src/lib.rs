//! A crate that declares its workflows in a library module and emits them from `build.rs`.
//!
//! After `cargo build`, `$OUT_DIR` holds `IMAGE_PIPELINE.asl.json`, `.policy.json` and
//! `.template.json`; with `SFN_DEPLOY_DIR=deploy cargo build` they are also written to
//! `deploy/`, ready for `aws cloudformation deploy --template-file deploy/IMAGE_PIPELINE.template.json`.

pub mod workflows;

/// Where the build script wrote the files of this build.
pub const EMITTED_DIR: &str = env!("OUT_DIR");

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn build_script_emitted_the_workflow_files() {
        let dir = Path::new(EMITTED_DIR);
        let asl = std::fs::read_to_string(dir.join("IMAGE_PIPELINE.asl.json")).unwrap();
        let asl: serde_json::Value = serde_json::from_str(&asl).unwrap();
        assert_eq!(asl, workflows::IMAGE_PIPELINE.to_value());
        let template = std::fs::read_to_string(dir.join("IMAGE_PIPELINE.template.json")).unwrap();
        let template: serde_json::Value = serde_json::from_str(&template).unwrap();
        let parameters = template["Parameters"].as_object().unwrap();
        let mut names: Vec<&str> = parameters.keys().map(String::as_str).collect();
        names.sort();
        assert_eq!(
            names,
            [
                "FailureQueueArn",
                "FailureQueueUrl",
                "ImagesTable",
                "ResizeFunctionArn"
            ]
        );
        assert_eq!(
            workflows::IMAGE_PIPELINE.substitutions(),
            ["FailureQueueUrl", "ImagesTable", "ResizeFunctionArn"]
        );
    }
}
