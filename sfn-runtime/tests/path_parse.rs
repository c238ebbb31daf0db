//! Parsing of paths, reference paths, intrinsic calls and `.$` expressions: accepted forms
//! with their canonical text, and rejected forms with the exact offset and message.

use sfn_runtime::path::{
    ArgKind, Expr, IntrinsicFn, ParseError, Root, Segment, Selector, parse_expr, parse_intrinsic,
    parse_path, parse_reference_path,
};

/// (source, canonical text, definite, reference path)
const VALID: &[(&str, &str, bool, bool)] = &[
    ("$", "$", true, true),
    ("$.a", "$.a", true, true),
    ("$['a b']", "$['a b']", true, true),
    ("$[\"a b\"]", "$['a b']", true, true),
    ("$.abc.['def ghi']", "$.abc['def ghi']", true, true),
    ("$.a[0]", "$.a[0]", true, true),
    ("$.a[ 0 ]", "$.a[0]", true, true),
    ("$.a[-1]", "$.a[-1]", true, false),
    ("$[0,1]", "$[0,1]", false, false),
    ("$[0, 1 ,2]", "$[0,1,2]", false, false),
    ("$['a','b']", "$['a','b']", true, false),
    ("$.x['a','b'].c", "$.x['a','b'].c", false, false),
    ("$[1:3]", "$[1:3]", false, false),
    ("$[-2:]", "$[-2:]", false, false),
    ("$[:2]", "$[:2]", false, false),
    ("$[::2]", "$[::2]", false, false),
    ("$[3:0:-1]", "$[3:0:-1]", false, false),
    ("$.*", "$.*", false, false),
    ("$[*]", "$.*", false, false),
    ("$..a", "$..a", false, false),
    ("$..*", "$..*", false, false),
    ("$..[0]", "$..[0]", false, false),
    ("$..['a b']", "$..['a b']", false, false),
    (
        "$.store.book[?(@.price < 10)].title",
        "$.store.book[?(@.price < 10)].title",
        false,
        false,
    ),
    ("$[?(@.isbn)]", "$[?(@.isbn)]", false, false),
    (
        "$[?( @.a>=1&&@.b!='x' )]",
        "$[?(@.a >= 1 && @.b != 'x')]",
        false,
        false,
    ),
    (
        "$[?(@.a || @.b && @.c)]",
        "$[?(@.a || @.b && @.c)]",
        false,
        false,
    ),
    (
        "$[?((@.a || @.b) && @.c)]",
        "$[?((@.a || @.b) && @.c)]",
        false,
        false,
    ),
    ("$[?(!@.a)]", "$[?(!@.a)]", false, false),
    ("$[?(@.a == $.limit)]", "$[?(@.a == $.limit)]", false, false),
    (
        "$[?(@.a == null || @.b == true || @.c == -1.5e3)]",
        "$[?(@.a == null || @.b == true || @.c == -1500.0)]",
        false,
        false,
    ),
    ("$$", "$$", true, true),
    ("$$.Execution.Id", "$$.Execution.Id", true, true),
    ("$$.Map.Item.Value", "$$.Map.Item.Value", true, true),
    ("$myVar", "$myVar", true, true),
    ("$myVar.field", "$myVar.field", true, true),
    ("$_x[0]", "$_x[0]", true, true),
    ("$.store\\.book", "$['store.book']", true, true),
    (
        "$.foo\\@bar.baz\\[\\[.\\?pretty",
        "$['foo@bar']['baz[[']['?pretty']",
        true,
        true,
    ),
    ("$.&Ж中.𐍆", "$['&Ж中'].𐍆", true, true),
    ("$['store'][0]['book']", "$.store[0].book", true, true),
    ("$['Test\"\"Name\"']", "$['Test\"\"Name\"']", true, true),
    ("$['it\\'s']", "$['it\\'s']", true, true),
    ("$['']", "$['']", true, true),
    ("$.a-b", "$.a-b", true, true),
];

