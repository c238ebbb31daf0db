//! Which diagnostics of the rule set depend on a part the DSL already reported broken.
//!
//! A state with a DSL mistake is still in the definition, without the broken part: the rules
//! about the state as a whole (required fields, its type, its transition) would report the
//! hole, so they are skipped; the rules about its other values still run. A block with a
//! broken state (or a broken transition) skips the graph rules, which the DSL checks itself.

use sfn_runtime::validate::Diagnostic;

use crate::diag::Errors;

/// Rules about a state's shape: a broken field leaves a hole they would report.
const SHAPE: &[&str] = &[
    "wrong-type",
    "unknown-field",
    "field-not-allowed",
    "missing-field",
    "missing-one-of",
    "exclusive-fields",
    "transition-missing",
    "state-type-unknown",
    "empty-array",
    "choice-rule-shape",
];

/// Rules about a block's graph (the DSL checks targets and reachability itself).
const GRAPH: &[&str] = &[
    "start-at-unknown",
    "next-unknown-state",
    "next-out-of-scope",
    "no-terminal-state",
    "unreachable-state",
    "transition-missing",
];

/// Whether `diagnostic` is about something a reported mistake broke.
pub fn on_broken(diagnostic: &Diagnostic, errors: &Errors) -> bool {
    let pointer = diagnostic.pointer.as_str();
    if errors.in_broken_value(pointer) {
        return true;
    }
    // A block's own diagnostics (its `StartAt`, no terminal state) are at the block; the
    // others are in a state: the innermost one, in its block.
    let bare = pointer.strip_suffix("/StartAt").unwrap_or(pointer);
    let (block, state) = match owners(bare).last() {
        _ if is_block(bare) => (bare, None),
        Some(&(block, state)) => (block, Some(state)),
        None => (bare, None),
    };
    if GRAPH.contains(&diagnostic.code)
        && (errors.is_broken(block) || errors.has_broken_state(block))
    {
        return true;
    }
    match state {
        Some(state) if errors.is_broken(state) => {
            pointer == state || SHAPE.contains(&diagnostic.code)
        }
        _ => false,
    }
}

/// Whether `diagnostic` says again what another one says: an unknown variable where the
/// same value is already wrong (`result_path: $fn` cannot write a variable, so not also "no
/// state assigns `$fn`"), or a Choice rule's shape when a field inside the rule is the
/// problem (a JSONata `Condition` in a JSONPath Choice), or a callback's missing token when
/// its payload misspells `$$.Task.Token`. Two other rules at one value are two
/// mistakes (`States.ALL` not alone and not last) and both stay.
pub fn repeats(diagnostic: &Diagnostic, earlier: &[Diagnostic], all: &[Diagnostic]) -> bool {
    let same_place = matches!(
        diagnostic.code,
        "variable-unknown" | "jsonata-variable-unknown"
    ) && earlier
        .iter()
        .any(|d| d.pointer == diagnostic.pointer && d.offset == diagnostic.offset);
    let inner = format!("{}/", diagnostic.pointer);
    let inside = |code: &str| {
        all.iter()
            .any(|d| d.code == code && d.pointer.starts_with(&inner))
    };
    same_place
        || (diagnostic.code == "choice-rule-shape" && all.iter().any(|d| d.pointer.starts_with(&inner)))
        // A misspelled `$$.Task.Tokn` in the payload is the one mistake, not also "never
        // passes the token".
        || (diagnostic.code == "task-token-missing" && inside("context-path"))
}

/// Whether `pointer` is a block of states: the document, a branch, a Map's processor.
fn is_block(pointer: &str) -> bool {
    pointer.is_empty()
        || pointer.ends_with("/ItemProcessor")
        || pointer.ends_with("/Iterator")
        || pointer.rsplit_once('/').is_some_and(|(parent, index)| {
            parent.ends_with("/Branches") && index.parse::<usize>().is_ok()
        })
}

