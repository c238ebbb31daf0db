//! YAML documents (`.asl.yaml`, SAM and CloudFormation templates) read into the JSON value
//! they stand for, with the position of every value and the keys written twice.
//!
//! The events come from saphyr-parser (YAML 1.2, spans on every event); this file turns
//! them into JSON the way CloudFormation and the Step Functions console do: the YAML 1.2
//! core schema for plain scalars, and CloudFormation's short forms (`!Ref X` is
//! `{"Ref": "X"}`, `!GetAtt A.B` is `{"Fn::GetAtt": ["A", "B"]}`, `!Sub ..` is
//! `{"Fn::Sub": ..}`, and so on).

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, ScalarStyle, ScanError, Span as YamlSpan, StrInput, Tag};
use serde_json::{Map, Value};

use super::spans::{Span, Spans, StringForm, child};

/// Nesting deeper than this is refused (the builder recurses once per level).
const MAX_DEPTH: usize = 512;

/// Values an alias may expand to in total: a few anchors referring to each other would
/// otherwise build an exponentially large value ("billion laughs").
const MAX_NODES: usize = 1_000_000;

/// A YAML document read as JSON.
pub struct Read {
    /// The JSON value.
    pub value: Value,
    /// Keys written twice: (pointer of the object, key); the last one wins in `value`.
    pub duplicates: Vec<(String, String)>,
    /// Where each value is.
    pub spans: Spans,
}

/// Why a text is not a YAML document sfn can read, and where (a byte offset).
pub struct YamlError {
    /// Byte offset of the problem.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// Reads `text`, one YAML document.
pub fn read(text: &str) -> Result<Read, YamlError> {
    let builder = Builder {
        parser: Parser::new_from_str(text),
        bytes: ByteIndex::new(text),
        spans: Spans::default(),
        duplicates: Vec::new(),
        anchors: HashMap::new(),
        nodes: 0,
    };
    builder.document()
}

struct Builder<'t> {
    parser: Parser<'t, StrInput<'t>>,
    bytes: ByteIndex<'t>,
    spans: Spans,
    duplicates: Vec<(String, String)>,
    /// Anchor id -> (value, number of values in it).
    anchors: HashMap<usize, (Value, usize)>,
    nodes: usize,
}

impl<'t> Builder<'t> {
    fn next(&mut self) -> Result<(Event<'t>, YamlSpan), YamlError> {
        match self.parser.next_event() {
            Some(Ok(event)) => Ok(event),
            Some(Err(e)) => Err(self.scan_error(&e)),
            None => Err(YamlError {
                offset: self.bytes.text.len(),
                message: "unexpected end of the YAML text".into(),
            }),
        }
    }

    fn scan_error(&mut self, e: &ScanError) -> YamlError {
        YamlError {
            offset: self.bytes.byte(e.marker().index()),
            message: e.info().to_owned(),
        }
    }

    fn error(&mut self, at: YamlSpan, message: impl Into<String>) -> YamlError {
        YamlError {
            offset: self.bytes.byte(at.start.index()),
            message: message.into(),
        }
    }

