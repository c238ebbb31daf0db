//! Geometry for the diagram: a layered, top-down layout like the Step Functions console's.
//!
//! Each scope is laid out on its own: states in rows by their longest distance from the
//! scope's start (back edges of loops ignored), in the order a walk from the start meets
//! them. A Parallel or Map state is a box holding its branches or processor side by side,
//! so nesting needs no cluster support from a general graph layout. Edges that go up (loops)
//! or past other rows run in a lane on the scope's right instead of across states. Linear in states and edges,
//! no recursion over the states of a scope (only over nesting).

use super::build::{Edge, EdgeKind, Graph, NodeShape, Scope};

/// Height of a plain state.
const NODE_H: f64 = 34.0;
/// Width bounds of a plain state.
const NODE_MIN_W: f64 = 110.0;
const NODE_MAX_W: f64 = 260.0;
/// Approximate width of one character of a 13px sans-serif label.
const CHAR_W: f64 = 7.4;
/// Approximate width of one character of an 11px edge label.
const LABEL_CHAR_W: f64 = 6.4;
/// Space between rows (room for edge labels) and between states of a row.
const ROW_GAP: f64 = 52.0;
const COL_GAP: f64 = 28.0;
/// Inner margin of a scope frame and of a container state.
const PAD: f64 = 16.0;
/// Height of a container state's title band and of a scope frame's title.
const HEADER: f64 = 28.0;
/// Radius of the start and end markers.
const MARKER_R: f64 = 7.0;
/// Horizontal distance between the lanes on a scope's right.
const LANE_GAP: f64 = 12.0;
/// Longest label shown in full; longer ones end in `…` (the full text is the tooltip).
pub const MAX_LABEL_CHARS: usize = 32;

/// The laid-out diagram, in absolute coordinates (origin top-left, y down).
#[derive(Debug, Clone, PartialEq)]
pub struct Layout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// Every scope's frame, outermost first (the root's frame is the whole picture).
    pub frames: Vec<Frame>,
    /// Every state.
    pub nodes: Vec<Placed>,
    /// Every edge, with its route.
    pub edges: Vec<Route>,
}

/// A scope's rectangle.
#[derive(Debug, Clone, PartialEq)]
pub struct Frame {
    /// The scope's id (`root`, `s3_b0`, ...).
    pub scope: String,
    /// Its title (`branch 1`, `each item`); empty for the root.
    pub title: String,
    /// The id of the state that owns it (`None` for the root).
    pub owner: Option<String>,
    /// Rectangle: top-left corner and size.
    pub rect: Rect,
    /// Centre of the start marker.
    pub start: (f64, f64),
    /// Centre of the end marker, when an edge reaches the end.
    pub end: Option<(f64, f64)>,
}

/// A rectangle.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// Left.
    pub x: f64,
    /// Top.
    pub y: f64,
    /// Width.
    pub w: f64,
    /// Height.
    pub h: f64,
}

/// A state's box.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// Node id (`s0`, ...).
    pub id: String,
    /// The state's name.
    pub label: String,
    /// How to draw it.
    pub shape: NodeShape,
    /// Its rectangle.
    pub rect: Rect,
    /// The scope it is in.
    pub scope: String,
    /// Whether it holds nested scopes (a Parallel or a Map with a processor).
    pub container: bool,
}

/// An edge's route: a polyline (`points`), drawn smoothed when it has four points.
#[derive(Debug, Clone, PartialEq)]
pub struct Route {
    /// The scope the edge is in.
    pub scope: String,
    /// Source node id, `None` for the edge from the scope's start marker.
    pub from: Option<String>,
    /// Target node id, `None` for the scope's end marker.
    pub to: Option<String>,
    /// Label, if any.
    pub label: Option<String>,
    /// Normal or Catch.
    pub kind: EdgeKind,
    /// Whether it runs up a lane on the scope's right (a loop, or an edge past other rows): drawn as a polyline.
    pub lane: bool,
    /// The route's points.
    pub points: Vec<(f64, f64)>,
    /// Where the label goes (its centre).
    pub label_at: (f64, f64),
}

/// A scope laid out in its own coordinates (origin at its frame's top-left).
struct Local {
    w: f64,
    h: f64,
    start: (f64, f64),
    end: Option<(f64, f64)>,
    /// Node index in the scope -> its rectangle.
    rects: Vec<Rect>,
    /// Child scopes, by node index: (x, y) of the child's frame within this scope, and it.
    children: Vec<(usize, f64, f64, Local)>,
    routes: Vec<Route>,
}

