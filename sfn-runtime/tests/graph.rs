//! Diagrams: every transition kind appears, labelled and styled.

use sfn_runtime::asl::StateMachine;
use sfn_runtime::graph::Graph;

const DEFINITION: &str = r#"{
  "StartAt": "Route",
  "States": {
    "Route": {"Type": "Choice", "Choices": [
        {"And": [{"Variable": "$.count", "NumericGreaterThan": 10},
                 {"Variable": "$.flag", "IsPresent": true}], "Next": "Fan"},
        {"Variable": "$.status", "StringEquals": "FAILED", "Next": "Failed"}],
      "Default": "Done"},
    "Fan": {"Type": "Parallel", "Branches": [
        {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}},
        {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::sqs:sendMessage", "End": true}}}],
      "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Failed"}], "Next": "Each"},
    "Each": {"Type": "Map", "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}, "Next": "Done"},
    "Failed": {"Type": "Fail", "Error": "Bad"},
    "Done": {"Type": "Succeed"}
  }
}"#;

#[test]
fn mermaid_draws_conditions_catches_and_subgraphs() {
    let machine = StateMachine::from_json(DEFINITION).unwrap();
    let mermaid = Graph::of(&machine).to_mermaid();
    assert!(mermaid.starts_with("flowchart TD\n"));
    assert!(mermaid.contains(r#"s0{"Route"}"#), "{mermaid}");
    assert!(
        mermaid.contains(r#"s0 -->|"$.count #gt; 10 #amp;#amp; is_present($.flag)"| s1"#),
        "{mermaid}"
    );
    assert!(
        mermaid.contains(r##"s0 -->|"$.status == #quot;FAILED#quot;"| s3"##),
        "{mermaid}"
    );
    assert!(mermaid.contains(r#"s0 -->|"Default"| s4"#), "{mermaid}");
    assert!(mermaid.contains(r#"s1 -.->|"States.ALL"| s3"#), "{mermaid}");
    assert!(
        mermaid.contains(r#"subgraph s1_b0["branch 1"]"#),
        "{mermaid}"
    );
    assert!(
        mermaid.contains(r#"subgraph s1_b1["branch 2"]"#),
        "{mermaid}"
    );
    assert!(
        mermaid.contains(r#"subgraph s2_items["each item"]"#),
        "{mermaid}"
    );
    assert!(mermaid.contains("class s3 fail"), "{mermaid}");
    assert!(mermaid.contains("s4 --> root_end"), "{mermaid}");
    // Every subgraph is closed.
    let opened = mermaid.matches("subgraph ").count();
    let closed = mermaid.lines().filter(|l| l.trim() == "end").count();
    assert_eq!(opened, closed);
}

#[test]
fn dot_draws_the_same_graph() {
    let machine = StateMachine::from_json(DEFINITION).unwrap();
    let dot = Graph::of(&machine).to_dot();
    assert!(dot.starts_with("digraph workflow {"));
    assert!(dot.contains(r#"s0 [label="Route", shape=diamond"#), "{dot}");
    assert!(
        dot.contains(r#"s0 -> s3 [label="$.status == \"FAILED\""];"#),
        "{dot}"
    );
    assert!(
        dot.contains(r#"s1 -> s3 [label="States.ALL", style=dashed];"#),
        "{dot}"
    );
    assert!(dot.contains("subgraph cluster_s1_b0 {"), "{dot}");
    assert_eq!(dot.matches('{').count(), dot.matches('}').count());
}