    fn document(mut self) -> Result<Read, YamlError> {
        let mut value = None;
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::StreamStart | Event::DocumentEnd | Event::Nothing => {}
                Event::DocumentStart(_) if value.is_some() => {
                    return Err(self.error(span, "more than one YAML document in the file; give one definition or template per file"));
                }
                Event::DocumentStart(_) => {
                    let (event, span) = self.next()?;
                    value = Some(self.node(event, span, String::new(), None, 0)?);
                }
                Event::StreamEnd => break,
                _ => return Err(self.error(span, "unexpected YAML event outside a document")),
            }
        }
        let Some(value) = value else {
            return Err(YamlError {
                offset: 0,
                message: "the YAML text holds no document".into(),
            });
        };
        Ok(Read {
            value,
            duplicates: self.duplicates,
            spans: self.spans,
        })
    }

    fn node(
        &mut self,
        event: Event<'t>,
        span: YamlSpan,
        pointer: String,
        key: Option<std::ops::Range<usize>>,
        depth: usize,
    ) -> Result<Value, YamlError> {
        if depth > MAX_DEPTH {
            return Err(self.error(span, format!("nested more than {MAX_DEPTH} levels deep")));
        }
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(self.error(
                span,
                format!("more than {MAX_NODES} values (aliases included)"),
            ));
        }
        let start = self.bytes.byte(span.start.index());
        let (value, anchor, tag, form, end) = match event {
            Event::Scalar(text, style, anchor, tag) => {
                let end = self.bytes.byte(span.end.index());
                let value = match &tag {
                    Some(tag) if !tag.is_yaml_core_schema() => Value::String(text.to_string()),
                    Some(tag) => core_tagged(&text, &tag.suffix).ok_or_else(|| {
                        self.error(span, format!("`{text}` is not a valid !!{}", tag.suffix))
                    })?,
                    None if style == ScalarStyle::Plain => {
                        plain(&text).map_err(|why| self.error(span, why))?
                    }
                    None => Value::String(text.to_string()),
                };
                let form = value.is_string().then(|| {
                    let raw = &self.bytes.text[start..end];
                    match style {
                        ScalarStyle::DoubleQuoted if !raw.contains('\n') => StringForm::Escaped,
                        ScalarStyle::Literal => StringForm::Block,
                        ScalarStyle::Plain | ScalarStyle::SingleQuoted
                            if raw.trim_matches('\'').starts_with(text.as_ref()) =>
                        {
                            StringForm::Verbatim
                        }
                        _ => StringForm::Opaque,
                    }
                });
                let start =
                    if form == Some(StringForm::Verbatim) && style == ScalarStyle::SingleQuoted {
                        start + 1
                    } else {
                        start
                    };
                (value, anchor, tag, form, end.max(start))
            }
            Event::SequenceStart(anchor, tag) => {
                let mut items = Vec::new();
                loop {
                    let (event, span) = self.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    let item = format!("{pointer}/{}", items.len());
                    items.push(self.node(event, span, item, None, depth + 1)?);
                }
                (Value::Array(items), anchor, tag, None, start + 1)
            }
            Event::MappingStart(anchor, tag) => {
                let mut map = Map::new();
                loop {
                    let (event, key_span) = self.next()?;
                    let name = match event {
                        Event::MappingEnd => break,
                        Event::Scalar(text, ..) => text.to_string(),
                        _ => {
                            return Err(self.error(
                                key_span,
                                "a key must be a string (JSON has no other keys)",
                            ));
                        }
                    };
                    let key_range = self.bytes.byte(key_span.start.index())
                        ..self.bytes.byte(key_span.end.index());
                    let here = child(&pointer, &name);
                    let (event, span) = self.next()?;
                    let before = self.duplicates.len();
                    let value = self.node(event, span, here.clone(), Some(key_range), depth + 1)?;
                    if map.contains_key(&name) {
                        // The earlier value is replaced: duplicates met inside it no longer exist.
                        let inside = format!("{here}/");
                        let mut index = 0;
                        self.duplicates.retain(|(object, _)| {
                            let keep = index >= before
                                || (*object != here && !object.starts_with(&inside));
                            index += 1;
                            keep
                        });
                        self.duplicates.push((pointer.clone(), name.clone()));
                    }
                    map.insert(name, value);
                }
                (Value::Object(map), anchor, tag, None, start + 1)
            }
            Event::Alias(id) => {
                let Some((value, size)) = self.anchors.get(&id).cloned() else {
                    return Err(self.error(
                        span,
                        "an alias names an anchor that is not defined before it",
                    ));
                };
                self.nodes += size;
                if self.nodes > MAX_NODES {
                    return Err(self.error(
                        span,
                        format!("more than {MAX_NODES} values (aliases included)"),
                    ));
                }
                (
                    value,
                    0,
                    None,
                    None,
                    self.bytes.byte(span.end.index()).max(start + 1),
                )
            }
            _ => return Err(self.error(span, "unexpected YAML event")),
        };
        let value = match tag {
            Some(tag) if !tag.is_yaml_core_schema() => {
                cloudformation(&tag, value).map_err(|why| self.error(span, why))?
            }
            _ => value,
        };
        if anchor > 0 {
            self.anchors.insert(anchor, (value.clone(), count(&value)));
        }
        self.spans.insert(
            pointer,
            Span {
                value: start..end,
                key,
                form,
                collection: value.is_array() || value.is_object(),
            },
        );
        Ok(value)
    }
}