impl Graph {
    /// Lays the diagram out (used by [`Graph::to_svg`] and the execution view).
    pub fn layout(&self) -> Layout {
        let local = lay_out(&self.root);
        let mut out = Layout {
            width: local.w,
            height: local.h,
            frames: Vec::new(),
            nodes: Vec::new(),
            edges: Vec::new(),
        };
        place(&self.root, None, &local, 0.0, 0.0, &mut out);
        out
    }
}

/// The label as shown: at most [`MAX_LABEL_CHARS`] characters.
pub fn short_label(label: &str) -> String {
    if label.chars().count() <= MAX_LABEL_CHARS {
        label.to_owned()
    } else {
        let mut text: String = label.chars().take(MAX_LABEL_CHARS - 1).collect();
        text.push('…');
        text
    }
}

fn label_width(label: &str) -> f64 {
    let chars = short_label(label).chars().count() as f64;
    (chars * CHAR_W + 36.0).clamp(NODE_MIN_W, NODE_MAX_W)
}

fn lay_out(scope: &Scope) -> Local {
    let n = scope.nodes.len();
    let index: std::collections::HashMap<&str, usize> = scope
        .nodes
        .iter()
        .enumerate()
        .map(|(i, node)| (node.id.as_str(), i))
        .collect();
    let target = |edge: &Edge| edge.to.as_deref().and_then(|to| index.get(to).copied());
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    for edge in &scope.edges {
        if let (Some(from), Some(to)) = (index.get(edge.from.as_str()).copied(), target(edge)) {
            successors[from].push(to);
        }
    }

    // Depth-first walk from the start, then from states nothing reaches, with an explicit
    // stack: the preorder gives the order within a row, the postorder a topological order
    // of the forward edges, and an edge to a state still on the stack is a back edge.
    let start = scope.start.as_deref().and_then(|s| index.get(s).copied());
    let mut preorder = vec![usize::MAX; n];
    let mut on_stack = vec![false; n];
    let mut postorder = Vec::with_capacity(n);
    let mut back = std::collections::HashSet::new();
    let mut counter = 0;
    let roots = start.into_iter().chain(0..n);
    for root in roots {
        if preorder[root] != usize::MAX {
            continue;
        }
        preorder[root] = counter;
        counter += 1;
        on_stack[root] = true;
        let mut stack = vec![(root, 0usize)];
        while let Some((node, next)) = stack.last_mut() {
            let node = *node;
            if let Some(&succ) = successors[node].get(*next) {
                *next += 1;
                if preorder[succ] == usize::MAX {
                    preorder[succ] = counter;
                    counter += 1;
                    on_stack[succ] = true;
                    stack.push((succ, 0));
                } else if on_stack[succ] {
                    back.insert((node, succ));
                }
            } else {
                on_stack[node] = false;
                postorder.push(node);
                stack.pop();
            }
        }
    }
    let mut rank = vec![0usize; n];
    for &node in postorder.iter().rev() {
        for &succ in &successors[node] {
            if !back.contains(&(node, succ)) && succ != node {
                rank[succ] = rank[succ].max(rank[node] + 1);
            }
        }
    }

    // Sizes: containers first lay out their nested scopes.
    let mut children: Vec<(usize, f64, f64, Local)> = Vec::new();
    let mut sizes = Vec::with_capacity(n);
    // Owner id -> its nested scopes, in order: one pass, where a filter of all children
    // for every node was quadratic in a scope with many Parallel or Map states.
    let mut nested_of: std::collections::HashMap<&str, Vec<&Scope>> =
        std::collections::HashMap::new();
    for (owner, child) in &scope.children {
        nested_of.entry(owner.as_str()).or_default().push(child);
    }
    for (i, node) in scope.nodes.iter().enumerate() {
        let nested: Vec<&Scope> = nested_of.remove(node.id.as_str()).unwrap_or_default();
        if nested.is_empty() {
            sizes.push((label_width(&node.label), NODE_H));
            continue;
        }
        let mut x = PAD;
        let mut h: f64 = 0.0;
        for child in nested {
            let local = lay_out(child);
            let (w, ch) = (local.w, local.h);
            children.push((i, x, HEADER, local));
            x += w + COL_GAP;
            h = h.max(ch);
        }
        let w = (x - COL_GAP + PAD).max(label_width(&node.label));
        sizes.push((w, HEADER + h + PAD));
    }

    // Rows.
    let rows_count = rank.iter().copied().max().map_or(0, |r| r + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); rows_count];
    for i in 0..n {
        rows[rank[i]].push(i);
    }
    for row in &mut rows {
        row.sort_by_key(|&i| preorder[i]);
    }
    let row_width = |row: &Vec<usize>| {
        row.iter().map(|&i| sizes[i].0).sum::<f64>()
            + COL_GAP * (row.len().saturating_sub(1)) as f64
    };
    // Edges that go up (loops) or skip rows would cross the states between: they take a
    // lane on the scope's right instead.
    let in_lane = |edge: &Edge| match (index.get(edge.from.as_str()).copied(), target(edge)) {
        (Some(from), Some(to)) => rank[to] <= rank[from] || rank[to] > rank[from] + 1,
        _ => false,
    };
    let lanes = scope.edges.iter().filter(|edge| in_lane(edge)).count();
    let inner_w = rows.iter().map(row_width).fold(NODE_MIN_W, f64::max);
    let lanes_w = lanes as f64 * LANE_GAP;
    let w = PAD + inner_w + lanes_w + PAD;
    let centre = PAD + inner_w / 2.0;
    let start_marker = (centre, PAD + MARKER_R);
    let mut rects = vec![
        Rect {
            x: 0.0,
            y: 0.0,
            w: 0.0,
            h: 0.0
        };
        n
    ];
    let mut y = PAD + 2.0 * MARKER_R + ROW_GAP * 0.7;
    for row in &rows {
        let mut x = centre - row_width(row) / 2.0;
        let h = row.iter().map(|&i| sizes[i].1).fold(0.0, f64::max);
        for &i in row {
            let (nw, nh) = sizes[i];
            rects[i] = Rect {
                x,
                y: y + (h - nh) / 2.0,
                w: nw,
                h: nh,
            };
            x += nw + COL_GAP;
        }
        y += h + ROW_GAP;
    }
    let has_end = scope.edges.iter().any(|edge| edge.to.is_none());
    let end_marker = has_end.then_some((centre, y - ROW_GAP * 0.3 + MARKER_R));
    let h = if has_end {
        y - ROW_GAP * 0.3 + 2.0 * MARKER_R + PAD
    } else {
        y - ROW_GAP + PAD
    };

    // Routes.
    let bottom = |r: &Rect| (r.x + r.w / 2.0, r.y + r.h);
    let top = |r: &Rect| (r.x + r.w / 2.0, r.y);
    let mut routes = Vec::with_capacity(scope.edges.len() + 1);
    if let Some(first) = start {
        let to = top(&rects[first]);
        let from = (start_marker.0, start_marker.1 + MARKER_R);
        routes.push(Route {
            scope: scope.id.clone(),
            from: None,
            to: Some(scope.nodes[first].id.clone()),
            label: None,
            kind: EdgeKind::Normal,
            lane: false,
            points: curve(from, to),
            label_at: midpoint(from, to),
        });
    }
    let mut lane = 0;
    for edge in &scope.edges {
        let Some(from) = index.get(edge.from.as_str()).copied() else {
            continue;
        };
        let source = rects[from];
        // A Catch next to a normal edge to the same target starts a little aside.
        let shift = if edge.kind == EdgeKind::Catch {
            source.w.min(60.0) / 4.0
        } else {
            0.0
        };
        let (start_pt, end_pt, lane_route) = match (edge.to.as_ref(), target(edge)) {
            (None, _) => {
                let (sx, sy) = bottom(&source);
                let end = end_marker.unwrap_or((centre, h));
                ((sx + shift, sy), (end.0, end.1 - MARKER_R), false)
            }
            (Some(_), Some(to)) if rank[to] == rank[from] + 1 => {
                let (sx, sy) = bottom(&source);
                ((sx + shift, sy), top(&rects[to]), false)
            }
            (Some(_), Some(to)) if rank[to] > rank[from] => {
                // Down past other rows: out of the source's side, down the lane, into the
                // target's side.
                let t = rects[to];
                (
                    (source.x + source.w, source.y + source.h / 2.0 + shift / 3.0),
                    (t.x + t.w, t.y + t.h / 2.0),
                    true,
                )
            }
            (Some(_), Some(to)) => {
                let t = rects[to];
                (
                    (source.x + source.w, source.y + source.h / 2.0),
                    (t.x + t.w, t.y + t.h / 2.0),
                    true,
                )
            }
            // An edge to a state of no scope (an invalid `Next`): drawn to nowhere.
            (Some(_), None) => continue,
        };
        let (points, label_at) = if lane_route {
            lane += 1;
            let x = PAD + inner_w + lane as f64 * LANE_GAP;
            let points = vec![start_pt, (x, start_pt.1), (x, end_pt.1), end_pt];
            (points, (x, (start_pt.1 + end_pt.1) / 2.0))
        } else {
            (curve(start_pt, end_pt), midpoint(start_pt, end_pt))
        };
        routes.push(Route {
            scope: scope.id.clone(),
            from: Some(edge.from.clone()),
            to: edge.to.clone(),
            label: edge.label.clone(),
            kind: edge.kind,
            lane: lane_route,
            points,
            label_at,
        });
    }
    // Edge labels may reach past the states: the scope grows to hold them.
    let w = routes
        .iter()
        .filter_map(|route| {
            let label = route.label.as_deref()?;
            let width = short_label(label).chars().count() as f64 * LABEL_CHAR_W;
            let vertical = !route.lane
                && (route.points[0].0 - route.points[route.points.len() - 1].0).abs() < 1.0;
            Some(if vertical {
                route.label_at.0 + 6.0 + width
            } else if route.lane {
                route.label_at.0
            } else {
                route.label_at.0 + width / 2.0
            })
        })
        .fold(w, |w, right| w.max(right + PAD));
    Local {
        w,
        h,
        start: start_marker,
        end: end_marker,
        rects,
        children,
        routes,
    }
}

