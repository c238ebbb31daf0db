//! The IAM policy of a workflow with custom task states, composed in `const` by the same rule
//! as `sfn_runtime::iam::PolicyDocument::minimized` (tested against it): every (effect,
//! condition, action, resource) grant once; actions merged per resource, then resources
//! merged per action set; both sorted; statements in order of first appearance.

use super::task::{Given, Seg, StatementTemplate, pattern_index};
use super::text::{Buf, eq};
use crate::spec::Pattern;

/// A statement the macro already knows (a catalogue task's), as data.
#[derive(Clone, Copy)]
pub struct Fixed {
    /// `Allow` / `Deny`.
    pub effect: &'static str,
    /// The actions.
    pub actions: &'static [&'static str],
    /// The resources.
    pub resources: &'static [&'static str],
    /// The condition block as canonical compact JSON (keys sorted), `""` for none.
    pub condition: &'static str,
}

/// The statements of one custom task state.
#[derive(Clone, Copy)]
pub struct CustomIam {
    /// The type's statement templates.
    pub iam: &'static [StatementTemplate],
    /// The state's pattern.
    pub pattern: Pattern,
    /// The fields as written.
    pub given: &'static [Given],
}

/// The statements of one task state, in the order of the states.
#[derive(Clone, Copy)]
pub enum Grants {
    /// A statement the macro knows.
    Fixed(Fixed),
    /// A custom state's statements.
    Custom(CustomIam),
}

/// The most parts a resource template may have (`arn:..:`, `{field}`, `/`, ...): the
/// derive rejects longer ones.
pub const MAX_PARTS: usize = 8;

/// A resource: its text as parts, resolved once (comparisons walk them, never re-resolve).
#[derive(Clone, Copy)]
struct Res {
    parts: [&'static str; MAX_PARTS],
    count: usize,
    len: usize,
}

const fn plain(s: &'static str) -> Res {
    let mut parts = [""; MAX_PARTS];
    parts[0] = s;
    Res {
        parts,
        count: 1,
        len: s.len(),
    }
}

#[derive(Clone, Copy)]
struct Atom {
    effect: &'static str,
    condition: &'static str,
    action: &'static str,
    res: Res,
}

const NONE: Atom = Atom {
    effect: "",
    condition: "",
    action: "",
    res: plain(""),
};

const fn applies(t: &StatementTemplate, pattern: Pattern) -> bool {
    if t.patterns.is_empty() {
        return true;
    }
    let mut i = 0;
    while i < t.patterns.len() {
        if pattern_index(t.patterns[i]) == pattern_index(pattern) {
            return true;
        }
        i += 1;
    }
    false
}

/// The number of grants: the size of the work arrays of [`policy`].
pub const fn atoms(grants: &[Grants]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < grants.len() {
        match grants[i] {
            Grants::Fixed(s) => n += s.actions.len() * s.resources.len(),
            Grants::Custom(c) => {
                let mut t = 0;
                while t < c.iam.len() {
                    let s = &c.iam[t];
                    if applies(s, c.pattern) {
                        n += s.actions.len() * s.resources.len();
                    }
                    t += 1;
                }
            }
        }
        i += 1;
    }
    n
}

/// The literal text of field `index` as written, if it is a literal.
const fn field_text(given: &[Given], index: usize) -> Option<&'static str> {
    let mut g = 0;
    while g < given.len() {
        if given[g].field.index == index {
            return given[g].value.literal(&given[g].field);
        }
        g += 1;
    }
    None
}

/// A template with its fields filled. A field known only at run time (a path, an
/// intrinsic, JSONata, or left out) stands as `*`, as in the catalogue (CDK's rule); a
/// resource with no literal text left but `*` and `:` is `*` (`{function}:*` -> `*`).
const fn resolve(segs: &'static [Seg], given: &'static [Given]) -> Res {
    let mut unknown = false;
    let mut named = false;
    let mut out = plain("");
    out.count = 0;
    let mut i = 0;
    while i < segs.len() && i < MAX_PARTS {
        let text = match segs[i] {
            Seg::Field(f) => match field_text(given, f) {
                Some(t) => {
                    named = true;
                    t
                }
                None => {
                    unknown = true;
                    "*"
                }
            },
            Seg::Lit(s) => {
                let b = s.as_bytes();
                let mut j = 0;
                while j < b.len() {
                    if b[j] != b'*' && b[j] != b':' {
                        named = true;
                    }
                    j += 1;
                }
                s
            }
        };
        out.parts[out.count] = text;
        out.count += 1;
        out.len += text.len();
        i += 1;
    }
    if unknown && !named {
        return plain("*");
    }
    out
}

