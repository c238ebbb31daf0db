//! ASL timestamps (§9): RFC 3339 with an upper-case `T` and `Z` or a numeric offset
//! (`2016-03-14T01:59:00Z`, `2016-03-14T01:59:00.123Z`, `2016-03-14T02:59:00+01:00`), read
//! and written by chrono; this file adds only the profile ASL narrows RFC 3339 to and the
//! wording of what is wrong.

use chrono::{DateTime, FixedOffset, NaiveDate, SecondsFormat, Utc};

/// Reads an ASL timestamp; the error says what is wrong, for diagnostics.
///
/// # Errors
/// A message naming the first problem (shape, month, day, time, zone).
pub fn parse(text: &str) -> Result<DateTime<FixedOffset>, String> {
    let b = text.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    // The profile first: chrono's RFC 3339 reader also takes `t`, `z` and a space.
    let (Some(year), Some(month), Some(day)) = (digits(0, 4), digits(5, 2), digits(8, 2)) else {
        return Err("expected a date `YYYY-MM-DD` at the start".to_owned());
    };
    if !sep(4, b'-') || !sep(7, b'-') {
        return Err("expected a date `YYYY-MM-DD` at the start".to_owned());
    }
    if !sep(10, b'T') {
        return Err("expected an upper-case `T` between date and time".to_owned());
    }
    if digits(11, 2).is_none()
        || digits(14, 2).is_none()
        || digits(17, 2).is_none()
        || !sep(13, b':')
        || !sep(16, b':')
    {
        return Err("expected a time `hh:mm:ss` after `T`".to_owned());
    }
    let mut at = 19;
    if sep(at, b'.') {
        at += 1;
        let start = at;
        while b.get(at).is_some_and(u8::is_ascii_digit) {
            at += 1;
        }
        if at == start {
            return Err("expected digits after the decimal point".to_owned());
        }
    }
    match b.get(at) {
        Some(b'Z') if at + 1 == b.len() => {}
        Some(b'+' | b'-') if at + 6 == b.len() && sep(at + 3, b':') => {}
        Some(b'+' | b'-') => {
            return Err("expected an offset `+hh:mm` or `-hh:mm` at the end".to_owned());
        }
        None => {
            return Err(
                "missing time zone: end with an upper-case `Z` or an offset such as `+01:00`"
                    .to_owned(),
            );
        }
        Some(_) => {
            return Err(
                "expected an upper-case `Z` or an offset `+hh:mm` after the time".to_owned(),
            );
        }
    }
    // The calendar and the clock: chrono.
    DateTime::parse_from_rfc3339(text).map_err(|_| {
        if !(1..=12).contains(&month) {
            format!("month {month} is out of range")
        } else if NaiveDate::from_ymd_opt(i32::try_from(year).unwrap_or(0), month, day).is_none() {
            format!("day {day} does not exist in month {month} of {year}")
        } else {
            let time = text.get(11..19).unwrap_or_default();
            let zone = text.get(at..).unwrap_or_default();
            format!("time {time} or offset {zone} is out of range")
        }
    })
}

/// Milliseconds since the Unix epoch of an ASL timestamp (fractions beyond milliseconds
/// are truncated), or `None` when `text` is not one.
pub fn to_millis(text: &str) -> Option<i64> {
    parse(text).ok().map(|t| t.timestamp_millis())
}

/// `ms` since the Unix epoch as the service writes times: `2024-01-01T00:00:00.000Z`.
/// Instants outside chrono's range (about ±262,000 years) are clamped to it.
pub fn format_millis(ms: i64) -> String {
    let time = DateTime::<Utc>::from_timestamp_millis(ms).unwrap_or(if ms < 0 {
        DateTime::<Utc>::MIN_UTC
    } else {
        DateTime::<Utc>::MAX_UTC
    });
    time.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// The test vectors of the reader, shared with the `timestamp-format` rule's tests so both
/// are held to one list.
#[cfg(test)]
pub(crate) mod vectors {
    /// The forms the AWS documentation shows (Wait `Timestamp`, Choice timestamp operators).
    pub(crate) const ACCEPTED: &[&str] = &[
        "2016-03-14T01:59:00Z",
        "2016-03-14T01:59:00.123Z",
        "2016-03-14T02:59:00+01:00",
        "2024-02-29T00:00:00-05:30",
    ];

    /// Forms the service refuses (recorded CreateStateMachine calls: space for `T`, no
    /// offset, lower-case `t`/`z`, impossible dates, trailing text, `+0100`).
    pub(crate) const REFUSED: &[&str] = &[
        "2016-12-05 21:29:29Z",
        "2016-12-05T21:29:29",
        "2016-13-05T21:29:29Z",
        "2016-12-05T25:29:29Z",
        "05-12-2016T21:29:29Z",
        "2016-12-05t21:29:29z",
        "2016-12-05T21:29:29z",
        "2023-02-29T00:00:00Z",
        "2016-12-05T21:29:29Zjunk",
        "2016-12-05T21:29:29+0100",
        "",
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_documented_forms() {
        for s in vectors::ACCEPTED {
            assert!(parse(s).is_ok(), "{s}");
        }
    }

    #[test]
    fn service_edge_cases() {
        // Fractions of any length; beyond milliseconds truncated (Wait/Choice compare ms).
        assert_eq!(to_millis("1970-01-01T00:00:00.1Z"), Some(100));
        assert_eq!(to_millis("1970-01-01T00:00:00.123456789Z"), Some(123));
        // Offsets move the instant: the same moment written three ways.
        let utc = to_millis("2016-03-14T01:59:00Z");
        assert_eq!(to_millis("2016-03-14T02:59:00+01:00"), utc);
        assert_eq!(to_millis("2016-03-13T20:29:00-05:30"), utc);
        // Leap years: 2024 and 2000 have 29 February, 2023 and 1900 do not.
        assert!(parse("2024-02-29T00:00:00Z").is_ok());
        assert!(parse("2000-02-29T00:00:00Z").is_ok());
        assert_eq!(
            parse("2023-02-29T00:00:00Z").unwrap_err(),
            "day 29 does not exist in month 2 of 2023"
        );
        assert_eq!(
            parse("1900-02-29T00:00:00Z").unwrap_err(),
            "day 29 does not exist in month 2 of 1900"
        );
        // Out of range.
        assert_eq!(
            parse("2016-13-05T21:29:29Z").unwrap_err(),
            "month 13 is out of range"
        );
        assert!(
            parse("2016-12-05T25:29:29Z")
                .unwrap_err()
                .contains("out of range")
        );
        assert!(
            parse("2016-12-05T21:29:29+24:00")
                .unwrap_err()
                .contains("out of range")
        );
        // Before the epoch and far ahead.
        assert_eq!(to_millis("1969-12-31T23:59:59.999Z"), Some(-1));
        assert_eq!(format_millis(-1), "1969-12-31T23:59:59.999Z");
        assert_eq!(
            format_millis(to_millis("9999-12-31T23:59:59.999Z").unwrap()),
            "9999-12-31T23:59:59.999Z"
        );
    }

    #[test]
    fn rejects_the_recorded_bad_forms() {
        for s in vectors::REFUSED {
            assert!(parse(s).is_err(), "{s}");
        }
    }
}
