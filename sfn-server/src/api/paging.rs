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
