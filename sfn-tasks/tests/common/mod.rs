//! Helpers for the catalogue tests: build task calls tersely, compare with CDK's output.
#![allow(dead_code)]

use serde_json::{Map, Value};
use sfn_tasks::{QueryLanguage, RenderedTask, TaskCall, TaskError, TaskField, TaskValue};
use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

static NEXT_LOC: AtomicUsize = AtomicUsize::new(1);

fn loc() -> usize {
    NEXT_LOC.fetch_add(1, Ordering::Relaxed)
}

pub fn s(v: &str) -> TaskValue {
    TaskValue::Str(v.into())
}
pub fn p(v: &str) -> TaskValue {
    TaskValue::Path(v.into())
}
pub fn intr(v: &str) -> TaskValue {
    TaskValue::Intrinsic(v.into())
}
pub fn ja(v: &str) -> TaskValue {
    TaskValue::Jsonata(v.into())
}
pub fn id(v: &str) -> TaskValue {
    TaskValue::Ident(v.into())
}
pub fn n(v: i64) -> TaskValue {
    TaskValue::Number(v.into())
}
pub fn f(v: f64) -> TaskValue {
    TaskValue::Number(serde_json::Number::from_f64(v).expect("finite"))
}
pub fn b(v: bool) -> TaskValue {
    TaskValue::Bool(v)
}
pub fn secs(v: u64) -> TaskValue {
    TaskValue::DurationSecs(v)
}
pub fn obj(members: Vec<(&str, TaskValue)>) -> TaskValue {
    TaskValue::Object(
        members
            .into_iter()
            .map(|(k, v)| (k.to_string(), loc(), v))
            .collect(),
    )
}
pub fn arr(items: Vec<TaskValue>) -> TaskValue {
    TaskValue::Array(items.into_iter().map(|v| (loc(), v)).collect())
}

/// A JSONPath call.
pub fn call(class: &str, fields: Vec<(&str, TaskValue)>) -> TaskCall {
    TaskCall {
        class: class.into(),
        class_loc: loc(),
        fields: fields
            .into_iter()
            .map(|(name, value)| TaskField {
                name: name.into(),
                name_loc: loc(),
                value,
                value_loc: loc(),
            })
            .collect(),
        query_language: QueryLanguage::JsonPath,
    }
}

/// The same call in a JSONata state.
pub fn jsonata(mut c: TaskCall) -> TaskCall {
    c.query_language = QueryLanguage::Jsonata;
    c
}

pub fn ok(c: &TaskCall) -> RenderedTask {
    match sfn_tasks::render(c) {
        Ok(t) => t,
        Err(e) => panic!("{} failed: {e:?}", c.class),
    }
}

pub fn errs(c: &TaskCall) -> Vec<TaskError> {
    match sfn_tasks::render(c) {
        Ok(t) => panic!("{} should fail, rendered {t:?}", c.class),
        Err(e) => e,
    }
}

/// Asserts that rendering fails with an error whose message contains `needle`, located at
/// the value of field `field` (or at the class name when `field` is None).
pub fn assert_err_at(c: &TaskCall, field: Option<&str>, needle: &str) {
    let e = errs(c);
    let want_loc = match field {
        Some(name) => {
            let fld = c
                .fields
                .iter()
                .find(|f| f.name == name)
                .unwrap_or_else(|| panic!("test bug: no field {name}"));
            vec![fld.value_loc, fld.name_loc]
        }
        None => vec![c.class_loc],
    };
    assert!(
        e.iter().any(|err| err.message.contains(needle)),
        "expected an error containing {needle:?}, got {e:?}"
    );
    let at_field = e
        .iter()
        .filter(|err| err.message.contains(needle))
        .any(|err| want_loc.contains(&err.loc) || inside(c, field, err.loc));
    assert!(at_field, "error {needle:?} not located at {field:?}: {e:?}");
}

