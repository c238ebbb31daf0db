//! An imported definition compiles to the policy its ASL needs: every CDK conformance
//! definition, printed by `sfn_dsl::import::to_source` and lowered as `workflow!` lowers it,
//! gets the statements `sfn_tasks::infer::definition_statements` reads from the original ASL.
//! Those are the catalogue-typed version's (checked for every golden case in sfn-tasks'
//! `tests/common/mod.rs`) and CDK's (`sfn-tasks/tests/infer_conformance.rs`, with the listed
//! exceptions whose grants are not in the ASL).

use serde_json::Value;
use sfn_dsl::diag::Errors;
use sfn_runtime::iam::PolicyDocument;

fn policy(statements: &[sfn_runtime::iam::Statement]) -> Value {
    let mut doc = PolicyDocument::new();
    for st in statements {
        doc.push(st.clone());
    }
    serde_json::from_str(&doc.to_json()).unwrap()
}

#[test]
fn imported_cdk_definitions_get_the_policy_their_asl_needs() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/conformance/cdk");
    let mut compared = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let case: Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
        let original = &case["definition"];
        let source = sfn_dsl::import::to_source(original, "IMPORTED").expect("imports");
        let body = &source[source.find('{').unwrap() + 1..source.rfind('}').unwrap()];
        let tokens: proc_macro2::TokenStream = body.parse().expect("lexes");
        let mut errors = Errors::default();
        let defs =
            sfn_dsl::parse::parse_all(tokens, |s| sfn_dsl::parse::parse_workflows(s, &mut errors))
                .expect("parses");
        let lowered = sfn_dsl::lower::lower_workflow(&defs[0], &mut errors);
        assert!(
            errors.is_empty(),
            "{}: {} errors",
            path.display(),
            errors.len()
        );
        let want = policy(&sfn_tasks::infer::definition_statements(original));
        assert_eq!(policy(&lowered.statements), want, "{}", path.display());
        compared += 1;
    }
    assert!(compared > 50, "only {compared}");
}
