//! SVG output: the diagram drawn by our own layout ([`Graph::layout`]), no Graphviz needed.
//!
//! Every element carries what a script or stylesheet needs to find it: states are
//! `<g class="state ..." data-name="NAME">`, edges `<g class="edge normal|catch"
//! data-from="NAME" data-to="NAME">` (no `data-from` for the edge from a scope's start, no
//! `data-to` for the edge to its end), nested scopes `<g class="scope" data-scope=".."
//! data-owner="NAME">`. The execution view styles and scripts this same picture.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::build::{EdgeKind, Graph, NodeShape};
use super::layout::{Layout, Placed, Route, short_label};

/// The stylesheet of a standalone SVG (the execution view brings its own).
const STYLE: &str = "\
.sfn-graph{font-family:system-ui,-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;font-size:13px}\
.state rect,.state polygon{fill:#fff;stroke:#545b64;stroke-width:1.2}\
.state.container>rect{fill:#f8f9fa;stroke:#aab7b8}\
.state.shape-succeed rect{fill:#e6f4ef;stroke:#1b7f5a}\
.state.shape-fail rect{fill:#fbe9e0;stroke:#b04a12}\
.label{text-anchor:middle;dominant-baseline:central;fill:#16191f}\
.container-title{font-weight:600}\
.scope>rect{fill:none;stroke:#aab7b8;stroke-dasharray:4 3}\
.scope-title{font-size:11px;fill:#545b64}\
.edge path{fill:none;stroke:#687078;stroke-width:1.3}\
.edge.catch path{stroke-dasharray:5 4}\
.edge-label{font-size:11px;fill:#414750;text-anchor:middle;dominant-baseline:central;paint-order:stroke;stroke:#fff;stroke-width:4px;stroke-linejoin:round}\
.edge-label.side{text-anchor:start}\
.edge-label.lane-label{text-anchor:end}\
.marker{fill:#16191f}\
.marker-end{fill:none;stroke:#16191f;stroke-width:1.5}\
#sfn-arrow path{fill:#687078}";

impl Graph {
    /// Renders the diagram as a standalone SVG document (top-down, like the console).
    ///
    /// ```
    /// use sfn_runtime::asl::StateMachine;
    /// use sfn_runtime::graph::Graph;
    ///
    /// let machine = StateMachine::from_json(r#"{"StartAt": "A", "States": {
    ///     "A": {"Type": "Pass", "Next": "B"}, "B": {"Type": "Succeed"}}}"#).unwrap();
    /// let svg = Graph::of(&machine).to_svg();
    /// assert!(svg.starts_with("<svg "));
    /// assert!(svg.contains(r#"data-name="B""#));
    /// ```
    pub fn to_svg(&self) -> String {
        let layout = self.layout();
        render(&layout, true)
    }

    /// The SVG element without its stylesheet, for pages that style it themselves.
    pub fn to_svg_unstyled(&self) -> String {
        render(&self.layout(), false)
    }
}

