//! Compile-time checks of custom task types (`#[derive(sfn::Task)]` and their use in
//! `workflow!`): every `.rs` under `tests/ui/custom*/` must fail with exactly the reviewed
//! `.stderr` next to it (each error at the user's token); `tests/ui/custom-pass/` compiles
//! and runs.

#[test]
fn ui_custom() {
    let cases = trybuild::TestCases::new();
    cases.compile_fail("tests/ui/custom/*.rs");
    cases.compile_fail("tests/ui/custom-derive/*.rs");
    cases.pass("tests/ui/custom-pass/*.rs");
}
