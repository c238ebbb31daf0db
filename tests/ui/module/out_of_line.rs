// An attribute macro cannot read the file of `mod x;`.
#[sfn::workflow_module]
mod orders;

fn main() {}