/// Whether `loc` is a location inside the value of `field` (nested object keys/items).
fn inside(c: &TaskCall, field: Option<&str>, loc: usize) -> bool {
    fn walk(v: &TaskValue, loc: usize) -> bool {
        match v {
            TaskValue::Object(m) => m.iter().any(|(_, l, v)| *l == loc || walk(v, loc)),
            TaskValue::Array(items) => items.iter().any(|(l, v)| *l == loc || walk(v, loc)),
            _ => false,
        }
    }
    field
        .and_then(|name| c.fields.iter().find(|f| f.name == name))
        .is_some_and(|f| walk(&f.value, loc))
}

/// CDK's conformance case `id`.
pub fn case(id: &str) -> Value {
    let path = format!(
        "{}/../tests/conformance/cdk/{id}.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).expect("case json")
}

/// Our region/account placeholders resolved the way CDK's generator resolved its tokens.
pub fn resolve(v: &Value) -> Value {
    let text = v
        .to_string()
        .replace("${AWS::Region}", "us-east-1")
        .replace("${AWS::AccountId}", "123456789012");
    serde_json::from_str(&text).expect("json")
}

/// Our task state: CDK's state-level keys (End, ResultPath, ...) plus our task part.
pub fn state_of(cdk_state: &Value, task: &RenderedTask) -> Value {
    let mut state = Map::new();
    if let Value::Object(m) = cdk_state {
        for (k, v) in m {
            if !matches!(
                k.as_str(),
                "Resource" | "Parameters" | "Arguments" | "Retry"
            ) {
                state.insert(k.clone(), v.clone());
            }
        }
    }
    if let Some(native) = &task.native_state {
        return Value::Object(native.clone());
    }
    state.insert("Resource".into(), Value::String(task.resource.clone()));
    for (k, v) in &task.fields {
        state.insert(k.clone(), v.clone());
    }
    resolve(&Value::Object(state))
}

pub type Atom = (String, String, String, String);

/// Policy statements as a set of (effect, action, resource, condition) atoms.
pub fn atoms_of_json(statements: &Value) -> BTreeSet<Atom> {
    let mut out = BTreeSet::new();
    let list = statements.as_array().cloned().unwrap_or_default();
    for st in list {
        let effect = st["Effect"].as_str().unwrap_or("Allow").to_string();
        let many = |v: &Value| -> Vec<String> {
            match v {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .filter_map(|x| x.as_str().map(String::from))
                    .collect(),
                _ => vec![],
            }
        };
        let cond = canonical(&st["Condition"]);
        for a in many(&st["Action"]) {
            for r in many(&st["Resource"]) {
                out.insert((effect.clone(), a.clone(), r.clone(), cond.clone()));
            }
        }
    }
    out
}

fn canonical(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let mut keys: Vec<_> = m.keys().collect();
            keys.sort();
            let parts: Vec<String> = keys
                .into_iter()
                .map(|k| format!("{k:?}:{}", canonical(&m[k])))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        Value::Array(a) => format!(
            "[{}]",
            a.iter().map(canonical).collect::<Vec<_>>().join(",")
        ),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

pub fn our_atoms(task: &RenderedTask) -> BTreeSet<Atom> {
    let stmts: Vec<Value> = task.statements.iter().map(|s| s.to_value()).collect();
    atoms_of_json(&resolve(&Value::Array(stmts)))
}

/// Compares one single-state case: the definition of state `name` and the policy.
pub fn golden(id: &str, name: &str, c: &TaskCall) {
    golden_with(id, name, c, |_, _| {});
    assert_same_grouping(id, &ok(c).statements);
}

/// Minimised, our statements group exactly as CDK's `minimizePolicies` grouped its own
/// (statement by statement, not only grant by grant).
pub fn assert_same_grouping(id: &str, statements: &[sfn_runtime::iam::Statement]) {
    let mut doc = sfn_runtime::iam::PolicyDocument::new();
    for st in statements {
        doc.push(st.clone());
    }
    let shape = |v: &Value| {
        let list = |x: &Value| -> Vec<String> {
            let mut l: Vec<String> = match x {
                Value::String(s) => vec![s.clone()],
                Value::Array(a) => a
                    .iter()
                    .filter_map(|i| i.as_str().map(String::from))
                    .collect(),
                _ => vec![],
            };
            l.sort();
            l
        };
        (
            list(&v["Action"]),
            list(&v["Resource"]),
            canonical(&v["Condition"]),
        )
    };
    let mut got: Vec<_> = doc
        .minimized()
        .iter()
        .map(|s| shape(&resolve(&s.to_value())))
        .collect();
    let cdk = case(id);
    let mut want: Vec<_> = cdk["policy_statements"]
        .as_array()
        .map(|a| a.iter().map(shape).collect())
        .unwrap_or_default();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{id}: statements group differently from CDK");
}

/// As [`golden`], after `adjust` has edited the expected (CDK) state and policy atoms to
/// state a listed deviation (see DEVIATIONS.md).
pub fn golden_with(
    id: &str,
    name: &str,
    c: &TaskCall,
    adjust: impl FnOnce(&mut Value, &mut BTreeSet<Atom>),
) {
    let cdk = case(id);
    let mut expected_state = cdk["definition"]["States"][name].clone();
    assert!(expected_state.is_object(), "{id}: no state {name}");
    let task = ok(c);
    let got_state = state_of(&expected_state, &task);
    let mut expected_atoms = atoms_of_json(&cdk["policy_statements"]);
    adjust(&mut expected_state, &mut expected_atoms);
    assert_eq!(
        got_state, expected_state,
        "{id}: definition differs\n ours: {got_state}\n cdk:  {expected_state}"
    );
    let got_atoms = our_atoms(&task);
    assert_eq!(got_atoms, expected_atoms, "{id}: policy differs");
    assert_inferred_same(id, c, &task);
    let mut ours = cdk["definition"].clone();
    ours["States"][name] = got_state;
    assert_valid(id, &ours);
}

/// The runtime's rule set finds nothing wrong in `definition`.
pub fn assert_valid(id: &str, definition: &Value) {
    let diagnostics = sfn_runtime::validate::validate_value(definition);
    assert!(
        diagnostics.is_empty(),
        "{id}: our definition is not valid ASL: {diagnostics:?}\n{definition}"
    );
}

/// Atom for deviation edits.
pub fn atom(action: &str, resource: &str) -> Atom {
    (
        "Allow".into(),
        action.into(),
        resource.into(),
        String::new(),
    )
}

/// Compares a multi-state case: each (state name, call), and the union of the policies.
pub fn golden_multi(id: &str, states: &[(&str, &TaskCall)]) {
    let cdk = case(id);
    let mut got_atoms = BTreeSet::new();
    let mut ours = cdk["definition"].clone();
    for (name, c) in states {
        let expected = cdk["definition"]["States"][*name].clone();
        assert!(expected.is_object(), "{id}: no state {name}");
        let task = ok(c);
        let got = state_of(&expected, &task);
        assert_eq!(
            got, expected,
            "{id}/{name}: definition differs\n ours: {got}\n cdk:  {expected}"
        );
        got_atoms.extend(our_atoms(&task));
        assert_inferred_same(id, c, &task);
        ours["States"][*name] = got;
    }
    assert_eq!(
        got_atoms,
        atoms_of_json(&cdk["policy_statements"]),
        "{id}: policy differs"
    );
    assert_valid(id, &ours);
}

/// A literal JSON value as a task value (strings stay literals).
pub fn from_json(v: &Value) -> TaskValue {
    match v {
        Value::Null => TaskValue::Null,
        Value::Bool(b) => TaskValue::Bool(*b),
        Value::Number(n) => TaskValue::Number(n.clone()),
        Value::String(s) => TaskValue::Str(s.clone()),
        Value::Array(a) => arr(a.iter().map(from_json).collect()),
        Value::Object(m) => TaskValue::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), loc(), from_json(v)))
                .collect(),
        ),
    }
}

