//! The `timestamp-format` rule: literal timestamps are ASL timestamps (§9), as
//! [`crate::asl::timestamp`] reads them.

/// Why `s` is not an ASL timestamp.
pub(crate) fn check(s: &str) -> Result<(), String> {
    crate::asl::timestamp::parse(s).map(|_| ())
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
