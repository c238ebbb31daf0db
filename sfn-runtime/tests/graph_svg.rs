//! The SVG renderer and its layout: well-formed XML naming every state, boxes that do not
//! overlap within a scope, nested scopes inside their Parallel or Map, and a layout that
//! stays fast on large machines.

use std::collections::HashMap;
use std::time::Instant;

use sfn_runtime::asl::{State, StateMachine, States};
use sfn_runtime::graph::{Graph, Rect};

const DEFINITION: &str = r#"{
  "StartAt": "Route",
  "States": {
    "Route": {"Type": "Choice", "Choices": [
        {"Variable": "$.count", "NumericGreaterThan": 10, "Next": "Fan"},
        {"Variable": "$.status", "StringEquals": "<FAILED & \"gone\">", "Next": "Failed"}],
      "Default": "Done"},
    "Fan": {"Type": "Parallel", "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
        {"StartAt": "B <&>", "States": {"B <&>": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}],
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}], "Next": "Each"},
    "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Item", "States": {
        "Item": {"Type": "Pass", "Next": "Again"},
        "Again": {"Type": "Choice", "Choices": [{"Variable": "$.more", "BooleanEquals": true, "Next": "Item"}], "Default": "Last"},
        "Last": {"Type": "Succeed"}}}, "Next": "Done"},
    "Failed": {"Type": "Fail", "Error": "Bad"},
    "Done": {"Type": "Succeed"}
  }
}"#;

fn names(states: &States, out: &mut Vec<String>) {
    for (name, state) in states {
        out.push(name.clone());
        match state {
            State::Parallel(p) => p.branches.iter().for_each(|b| names(&b.states, out)),
            State::Map(m) => {
                if let Some(p) = m.processor() {
                    names(&p.states, out);
                }
            }
            _ => {}
        }
    }
}

/// Parses the SVG (panicking with the parser's message if it is not well-formed) and
/// checks that every state of the machine is drawn exactly once, by name.
fn assert_draws_every_state(svg: &str, machine: &StateMachine) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{e}\n{svg}"));
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    let mut drawn: HashMap<String, usize> = HashMap::new();
    for node in doc.descendants().filter(|n| {
        n.tag_name().name() == "g"
            && n.attribute("class")
                .is_some_and(|c| c.starts_with("state "))
    }) {
        *drawn
            .entry(node.attribute("data-name").unwrap().to_owned())
            .or_default() += 1;
    }
    let mut expected = Vec::new();
    names(&machine.states, &mut expected);
    for name in &expected {
        assert_eq!(drawn.get(name), Some(&1), "state `{name}` drawn once");
    }
    assert_eq!(drawn.len(), expected.len());
}

fn overlaps(a: &Rect, b: &Rect) -> bool {
    a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h
}

fn inside(inner: &Rect, outer: &Rect) -> bool {
    inner.x >= outer.x
        && inner.y >= outer.y
        && inner.x + inner.w <= outer.x + outer.w + 1e-6
        && inner.y + inner.h <= outer.y + outer.h + 1e-6
}

#[test]
fn svg_is_well_formed_and_draws_every_state_once() {
    let machine = StateMachine::from_json(DEFINITION).unwrap();
    let svg = Graph::of(&machine).to_svg();
    assert_draws_every_state(&svg, &machine);
    // Names and conditions with XML's special characters are escaped, not dropped.
    assert!(svg.contains(r#"data-name="B &lt;&amp;&gt;""#), "{svg}");
    assert!(
        svg.contains("&lt;FAILED &amp; \\&quot;gone\\&quot;&gt;"),
        "{svg}"
    );
    // The Catch edge is dashed, the loop back to `Item` goes up the right lane.
    assert!(
        svg.contains(
            r#"<g class="edge catch" data-scope="root" data-from="Fan" data-to="Failed">"#
        ),
        "{svg}"
    );
    assert!(
        svg.contains(
            r#"<g class="edge normal lane" data-scope="s2_items" data-from="Again" data-to="Item">"#
        ),
        "{svg}"
    );
}

#[test]
fn layout_keeps_boxes_apart_and_nested_scopes_inside_their_state() {
    let machine = StateMachine::from_json(DEFINITION).unwrap();
    let layout = Graph::of(&machine).layout();
    for (i, a) in layout.nodes.iter().enumerate() {
        for b in &layout.nodes[i + 1..] {
            if a.scope == b.scope {
                assert!(
                    !overlaps(&a.rect, &b.rect),
                    "{} overlaps {}",
                    a.label,
                    b.label
                );
            }
        }
        assert!(
            inside(&a.rect, &layout.frames[0].rect),
            "{} is outside the picture",
            a.label
        );
    }
    // Every nested frame lies inside its owner's box, and its states inside the frame.
    for frame in &layout.frames[1..] {
        let owner = frame.owner.as_deref().unwrap();
        let owner = layout.nodes.iter().find(|n| n.id == owner).unwrap();
        assert!(
            inside(&frame.rect, &owner.rect),
            "{} outside {}",
            frame.scope,
            owner.label
        );
        for node in layout.nodes.iter().filter(|n| n.scope == frame.scope) {
            assert!(
                inside(&node.rect, &frame.rect),
                "{} outside {}",
                node.label,
                frame.scope
            );
        }
    }
    // Top-down: `Route` above `Fan` above `Each` above `Done`.
    let y = |name: &str| {
        layout
            .nodes
            .iter()
            .find(|n| n.label == name)
            .unwrap()
            .rect
            .y
    };
    assert!(y("Route") < y("Fan") && y("Fan") < y("Each") && y("Each") < y("Done"));
    // The two branches of `Fan` sit side by side.
    let a = layout.nodes.iter().find(|n| n.label == "A").unwrap();
    let b = layout.nodes.iter().find(|n| n.label == "B <&>").unwrap();
    assert!((a.rect.y - b.rect.y).abs() < 1e-6 && a.rect.x + a.rect.w <= b.rect.x);
}

#[test]
fn every_conformance_definition_draws_as_well_formed_svg() {
    let dir = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/conformance/semantics"
    );
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        let case: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let Ok(machine) = StateMachine::from_value(case["definition"].clone()) else {
            continue;
        };
        assert_draws_every_state(&Graph::of(&machine).to_svg(), &machine);
        count += 1;
    }
    assert!(count > 50, "only {count} definitions read from {dir}");
}

/// 500 states: a chain of Choice states, each with a branch to a shared Fail and a loop
/// back to the start every 50 states. Laid out and drawn in well under a second (debug
/// build); the bound is loose so a loaded CI machine does not flake.
#[test]
fn five_hundred_states_lay_out_quickly() {
    let mut states = serde_json::Map::new();
    for i in 0..499 {
        let next = if i == 498 {
            "Fail".to_owned()
        } else {
            format!("S{}", i + 1)
        };
        let back = if i % 50 == 49 {
            "S0".to_owned()
        } else {
            "Fail".to_owned()
        };
        states.insert(
            format!("S{i}"),
            serde_json::json!({"Type": "Choice",
                "Choices": [{"Variable": "$.x", "NumericEquals": i, "Next": back}],
                "Default": next}),
        );
    }
    states.insert("Fail".into(), serde_json::json!({"Type": "Fail"}));
    let machine =
        StateMachine::from_value(serde_json::json!({"StartAt": "S0", "States": states})).unwrap();
    let started = Instant::now();
    let svg = Graph::of(&machine).to_svg();
    let took = started.elapsed();
    assert_draws_every_state(&svg, &machine);
    assert!(took.as_secs_f64() < 5.0, "500 states took {took:?}");
}
