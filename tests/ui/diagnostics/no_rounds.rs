// No rounds: a DSL mistake in one state (a misspelled field) does not turn off the rule set
// for the others. All three mistakes come in one compile: before, only the first did.
sfn::workflow! {
    pub FLOW {
        A: Pass { result_pth: $.a } -> B,
        // ResultPath is a Reference Path: no filter (AWS docs, "ResultPath").
        B: Pass { result_path: $.items[?(@.x > 1)] } -> C,
        // HeartbeatSeconds must be smaller than TimeoutSeconds (AWS docs, "Task state").
        C: Task { resource: "arn:aws:states:::lambda:invoke", timeout: 30s, heartbeat: 1min } -> end,
    }
}

fn main() {}
