//! The exit codes of every `sfn` command, in one table.
//!
//! | code | meaning |
//! | ---- | ------- |
//! | 0    | done: every file valid, the diagram or source printed, the execution succeeded |
//! | 1    | the input has problems (diagnostics printed), or the execution failed or timed out |
//! | 2    | the command could not do its work: bad usage, a file unreadable, not UTF-8, not JSON or YAML |

use std::process::ExitCode;

/// How a command ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Exit {
    /// 0: done.
    Success,
    /// 1: the input has problems, or the execution failed.
    Invalid,
    /// 2: the command could not do its work.
    Unusable,
}

impl Exit {
    /// The process exit code.
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Invalid => 1,
            Exit::Unusable => 2,
        }
    }
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit.code())
    }
}