/// -1, 0, 1 comparing byte strings (the order of `String`), part by part.
const fn cmp_res(a: &Res, b: &Res) -> i8 {
    let (mut ia, mut oa, mut ib, mut ob) = (0, 0, 0, 0);
    loop {
        while ia < a.count && oa >= a.parts[ia].len() {
            ia += 1;
            oa = 0;
        }
        while ib < b.count && ob >= b.parts[ib].len() {
            ib += 1;
            ob = 0;
        }
        let (end_a, end_b) = (ia >= a.count, ib >= b.count);
        if end_a || end_b {
            return if end_a && end_b {
                0
            } else if end_a {
                -1
            } else {
                1
            };
        }
        let (x, y) = (a.parts[ia].as_bytes(), b.parts[ib].as_bytes());
        // The common run of the two current parts, in one tight loop.
        let run = if x.len() - oa < y.len() - ob {
            x.len() - oa
        } else {
            y.len() - ob
        };
        let mut j = 0;
        while j < run {
            if x[oa + j] != y[ob + j] {
                return if x[oa + j] < y[ob + j] { -1 } else { 1 };
            }
            j += 1;
        }
        oa += run;
        ob += run;
    }
}

const fn eq_res(a: &Res, b: &Res) -> bool {
    a.len == b.len && cmp_res(a, b) == 0
}

const fn cmp_str(a: &'static str, b: &'static str) -> i8 {
    cmp_res(&plain(a), &plain(b))
}

const fn same_scope(a: &Atom, b: &Atom) -> bool {
    eq(a.effect, b.effect) && eq(a.condition, b.condition)
}

const fn push_res<const N: usize>(out: &mut Buf<N>, r: &Res) {
    out.push_byte(b'"');
    let mut i = 0;
    while i < r.count {
        out.push_escaped(r.parts[i]);
        i += 1;
    }
    out.push_byte(b'"');
}

/// Writes the policy document into a `Buf<OUT>` (`OUT = 0` only counts); `N` is
/// [`atoms`]`(grants)`.
pub const fn policy<const OUT: usize, const N: usize>(grants: &[Grants]) -> Buf<OUT> {
    // The grants, in order.
    let mut atom = [NONE; N];
    let mut n = 0;
    let mut i = 0;
    while i < grants.len() {
        match grants[i] {
            Grants::Fixed(s) => {
                let mut a = 0;
                while a < s.actions.len() {
                    let mut r = 0;
                    while r < s.resources.len() {
                        atom[n] = Atom {
                            effect: s.effect,
                            condition: s.condition,
                            action: s.actions[a],
                            res: plain(s.resources[r]),
                        };
                        n += 1;
                        r += 1;
                    }
                    a += 1;
                }
            }
            Grants::Custom(c) => {
                let mut t = 0;
                while t < c.iam.len() {
                    let s = &c.iam[t];
                    if applies(s, c.pattern) {
                        let mut a = 0;
                        while a < s.actions.len() {
                            let mut r = 0;
                            while r < s.resources.len() {
                                atom[n] = Atom {
                                    effect: "Allow",
                                    condition: "",
                                    action: s.actions[a],
                                    res: resolve(s.resources[r], c.given),
                                };
                                n += 1;
                                r += 1;
                            }
                            a += 1;
                        }
                    }
                    t += 1;
                }
            }
        }
        i += 1;
    }
    // 1. The group of each grant: the first grant with the same scope and resource.
    let mut by_res = [0usize; N];
    let mut i = 0;
    while i < n {
        by_res[i] = i;
        let mut j = 0;
        while j < i {
            if by_res[j] == j
                && eq_res(&atom[i].res, &atom[j].res)
                && same_scope(&atom[i], &atom[j])
            {
                by_res[i] = j;
                break;
            }
            j += 1;
        }
        i += 1;
    }
    // 2. The statement of each resource group: the first group with the same scope and
    //    the same set of actions.
    let mut by_set = [0usize; N];
    let mut g = 0;
    while g < n {
        by_set[g] = g;
        if by_res[g] == g {
            let mut h = 0;
            while h < g {
                if by_res[h] == h
                    && by_set[h] == h
                    && same_scope(&atom[g], &atom[h])
                    && same_actions(&atom, &by_res, n, g, h)
                {
                    by_set[g] = h;
                    break;
                }
                h += 1;
            }
        }
        g += 1;
    }
    // 3. The resource groups sorted by resource once (insertion sort: the grants of a
    //    workflow are few), so each statement lists its resources in order without a search.
    let mut order = [0usize; N];
    let mut m = 0;
    let mut k = 0;
    while k < n {
        if by_res[k] == k {
            let mut at = m;
            while at > 0 && cmp_res(&atom[order[at - 1]].res, &atom[k].res) > 0 {
                order[at] = order[at - 1];
                at -= 1;
            }
            order[at] = k;
            m += 1;
        }
        k += 1;
    }
    // 4. Write.
    let mut out = Buf::new();
    out.push_str("{\"Version\":\"2012-10-17\",\"Statement\":[");
    let mut first = true;
    let mut s = 0;
    while s < n {
        if by_res[s] == s && by_set[s] == s {
            if !first {
                out.push_byte(b',');
            }
            first = false;
            out.push_str("{\"Effect\":");
            out.push_json_str(atom[s].effect);
            out.push_str(",\"Action\":");
            write_actions(&mut out, &atom, &by_res, n, s);
            out.push_str(",\"Resource\":");
            write_resources(&mut out, &atom, &order, m, &by_set, s);
            if !atom[s].condition.is_empty() {
                out.push_str(",\"Condition\":");
                out.push_str(atom[s].condition);
            }
            out.push_byte(b'}');
        }
        s += 1;
    }
    out.push_str("]}");
    out
}

