//! Diagrams of a state machine: Mermaid (renders on GitHub), Graphviz DOT and SVG (laid out
//! here, see [`Graph::layout`]).
//!
//! Both renderers draw the same [`Graph`], built once from the typed model: states as nodes,
//! `Next`/`Default`/Choice edges solid (Choice conditions as labels), Catch edges dashed,
//! Parallel branches and Map processors as nested subgraphs.
//!
//! ```
//! use sfn_runtime::asl::StateMachine;
//! use sfn_runtime::graph::Graph;
//!
//! let machine = StateMachine::from_json(r#"{"StartAt": "A", "States": {
//!     "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#).unwrap();
//! let mermaid = Graph::of(&machine).to_mermaid();
//! assert!(mermaid.contains(r#"s0["A"]"#));
//! assert!(mermaid.contains("s0 --> s1"));
//! ```

mod build;
mod condition;
mod dot;
mod layout;
mod mermaid;
mod svg;

pub use build::{Edge, EdgeKind, Graph, Node, NodeShape, Scope};
pub use condition::describe;
pub use layout::{Frame, Layout, Placed, Rect, Route};
pub(crate) use svg::escape as escape_xml;
