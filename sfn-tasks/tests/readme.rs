//! The README's table of integrations is the catalogue's own.
#[test]
fn readme_table_is_current() {
    let readme = include_str!("../README.md");
    let table = sfn_tasks::markdown_table();
    assert!(
        readme.contains(&table),
        "README.md is stale; replace its table with:\n{table}"
    );
}
