#[test]
fn smoke() {
    println!("{}", sfn_custom_tasks_app::ORDER_AUDIT.definition_pretty());
    println!("{}", sfn_custom_tasks_app::ORDER_AUDIT.policy());
}
