// Conditions that do not map to an ASL comparison.
sfn::workflow! {
    pub FLOW {
        Route: Choice {
            $.a == $.b => Done,
            $.flag < true => Done,
            "x" == "y" => Done,
            $.n == number("ten") => Done,
            is_prsent($.x) => Done,
            $.x == null || $.y <= null => Done,
            #[coment = "typo"]
            $.z == 1 => Done,
            $.w == 1 => Dne,
            _ => Done,
            $.late == 1 => Done,
        },
        Done: Succeed,
    }
}

fn main() {}
