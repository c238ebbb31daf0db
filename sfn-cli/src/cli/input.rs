//! Reading a command's input (`-` is standard input), with errors in the commands' shared
//! `FILE:...` form.

use std::io::Read;

use serde_json::Value;

/// How `file` is named in messages: `<stdin>` for `-`.
pub fn display_name(file: &str) -> &str {
    if file == "-" { "<stdin>" } else { file }
}

/// The text of `file`, or a message naming the file and what went wrong.
pub fn read_input(file: &str) -> Result<String, String> {
    let mut text = String::new();
    let read = if file == "-" {
        std::io::stdin().read_to_string(&mut text).map(|_| ())
    } else {
        std::fs::read_to_string(file).map(|t| text = t)
    };
    read.map_err(|e| format!("{}: cannot read: {e}", display_name(file)))?;
    Ok(text)
}

/// `text` as JSON; an error says `WHAT:LINE:COLUMN: not JSON: ..`.
pub fn parse_json(text: &str, what: &str) -> Result<Value, String> {
    serde_json::from_str(text)
        .map_err(|e| format!("{what}:{}:{}: not JSON: {e}", e.line(), e.column()))
}

/// The JSON document in `file`.
pub fn read_json(file: &str) -> Result<Value, String> {
    parse_json(&read_input(file)?, display_name(file))
}
