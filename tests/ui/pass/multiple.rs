// Several workflows in one invocation, every visibility, used from ordinary code.
sfn::workflow! {
    /// The first.
    pub ONE { A: Pass {} -> end }
    pub(crate) TWO { A: Succeed }
    THREE {
        #[start]
        B: Pass {} -> A,
        A: Succeed,
    }
}

const ALL: [sfn::Workflow; 3] = [ONE, TWO, THREE];

fn main() {
    assert_eq!(ALL[2].to_value()["StartAt"], "B");
    assert!(ONE.definition_pretty().contains("\"Comment\": \"The first.\""));
}