/// The same state written as a generic `Task` (its rendered Resource and Parameters, as
/// `sfn import` writes it) gets the same IAM from `sfn_tasks::infer` as the catalogue class,
/// except where the class takes an IAM-only field the ASL does not hold ([`infer_exception`]).
pub fn assert_inferred_same(id: &str, c: &TaskCall, task: &RenderedTask) {
    if task.native_state.is_some() {
        return;
    }
    let jsonata = c.query_language == QueryLanguage::Jsonata;
    let params = task
        .fields
        .get(if jsonata { "Arguments" } else { "Parameters" });
    let inferred = sfn_tasks::infer::task_statements(&task.resource, params, jsonata);
    let stmts: Vec<Value> = inferred
        .iter()
        .flat_map(|i| i.statements.iter().map(|s| s.to_value()))
        .collect();
    let got = atoms_of_json(&resolve(&Value::Array(stmts)));
    let want = our_atoms(task);
    if got != want {
        let only_inferred: Vec<_> = got.difference(&want).collect();
        let only_class: Vec<_> = want.difference(&got).collect();
        assert!(
            infer_exception(c).is_some(),
            "{id}: a generic Task with the same Resource and Parameters gets a different policy\n only inferred: {only_inferred:?}\n only class:    {only_class:?}"
        );
    }
}

