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

#[derive(Clone, Copy)]
enum Res {
    Plain(&'static str),
    Template(&'static [Seg], &'static [Given]),
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
    res: Res::Plain(""),
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
    let mut i = 0;
    while i < segs.len() {
        match segs[i] {
            Seg::Field(f) => {
                if field_text(given, f).is_none() {
                    unknown = true;
                } else {
                    named = true;
                }
            }
            Seg::Lit(s) => {
                let b = s.as_bytes();
                let mut j = 0;
                while j < b.len() {
                    if b[j] != b'*' && b[j] != b':' {
                        named = true;
                    }
                    j += 1;
                }
            }
        }
        i += 1;
    }
    if unknown && !named {
        return Res::Plain("*");
    }
    Res::Template(segs, given)
}

const fn seg_text(seg: &Seg, given: &[Given]) -> &'static str {
    match *seg {
        Seg::Lit(s) => s,
        Seg::Field(f) => match field_text(given, f) {
            Some(s) => s,
            None => "*",
        },
    }
}

const fn res_len(r: &Res) -> usize {
    match *r {
        Res::Plain(s) => s.len(),
        Res::Template(segs, given) => {
            let mut n = 0;
            let mut i = 0;
            while i < segs.len() {
                n += seg_text(&segs[i], given).len();
                i += 1;
            }
            n
        }
    }
}

const fn res_byte(r: &Res, mut at: usize) -> u8 {
    match *r {
        Res::Plain(s) => s.as_bytes()[at],
        Res::Template(segs, given) => {
            let mut i = 0;
            while i < segs.len() {
                let text = seg_text(&segs[i], given).as_bytes();
                if at < text.len() {
                    return text[at];
                }
                at -= text.len();
                i += 1;
            }
            0
        }
    }
}

/// -1, 0, 1 comparing byte strings (the order of `String`).
const fn cmp_res(a: &Res, b: &Res) -> i8 {
    let (la, lb) = (res_len(a), res_len(b));
    let mut i = 0;
    while i < la && i < lb {
        let (x, y) = (res_byte(a, i), res_byte(b, i));
        if x != y {
            return if x < y { -1 } else { 1 };
        }
        i += 1;
    }
    if la == lb {
        0
    } else if la < lb {
        -1
    } else {
        1
    }
}

const fn cmp_str(a: &'static str, b: &'static str) -> i8 {
    cmp_res(&Res::Plain(a), &Res::Plain(b))
}

const fn same_scope(a: &Atom, b: &Atom) -> bool {
    eq(a.effect, b.effect) && eq(a.condition, b.condition)
}

const fn push_res<const N: usize>(out: &mut Buf<N>, r: &Res) {
    out.push_byte(b'"');
    match *r {
        Res::Plain(s) => out.push_escaped(s),
        Res::Template(segs, given) => {
            let mut i = 0;
            while i < segs.len() {
                out.push_escaped(seg_text(&segs[i], given));
                i += 1;
            }
        }
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
                            res: Res::Plain(s.resources[r]),
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
                && same_scope(&atom[i], &atom[j])
                && cmp_res(&atom[i].res, &atom[j].res) == 0
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
    // 3. Write.
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
            write_resources(&mut out, &atom, &by_res, &by_set, n, s);
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

/// The resources of every group merged into statement `s`, sorted and distinct.
const fn write_resources<const OUT: usize, const N: usize>(
    out: &mut Buf<OUT>,
    atom: &[Atom; N],
    by_res: &[usize; N],
    by_set: &[usize; N],
    n: usize,
    s: usize,
) {
    let mut pass = 0;
    while pass < 2 {
        let mut count = 0;
        let mut last: Option<usize> = None;
        loop {
            let mut best: Option<usize> = None;
            let mut k = 0;
            while k < n {
                if by_res[k] == k && by_set[k] == s {
                    let after = match last {
                        Some(l) => cmp_res(&atom[k].res, &atom[l].res) > 0,
                        None => true,
                    };
                    let better = match best {
                        Some(b) => cmp_res(&atom[k].res, &atom[b].res) < 0,
                        None => true,
                    };
                    if after && better {
                        best = Some(k);
                    }
                }
                k += 1;
            }
            let Some(b) = best else { break };
            if pass == 1 {
                if count > 0 {
                    out.push_byte(b',');
                }
                push_res(out, &atom[b].res);
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
        pass += 1;
    }
}
