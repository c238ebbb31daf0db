//! AWS Elemental MediaConvert (`MediaConvertCreateJob`): transcode an uploaded video to an
//! H.264/AAC MP4 and wait for the job (RUN_JOB). The request is MediaConvert's own CreateJob
//! request, in its PascalCase names; the input file comes from the state input.
//! The local run plays MediaConvert.
//!
//! Mirrors the CDK conformance case `mediaconvert-create-job` (state `CreateJob`).
//!
//! ```sh
//! cargo run --example mediaconvert
//! ```

use serde_json::json;
use sfn::workflow;

workflow! {
    /// Transcodes `$.source` to MP4.
    pub MEDIACONVERT {
        CreateJob: MediaConvertCreateJob {
            create_job_request: {
                "Role": "arn:aws:iam::123456789012:role/MediaConvertRole",
                "Settings": {
                    "OutputGroups": [{
                        "Outputs": [{
                            "ContainerSettings": { "Container": "MP4" },
                            "VideoDescription": {
                                "CodecSettings": {
                                    "Codec": "H_264",
                                    "H264Settings": {
                                        "MaxBitrate": 1000,
                                        "RateControlMode": "QVBR",
                                        "SceneChangeDetect": "TRANSITION_DETECTION",
                                    },
                                },
                            },
                            "AudioDescriptions": [{
                                "CodecSettings": {
                                    "Codec": "AAC",
                                    "AacSettings": {
                                        "Bitrate": 96000,
                                        "CodingMode": "CODING_MODE_2_0",
                                        "SampleRate": 48000,
                                    },
                                },
                            }],
                        }],
                        "OutputGroupSettings": {
                            "Type": "FILE_GROUP_SETTINGS",
                            "FileGroupSettings": { "Destination": "s3://EXAMPLE-DESTINATION-BUCKET/" },
                        },
                    }],
                    "Inputs": [{
                        "AudioSelectors": { "Audio Selector 1": { "DefaultSelection": "DEFAULT" } },
                        "FileInput": $.source,
                    }],
                },
            },
            pattern: run_job,
            result_selector: { "jobId": $.Job.Id, "status": $.Job.Status },
        } -> end,
    }
}

fn main() {
    println!("== ASL definition\n{}\n", MEDIACONVERT.definition_pretty());
    println!("== IAM policy\n{}\n", MEDIACONVERT.policy_pretty());

    let executor = MEDIACONVERT
        .executor()
        .map(|e| {
            e.on_resource("arn:aws:states:::mediaconvert:createJob.sync", |p, _| {
                let input = &p["Settings"]["Inputs"][0]["FileInput"];
                println!("   transcoding {input}");
                Ok(json!({"Job": {"Id": "1234-abcd", "Status": "COMPLETE"}}))
            })
        })
        .unwrap_or_else(|e| panic!("MEDIACONVERT is a valid state machine: {e}"));
    println!("== Local run");
    let execution =
        executor.run(json!({"source": "s3://EXAMPLE-SOURCE-BUCKET/EXAMPLE-SOURCE_FILE"}));
    println!(
        "   {:?}: {}",
        execution.status,
        execution.output.unwrap_or_default()
    );
}
