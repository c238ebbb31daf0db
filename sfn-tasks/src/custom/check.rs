//! The use-site checks that need the type's data, evaluated in `const`: each returns the
//! message (empty when all is well) and the expansion panics with it in a `const` item
//! spanned at the user's token, which rustc reports as `evaluation panicked: <message>`.

use super::task::{Given, GivenValue, Spec, pattern_index, word_value};
use super::text::Buf;
use crate::spec::Pattern;

/// A message of at most 512 bytes.
pub type Message = Buf<512>;

/// `pattern` must be one the type supports (in the DSL's words, as the catalogue says it).
pub const fn pattern(spec: &Spec, pattern: Pattern) -> Message {
    let mut m = Message::new();
    if spec.supports(pattern) {
        return m;
    }
    m.push_str(spec.name);
    m.push_str(" does not support the `");
    m.push_str(pattern.word());
    m.push_str("` pattern; use ");
    let mut i = 0;
    while i < spec.patterns.len() {
        if i > 0 {
            m.push_str(if i + 1 == spec.patterns.len() {
                " or "
            } else {
                ", "
            });
        }
        m.push_str("`pattern: ");
        m.push_str(spec.patterns[i].word());
        m.push_byte(b'`');
        i += 1;
    }
    m
}

/// Every field that is not an `Option` must be written.
pub const fn required(spec: &Spec, given: &[Given]) -> Message {
    let mut m = Message::new();
    let mut total = 0;
    let mut f = 0;
    while f < spec.fields.len() {
        if !spec.fields[f].optional && !is_given(given, spec.fields[f].index) {
            total += 1;
        }
        f += 1;
    }
    if total == 0 {
        return m;
    }
    m.push_str(spec.name);
    m.push_str(if total == 1 {
        " is missing the required field "
    } else {
        " is missing the required fields "
    });
    let mut written = 0;
    let mut f = 0;
    while f < spec.fields.len() {
        let field = &spec.fields[f];
        if !field.optional && !is_given(given, field.index) {
            if written > 0 {
                m.push_str(", ");
            }
            m.push_byte(b'`');
            m.push_str(field.name);
            m.push_byte(b'`');
            written += 1;
        }
        f += 1;
    }
    m.push_str("; add `");
    let mut f = 0;
    while f < spec.fields.len() {
        let field = &spec.fields[f];
        if !field.optional && !is_given(given, field.index) {
            m.push_str(field.name);
            m.push_str(": ..");
            break;
        }
        f += 1;
    }
    m.push_byte(b'`');
    m
}

/// Under `wait_for_task_token`, the type's token field must pass `$$.Task.Token` on.
pub const fn token(spec: &Spec, given: &[Given], pattern: Pattern, jsonata: bool) -> Message {
    let mut m = Message::new();
    if pattern_index(pattern) != pattern_index(Pattern::WaitForTaskToken) {
        return m;
    }
    let Some(index) = spec.token_field else {
        return m;
    };
    let mut g = 0;
    while g < given.len() {
        if given[g].field.index == index && given[g].token {
            return m;
        }
        g += 1;
    }
    let name = spec.fields[index].name;
    m.push_str("`");
    m.push_str(name);
    m.push_str("` must contain the task token under `pattern: wait_for_task_token`; pass the token somewhere in `");
    m.push_str(name);
    m.push_str("`, e.g. { \"token\": ");
    m.push_str(if jsonata {
        "$states.context.Task.Token"
    } else {
        "$$.Task.Token"
    });
    m.push_str(" }");
    m
}

/// The state's query language must be one the type supports.
pub const fn query_language(spec: &Spec, jsonata: bool) -> Message {
    let mut m = Message::new();
    if (jsonata && spec.jsonata) || (!jsonata && spec.jsonpath) {
        return m;
    }
    m.push_str(spec.name);
    m.push_str(if jsonata {
        " supports only JSONPath: it cannot be used in a JSONata state"
    } else {
        " supports only JSONata: use it in a state with #[query_language = jsonata]"
    });
    m
}

/// An enum field's value must be one of its words (or ASL values).
pub const fn word(given: &Given) -> Message {
    let mut m = Message::new();
    let field = &given.field;
    if field.words.is_empty() {
        return m;
    }
    let text = match given.value {
        GivenValue::Str(text, _) | GivenValue::Word(text) => text,
        _ => return m,
    };
    if word_value(field, text).is_some() {
        return m;
    }
    m.push_str("unknown value `");
    m.push_str(text);
    m.push_str("` for `");
    m.push_str(field.name);
    m.push_str("`; expected one of: ");
    let mut i = 0;
    while i < field.words.len() {
        if i > 0 {
            m.push_str(", ");
        }
        m.push_str(field.words[i].0);
        i += 1;
    }
    m
}

const fn is_given(given: &[Given], index: usize) -> bool {
    let mut g = 0;
    while g < given.len() {
        if given[g].field.index == index {
            return true;
        }
        g += 1;
    }
    false
}
