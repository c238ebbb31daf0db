// Expansions are hygienic: no warning under `#![deny(warnings)]`, no reliance on the prelude
// (`#[no_implicit_prelude]`), and local items named `sfn` / `serde_json` (or `Option`,
// `Vec`, `String`) do not capture the expansion's paths. The consts' types are written out,
// so rust-analyzer (and the `let _: ::sfn::Workflow` below) sees them without expanding.
// `tests/hygiene.rs` compiles the same shapes under `clippy::pedantic`.
#![deny(warnings)]

#[no_implicit_prelude]
mod user {
    // Names the expansion must not pick up.
    pub mod sfn {}
    pub mod serde_json {}
    pub struct Option;
    pub struct Vec;
    pub struct String;

    ::sfn::workflow! {
        /// Two states, a Choice, a Map and a catalogue task.
        #[timeout = 1h]
        pub FLOW {
            Call: LambdaInvoke {
                lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:f",
                result_path: $.out,
            } -> Route,
            Route: Choice {
                $.out.Payload.ready == true => Fan,
                _ => Done,
            },
            Fan: Map { items: $.list, processor: { Step: Pass -> end } } -> Done,
            Done: Succeed,
        }

        pub(crate) SECOND {
            Only: Pass { result: { "ok": true } } -> end,
        }
    }

    #[derive(::sfn::Task)]
    #[task(resource = "arn:aws:states:::events:putEvents", rename_all = "PascalCase")]
    pub struct Alert {
        pub detail: ::sfn::tasks::custom::Json,
    }

    ::sfn::workflow! {
        pub CUSTOM {
            Send: self::Alert { detail: { "n": $.n } } -> end,
        }
    }
}

#[::sfn::workflow_module]
#[no_implicit_prelude]
mod orders {
    pub mod sfn {}
    pub mod serde_json {}

    #[::sfn::lambda]
    pub fn charge(amount: u32) -> ::std::result::Result<u32, ::std::string::String> {
        ::std::result::Result::Ok(amount)
    }

    ::sfn::workflow! {
        pub FLOW {
            Charge: LambdaInvoke { lambda_function: charge } -> end,
        }
    }
}

fn main() {
    let _: ::sfn::Workflow = user::FLOW;
    let _: ::sfn::Workflow = user::SECOND;
    let _: ::sfn::Workflow = user::CUSTOM;
    let _: ::sfn::Workflow = orders::WORKFLOW;
    let _: ::sfn::exec::Executor = orders::executor();
}
