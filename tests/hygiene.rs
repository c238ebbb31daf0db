//! The expansions are clean user code: this file denies every warning and `clippy::pedantic`
//! (`cargo clippy -p sfn --all-targets -- -D warnings` lints it), has no implicit prelude in
//! the modules that use the macros, and declares local items named `sfn` and `serde_json`.
//! `tests/ui/pass/hygiene.rs` is the same check for rustc alone, as a trybuild case.
#![deny(warnings, clippy::pedantic)]

#[no_implicit_prelude]
mod user {
    pub mod sfn {}
    pub mod serde_json {}

    ::sfn::workflow! {
        /// A catalogue task, a Choice and a Map.
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
    }

    #[derive(::sfn::Task)]
    #[task(
        resource = "arn:aws:states:::events:putEvents",
        rename_all = "PascalCase"
    )]
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

    /// Doubles the amount (a handler in the form `workflow_module` binds).
    ///
    /// # Errors
    /// Never; a handler returns a `Result` so it can fail the state.
    #[::sfn::lambda]
    pub fn charge(amount: u32) -> ::std::result::Result<u32, ::std::string::String> {
        amount
            .checked_mul(2)
            .ok_or_else(|| ::std::string::ToString::to_string("overflow"))
    }

    ::sfn::workflow! {
        pub FLOW {
            Charge: LambdaInvoke { lambda_function: charge } -> end,
        }
    }
}

#[test]
fn hygienic_expansions_define_their_workflows() {
    let flow: sfn::Workflow = user::FLOW;
    assert!(flow.definition().contains(r#""StartAt":"Call""#));
    let custom: sfn::Workflow = user::CUSTOM;
    assert!(
        custom.definition().contains("events:putEvents"),
        "{}",
        custom.definition()
    );
    let module: sfn::Workflow = orders::WORKFLOW;
    assert!(module.definition().contains(r#""Charge""#));
    let _: sfn::exec::Executor = orders::executor();
}
