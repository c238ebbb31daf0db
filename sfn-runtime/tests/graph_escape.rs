//! Property: any state name (and Catch error name) survives both diagram formats. The rendered
//! text has no raw control character, the label cannot end early, and decoding the formats'
//! own escapes (Mermaid `#N;`/`#quot;` entity codes, DOT `\"`, `\\`, `\n` and Graphviz's HTML
//! entities `&#N;`) gives the name back exactly.

use proptest::prelude::*;
use serde_json::json;
use sfn_runtime::asl::StateMachine;
use sfn_runtime::graph::Graph;

/// Characters that break diagrams, mixed with any character at all.
fn name() -> impl Strategy<Value = String> {
    let hostile = prop_oneof![
        Just('\n'),
        Just('\r'),
        Just('\0'),
        Just('\t'),
        Just('"'),
        Just('\\'),
        Just('#'),
        Just('&'),
        Just(';'),
        Just('<'),
        Just('>'),
        Just('|'),
        Just('['),
        Just('}'),
        Just('\u{2028}'),
        Just('\u{85}'),
    ];
    prop::collection::vec(
        prop_oneof![3 => hostile, 2 => any::<char>(), 2 => prop::char::range('a', 'z')],
        1..24,
    )
    .prop_map(|chars| chars.into_iter().collect())
}

fn decode_entities(text: &str, marker: char) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(marker) {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after.find(';').expect("an entity ends with ';'");
        let code = &after[..end];
        let c = match code {
            "quot" => '"',
            "lt" => '<',
            "gt" => '>',
            "amp" => '&',
            n => {
                let n = n.strip_prefix('#').unwrap_or(n);
                char::from_u32(n.parse().expect("a numeric entity")).expect("a char")
            }
        };
        out.push(c);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

/// The text of a DOT string literal starting at `text` (just after the opening quote).
fn dot_string(text: &str) -> String {
    let mut raw = String::new();
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return decode_entities(&raw, '&'),
            '\\' => match chars.next() {
                Some('n') => raw.push('\n'),
                Some(other) => raw.push(other),
                None => panic!("dangling backslash"),
            },
            c => raw.push(c),
        }
    }
    panic!("unterminated DOT string: {text}")
}

fn machine(state: &str, error: &str) -> StateMachine {
    let definition = json!({
        "StartAt": state,
        "States": {
            state: {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Done",
                    "Catch": [{"ErrorEquals": [error], "Next": "Done"}]},
            "Done": {"Type": "Succeed"}
        }
    });
    StateMachine::from_value(definition).expect("a valid machine")
}

fn no_raw_controls(text: &str) -> bool {
    text.chars()
        .all(|c| c == '\n' || !(c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn mermaid_labels_round_trip(state in name(), error in name()) {
        prop_assume!(state != "Done");
        let mermaid = Graph::of(&machine(&state, &error)).to_mermaid();
        prop_assert!(no_raw_controls(&mermaid), "{mermaid:?}");
        // One statement per line: the node, its edges, nothing spilled onto extra lines.
        let node = mermaid.lines().find(|l| l.trim_start().starts_with("s0[\"")).expect("node line");
        let label = node.trim_start().strip_prefix("s0[\"").unwrap().strip_suffix("\"]").unwrap();
        prop_assert!(!label.contains('"'));
        prop_assert_eq!(decode_entities(label, '#'), state.clone());
        let edge = mermaid.lines().find(|l| l.contains("-.->|\"")).expect("catch edge");
        let label = edge.split("-.->|\"").nth(1).unwrap().strip_suffix("\"| s1").unwrap();
        prop_assert!(!label.contains('"') && !label.contains('|'));
        prop_assert_eq!(decode_entities(label, '#'), error);
    }

    #[test]
    fn dot_labels_round_trip(state in name(), error in name()) {
        prop_assume!(state != "Done");
        let dot = Graph::of(&machine(&state, &error)).to_dot();
        prop_assert!(no_raw_controls(&dot), "{dot:?}");
        let node = dot.lines().find(|l| l.trim_start().starts_with("s0 [label=\"")).expect("node line");
        let label = node.trim_start().strip_prefix("s0 [label=\"").unwrap();
        prop_assert_eq!(dot_string(label), state.clone());
        let edge = dot.lines().find(|l| l.contains("style=dashed]")).expect("catch edge");
        let label = edge.split("[label=\"").nth(1).unwrap();
        prop_assert_eq!(dot_string(label), error);
    }
}
