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
    use serde_json::json;

    use crate::asl::timestamp::vectors::{ACCEPTED, REFUSED};

    /// The rule over a Wait state's literal `Timestamp`: the reader's vectors, through the
    /// rule (pointer and code), so the rule and the reader cannot drift apart.
    fn codes(timestamp: &str) -> Vec<(String, &'static str)> {
        let d = json!({ "StartAt": "W", "States": { "W": { "Type": "Wait", "Timestamp": timestamp, "End": true } } });
        super::super::validate_value(&d)
            .into_iter()
            .map(|d| (d.pointer, d.code))
            .collect()
    }

    #[test]
    fn accepts_the_documented_forms() {
        for s in ACCEPTED {
            assert_eq!(codes(s), [], "{s}");
        }
    }

    #[test]
    fn rejects_the_recorded_bad_forms() {
        for s in REFUSED {
            assert_eq!(
                codes(s),
                [("/States/W/Timestamp".to_owned(), "timestamp-format")],
                "{s}"
            );
        }
    }
}
