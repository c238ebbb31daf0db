//! Nesting past the pipeline's limits: an error at the token one level too deep (no rustc
//! stack overflow), and a definition too deep to be read back refused by the rule set.

sfn::workflow! {
    pub DEEP_CONDITION {
        A: Choice { ((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((((($.x == 1))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))))) => B, _ => B },
        B: Succeed,
    }
}

sfn::workflow! {
    pub DEEP_VALUE {
        A: Pass { result: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] } -> end,
    }
}

fn main() {}