/// The four control points of a vertical S-curve from `a` down to `b`.
fn curve(a: (f64, f64), b: (f64, f64)) -> Vec<(f64, f64)> {
    let bend = ((b.1 - a.1) / 2.0).max(12.0);
    vec![a, (a.0, a.1 + bend), (b.0, b.1 - bend), b]
}

fn midpoint(a: (f64, f64), b: (f64, f64)) -> (f64, f64) {
    ((a.0 + b.0) / 2.0, (a.1 + b.1) / 2.0)
}

/// Moves a scope's local layout to `(dx, dy)` and appends it to the flat layout.
fn place(scope: &Scope, owner: Option<&str>, local: &Local, dx: f64, dy: f64, out: &mut Layout) {
    let shift = |(x, y): (f64, f64)| (x + dx, y + dy);
    out.frames.push(Frame {
        scope: scope.id.clone(),
        title: if owner.is_some() {
            scope.title.clone()
        } else {
            String::new()
        },
        owner: owner.map(str::to_owned),
        rect: Rect {
            x: dx,
            y: dy,
            w: local.w,
            h: local.h,
        },
        start: shift(local.start),
        end: local.end.map(shift),
    });
    for route in &local.routes {
        let mut route = route.clone();
        route.points = route.points.iter().copied().map(shift).collect();
        route.label_at = shift(route.label_at);
        out.edges.push(route);
    }
    // Marked in one pass over the nested scopes (a scan of them per state, and of the states
    // per nested scope below, was quadratic in Map/Parallel states).
    let mut container = vec![false; scope.nodes.len()];
    for (owner, ..) in &local.children {
        if let Some(slot) = container.get_mut(*owner) {
            *slot = true;
        }
    }
    let ids: std::collections::HashSet<&str> =
        scope.nodes.iter().map(|node| node.id.as_str()).collect();
    for (i, node) in scope.nodes.iter().enumerate() {
        let r = local.rects[i];
        out.nodes.push(Placed {
            id: node.id.clone(),
            label: node.label.clone(),
            shape: node.shape,
            rect: Rect {
                x: r.x + dx,
                y: r.y + dy,
                ..r
            },
            scope: scope.id.clone(),
            container: container[i],
        });
    }
    let mut nested = scope
        .children
        .iter()
        .filter(|(owner, _)| ids.contains(owner.as_str()));
    for (i, x, y, child_local) in &local.children {
        let Some((owner_id, child)) = nested.next() else {
            break;
        };
        let r = local.rects[*i];
        debug_assert_eq!(owner_id, &scope.nodes[*i].id);
        place(
            child,
            Some(owner_id),
            child_local,
            r.x + dx + x,
            r.y + dy + y,
            out,
        );
    }
}