const fn has_action<const N: usize>(
    atom: &[Atom; N],
    by_res: &[usize; N],
    n: usize,
    group: usize,
    action: &str,
) -> bool {
    let mut k = 0;
    while k < n {
        if by_res[k] == group && eq(atom[k].action, action) {
            return true;
        }
        k += 1;
    }
    false
}

const fn same_actions<const N: usize>(
    atom: &[Atom; N],
    by_res: &[usize; N],
    n: usize,
    g: usize,
    h: usize,
) -> bool {
    let mut k = 0;
    while k < n {
        if (by_res[k] == g && !has_action(atom, by_res, n, h, atom[k].action))
            || (by_res[k] == h && !has_action(atom, by_res, n, g, atom[k].action))
        {
            return false;
        }
        k += 1;
    }
    true
}

/// The actions of resource group `g`, sorted and distinct; one is a string.
const fn write_actions<const OUT: usize, const N: usize>(
    out: &mut Buf<OUT>,
    atom: &[Atom; N],
    by_res: &[usize; N],
    n: usize,
    g: usize,
) {
    let mut pass = 0;
    while pass < 2 {
        let mut count = 0;
        let mut last: Option<&'static str> = None;
        loop {
            let mut best: Option<&'static str> = None;
            let mut k = 0;
            while k < n {
                if by_res[k] == g {
                    let a = atom[k].action;
                    let after = match last {
                        Some(l) => cmp_str(a, l) > 0,
                        None => true,
                    };
                    let better = match best {
                        Some(b) => cmp_str(a, b) < 0,
                        None => true,
                    };
                    if after && better {
                        best = Some(a);
                    }
                }
                k += 1;
            }
            let Some(b) = best else { break };
            if pass == 1 {
                if count > 0 {
                    out.push_byte(b',');
                }
                out.push_json_str(b);
            }
            count += 1;
            last = Some(b);
        }
        if pass == 0 && count > 1 {
            out.push_byte(b'[');
        }
        if pass == 1 && count > 1 {
            out.push_byte(b']');
        }
        // A single action is written as a string: pass 0 only counted.
        pass += 1;
    }
}

/// The resources of every group merged into statement `s`: `order` holds the `m` resource
/// groups sorted by resource, and within one statement (one scope) they are distinct.
const fn write_resources<const OUT: usize, const N: usize>(
    out: &mut Buf<OUT>,
    atom: &[Atom; N],
    order: &[usize; N],
    m: usize,
    by_set: &[usize; N],
    s: usize,
) {
    let mut count = 0;
    let mut i = 0;
    while i < m {
        if by_set[order[i]] == s {
            count += 1;
        }
        i += 1;
    }
    if count > 1 {
        out.push_byte(b'[');
    }
    let mut written = 0;
    let mut i = 0;
    while i < m {
        if by_set[order[i]] == s {
            if written > 0 {
                out.push_byte(b',');
            }
            push_res(out, &atom[order[i]].res);
            written += 1;
        }
        i += 1;
    }
    if count > 1 {
        out.push_byte(b']');
    }
}
