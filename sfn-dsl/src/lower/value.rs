//! DSL values -> JSON: payload templates (`k.$` for paths and intrinsics) and plain literals.

use serde_json::{Map, Value as Json};

use super::Lower;
use crate::ast::Value;

/// How a value is read by ASL.
#[derive(Clone, Copy, PartialEq)]
pub enum Mode {
    /// A payload template: `"k": $.x` becomes `"k.$": "$.x"`.
    Template,
    /// Used verbatim (`Result`, `ItemReader.ReaderConfig`...): a path here is a mistake.
    Literal,
}

impl Lower<'_> {
    /// Lowers a JSON value at `pointer`.
    pub fn json(&mut self, value: &Value, pointer: &str, mode: Mode) -> Json {
        self.spans.insert(pointer, value.loc());
        match value {
            Value::Str(s) => Json::String(s.value.clone()),
            Value::Num(n, _) => Json::Number(n.clone()),
            Value::Bool(b, _) => Json::Bool(*b),
            Value::Null(_) => Json::Null,
            Value::Duration(millis, loc) => match self.whole_seconds(*millis, *loc) {
                Some(seconds) => Json::from(seconds),
                None => Json::Null,
            },
            Value::Object(entries, _) => {
                let mut map = Map::new();
                for entry in entries {
                    let evaluated = matches!(entry.value, Value::Path(_) | Value::Intrinsic(_));
                    let key = if evaluated && mode == Mode::Template {
                        format!("{}.$", entry.key)
                    } else {
                        entry.key.clone()
                    };
                    let at = self.spans.child(pointer, &key);
                    if map.contains_key(&key) {
                        self.errors.at(entry.key_loc, format!("key `{key}` is given twice"));
                    }
                    let value = self.json(&entry.value, &at, mode);
                    map.insert(key, value);
                }
                Json::Object(map)
            }
            Value::Array(items, _) => Json::Array(
                items
                    .iter()
                    .enumerate()
                    .map(|(i, item)| {
                        if matches!(item, Value::Path(_) | Value::Intrinsic(_)) && mode == Mode::Template {
                            self.errors.mark_value(&self.spans.item(pointer, i));
                            self.errors.at(
                                item.loc(),
                                "a path or intrinsic inside an array is not evaluated by ASL: \
                                 put it in an object field (`\"k\": $.x`) or build the array with `States.Array(..)`",
                            );
                        }
                        self.json(item, &self.spans.item(pointer, i), mode)
                    })
                    .collect(),
            ),
            Value::Path(text) | Value::Intrinsic(text) => {
                let before = self.errors.len();
                self.check_context(text);
                if self.jsonata {
                    self.errors.at(
                        text.loc,
                        format!(
                            "`{}` is JSONPath, and this state uses JSONata: write a JSONata string such as `\"{{% $states.input.x %}}\"`",
                            text.text
                        ),
                    );
                }
                if mode == Mode::Literal {
                    self.errors.at(
                        text.loc,
                        format!("`{}` is not evaluated here: this value is used verbatim (write it as a string to keep the text)", text.text),
                    );
                }
                if self.errors.len() > before {
                    self.errors.mark_value(pointer);
                }
                self.spans.insert_text(pointer, text);
                Json::String(text.text.clone())
            }
            Value::Word(word) => {
                self.errors.at(word.span(), format!("expected a JSON value, found `{word}`; strings are quoted: `\"{word}\"`"));
                Json::Null
            }
            Value::Block(block) => {
                self.errors.at(block.loc, "expected a JSON value, found a block of states");
                Json::Null
            }
        }
    }

    /// Milliseconds -> whole seconds, or an error at `loc`.
    pub fn whole_seconds(&mut self, millis: u64, loc: crate::loc::Loc) -> Option<u64> {
        if !millis.is_multiple_of(1000) {
            self.errors.at(loc, "Step Functions counts whole seconds: this duration is not a whole number of seconds");
            return None;
        }
        Some(millis / 1000)
    }
}
