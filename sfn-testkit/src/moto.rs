//! moto's server (pinned in .ci/requirements.txt) for tests that deploy or run against a
//! local stand-in for AWS.

use crate::{Server, free_port, http, py_tool};

/// moto's default account (moto docs, "Account ID").
pub const MOTO_ACCOUNT: &str = "123456789012";

/// A running `moto_server` on a free port of 127.0.0.1, stopped when dropped.
pub struct Moto {
    server: Server,
}

impl Moto {
    /// Starts moto's server, or `None` (after saying why) when it is not installed; with
    /// `SFN_REQUIRE_TOOLS=1` a missing moto panics instead (see [`py_tool`]).
    pub fn start() -> Option<Moto> {
        let bin = py_tool("moto_server")?;
        let port = free_port();
        let server = Server::start(&bin, &["-H", "127.0.0.1", "-p", &port.to_string()], port);
        Some(Moto { server })
    }

    /// `http://127.0.0.1:PORT`, the endpoint URL to give an SDK or the AWS CLI.
    pub fn url(&self) -> String {
        self.server.url()
    }

    /// The port it serves on.
    pub fn port(&self) -> u16 {
        self.server.port()
    }

    /// POST /moto-api/config (moto docs, "Configuration: execute_state_machine"): state
    /// machines created after this run their definitions instead of returning canned
    /// results.
    ///
    /// Panics if moto refuses.
    pub fn execute_state_machines(&self) {
        let answer = http::post(
            self.port(),
            "/moto-api/config",
            &["Content-Type: application/json"],
            r#"{"stepfunctions": {"execute_state_machine": true}}"#,
        );
        assert!(
            (200..300).contains(&answer.status),
            "moto config: {answer:?}"
        );
    }
}
