fn main() {
    print!("{}", sfn_tasks::markdown_table());
}
