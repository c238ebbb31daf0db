//! The virtual clock: Wait states, retry backoff and timeouts advance it instead of
//! sleeping, so a workflow that waits a year runs in microseconds. Also RFC 3339
//! timestamps (the profile ASL uses) to and from milliseconds since the Unix epoch.

/// Default start of an execution on the virtual clock: 2024-01-01T00:00:00Z.
pub const DEFAULT_START_MS: i64 = 1_704_067_200_000;

/// Parses an ASL timestamp (RFC 3339 with an upper-case `T`, and `Z` or a numeric offset)
/// into milliseconds since the Unix epoch. Fractions beyond milliseconds are truncated.
pub fn parse_timestamp(text: &str) -> Option<i64> {
    crate::asl::timestamp::to_millis(text)
}

/// Formats milliseconds since the Unix epoch as `2024-01-01T00:00:00.000Z`.
pub fn format_timestamp(ms: i64) -> String {
    crate::asl::timestamp::format_millis(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_offsets() {
        assert_eq!(
            format_timestamp(DEFAULT_START_MS),
            "2024-01-01T00:00:00.000Z"
        );
        let a = parse_timestamp("2016-03-14T01:59:00Z").unwrap();
        assert_eq!(format_timestamp(a), "2016-03-14T01:59:00.000Z");
        assert_eq!(parse_timestamp("2016-03-14T02:59:00+01:00"), Some(a));
        assert_eq!(parse_timestamp("2016-03-14T01:59:00.123Z"), Some(a + 123));
        assert_eq!(parse_timestamp("2016-03-14T01:59:00.5Z"), Some(a + 500));
    }

    #[test]
    fn rejects_what_aws_rejects() {
        for bad in [
            "2016-12-05 21:29:29Z",
            "2016-12-05T21:29:29",
            "2016-13-05T21:29:29Z",
            "2016-12-05T25:29:29Z",
            "05-12-2016T21:29:29Z",
            "2016-02-30T00:00:00Z",
            "2016-12-05t21:29:29Z",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }
}
