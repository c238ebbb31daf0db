//! What `sfn` reads besides JSON definitions (YAML, CloudFormation and SAM templates) and
//! where its messages point (`FILE:LINE:COL`, right for multi-byte UTF-8 and escapes).
//!
//! Positions are checked against the text itself: each test finds the expected place by
//! searching the file, independently of the CLI's own position tracking.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

/// Runs `sfn ARGS` with `stdin`: (exit code, stdout, stderr).
fn sfn(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_sfn"))
        .args(args)
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run sfn");
    // A command that fails before reading its input closes the pipe: not an error here.
    let _ = child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes());
    let out = child.wait_with_output().expect("sfn finishes");
    let text = |b: Vec<u8>| String::from_utf8_lossy(&b).into_owned();
    (
        out.status.code().unwrap_or(-1),
        text(out.stdout),
        text(out.stderr),
    )
}

fn dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cli_sources");
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn file(name: &str, text: &str) -> String {
    let path = dir().join(name);
    std::fs::write(&path, text).expect("write");
    path.to_string_lossy().into_owned()
}

/// `LINE:COL` (1-based, columns in characters) of the `nth` (0-based) `needle` in `text`.
fn line_col(text: &str, needle: &str, nth: usize) -> String {
    let at = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` #{nth} in the text"))
        .0;
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before[before.rfind('\n').map_or(0, |i| i + 1)..]
        .chars()
        .count()
        + 1;
    format!("{line}:{column}")
}

#[test]
fn columns_count_characters_after_multibyte_text_and_escapes() {
    // `日本語` is 9 bytes and 3 characters; `\u00e9` is 6 bytes of text for 1 character.
    let text = "{\"Comment\": \"日本語 \\u00e9\", \"StartAt\": \"A\",\n \"States\": {\"A\": {\"Type\": \"Pass\", \"Comment\": \"ü\", \"Next\": \"Nope\"}}}";
    let f = file("multibyte.json", text);
    let (code, out, _) = sfn(&["validate", "--format", "short", &f], "");
    assert_eq!(code, 1);
    assert!(
        out.lines().any(|l| l.starts_with(&format!(
            "{f}:{}: error: there is no state named `Nope`",
            line_col(text, "\"Nope\"", 0)
        ))),
        "{out}"
    );
    // Bytes would say 2:60 (`ü` is 2 bytes); the first line's `日本語` does not count.
    assert_eq!(line_col(text, "\"Nope\"", 0), "2:59");
}

#[test]
fn an_offset_inside_an_escaped_string_lands_on_its_character() {
    // The path is `$.é[` + `?`; the rule set reports the byte offset of the problem in the
    // decoded string. Written with an escape, the offset must be mapped through it.
    let text = r#"{"StartAt": "A", "States": {"A": {"Type": "Pass", "InputPath": "$.\u00e9\t[", "End": true}}}"#;
    let value: Value = serde_json::from_str(text).expect("JSON");
    let diagnostics = sfn::runtime::validate::validate_value(&value);
    let offset = diagnostics[0].offset.expect("an offset inside the path");
    let decoded = value["States"]["A"]["InputPath"].as_str().expect("string");
    // The decoded character the rule points at, and how the file writes it.
    let ch = decoded[offset..].chars().next().unwrap_or('"');
    let written = match ch {
        'é' => r"\u00e9".to_owned(),
        '\t' => r"\t".to_owned(),
        c => c.to_string(),
    };
    let start = text.find("\"$.").expect("path");
    let column = start + 1 + text[start + 1..].find(&written).expect("written form") + 1;
    let f = file("escaped.json", text);
    let (code, out, _) = sfn(&["validate", "--format", "short", &f], "");
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!("{f}:1:{column}: error: ")),
        "{out} (offset {offset}, {ch:?})"
    );
}

const YAML: &str = "\
# An ASL definition in YAML, as SAM and Workflow Studio write it.
Comment: größer
StartAt: Check
States:
  Check:
    Type: Choice
    Choices:
      - Variable: $.ok
        BooleanEquals: true
        Next: Done
    Default: Falied
  Done:
    Type: Succeed
  Failed:
    Type: Fail
";

#[test]
fn yaml_definitions_are_validated_with_line_and_column() {
    let f = file("machine.asl.yaml", YAML);
    let (code, out, err) = sfn(&["validate", "--format", "short", &f], "");
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert!(
        lines[0].starts_with(&format!(
            "{f}:{}: error: there is no state named `Falied` [next-unknown-state] at /States/Check/Default; help: did you mean `Failed`?",
            line_col(YAML, "Falied", 0)
        )),
        "{out}"
    );
    // The unreachable state is shown at its key.
    assert!(
        lines[1].starts_with(&format!(
            "{f}:{}: error: state `Failed` is unreachable",
            line_col(YAML, "Failed:", 0)
        )),
        "{out}"
    );
}

#[test]
fn yaml_runs_draws_and_imports() {
    let fixed = YAML.replace("Falied", "Failed");
    let f = file("fixed.asl.yaml", &fixed);
    let (code, out, err) = sfn(&["run", &f, "--input", r#"{"ok": true}"#], "");
    assert_eq!((code, err.as_str()), (0, ""));
    assert_eq!(
        serde_json::from_str::<Value>(&out).expect("JSON"),
        json!({"status": "SUCCEEDED", "output": {"ok": true}})
    );
    let (code, out, _) = sfn(&["graph", &f], "");
    assert_eq!(code, 0);
    assert!(out.contains("flowchart TD"), "{out}");
    let (code, out, err) = sfn(&["import", &f], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("pub FIXED"), "{out}");
    // Standard input that does not start with `{` or `[` is read as YAML.
    let (code, _, err) = sfn(&["validate", "-"], &fixed);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn yaml_errors_have_positions_too() {
    let text = "StartAt: A\nStates:\n  A: {Type: Pass\n";
    let f = file("broken.yaml", text);
    let (code, out, _) = sfn(&["validate", "--format", "short", &f], "");
    assert_eq!(code, 2);
    assert!(out.starts_with(&format!("{f}:")), "{out}");
    assert!(out.contains(": error: not YAML: "), "{out}");
    // A tag CloudFormation does not define is an error at the tag, not a silent string.
    let (code, out, _) = sfn(
        &["validate", "--format", "short", "-"],
        "StartAt: !Nope A\n",
    );
    assert_eq!(code, 2);
    assert!(
        out.starts_with("<stdin>:1:10: error: not YAML: unknown tag `!Nope`"),
        "{out}"
    );
}

/// The AWS CloudFormation reference's first example for AWS::StepFunctions::StateMachine
/// (docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-stepfunctions-statemachine.html,
/// "A simple state machine"): JSON template, DefinitionString as one escaped string.
const DOCS_JSON: &str = r#"{
  "AWSTemplateFormatVersion": "2010-09-09",
  "Description": "An example template for a Step Functions state machine.",
  "Resources": {
    "MyStateMachine": {
      "Type": "AWS::StepFunctions::StateMachine",
      "Properties": {
        "StateMachineName": "HelloWorld-StateMachine",
        "StateMachineType": "STANDARD",
        "DefinitionString": "{\"StartAt\": \"HelloWorld\", \"States\": {\"HelloWorld\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:lambda:us-east-1:111122223333:function:HelloFunction\", \"End\": true}}}",
        "RoleArn": "arn:aws:iam::111122223333:role/service-role/StatesExecutionRole-us-east-1"
      }
    }
  }
}"#;

/// The same reference's multi-line example: DefinitionString built by Fn::Join, in YAML,
/// with `!GetAtt`/`!Ref` in the parts (deploy-time values).
const DOCS_JOIN_YAML: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Description: "An example template with an IAM role for a Lambda state machine."
Resources:
  MyStateMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      StateMachineName: HelloWorld-StateMachine
      DefinitionString: !Join
        - "\n"
        - - "{"
          - "    \"StartAt\": \"HelloWorld\","
          - "    \"States\" : {"
          - "        \"HelloWorld\" : {"
          - "            \"Type\" : \"Task\","
          - !Sub "            \"Resource\" : \"${HelloFunction.Arn}\","
          - "            \"End\" : true"
          - "        }"
          - "    }"
          - "}"
      RoleArn: !GetAtt StatesExecutionRole.Arn
"#;

#[test]
fn the_aws_docs_example_templates_validate() {
    let f = file("docs-simple.template.json", DOCS_JSON);
    let (code, out, err) = sfn(&["validate", &f], "");
    assert_eq!((code, out.as_str()), (0, ""), "{err}");
    assert!(err.contains("1 file: 1 valid"), "{err}");
    let (code, out, err) = sfn(&["graph", &f], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("HelloWorld"), "{out}");
}

#[test]
fn fn_join_parts_that_are_not_strings_are_reported_where_they_are() {
    // `!Sub` inside an Fn::Join is known only when deployed: reported at the DefinitionString.
    let f = file("docs-join.yaml", DOCS_JOIN_YAML);
    let (code, out, _) = sfn(&["validate", "--format", "short", &f], "");
    assert_eq!(code, 1, "{out}");
    assert!(
        out.starts_with(&format!(
            "{f}:{}: error: an Fn::Join part other than",
            line_col(DOCS_JOIN_YAML, "DefinitionString:", 0)
        )),
        "{out}"
    );
    assert!(out.contains("(resource MyStateMachine)"), "{out}");
    // With literal parts only, as in the docs' example, the join is evaluated and checked.
    let joined = DOCS_JOIN_YAML.replace(
        r#"!Sub "            \"Resource\" : \"${HelloFunction.Arn}\",""#,
        r#""            \"Resource\" : \"arn:aws:lambda:us-east-1:111122223333:function:HelloFunction\",""#,
    );
    let f = file("docs-join-getatt.yaml", &joined);
    let (code, out, err) = sfn(&["validate", &f], "");
    assert_eq!((code, out.as_str()), (0, ""), "{joined}\n{err}");
}

/// A SAM template in the shape of the AWS SAM tutorial (Step Functions developer guide,
/// "Create a Step Functions state machine using AWS SAM"): `DefinitionUri` to a local
/// file and `DefinitionSubstitutions` from `!GetAtt`; plus a second machine with an inline
/// `Definition` that has a mistake.
const SAM: &str = r#"AWSTemplateFormatVersion: "2010-09-09"
Transform: AWS::Serverless-2016-10-31
Resources:
  StockTradingStateMachine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/stock_trader.asl.json
      DefinitionSubstitutions:
        StockCheckerFunctionArn: !GetAtt StockCheckerFunction.Arn
        Threshold: 50
  Inline:
    Type: AWS::Serverless::StateMachine
    Properties:
      Definition:
        StartAt: Wait
        States:
          Wait:
            Type: Wait
            Seconds: 5
            Next: Gone
"#;

const STOCK: &str = r#"{
  "StartAt": "Check Stock Value",
  "States": {
    "Check Stock Value": {
      "Type": "Task",
      "Resource": "${StockCheckerFunctionArn}",
      "Next": "Buy or Sell?"
    },
    "Buy or Sell?": {
      "Type": "Choice",
      "Choices": [{"Variable": "$.stock_price", "NumericLessThanEquals": 50, "Next": "Buy"}],
      "Default": "Sell"
    },
    "Buy": {"Type": "Pass", "End": true},
    "Sell": {"Type": "Pass", "End": true}
  }
}"#;

#[test]
fn sam_templates_with_definition_uri_and_inline_definitions() {
    std::fs::create_dir_all(dir().join("sam/statemachine")).expect("dir");
    let template = file("sam/template.yaml", SAM);
    file("sam/statemachine/stock_trader.asl.json", STOCK);
    let (code, out, err) = sfn(&["validate", "--format", "short", &template], "");
    assert_eq!(code, 1, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    // The DefinitionUri machine is valid; the inline one has two problems.
    assert_eq!(lines.len(), 2, "{out}");
    assert!(
        lines[0].contains("[no-terminal-state] at /States (resource Inline)"),
        "{out}"
    );
    assert!(
        lines[1].starts_with(&format!(
            "{template}:{}: error: there is no state named `Gone` [next-unknown-state] at /States/Wait/Next (resource Inline)",
            line_col(SAM, "Gone", 0)
        )),
        "{out}"
    );
    // One machine at a time for graph/import: by --resource, or an error naming them.
    let (code, _, err) = sfn(&["graph", &template], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("`StockTradingStateMachine`, `Inline`"),
        "{err}"
    );
    assert!(err.contains("--resource LOGICAL_ID"), "{err}");
    let (code, out, err) = sfn(
        &["graph", "--resource", "StockTradingStateMachine", &template],
        "",
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Buy or Sell?"), "{out}");
    let (code, _, err) = sfn(&["import", "--resource", "Nope", &template], "");
    assert_eq!(code, 2);
    assert!(
        err.contains("the template has no state machine `Nope`"),
        "{err}"
    );
}

#[test]
fn a_definition_uri_file_reports_its_own_positions() {
    std::fs::create_dir_all(dir().join("sam2/statemachine")).expect("dir");
    let template = file(
        "sam2/template.yaml",
        &SAM.replace("Next: Gone", "End: true"),
    );
    let broken = STOCK.replace("\"Default\": \"Sell\"", "\"Default\": \"Sel\"");
    let definition = file("sam2/statemachine/stock_trader.asl.json", &broken);
    let (code, out, _) = sfn(&["validate", "--format", "short", &template], "");
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!(
            "{definition}:{}: error: there is no state named `Sel`",
            line_col(&broken, "\"Sel\"", 0)
        )),
        "{out}"
    );
}

/// A console export (Step Functions console, "Export to CloudFormation/SAM"): YAML with
/// the definition in a block scalar and DefinitionSubstitutions for the resources.
const CONSOLE: &str = r#"# Exported from the Step Functions console
AWSTemplateFormatVersion: "2010-09-09"
Resources:
  OrderMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      DefinitionString: |
        {
          "Comment": "Orders",
          "StartAt": "Charge",
          "States": {
            "Charge": {
              "Type": "Task",
              "Resource": "arn:aws:states:::lambda:invoke",
              "Parameters": {"FunctionName": "${ChargeFunctionArn}", "Payload.$": "$"},
              "Next": "Notfy"
            },
            "Notify": {"Type": "Succeed"}
          }
        }
      DefinitionSubstitutions:
        ChargeFunctionArn: !GetAtt ChargeFunction.Arn
      RoleArn: !GetAtt OrderMachineRole.Arn
"#;

#[test]
fn a_definition_string_block_maps_back_to_template_lines() {
    let f = file("console.yaml", CONSOLE);
    let (code, out, _) = sfn(&["validate", "--format", "short", &f], "");
    assert_eq!(code, 1);
    assert!(
        out.starts_with(&format!(
            "{f}:{}: error: there is no state named `Notfy`",
            line_col(CONSOLE, "\"Notfy\"", 0)
        )),
        "{out}"
    );
}

#[test]
fn console_exports_import_with_their_substitutions() {
    let fixed = CONSOLE.replace("Notfy", "Notify");
    let f = file("console-fixed.yaml", &fixed);
    let (code, out, err) = sfn(&["import", &f], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("pub ORDER_MACHINE"), "{out}");
    // The substitution stays a `${Name}` string, which `workflow!` lists as a substitution.
    assert!(out.contains("\"${ChargeFunctionArn}\""), "{out}");
}

#[test]
fn templates_sfn_emits_validate_and_import() {
    sfn::workflow! {
        pub EMITTED {
            Charge: LambdaInvoke {
                lambda_function: "${ChargeFunctionArn}",
                payload: { "amount": $.amount },
            } -> Done,
            Done: Succeed,
        }
    }
    let template = serde_json::to_string_pretty(&EMITTED.cloudformation()).expect("JSON");
    let f = file("emitted.template.json", &template);
    let (code, out, err) = sfn(&["validate", &f], "");
    assert_eq!((code, out.as_str()), (0, ""), "{template}\n{err}");
    let (code, out, err) = sfn(&["import", &f], "");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"${ChargeFunctionArn}\""), "{out}");
}

#[test]
fn sarif_output_follows_the_sarif_2_1_0_schema() {
    let schema: Value =
        serde_json::from_str(include_str!("schemas/sarif-2.1.0-rtm.5.json")).expect("schema");
    // The shipped rtm.5 schema (byte for byte as published) has one pattern, for
    // `language` (of runs and tool components), that is not a valid ECMA-262 regex (`..{2}]?$`), so jsonschema's check
    // of the schema itself refuses it; it is replaced here by the corrected pattern of the
    // later errata. sfn's logs never set `language`.
    fn fix(value: &mut Value) {
        match value {
            Value::Object(map) => {
                if map.get("pattern") == Some(&json!("^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$")) {
                    map.insert("pattern".into(), json!("^[a-zA-Z]{2}(-[a-zA-Z]{2})?$"));
                }
                map.values_mut().for_each(fix);
            }
            Value::Array(items) => items.iter_mut().for_each(fix),
            _ => {}
        }
    }
    let mut schema = schema;
    fix(&mut schema);
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let f = file("sarif.asl.yaml", YAML);
    let (code, out, _) = sfn(&["validate", "--format", "sarif", &f], "");
    assert_eq!(code, 1);
    let log: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{out}");
    let result = &log["runs"][0]["results"][0];
    assert_eq!(result["ruleId"], "next-unknown-state");
    let (line, column) = line_col(YAML, "Falied", 0)
        .split_once(':')
        .map(|(l, c)| (l.parse::<u64>().unwrap_or(0), c.parse::<u64>().unwrap_or(0)))
        .unwrap_or_default();
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(
        (region["startLine"].as_u64(), region["startColumn"].as_u64()),
        (Some(line), Some(column))
    );
    assert_eq!(
        region["endColumn"].as_u64(),
        Some(column + "Falied".len() as u64)
    );
    // A file that cannot be read is a result too, without a region; still schema-valid.
    let (_, out, _) = sfn(
        &["validate", "--format", "sarif", "/nonexistent/x.json"],
        "",
    );
    let log: Value = serde_json::from_str(&out).expect("SARIF is JSON");
    assert!(validator.is_valid(&log), "{out}");
}

#[test]
fn github_and_json_formats_carry_line_and_column() {
    let f = file("gh.asl.yaml", YAML);
    let (code, out, _) = sfn(&["validate", "--format", "github", &f], "");
    assert_eq!(code, 1);
    let (line, col) = line_col(YAML, "Falied", 0)
        .split_once(':')
        .map(|(a, b)| (a.to_owned(), b.to_owned()))
        .unwrap_or_default();
    // Workflow command syntax (GitHub Actions docs, "Setting an error message").
    assert!(
        out.lines().next().unwrap_or_default().starts_with(&format!(
            "::error file={f},line={line},col={col},title=next-unknown-state::there is no state named `Falied` (at /States/Check/Default)%0Ahelp: did you mean `Failed`?"
        )),
        "{out}"
    );
    let (_, out, _) = sfn(&["validate", "--format", "json", &f], "");
    let report: Value = serde_json::from_str(&out).expect("JSON");
    let d = &report[0]["diagnostics"][0];
    assert_eq!(
        (d["line"].to_string(), d["column"].to_string()),
        (line, col)
    );
}

#[test]
fn text_format_is_a_snippet_with_a_caret_under_the_value() {
    let f = file("snippet.asl.yaml", YAML);
    let (_, out, _) = sfn(&["validate", "--color", "never", &f], "");
    let at = line_col(YAML, "Falied", 0);
    assert!(
        out.starts_with("error[next-unknown-state]: there is no state named `Falied`\n"),
        "{out}"
    );
    assert!(out.contains(&format!("--> {f}:{at}\n")), "{out}");
    assert!(out.contains("    Default: Falied\n"), "{out}");
    assert!(
        out.contains("             ^^^^^^ at /States/Check/Default"),
        "{out}"
    );
    assert!(out.contains("= help: did you mean `Failed`?"), "{out}");
    assert!(
        !out.contains('\u{1b}'),
        "no color with --color never: {out:?}"
    );
    let (_, out, _) = sfn(&["validate", "--color", "always", &f], "");
    assert!(out.contains('\u{1b}'), "color with --color always: {out:?}");
}

/// The README's `sfn validate` examples are real output: the same files, run from their
/// directory so the names match.
#[test]
fn readme_examples_are_real_output() {
    let machine = r#"{
  "StartAt": "Charge",
  "States": {
    "Charge": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Next": "Notfy" },
    "Notify": { "Type": "Succeed" }
  }
}
"#;
    let template = r#"Transform: AWS::Serverless-2016-10-31
Resources:
  OrderMachine:
    Type: AWS::Serverless::StateMachine
    Properties:
      DefinitionUri: statemachine/order.asl.json
      DefinitionSubstitutions:
        ChargeFunctionArn: !GetAtt ChargeFunction.Arn
  ReportMachine:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: Wait
        States:
          Wait: {Type: Wait, Seconds: 60, Next: Report}
          Report: {Type: Pass, InputPath: "$.items[", End: true}
"#;
    let order = r#"{"StartAt": "Charge", "States": {"Charge": {"Type": "Task", "Resource": "${ChargeFunctionArn}", "End": true}}}"#;
    let here = dir().join("readme");
    std::fs::create_dir_all(here.join("statemachine")).expect("dir");
    std::fs::write(here.join("machine.asl.json"), machine).expect("write");
    std::fs::write(here.join("template.yaml"), template).expect("write");
    std::fs::write(here.join("statemachine/order.asl.json"), order).expect("write");
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md"))
        .expect("README");
    let shown = |command: &str| -> String {
        let marker = format!("$ {command}\n");
        let start = readme
            .find(&marker)
            .unwrap_or_else(|| panic!("README shows `{command}`"))
            + marker.len();
        readme[start..start + readme[start..].find("```").expect("end of block")].to_owned()
    };
    for command in [
        "sfn validate machine.asl.json",
        "sfn validate --format short template.yaml",
    ] {
        let args: Vec<&str> = command.split(' ').skip(1).collect();
        let out = Command::new(env!("CARGO_BIN_EXE_sfn"))
            .args(&args)
            .current_dir(&here)
            .env_remove("NO_COLOR")
            .output()
            .expect("sfn runs");
        let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
        if command.contains("machine.asl.json") {
            text.push_str(&String::from_utf8_lossy(&out.stderr));
        }
        assert_eq!(text, shown(command), "{command}");
    }
}
