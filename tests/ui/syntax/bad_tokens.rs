// Syntax mistakes: each broken state is reported and parsing resumes at the next one.
sfn::workflow! {
    pub FLOW {
        A Pass {} -> B,
        B: Pass { result: 3parsecs } -> C,
        C: Pass { parameters: { Payload: $.x } } -> D,
        D: Pass { result_path: $. } -> E,
        E: Pass {} -> ,
        F: Pass { result: 1.5s } -> end,
    }
}

fn main() {
    // The const still exists: no "cannot find value `FLOW`" on top of the real errors.
    let _ = FLOW.definition();
}