/// Values in `value` (itself included).
fn count(value: &Value) -> usize {
    match value {
        Value::Array(items) => 1 + items.iter().map(count).sum::<usize>(),
        Value::Object(map) => 1 + map.values().map(count).sum::<usize>(),
        _ => 1,
    }
}

/// A plain scalar under the YAML 1.2 core schema.
fn plain(text: &str) -> Result<Value, String> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Ok(Value::Null),
        "true" | "True" | "TRUE" => return Ok(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Ok(Value::Bool(false)),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => {
            return Err(format!(
                "`{text}` is a YAML number that JSON cannot hold; quote it for a string"
            ));
        }
        _ => {}
    }
    if let Some(number) = number(text) {
        return Ok(number);
    }
    Ok(Value::String(text.to_owned()))
}

/// A core-schema number, kept as written when JSON can write it the same way.
fn number(text: &str) -> Option<Value> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let negative = text.starts_with('-');
    let radix = |digits: &str, radix| {
        let n = i128::from_str_radix(digits, radix).ok()?;
        let n = if negative { -n } else { n };
        serde_json::from_str::<Value>(&n.to_string()).ok()
    };
    if let Some(hex) = text.strip_prefix("0x") {
        return radix(hex, 16);
    }
    if let Some(octal) = text.strip_prefix("0o") {
        return radix(octal, 8);
    }
    let first = unsigned.chars().next()?;
    if !(first.is_ascii_digit() || first == '.')
        || !unsigned
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
    {
        return None;
    }
    // JSON needs a digit around the point (`1.` and `.5` are YAML numbers).
    let mut json = unsigned.to_owned();
    if json.starts_with('.') {
        json.insert(0, '0');
    }
    if let Some(at) = json.find('.')
        && !json[at + 1..].starts_with(|c: char| c.is_ascii_digit())
    {
        json.insert(at + 1, '0');
    }
    if negative {
        json.insert(0, '-');
    }
    serde_json::from_str::<Value>(&json)
        .ok()
        .filter(Value::is_number)
}

/// A scalar with an explicit core-schema tag (`!!str 1`, `!!int "3"`).
fn core_tagged(text: &str, suffix: &str) -> Option<Value> {
    match suffix {
        "str" => Some(Value::String(text.to_owned())),
        "null" => Some(Value::Null),
        "bool" => match plain(text).ok()? {
            b @ Value::Bool(_) => Some(b),
            _ => None,
        },
        "int" | "float" => number(text),
        _ => None,
    }
}

/// CloudFormation's short form `!Name value`, as its long form.
fn cloudformation(tag: &Tag, value: Value) -> Result<Value, String> {
    let name = tag.suffix.as_str();
    let value = match (name, value) {
        // `!GetAtt Resource.Attribute` is the list form split at the first dot.
        ("GetAtt", Value::String(s)) => match s.split_once('.') {
            Some((resource, attribute)) => Value::Array(vec![resource.into(), attribute.into()]),
            None => return Err(format!("`!GetAtt {s}` needs the form Resource.Attribute")),
        },
        (_, value) => value,
    };
    let key = match name {
        "Ref" | "Condition" => name.to_owned(),
        "GetAtt" | "Sub" | "Join" | "Select" | "Split" | "FindInMap" | "GetAZs" | "ImportValue"
        | "Base64" | "Cidr" | "If" | "Equals" | "And" | "Or" | "Not" | "Transform" | "Length"
        | "ToJsonString" => format!("Fn::{name}"),
        other => {
            return Err(format!(
                "unknown tag `!{other}`: CloudFormation's short forms are !Ref, !GetAtt, !Sub, !Join, !Select, !Split, !FindInMap, !GetAZs, !ImportValue, !Base64, !Cidr, !If, !Equals, !And, !Or, !Not, !Condition, !Transform"
            ));
        }
    };
    Ok(Value::Object(Map::from_iter([(key, value)])))
}

