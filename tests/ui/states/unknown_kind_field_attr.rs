// Unknown state kinds, fields and attributes come with a "did you mean".
sfn::workflow! {
    #[timout = 1h]
    pub FLOW {
        A: Pas {} -> B,
        B: Wait { secnds: 5s } -> C,
        #[retyr(errors = ["States.ALL"])]
        C: Task { resource: "arn:aws:states:::lambda:invoke", result_pth: $.x } -> D,
        #[retry(errors = ["States.ALL"], intervall = 2s)]
        D: Task { resource: "arn:aws:states:::lambda:invoke" } -> E,
        E: Pass { result: 1, result: 2 } -> end,
    }
}

fn main() {}