#[test]
fn valid_paths_parse_and_print_canonically() {
    for (src, canonical, definite, reference) in VALID {
        let path = parse_path(src).unwrap_or_else(|e| panic!("{src}: {e}"));
        assert_eq!(path.to_string(), *canonical, "{src}");
        assert_eq!(path.span, 0..src.len(), "{src}");
        assert_eq!(path.is_definite(), *definite, "definite {src}");
        assert_eq!(path.is_reference_path(), *reference, "reference {src}");
        assert_eq!(
            parse_reference_path(src).is_ok(),
            *reference,
            "parse_reference_path {src}"
        );
        let again = parse_path(canonical).unwrap_or_else(|e| panic!("{canonical}: {e}"));
        assert!(again.same_as(&path), "{src} -> {canonical}");
    }
}

#[test]
fn roots_are_told_apart() {
    assert_eq!(parse_path("$.a").unwrap().root, Root::Input);
    assert_eq!(parse_path("$$.a").unwrap().root, Root::Context);
    assert_eq!(
        parse_path("$myVar.a").unwrap().root,
        Root::Variable("myVar".into())
    );
    assert_eq!(
        parse_path("$.abc.['def ghi']").unwrap().segments,
        vec![
            Segment::Child(Selector::Name("abc".into())),
            Segment::Child(Selector::Name("def ghi".into()))
        ]
    );
}

fn error(result: Result<impl std::fmt::Debug, ParseError>) -> ParseError {
    match result {
        Ok(v) => panic!("expected an error, got {v:?}"),
        Err(e) => e,
    }
}

/// (source, offset, message)
const INVALID_PATHS: &[(&str, usize, &str)] = &[
    (
        "",
        0,
        "expected a path starting with `$`, found the end of the text",
    ),
    ("a.b", 0, "expected a path starting with `$`, found `a`"),
    (" $.a", 0, "expected a path starting with `$`, found ` `"),
    (
        "$.",
        2,
        "expected a field name after `.`, found the end of the text",
    ),
    (
        "$.a.",
        4,
        "expected a field name after `.`, found the end of the text",
    ),
    (
        "$.a..",
        5,
        "expected a field name, `*` or `[` after `..`, found the end of the text",
    ),
    (
        "$.a ",
        3,
        "expected `.`, `[` or the end of the path, found ` `",
    ),
    (
        "$a b",
        2,
        "expected `.`, `[` or the end of the path, found ` `",
    ),
    (
        "$1",
        1,
        "expected `.`, `[` or the end of the path, found `1`",
    ),
    (
        "$.a)",
        3,
        "expected `.`, `[` or the end of the path, found `)`",
    ),
    (
        "$[",
        2,
        "expected a quoted field name, an index, `*`, a slice or a filter after `[`, found the end of the text",
    ),
    (
        "$[a]",
        2,
        "expected a quoted field name, an index, `*`, a slice or a filter after `[`, found `a`",
    ),
    (
        "$.a[0",
        5,
        "expected `]` to close the `[` at column 4, found the end of the text",
    ),
    (
        "$['a'",
        5,
        "expected `]` to close the `[` at column 2, found the end of the text",
    ),
    ("$['a", 2, "expected a closing `'` for this string"),
    ("$[0,]", 4, "expected an index after `,`, found `]`"),
    (
        "$['a',]",
        6,
        "expected a quoted field name after `,`, found `]`",
    ),
    ("$[1:2:0]", 6, "expected a slice step other than 0"),
    (
        "$[99999999999999999999]",
        2,
        "expected an index that fits in 64 bits, found `99999999999999999999`",
    ),
    ("$.a\\", 3, "expected a character after `\\`"),
    (
        "$[?(@.a =~ /x/)]",
        8,
        "regular-expression filters (`=~`) are not supported",
    ),
    (
        "$[?(@.a in ['x'])]",
        8,
        "the `in` filter operator is not supported; expected ==, !=, <, <=, > or >=",
    ),
    (
        "$[?(@.a)",
        8,
        "expected `]` to close the `[` at column 2, found the end of the text",
    ),
    ("$[?@.a]", 3, "expected `(` after `[?`, found `@`"),
    (
        "$[?(@.a <)]",
        9,
        "expected `@`, `$`, a number, a quoted string, `true`, `false` or `null`, found `)`",
    ),
    (
        "$[?(1)]",
        5,
        "expected a comparison operator (==, !=, <, <=, >, >=) after a literal",
    ),
    (
        "$[?($$.a)]",
        5,
        "only `@` and `$` paths may appear in a filter (not `$$` or variables)",
    ),
    (
        "$[?((@.a)]",
        9,
        "expected `)` to close the filter, found `]`",
    ),
    (
        "$[?((@.a]",
        8,
        "expected `)` to close the parenthesis, found `]`",
    ),
];

