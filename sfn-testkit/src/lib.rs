//! Test support for the workspace: where the pinned third-party tools are (moto's server,
//! boto3, the AWS CLI, cfn-lint from `.ci/py-tools`), moto started on a free port, free ports on 127.0.0.1,
//! child processes that are stopped when the test lets go of them, and a plain HTTP POST.
//!
//! A test that needs a tool calls [`py_tool`]: with the tool missing it gets `None` and skips
//! with a message, unless `SFN_REQUIRE_TOOLS=1` (as `.ci/run` sets), where a missing tool panics
//! so CI cannot pass by skipping.

pub mod http;
mod moto;
mod process;
mod tools;

pub use moto::{MOTO_ACCOUNT, Moto};
pub use process::{Server, free_port, wait_for_port};
pub use tools::{py_tool, py_tools_dir, workspace_root};
