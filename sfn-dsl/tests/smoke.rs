use quote::quote;

#[test]
fn smoke() {
    let out = sfn_dsl::expand(quote! {
        /// Hello
        #[timeout = 1h]
        pub FLOW {
            #[retry(errors = ["X"], interval = 2s)]
            A: Task { resource: "arn:aws:lambda:us-east-1:1:function:f", parameters: { "x": $.a["b c"][0], "y": States.Format("a {} b", $.x) } } -> B,
            B: Choice {
                $.n > 10 && is_present($.flag) => C,
                $.s == "x" || !($.b == true) => C,
                _ => D,
            },
            C: Wait { seconds: 5min } -> D,
            D: Succeed,
        }
    });
    println!("{out}");
}