#[test]
fn invalid_paths_report_offset_and_expectation() {
    for (src, offset, message) in INVALID_PATHS {
        let e = error(parse_path(src));
        assert_eq!((e.offset, e.message.as_str()), (*offset, *message), "{src}");
    }
}

#[test]
fn reference_paths_reject_multi_node_syntax_where_it_starts() {
    let cases: &[(&str, usize, &str)] = &[
        ("$.a[*]", 4, "wildcards (`*`)"),
        ("$.*", 2, "wildcards (`*`)"),
        ("$..a", 1, "deep scans (`..`)"),
        ("$.a[-1]", 4, "negative indexes"),
        ("$[0,1]", 3, "unions (`,`)"),
        ("$['a','b']", 5, "unions (`,`)"),
        ("$[1:]", 3, "slices (`:`)"),
        ("$[?(@.a)]", 2, "filters (`[?(...)]`)"),
    ];
    for (src, offset, what) in cases {
        let e = error(parse_reference_path(src));
        assert_eq!(e.offset, *offset, "{src}");
        assert_eq!(
            e.message,
            format!("a Reference Path selects a single node: {what} are not allowed"),
            "{src}"
        );
    }
}

#[test]
fn error_display_gives_one_based_column() {
    let e = error(parse_path("$.a."));
    assert_eq!(
        e.to_string(),
        "expected a field name after `.`, found the end of the text (column 5)"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let src = format!("$[?({}@.a{})]", "(".repeat(5000), ")".repeat(5000));
    assert!(
        error(parse_path(&src))
            .message
            .contains("nested too deeply")
    );
    let src = format!("$[?(@{})]", "[?(@".repeat(5000));
    assert!(
        error(parse_path(&src))
            .message
            .contains("nested too deeply")
    );
}

#[test]
fn intrinsics_parse_with_spans_and_kinds() {
    let src = "States.Array(States.Array(1), $.a[0,1], null, true, -1.5, 'it\\'s', $$.x, $v)";
    let call = parse_intrinsic(src).unwrap();
    assert_eq!(call.function, IntrinsicFn::Array);
    assert_eq!(call.span, 0..src.len());
    let kinds: Vec<&ArgKind> = call.args.iter().map(|a| &a.kind).collect();
    assert!(
        matches!(kinds[0], ArgKind::Call(c) if c.function == IntrinsicFn::Array && c.span == (13..28))
    );
    assert!(
        matches!(kinds[1], ArgKind::Path(p) if p.to_string() == "$.a[0,1]" && p.span == (30..38))
    );
    assert_eq!(kinds[2], &ArgKind::Null);
    assert_eq!(kinds[3], &ArgKind::Bool(true));
    assert!(matches!(kinds[4], ArgKind::Number(n) if n.as_f64() == Some(-1.5)));
    assert_eq!(kinds[5], &ArgKind::String("it's".into()));
    assert!(matches!(kinds[6], ArgKind::Path(p) if p.root == Root::Context));
    assert!(matches!(kinds[7], ArgKind::Path(p) if p.root == Root::Variable("v".into())));
    assert_eq!(&src[call.args[5].span.clone()], "'it\\'s'");
}

#[test]
fn every_function_name_round_trips() {
    assert_eq!(IntrinsicFn::ALL.len(), 18);
    for f in IntrinsicFn::ALL {
        assert_eq!(IntrinsicFn::parse(f.name()), Some(f));
        assert!(f.name().starts_with("States."));
    }
    assert_eq!(IntrinsicFn::parse("States.format"), None);
    assert_eq!(IntrinsicFn::Uuid.name(), "States.UUID");
}

#[test]
fn escapes_in_intrinsic_strings() {
    let call = parse_intrinsic("States.StringSplit('a\\{b\\}c\\\\d\\'', ',')").unwrap();
    assert_eq!(call.args[0].kind, ArgKind::String("a{b}c\\d'".into()));
    // A Format template keeps brace escapes so literal braces stay distinct from `{}`.
    let call = parse_intrinsic("States.Format('\\{x\\} {}', $.v)").unwrap();
    assert_eq!(call.args[0].kind, ArgKind::String("\\{x\\} {}".into()));
}

/// (source, offset, message)
const INVALID_INTRINSICS: &[(&str, usize, &str)] = &[
    (
        "Format('x')",
        0,
        "expected an intrinsic function call such as `States.Format(...)`, found `F`",
    ),
    (
        " States.UUID()",
        0,
        "expected an intrinsic function call such as `States.Format(...)`, found ` `",
    ),
    (
        "States.Foo()",
        0,
        "unknown intrinsic function `States.Foo`; expected one of the 18 `States.` functions",
    ),
    (
        "States.format('x')",
        0,
        "unknown intrinsic function `States.format`; did you mean `States.Format`?",
    ),
    (
        "States.ArrayLenght($.a)",
        0,
        "unknown intrinsic function `States.ArrayLenght`; did you mean `States.ArrayLength`?",
    ),
    (
        "States.UUID",
        11,
        "expected `(` after `States.UUID`, found the end of the text",
    ),
    (
        "States.UUID() ",
        13,
        "expected the end of the intrinsic function call, found ` `",
    ),
    (
        "States.UUID(1)",
        12,
        "States.UUID takes 0 arguments, found 1",
    ),
    (
        "States.ArrayLength()",
        19,
        "States.ArrayLength takes 1 argument, found 0",
    ),
    (
        "States.MathRandom(1)",
        19,
        "States.MathRandom takes 2 to 3 arguments, found 1",
    ),
    (
        "States.MathAdd(1, 2, 3)",
        21,
        "States.MathAdd takes 2 arguments, found 3",
    ),
    (
        "States.Format()",
        14,
        "States.Format takes at least 1 argument, found 0",
    ),
    (
        "States.Format('{} {}', $.a)",
        14,
        "the States.Format template has 2 `{}` placeholders but 1 value follows",
    ),
    (
        "States.Format('x', $.a)",
        14,
        "the States.Format template has 0 `{}` placeholders but 1 value follows",
    ),
    (
        "States.Format('a { b')",
        17,
        "a literal `{` in a States.Format template must be escaped as `\\{`",
    ),
    (
        "States.Format('He said, \\\"Hi\\\"')",
        24,
        "invalid escape `\\\"` in an intrinsic string: only \\', \\{, \\} and \\\\ are allowed",
    ),
    (
        "States.Format(\"x\")",
        14,
        "expected a single-quoted string: intrinsic strings use ' not \"",
    ),
    (
        "States.Format('x)",
        14,
        "expected a closing `'` for this string",
    ),
    (
        "States.Array(1 2)",
        15,
        "expected `,` or `)` after an argument, found `2`",
    ),
    (
        "States.Array(1,)",
        15,
        "expected an argument (a 'string', a number, true, false, null, a path or an intrinsic call), found `)`",
    ),
    (
        "States.Array(foo)",
        13,
        "expected an argument (a 'string', a number, true, false, null, a path or an intrinsic call), found `foo`",
    ),
    (
        "States.Array(1.2.3)",
        13,
        "expected a number, found `1.2.3`",
    ),
    (
        "States.Array($.)",
        15,
        "expected a field name after `.`, found `)`",
    ),
    (
        "States.ArrayLength('x')",
        19,
        "argument 1 of States.ArrayLength must be an array (a path or an intrinsic call), found the string 'x'",
    ),
    (
        "States.ArrayPartition($.a, 0)",
        27,
        "argument 2 of States.ArrayPartition must be a positive integer, found the number 0",
    ),
    (
        "States.ArrayGetItem($.a, -1)",
        25,
        "argument 2 of States.ArrayGetItem must be an integer of at least 0, found the number -1",
    ),
    (
        "States.ArrayRange(1, 2.5, 1)",
        21,
        "argument 2 of States.ArrayRange must be an integer, found the number 2.5",
    ),
    (
        "States.ArrayRange(1, 9, 0)",
        24,
        "the step of States.ArrayRange must not be 0",
    ),
    (
        "States.ArrayRange(0, 100000, 1)",
        18,
        "States.ArrayRange would produce 100001 items; at most 1000 are allowed",
    ),
    (
        "States.Hash($.a, 'SHA1')",
        17,
        "argument 2 of States.Hash must be one of 'MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512', found the string 'SHA1'",
    ),
    (
        "States.JsonMerge($.a, $.b, true)",
        27,
        "States.JsonMerge supports only a shallow merge: expected `false`",
    ),
    (
        "States.JsonMerge($.a, $.b, 'no')",
        27,
        "argument 3 of States.JsonMerge must be true or false, found the string 'no'",
    ),
    (
        "States.JsonToString('x')",
        20,
        "argument 1 of States.JsonToString must be a path or an intrinsic call, found the string 'x'",
    ),
    (
        "States.StringSplit(1, ',')",
        19,
        "argument 1 of States.StringSplit must be a string, found the number 1",
    ),
    (
        "States.MathAdd('1', 2)",
        15,
        "argument 1 of States.MathAdd must be a number, found the string '1'",
    ),
];

#[test]
fn invalid_intrinsics_report_offset_and_expectation() {
    let mismatches: Vec<String> = INVALID_INTRINSICS
        .iter()
        .filter_map(|(src, offset, message)| {
            let e = error(parse_intrinsic(src));
            ((e.offset, e.message.as_str()) != (*offset, *message))
                .then(|| format!("{src}: got ({}, {:?})", e.offset, e.message))
        })
        .collect();
    assert!(mismatches.is_empty(), "{mismatches:#?}");
}

#[test]
fn nesting_is_limited_to_ten_levels() {
    let nest = |n: usize| format!("{}1{}", "States.Array(".repeat(n), ")".repeat(n));
    assert!(parse_intrinsic(&nest(10)).is_ok());
    let e = error(parse_intrinsic(&nest(11)));
    assert_eq!(e.offset, 10 * "States.Array(".len());
    assert_eq!(
        e.message,
        "intrinsic functions may be nested at most 10 levels deep"
    );
}

#[test]
fn expressions_pick_path_or_intrinsic() {
    assert!(matches!(parse_expr("$.a"), Ok(Expr::Path(_))));
    assert!(matches!(parse_expr("$$.Execution.Id"), Ok(Expr::Path(_))));
    assert!(matches!(parse_expr("$x"), Ok(Expr::Path(_))));
    assert!(matches!(
        parse_expr("States.UUID()"),
        Ok(Expr::Intrinsic(_))
    ));
    let e = error(parse_expr("ipsum"));
    assert_eq!(e.offset, 0);
    assert!(e.message.starts_with("expected a path"), "{}", e.message);
    assert_eq!(error(parse_expr("$.a b")).offset, 3);
    assert_eq!(error(parse_expr("States.Nope()")).offset, 0);
}
