//! `nextToken`/`maxResults` pagination: tokens are opaque to clients; here they carry the
//! position of the next item, which stays valid while new items arrive.

use super::checks::Checks;
use super::error::ApiError;

/// The page size the service uses when `maxResults` is absent or 0.
pub const DEFAULT_PAGE: usize = 100;

/// Checks `maxResults` (0..=1000) and `nextToken` (1..=1024 characters; the service's
/// constraints) and returns `(page size, position)`.
pub fn page(
    checks: &mut Checks,
    max_results: Option<i64>,
    next_token: Option<&str>,
) -> Result<(usize, Option<u64>), ApiError> {
    checks.range("maxResults", max_results, 0, 1000);
    checks.length("nextToken", next_token, 1, 1024);
    let size = match max_results {
        Some(n) if n > 0 => usize::try_from(n).unwrap_or(DEFAULT_PAGE),
        _ => DEFAULT_PAGE,
    };
    let position = match next_token {
        None => None,
        Some(token) => Some(
            token
                .strip_prefix("sfn-page-")
                .and_then(|n| n.parse::<u64>().ok())
                .ok_or_else(|| {
                    ApiError::new(
                        "InvalidToken",
                        format!("Invalid Token: '{token}' is not a nextToken this endpoint gave"),
                    )
                })?,
        ),
    };
    Ok((size, position))
}

/// The `nextToken` for a page that stopped before the item at `position`.
pub fn token(position: u64) -> String {
    format!("sfn-page-{position}")
}

/// One page of `items` (in listing order, already starting at the token's position): at
/// most `size` of them, and the token of the item after the page if there is one.
pub fn take<T>(
    items: impl IntoIterator<Item = T>,
    size: usize,
    position: impl Fn(&T) -> u64,
) -> (Vec<T>, Option<String>) {
    let mut page = Vec::new();
    for item in items {
        if page.len() == size {
            return (page, Some(token(position(&item))));
        }
        page.push(item);
    }
    (page, None)
}

/// A list response: `{"<member>": [...], "nextToken": ".."}` (no token on the last page).
pub fn respond(
    member: &str,
    items: Vec<serde_json::Value>,
    next: Option<String>,
) -> serde_json::Value {
    let mut out = serde_json::Map::new();
    out.insert(member.into(), serde_json::Value::Array(items));
    if let Some(next) = next {
        out.insert("nextToken".into(), serde_json::Value::String(next));
    }
    serde_json::Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_ends_with_the_token_of_the_next_item() {
        let (page, next) = take([3u64, 5, 8], 2, |n| *n);
        assert_eq!(page, [3, 5]);
        assert_eq!(next.as_deref(), Some("sfn-page-8"));
        let mut checks = Checks::new();
        assert_eq!(page_of(&mut checks, next.as_deref()), Some(8));
        let (page, next) = take([3u64, 5], 2, |n| *n);
        assert_eq!((page.len(), next), (2, None));
    }

    fn page_of(checks: &mut Checks, token: Option<&str>) -> Option<u64> {
        page(checks, None, token).unwrap().1
    }
}