/// Character index -> byte offset (the parser counts characters). Positions are asked for
/// mostly in increasing order, so a cursor that only moves forward is linear overall.
struct ByteIndex<'t> {
    text: &'t str,
    chars: usize,
    bytes: usize,
}

impl<'t> ByteIndex<'t> {
    fn new(text: &'t str) -> Self {
        ByteIndex {
            text,
            chars: 0,
            bytes: 0,
        }
    }

    fn byte(&mut self, index: usize) -> usize {
        if index < self.chars {
            self.chars = 0;
            self.bytes = 0;
        }
        for c in self.text[self.bytes..].chars() {
            if self.chars == index {
                break;
            }
            self.chars += 1;
            self.bytes += c.len_utf8();
        }
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn value(text: &str) -> Value {
        read(text).unwrap_or_else(|e| panic!("{}", e.message)).value
    }

    #[test]
    fn plain_scalars_follow_the_core_schema() {
        assert_eq!(
            value("a: 1\nb: -2.5\nc: true\nd: ~\ne: yes\nf: '1'\ng: 0x1F\nh: 1.\ni: \"x\"\n"),
            json!({"a": 1, "b": -2.5, "c": true, "d": null, "e": "yes", "f": "1", "g": 31, "h": 1.0, "i": "x"})
        );
    }

    #[test]
    fn cloudformation_short_forms_become_long_forms() {
        assert_eq!(
            value(
                "A: !Ref Bucket\nB: !GetAtt Fn.Arn\nC: !Sub 'arn:${AWS::Partition}:s3:::x'\nD: !Join ['', [a, !Ref B]]\n"
            ),
            json!({
                "A": {"Ref": "Bucket"},
                "B": {"Fn::GetAtt": ["Fn", "Arn"]},
                "C": {"Fn::Sub": "arn:${AWS::Partition}:s3:::x"},
                "D": {"Fn::Join": ["", ["a", {"Ref": "B"}]]},
            })
        );
    }

    #[test]
    fn spans_and_duplicates_are_kept() {
        let text = "States:\n  é: {Type: Pass}\n  é: {Type: Succeed}\n";
        let read = read(text).unwrap_or_else(|e| panic!("{}", e.message));
        assert_eq!(read.duplicates, [("/States".to_owned(), "é".to_owned())]);
        let span = read.spans.find("/States/é/Type").unwrap();
        assert_eq!(&text[span.value.clone()], "Succeed");
        assert_eq!(span.form, Some(StringForm::Verbatim));
    }

    #[test]
    fn a_literal_block_span_starts_at_its_text() {
        let text = "A: |\n  {\"x\": 1}\nB: 2\n";
        let read = read(text).unwrap_or_else(|e| panic!("{}", e.message));
        let span = read.spans.find("/A").unwrap();
        // saphyr's span of a literal block starts at its first line's text.
        assert_eq!(&text[span.value.clone()], "{\"x\": 1}\n");
        assert_eq!(span.form, Some(StringForm::Block));
    }

    #[test]
    fn an_alias_bomb_is_refused() {
        let mut text = String::from("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for i in 1..9 {
            let p = i - 1;
            text.push_str(&format!("a{i}: &a{i} [*a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}, *a{p}]\n"));
        }
        let error = read(&text).err().expect("refused");
        assert!(
            error.message.contains("1000000 values"),
            "{}",
            error.message
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}x{}", "[".repeat(2000), "]".repeat(2000));
        assert!(read(&text).is_err());
    }
}