/// Why a class's IAM cannot be read back from its ASL, for the calls where that is so.
pub fn infer_exception(c: &TaskCall) -> Option<&'static str> {
    let has = |name: &str| c.fields.iter().any(|f| f.name == name);
    let reasons: &[(bool, &str)] = &[
        (
            has("task_role_arn") || has("execution_role_arn"),
            "EcsRunTask: the task definition's roles get iam:PassRole; the ASL names only the task definition",
        ),
        (
            c.class.starts_with("Emr")
                && [
                    "service_role",
                    "cluster_role",
                    "auto_scaling_role",
                    "execution_role_arn",
                ]
                .iter()
                .any(|r| {
                    c.fields.iter().any(|f| {
                        f.name == *r
                            && matches!(&f.value, TaskValue::Str(s) if s.ends_with(".Arn}"))
                    })
                }),
            "EMR: a role given as `${X.Arn}` is rendered as its name `${X}`; read back, the grant is on `role/${X}`, the same role written another way",
        ),
        (
            has("queue_arn"),
            "SqsSendMessage: the queue's ARN is given beside a URL placeholder",
        ),
        (
            has("project_arn"),
            "CodeBuild: the project's ARN is given beside a name placeholder",
        ),
        (
            c.class == "SageMakerCreateTransformJob",
            "SageMakerCreateTransformJob: the role is the model's, not in the job's parameters",
        ),
        (
            c.class == "HttpInvoke"
                && (has("connection_secret_arn")
                    || !c.fields.iter().any(|f| {
                        f.name == "connection"
                            && matches!(&f.value, TaskValue::Str(s) if s.starts_with("arn:"))
                    })),
            "HttpInvoke: the connection's secret ARN is not in the ASL",
        ),
        (
            c.class.starts_with("CallAwsService")
                && (has("iam_action") || has("additional_iam_statements") || has("iam_resources")),
            "CallAwsService: iam_action/iam_resources/additional_iam_statements are IAM only",
        ),
        (
            c.class.starts_with("CallApiGateway") && !has("auth_type"),
            "API Gateway: CDK grants execute-api:Invoke unless NO_AUTH is written, yet renders the default NO_AUTH, which needs no grant",
        ),
    ];
    reasons
        .iter()
        .find(|(applies, _)| *applies)
        .map(|(_, why)| *why)
}
