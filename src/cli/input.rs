//! Reading a command's input file (`-` is standard input).

use std::io::Read;

/// The text of `file`, or a message naming the file and what went wrong.
pub fn read_input(file: &str) -> Result<String, String> {
    if file == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| format!("<stdin>: cannot read: {e}"))?;
        return Ok(text);
    }
    std::fs::read_to_string(file).map_err(|e| format!("{file}: cannot read: {e}"))
}
