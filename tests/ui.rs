//! Compile-time checks of `workflow!`: every `.rs` under `tests/ui/<category>/` must fail to
//! compile with exactly the reviewed `.stderr` next to it; `tests/ui/pass/` must compile.

#[test]
fn ui() {
    let cases = trybuild::TestCases::new();
    for category in [
        "syntax",
        "states",
        "graph",
        "choice",
        "values",
        "attrs",
        "rules",
        "module",
        "diagnostics",
    ] {
        cases.compile_fail(format!("tests/ui/{category}/*.rs"));
    }
    cases.pass("tests/ui/pass/*.rs");
}
