//! RFC 3339 timestamps as ASL accepts them (§9): `2016-03-14T01:59:00Z`,
//! `2016-03-14T01:59:00.123Z`, `2016-03-14T02:59:00+01:00`; upper-case `T` and `Z`.

/// Why `s` is not an ASL timestamp.
pub(crate) fn check(s: &str) -> Result<(), String> {
    let b = s.as_bytes();
    let digits = |from: usize, n: usize| -> Option<u32> {
        let part = b.get(from..from + n)?;
        part.iter().try_fold(0u32, |acc, &c| {
            c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
        })
    };
    let sep = |at: usize, c: u8| b.get(at) == Some(&c);
    let (Some(year), Some(month), Some(day)) = (digits(0, 4), digits(5, 2), digits(8, 2)) else {
        return Err("expected a date `YYYY-MM-DD` at the start".to_owned());
    };
    if !sep(4, b'-') || !sep(7, b'-') {
        return Err("expected a date `YYYY-MM-DD` at the start".to_owned());
    }
    if !sep(10, b'T') {
        return Err("expected an upper-case `T` between date and time".to_owned());
    }
    let (Some(hour), Some(minute), Some(second)) = (digits(11, 2), digits(14, 2), digits(17, 2))
    else {
        return Err("expected a time `hh:mm:ss` after `T`".to_owned());
    };
    if !sep(13, b':') || !sep(16, b':') {
        return Err("expected a time `hh:mm:ss` after `T`".to_owned());
    }
    if !(1..=12).contains(&month) {
        return Err(format!("month {month} is out of range"));
    }
    if day == 0 || day > days_in(year, month) {
        return Err(format!(
            "day {day} does not exist in month {month} of {year}"
        ));
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!(
            "time {hour:02}:{minute:02}:{second:02} is out of range"
        ));
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
        Some(b'Z') if at + 1 == b.len() => Ok(()),
        Some(b'+' | b'-') => {
            let (Some(h), Some(m)) = (digits(at + 1, 2), digits(at + 4, 2)) else {
                return Err("expected an offset `+hh:mm` or `-hh:mm`".to_owned());
            };
            if !sep(at + 3, b':') || at + 6 != b.len() || h > 23 || m > 59 {
                return Err("expected an offset `+hh:mm` or `-hh:mm` at the end".to_owned());
            }
            Ok(())
        }
        None => Err(
            "missing time zone: end with an upper-case `Z` or an offset such as `+01:00`"
                .to_owned(),
        ),
        Some(_) => {
            Err("expected an upper-case `Z` or an offset `+hh:mm` after the time".to_owned())
        }
    }
}

fn days_in(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// §9: literal timestamps (Wait `Timestamp`, Choice `Timestamp...` operators) are RFC 3339.
pub(crate) fn timestamp_format(doc: &super::doc::Doc, sink: &mut super::diagnostic::Sink) {
    use super::fields::Kind;
    for (obj, key, value, field) in doc.fields() {
        let literal = match field.kind(obj.lang) {
            Kind::Timestamp => value.as_str(),
            Kind::OrJsonata(Kind::Timestamp) => value
                .as_str()
                .filter(|s| crate::jsonata::expression(s).is_none()),
            _ => None,
        };
        if let Some(Err(why)) = literal.map(check) {
            sink.emit_hint(
                super::diagnostic::child(&obj.pointer, key),
                format!("`{key}` is not an RFC 3339 timestamp: {why}"),
                Some(
                    "write it like `2016-03-14T01:59:00Z` or `2016-03-14T01:59:00+01:00`"
                        .to_owned(),
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn accepts_the_documented_forms() {
        for s in [
            "2016-03-14T01:59:00Z",
            "2016-03-14T01:59:00.123Z",
            "2016-03-14T02:59:00+01:00",
            "2024-02-29T00:00:00-05:30",
        ] {
            assert_eq!(check(s), Ok(()), "{s}");
        }
    }

    #[test]
    fn rejects_the_recorded_bad_forms() {
        for s in [
            "2016-12-05 21:29:29Z",
            "2016-12-05T21:29:29",
            "2016-13-05T21:29:29Z",
            "2016-12-05T25:29:29Z",
            "05-12-2016T21:29:29Z",
            "2016-12-05t21:29:29z",
            "2023-02-29T00:00:00Z",
            "2016-12-05T21:29:29Zjunk",
            "",
        ] {
            assert!(check(s).is_err(), "{s}");
        }
    }
}
