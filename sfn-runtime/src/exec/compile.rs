//! Walks a definition once and pre-parses every path, intrinsic, payload template and
//! JSONata expression, in the query language each state runs in.

use super::paths::Compiled;
use crate::asl::{
    ChoiceRule, Condition, IntOrExpr, NumberOrExpr, Operand, QueryLanguage, State, StateMachine,
    States,
};

/// Compiles a whole machine of `count` states.
pub(crate) fn compile(machine: &StateMachine, count: usize) -> Compiled {
    let mut compiled = Compiled::with_capacity(count);
    states(&mut compiled, &machine.states, machine.query_language());
    compiled
}

fn states(c: &mut Compiled, states_: &States, machine_language: QueryLanguage) {
    for state in states_.values() {
        let jsonata = state.query_language().unwrap_or(machine_language) == QueryLanguage::Jsonata;
        one(c, state, jsonata, machine_language);
    }
}

fn opt_path(c: &mut Compiled, path: &Option<Option<String>>) {
    if let Some(Some(path)) = path {
        c.add_path(path);
    }
}

fn path(c: &mut Compiled, path: &Option<String>) {
    if let Some(path) = path {
        c.add_path(path);
    }
}

fn template(c: &mut Compiled, value: &Option<serde_json::Value>, jsonata: bool) {
    if let Some(value) = value {
        if jsonata {
            c.add_jsonata(value);
        } else {
            c.add_template(value);
        }
    }
}

fn int_expr(c: &mut Compiled, value: &Option<IntOrExpr>) {
    if let Some(IntOrExpr::Expr(source)) = value {
        c.add_jsonata_str(source);
    }
}

fn one(c: &mut Compiled, state: &State, jsonata: bool, machine_language: QueryLanguage) {
    for catcher in state.catchers() {
        opt_path(c, &catcher.result_path);
        template(c, &catcher.assign, jsonata);
        template(c, &catcher.output, jsonata);
    }
    match state {
        State::Pass(s) => {
            opt_path(c, &s.input_path);
            opt_path(c, &s.result_path);
            opt_path(c, &s.output_path);
            template(c, &s.parameters, false);
            template(c, &s.output, true);
            template(c, &s.assign, jsonata);
        }
        State::Task(s) => {
            opt_path(c, &s.input_path);
            opt_path(c, &s.result_path);
            opt_path(c, &s.output_path);
            path(c, &s.timeout_seconds_path);
            path(c, &s.heartbeat_seconds_path);
            int_expr(c, &s.timeout_seconds);
            int_expr(c, &s.heartbeat_seconds);
            template(c, &s.parameters, false);
            template(c, &s.result_selector, false);
            template(c, &s.arguments, true);
            template(c, &s.output, true);
            template(c, &s.assign, jsonata);
        }
        State::Choice(s) => {
            opt_path(c, &s.input_path);
            opt_path(c, &s.output_path);
            template(c, &s.output, true);
            template(c, &s.assign, jsonata);
            for rule in &s.choices {
                choice_rule(c, rule, jsonata);
            }
        }
        State::Wait(s) => {
            opt_path(c, &s.input_path);
            opt_path(c, &s.output_path);
            path(c, &s.seconds_path);
            path(c, &s.timestamp_path);
            int_expr(c, &s.seconds);
            if let (Some(timestamp), true) = (&s.timestamp, jsonata) {
                c.add_jsonata_str(timestamp);
            }
            template(c, &s.output, true);
            template(c, &s.assign, jsonata);
        }
        State::Succeed(s) => {
            opt_path(c, &s.input_path);
            opt_path(c, &s.output_path);
            template(c, &s.output, true);
        }
        State::Fail(s) => {
            for field in [&s.error, &s.cause].into_iter().flatten() {
                if jsonata {
                    c.add_jsonata_str(field);
                }
            }
            for field in [&s.error_path, &s.cause_path].into_iter().flatten() {
                c.add_expr(field);
            }
        }
        State::Parallel(s) => {
            opt_path(c, &s.input_path);
            opt_path(c, &s.result_path);
            opt_path(c, &s.output_path);
            template(c, &s.parameters, false);
            template(c, &s.result_selector, false);
            template(c, &s.arguments, true);
            template(c, &s.output, true);
            template(c, &s.assign, jsonata);
            for branch in &s.branches {
                states(c, &branch.states, machine_language);
            }
        }
        State::Map(s) => {
            opt_path(c, &s.input_path);
            opt_path(c, &s.items_path);
            opt_path(c, &s.result_path);
            opt_path(c, &s.output_path);
            path(c, &s.max_concurrency_path);
            path(c, &s.tolerated_failure_count_path);
            path(c, &s.tolerated_failure_percentage_path);
            int_expr(c, &s.max_concurrency);
            int_expr(c, &s.tolerated_failure_count);
            if let Some(NumberOrExpr::Expr(source)) = &s.tolerated_failure_percentage {
                c.add_jsonata_str(source);
            }
            template(c, &s.item_selector, jsonata);
            template(c, &s.parameters, jsonata);
            template(c, &s.result_selector, false);
            template(c, &s.items, true);
            template(c, &s.output, true);
            template(c, &s.assign, jsonata);
            if let Some(processor) = s.processor() {
                states(c, &processor.states, machine_language);
            }
        }
    }
}

fn choice_rule(c: &mut Compiled, rule: &ChoiceRule, jsonata: bool) {
    template(c, &rule.assign, jsonata);
    template(c, &rule.output, true);
    match &rule.condition {
        Condition::And(rules) | Condition::Or(rules) => {
            rules.iter().for_each(|r| choice_rule(c, r, jsonata))
        }
        Condition::Not(rule) => choice_rule(c, rule, jsonata),
        Condition::Test {
            variable,
            comparison,
        } => {
            c.add_path(variable);
            if let Operand::Path(path) = &comparison.operand {
                c.add_path(path);
            }
        }
        Condition::Jsonata(value) => c.add_jsonata(value),
    }
}
