//! The generated workloads of issue #19's expansion figures, shared by the `expand_scale`
//! benchmark and the `profile_expand` example (a plain loop to run under perf or callgrind).

/// `n` chained `LambdaInvoke` states with distinct functions and a `result_path` each.
pub fn chain(n: usize) -> String {
    let mut states = String::new();
    for i in 0..n {
        let next = if i + 1 < n {
            format!("S{}", i + 1)
        } else {
            "end".into()
        };
        states.push_str(&format!(
            r#"S{i}: LambdaInvoke {{ lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:f{i}", payload: $.input, result_path: $.r{i} }} -> {next},"#
        ));
    }
    format!("pub FLOW {{ {states} }}")
}

/// `n` states, half `Choice` and half `LambdaInvoke`: Choice `C{k}` goes to task `T{k}` or
/// skips it to `C{k+1}`.
pub fn choice(n: usize) -> String {
    let pairs = n / 2;
    let mut states = String::new();
    for k in 0..pairs {
        let after = if k + 1 < pairs {
            format!("C{}", k + 1)
        } else {
            "Done".into()
        };
        states.push_str(&format!(
            r#"C{k}: Choice {{ $.n > {k} && is_present($.f{k}) => T{k}, _ => {after} }},
               T{k}: LambdaInvoke {{ lambda_function: "arn:aws:lambda:us-east-1:123456789012:function:f{k}", result_path: $.r{k} }} -> {after},"#
        ));
    }
    states.push_str("Done: Succeed,");
    format!("pub FLOW {{ {states} }}")
}
