// Timestamps, Map distributed-only fields, variable names and duplicate names across scopes.
sfn::workflow! {
    pub FLOW {
        A: Wait { timestamp: "2030-01-01 10:00" } -> B,
        B: Map {
            items: $.list,
            label: "batch",
            processor: { A: Pass {} -> end },
        } -> C,
        #[assign({ "states": 1, "ok": 2 })]
        C: Pass {} -> D,
        D: Choice { _ => E },
        E: Pass { output_path: $.a[(@.length-1)] } -> end,
    }
}

fn main() {}