fn render(layout: &Layout, styled: bool) -> String {
    let names: HashMap<&str, &str> = layout
        .nodes
        .iter()
        .map(|node| (node.id.as_str(), node.label.as_str()))
        .collect();
    let mut out = String::with_capacity(256 * (layout.nodes.len() + layout.edges.len()) + 2048);
    let _ = write!(
        out,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="sfn-graph" width="{w}" height="{h}" viewBox="0 0 {w} {h}" role="img">"#,
        w = num(layout.width),
        h = num(layout.height),
    );
    out.push_str(r#"<defs><marker id="sfn-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z"/></marker></defs>"#);
    if styled {
        let _ = write!(out, "<style>{STYLE}</style>");
    }
    // Containers first: nested frames, edges and states are drawn over them.
    for node in layout.nodes.iter().filter(|node| node.container) {
        state(&mut out, node, true);
    }
    for frame in &layout.frames {
        let _ = write!(
            out,
            r#"<g class="scope" data-scope="{}""#,
            escape(&frame.scope)
        );
        if let Some(owner) = frame.owner.as_deref().and_then(|id| names.get(id)) {
            let _ = write!(out, r#" data-owner="{}""#, escape(owner));
            let r = frame.rect;
            let _ = write!(
                out,
                r#"><rect x="{}" y="{}" width="{}" height="{}" rx="4"/><text class="scope-title" x="{}" y="{}">{}</text>"#,
                num(r.x),
                num(r.y),
                num(r.w),
                num(r.h),
                num(r.x + 6.0),
                num(r.y + 13.0),
                escape(&frame.title)
            );
        } else {
            out.push('>');
        }
        let _ = write!(
            out,
            r#"<circle class="marker" cx="{}" cy="{}" r="7"/>"#,
            num(frame.start.0),
            num(frame.start.1)
        );
        if let Some((x, y)) = frame.end {
            let _ = write!(
                out,
                r#"<circle class="marker-end" cx="{x}" cy="{y}" r="7"/><circle class="marker" cx="{x}" cy="{y}" r="4"/>"#,
                x = num(x),
                y = num(y)
            );
        }
        out.push_str("</g>");
    }
    for route in &layout.edges {
        edge(&mut out, route, &names);
    }
    for node in layout.nodes.iter().filter(|node| !node.container) {
        state(&mut out, node, false);
    }
    out.push_str("</svg>\n");
    out
}

fn state(out: &mut String, node: &Placed, container: bool) {
    let (shape, name, r) = (node.shape, node.label.as_str(), &node.rect);
    let class = match shape {
        NodeShape::Box => "shape-box",
        NodeShape::Diamond => "shape-choice",
        NodeShape::Success => "shape-succeed",
        NodeShape::Failure => "shape-fail",
    };
    let _ = write!(
        out,
        r#"<g class="state {class}{}" data-name="{}" data-scope="{}" tabindex="0"><title>{}</title>"#,
        if container { " container" } else { "" },
        escape(name),
        escape(&node.scope),
        escape(name)
    );
    let (x, y, w, h) = (r.x, r.y, r.w, r.h);
    match shape {
        NodeShape::Diamond if !container => {
            // A box with pointed ends: reads as a decision and keeps the label's width.
            let _ = write!(
                out,
                r#"<polygon points="{},{} {},{} {},{} {},{} {},{} {},{}"/>"#,
                num(x),
                num(y + h / 2.0),
                num(x + 12.0),
                num(y),
                num(x + w - 12.0),
                num(y),
                num(x + w),
                num(y + h / 2.0),
                num(x + w - 12.0),
                num(y + h),
                num(x + 12.0),
                num(y + h),
            );
        }
        _ => {
            let rx = match shape {
                NodeShape::Success | NodeShape::Failure => h / 2.0,
                _ => 4.0,
            };
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="{}"/>"#,
                num(x),
                num(y),
                num(w),
                num(h),
                num(rx.min(17.0))
            );
        }
    }
    let (ty, extra) = if container {
        (y + 14.0, " container-title")
    } else {
        (y + h / 2.0, "")
    };
    let _ = write!(
        out,
        r#"<text class="label{extra}" x="{}" y="{}">{}</text><text class="badge" x="{}" y="{}"></text></g>"#,
        num(x + w / 2.0),
        num(ty),
        escape(&short_label(name)),
        num(x + w - 4.0),
        num(y + 2.0),
    );
}

fn edge(out: &mut String, route: &Route, names: &HashMap<&str, &str>) {
    let kind = match route.kind {
        EdgeKind::Normal => "normal",
        EdgeKind::Catch => "catch",
    };
    let _ = write!(
        out,
        r#"<g class="edge {kind}{}" data-scope="{}""#,
        if route.lane { " lane" } else { "" },
        escape(&route.scope)
    );
    if let Some(from) = route.from.as_deref().and_then(|id| names.get(id)) {
        let _ = write!(out, r#" data-from="{}""#, escape(from));
    }
    if let Some(to) = route.to.as_deref().and_then(|id| names.get(id)) {
        let _ = write!(out, r#" data-to="{}""#, escape(to));
    }
    out.push_str(r#"><path d=""#);
    let p = &route.points;
    if !route.lane && p.len() == 4 {
        let _ = write!(
            out,
            "M{},{} C{},{} {},{} {},{}",
            num(p[0].0),
            num(p[0].1),
            num(p[1].0),
            num(p[1].1),
            num(p[2].0),
            num(p[2].1),
            num(p[3].0),
            num(p[3].1)
        );
    } else {
        for (i, (x, y)) in p.iter().enumerate() {
            let _ = write!(
                out,
                "{}{},{}",
                if i == 0 { "M" } else { " L" },
                num(*x),
                num(*y)
            );
        }
    }
    out.push_str(r#"" marker-end="url(#sfn-arrow)"/>"#);
    if let Some(label) = &route.label {
        // On a vertical line the label goes beside it, not over it.
        let vertical = !route.lane && (p[0].0 - p[p.len() - 1].0).abs() < 1.0;
        let (class, dx) = if vertical {
            ("edge-label side", 6.0)
        } else if route.lane {
            ("edge-label lane-label", -4.0)
        } else {
            ("edge-label", 0.0)
        };
        let _ = write!(
            out,
            r#"<text class="{class}" x="{}" y="{}"><title>{}</title>{}</text>"#,
            num(route.label_at.0 + dx),
            num(route.label_at.1),
            escape(label),
            escape(&short_label(label))
        );
    }
    out.push_str("</g>");
}

/// A coordinate with at most one decimal.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded.fract() == 0.0 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// XML text and attribute escaping.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && c != '\t' && c != '\n' && c != '\r' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}