/// The states `pointer` passes through, outermost first, each as (its block's pointer, its
/// own pointer): `/States/P/Branches/0/States/A/Next` gives
/// `("", "/States/P")` and `("/States/P/Branches/0", "/States/P/Branches/0/States/A")`.
fn owners(pointer: &str) -> Vec<(&str, &str)> {
    let mut out = Vec::new();
    let mut at = 0;
    // Where a block of states can start: the document, a branch, a Map's processor.
    let mut block_start = true;
    let mut segments = pointer.split('/').skip(1).peekable();
    let mut previous = "";
    while let Some(segment) = segments.next() {
        let start = at;
        at += 1 + segment.len();
        if block_start
            && segment == "States"
            && let Some(name) = segments.next()
        {
            let end = at + 1 + name.len();
            out.push((&pointer[..start], &pointer[..end]));
            at = end;
            previous = name;
            block_start = false;
            continue;
        }
        block_start = matches!(segment, "ItemProcessor" | "Iterator")
            || (previous == "Branches" && segment.parse::<usize>().is_ok());
        previous = segment;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_states_a_pointer_is_in() {
        assert_eq!(owners(""), []);
        assert_eq!(owners("/StartAt"), []);
        assert_eq!(owners("/States/A/Next"), [("", "/States/A")]);
        assert_eq!(
            owners("/States/P/Branches/1/States/B/ResultPath"),
            [
                ("", "/States/P"),
                ("/States/P/Branches/1", "/States/P/Branches/1/States/B")
            ]
        );
        assert_eq!(
            owners("/States/M/ItemProcessor/States/S"),
            [
                ("", "/States/M"),
                (
                    "/States/M/ItemProcessor",
                    "/States/M/ItemProcessor/States/S"
                )
            ]
        );
        // A payload key named `States` is not a block.
        assert_eq!(owners("/States/A/Parameters/States/x"), [("", "/States/A")]);
    }

    fn diagnostic(pointer: &str, code: &'static str) -> Diagnostic {
        Diagnostic {
            pointer: pointer.into(),
            code,
            severity: sfn_runtime::validate::Severity::Error,
            message: String::new(),
            hint: None,
            offset: None,
        }
    }

    #[test]
    fn one_problem_per_place() {
        let first = diagnostic("/States/E/ResultPath", "result-path-root");
        let second = diagnostic("/States/E/ResultPath", "variable-unknown");
        let all = [first.clone(), second.clone()];
        assert!(!repeats(&first, &[], &all));
        assert!(repeats(&second, &all[..1], &all));
        let alone = diagnostic("/States/A/Retry/0/ErrorEquals", "error-equals-all");
        let last = diagnostic("/States/A/Retry/0/ErrorEquals", "error-equals-all-last");
        let all = [alone.clone(), last.clone()];
        assert!(!repeats(&last, &all[..1], &all));
        let shape = diagnostic("/States/D/Choices/0", "choice-rule-shape");
        let field = diagnostic("/States/D/Choices/0/Condition", "field-query-language");
        let all = [shape.clone(), field.clone()];
        assert!(repeats(&shape, &[], &all));
        assert!(!repeats(&field, &all[..1], &all));
        // `$$.Task.Tokn` in a callback's payload: the misspelling, not also the missing token.
        let missing = diagnostic("/States/A/Parameters", "task-token-missing");
        let typo = diagnostic("/States/A/Parameters/MessageBody/token.$", "context-path");
        let all = [missing.clone(), typo.clone()];
        assert!(repeats(&missing, &[], &all));
        assert!(!repeats(&typo, &all[..1], &all));
        let elsewhere = diagnostic("/States/B/Parameters/x.$", "context-path");
        assert!(!repeats(&missing, &[], &[missing.clone(), elsewhere]));
    }

    #[test]
    fn skips_only_what_depends_on_the_broken_part() {
        let mut errors = Errors::default();
        errors.mark("/States/A");
        // The hole the broken field left, and the graph of A's block.
        assert!(on_broken(
            &diagnostic("/States/A", "missing-field"),
            &errors
        ));
        assert!(on_broken(
            &diagnostic("/States/B", "unreachable-state"),
            &errors
        ));
        // A's other values and B's values are still checked.
        assert!(!on_broken(
            &diagnostic("/States/A/ResultPath", "path-syntax"),
            &errors
        ));
        assert!(!on_broken(
            &diagnostic("/States/B", "missing-field"),
            &errors
        ));
        assert!(!on_broken(
            &diagnostic("/States/B/HeartbeatSeconds", "heartbeat-timeout"),
            &errors
        ));
        // A nested block is its own: a broken outer state leaves its branch's graph checked.
        assert!(!on_broken(
            &diagnostic("/States/A/Branches/0/States/X", "unreachable-state"),
            &errors
        ));
        let mut errors = Errors::default();
        errors.mark("/States/P/Branches/0");
        assert!(on_broken(
            &diagnostic("/States/P/Branches/0/States/X/Next", "next-unknown-state"),
            &errors
        ));
        assert!(on_broken(
            &diagnostic("/States/P/Branches/0/StartAt", "start-at-unknown"),
            &errors
        ));
        assert!(!on_broken(
            &diagnostic("/States/Q", "unreachable-state"),
            &errors
        ));
        // A value the DSL reported and still wrote: nothing at it or inside it, its
        // neighbours still.
        let mut errors = Errors::default();
        errors.mark_value("/States/A/Parameters/item.$");
        assert!(on_broken(
            &diagnostic("/States/A/Parameters/item.$", "context-path"),
            &errors
        ));
        assert!(!on_broken(
            &diagnostic("/States/A/Parameters/other.$", "path-syntax"),
            &errors
        ));
        assert!(!on_broken(
            &diagnostic("/States/A", "missing-field"),
            &errors
        ));
    }
}
