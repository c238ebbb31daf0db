//! Parsing of JsonPaths and Reference Paths.

mod cursor;
mod filter;
pub(crate) mod lexeme;
mod path;

pub(crate) use cursor::Cursor;
pub(crate) use path::Mode;

use crate::path::ast::Path;
use crate::path::error::ParseError;
use path::PathParser;

/// Parses a JsonPath in the full Step Functions dialect: `$`, `$$` (context object) or
/// `$name` (variable), then names, indexes, wildcards, deep scans, unions, slices and filters.
///
/// ```
/// let p = sfn_runtime::path::parse_path("$.store.book[?(@.price < 10)].title").unwrap();
/// assert!(!p.is_definite());
/// ```
pub fn parse_path(src: &str) -> Result<Path, ParseError> {
    parse_whole(src, Mode::Full)
}

/// Parses a Reference Path: a path that can only ever select one node (names, quoted
/// names and non-negative indexes).
///
/// ```
/// assert!(sfn_runtime::path::parse_reference_path("$.a['b c'][0]").is_ok());
/// assert!(sfn_runtime::path::parse_reference_path("$.a[*]").is_err());
/// ```
pub fn parse_reference_path(src: &str) -> Result<Path, ParseError> {
    parse_whole(src, Mode::Reference)
}

fn parse_whole(src: &str, mode: Mode) -> Result<Path, ParseError> {
    let mut cur = Cursor::new(src, 0);
    let path = parse_at(&mut cur, mode)?;
    if cur.peek() == Some('(') {
        return Err(cur.error("path functions such as `length()` are not supported"));
    }
    if !cur.at_end() {
        return Err(cur.expected("`.`, `[` or the end of the path"));
    }
    Ok(path)
}

/// Parses a path starting at the cursor and stops at the first character that cannot
/// continue it (used for intrinsic arguments).
pub(crate) fn parse_at(cur: &mut Cursor, mode: Mode) -> Result<Path, ParseError> {
    let mut parser = PathParser {
        cur,
        mode,
        depth: 0,
        in_filter: false,
    };
    parser.path()
}
