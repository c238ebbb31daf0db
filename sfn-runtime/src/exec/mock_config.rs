//! Step Functions Local mock configuration files (`MockConfigFile.json`), read eagerly with
//! every problem reported by JSON pointer, run with the 2.0 semantics: one invocation
//! counter per mocked state per execution, shared by retries, loops and Map/Parallel
//! children; past the last response the execution fails with `States.Runtime`.

use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexMap;
use serde_json::Value;

use super::errors::ExecError;

/// What a mocked invocation does.
#[derive(Debug, Clone, PartialEq)]
pub enum MockResponse {
    /// `Return`: the raw service response (before `ResultSelector`).
    Return(Value),
    /// `Throw`: the task fails with this error and cause.
    Throw {
        /// `Error`.
        error: String,
        /// `Cause`.
        cause: String,
    },
}

/// One entry of a response set: invocations `first..=last` get `response`.
#[derive(Debug, Clone, PartialEq)]
pub struct MockEntry {
    /// First invocation index (0-based) covered.
    pub first: usize,
    /// Last invocation index covered (inclusive).
    pub last: usize,
    /// The response.
    pub response: MockResponse,
}

/// A whole mock configuration file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct MockConfig {
    /// State machine name -> test case name -> (state name -> response-set id).
    pub state_machines: IndexMap<String, IndexMap<String, IndexMap<String, String>>>,
    /// Response-set id -> entries, sorted by index.
    pub mocked_responses: IndexMap<String, Vec<MockEntry>>,
}

/// The mocks of one test case, ready to run.
#[derive(Debug, Clone, Default)]
pub struct TestCaseMocks {
    pub(crate) name: String,
    pub(crate) states: HashMap<String, (String, Arc<Vec<MockEntry>>)>,
}

impl TestCaseMocks {
    /// The test case name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The mocked state names.
    pub fn state_names(&self) -> impl Iterator<Item = &str> {
        self.states.keys().map(String::as_str)
    }

    /// The response for invocation `index` of `state`: `None` if the state is not mocked,
    /// `Some(None)` if its responses are exhausted.
    pub fn response(&self, state: &str, index: usize) -> Option<Option<&MockResponse>> {
        let (_, entries) = self.states.get(state)?;
        Some(
            entries
                .iter()
                .find(|e| e.first <= index && index <= e.last)
                .map(|e| &e.response),
        )
    }

    pub(crate) fn response_set(&self, state: &str) -> Option<&str> {
        self.states.get(state).map(|(id, _)| id.as_str())
    }
}

impl MockConfig {
    /// Reads a mock configuration from JSON text; all problems are reported.
    pub fn from_json(text: &str) -> Result<MockConfig, Vec<ExecError>> {
        let value: Value = serde_json::from_str(text).map_err(|e| {
            vec![ExecError::new(
                "",
                format!(
                    "the mock configuration is not JSON: {e} (line {}, column {})",
                    e.line(),
                    e.column()
                ),
            )]
        })?;
        MockConfig::from_value(&value)
    }

    /// Reads a mock configuration from a JSON value; all problems are reported.
    pub fn from_value(value: &Value) -> Result<MockConfig, Vec<ExecError>> {
        let mut errors = Vec::new();
        let mut config = MockConfig::default();
        let Some(root) = value.as_object() else {
            return Err(vec![ExecError::new(
                "",
                "the mock configuration must be a JSON object",
            )]);
        };
        for key in root.keys() {
            if key != "StateMachines" && key != "MockedResponses" {
                errors.push(ExecError::new(
                    format!("/{}", escape(key)),
                    "unknown member; expected `StateMachines` and `MockedResponses`",
                ));
            }
        }
        match root.get("MockedResponses") {
            Some(Value::Object(sets)) => {
                for (id, set) in sets {
                    let pointer = format!("/MockedResponses/{}", escape(id));
                    if let Some(entries) = read_response_set(set, &pointer, &mut errors) {
                        config.mocked_responses.insert(id.clone(), entries);
                    }
                }
            }
            Some(_) => errors.push(ExecError::new(
                "/MockedResponses",
                "must be an object of response sets",
            )),
            None => errors.push(ExecError::new("", "`MockedResponses` is required")),
        }
        match root.get("StateMachines") {
            Some(Value::Object(machines)) => {
                for (machine, body) in machines {
                    let pointer = format!("/StateMachines/{}", escape(machine));
                    let cases = read_machine(
                        body,
                        &pointer,
                        &config.mocked_responses,
                        root.get("MockedResponses"),
                        &mut errors,
                    );
                    config.state_machines.insert(machine.clone(), cases);
                }
            }
            Some(_) => errors.push(ExecError::new(
                "/StateMachines",
                "must be an object of state machines",
            )),
            None => errors.push(ExecError::new("", "`StateMachines` is required")),
        }
        if errors.is_empty() {
            Ok(config)
        } else {
            Err(errors)
        }
    }

    /// The mocks of a test case. `machine` may be omitted when exactly one state machine
    /// of the file has a test case of that name.
    pub fn test_case(&self, machine: Option<&str>, case: &str) -> Result<TestCaseMocks, ExecError> {
        let candidates: Vec<(&String, &IndexMap<String, String>)> = self
            .state_machines
            .iter()
            .filter(|(name, _)| machine.is_none_or(|m| m == name.as_str()))
            .filter_map(|(name, cases)| cases.get(case).map(|c| (name, c)))
            .collect();
        let (machine_name, mapping) = match candidates.as_slice() {
            [one] => *one,
            [] => {
                let known: Vec<String> = self
                    .state_machines
                    .iter()
                    .flat_map(|(m, cases)| cases.keys().map(move |c| format!("{m}#{c}")))
                    .collect();
                return Err(ExecError::new(
                    "/StateMachines",
                    format!(
                        "no test case `{case}`{}; the file has: {}",
                        machine
                            .map(|m| format!(" for state machine `{m}`"))
                            .unwrap_or_default(),
                        known.join(", ")
                    ),
                ));
            }
            many => {
                let names: Vec<&str> = many.iter().map(|(m, _)| m.as_str()).collect();
                return Err(ExecError::new(
                    "/StateMachines",
                    format!(
                        "test case `{case}` exists for several state machines ({}); name one",
                        names.join(", ")
                    ),
                ));
            }
        };
        let mut mocks = TestCaseMocks {
            name: format!("{machine_name}#{case}"),
            states: HashMap::new(),
        };
        for (state, id) in mapping {
            let entries = self.mocked_responses.get(id).cloned().unwrap_or_default();
            mocks
                .states
                .insert(state.clone(), (id.clone(), Arc::new(entries)));
        }
        Ok(mocks)
    }
}

fn read_machine(
    body: &Value,
    pointer: &str,
    sets: &IndexMap<String, Vec<MockEntry>>,
    raw_sets: Option<&Value>,
    errors: &mut Vec<ExecError>,
) -> IndexMap<String, IndexMap<String, String>> {
    let mut cases = IndexMap::new();
    let Some(body) = body.as_object() else {
        errors.push(ExecError::new(
            pointer,
            "must be an object with `TestCases`",
        ));
        return cases;
    };
    for key in body.keys().filter(|k| k.as_str() != "TestCases") {
        errors.push(ExecError::new(
            format!("{pointer}/{}", escape(key)),
            "unknown member; a state machine entry has `TestCases`",
        ));
    }
    let Some(test_cases) = body.get("TestCases") else {
        errors.push(ExecError::new(pointer, "`TestCases` is required"));
        return cases;
    };
    let Some(test_cases) = test_cases.as_object() else {
        errors.push(ExecError::new(
            format!("{pointer}/TestCases"),
            "must be an object: test case name -> {state name: response set}",
        ));
        return cases;
    };
    for (case, mapping) in test_cases {
        let case_pointer = format!("{pointer}/TestCases/{}", escape(case));
        let Some(mapping) = mapping.as_object() else {
            errors.push(ExecError::new(
                case_pointer,
                "must be an object: state name -> response-set id",
            ));
            continue;
        };
        let mut states = IndexMap::new();
        for (state, id) in mapping {
            let state_pointer = format!("{case_pointer}/{}", escape(state));
            match id.as_str() {
                Some(id) if sets.contains_key(id) => {
                    states.insert(state.clone(), id.to_owned());
                }
                // A set that exists but has errors was already reported.
                Some(id) if raw_sets.and_then(|s| s.get(id)).is_some() => {}
                Some(id) => errors.push(ExecError::new(
                    state_pointer,
                    format!("no response set `{id}` in `MockedResponses`"),
                )),
                None => errors.push(ExecError::new(
                    state_pointer,
                    "must be the id of a response set (a string)",
                )),
            }
        }
        cases.insert(case.clone(), states);
    }
    cases
}

fn read_response_set(
    set: &Value,
    pointer: &str,
    errors: &mut Vec<ExecError>,
) -> Option<Vec<MockEntry>> {
    let Some(set) = set.as_object() else {
        errors.push(ExecError::new(
            pointer,
            "a response set must be an object: \"0\", \"1-3\", ... -> {Return|Throw}",
        ));
        return None;
    };
    let before = errors.len();
    let mut entries = Vec::new();
    for (key, entry) in set {
        let entry_pointer = format!("{pointer}/{}", escape(key));
        let Some((first, last)) = parse_range(key) else {
            errors.push(ExecError::new(
                entry_pointer,
                format!("`{key}` is not an invocation index (`0`) or range (`1-3`)"),
            ));
            continue;
        };
        if let Some(response) = read_entry(entry, &entry_pointer, errors) {
            entries.push(MockEntry {
                first,
                last,
                response,
            });
        }
    }
    entries.sort_by_key(|e| e.first);
    let mut expected = 0;
    for entry in &entries {
        if entry.first != expected {
            let what = if entry.first < expected {
                "overlaps the previous entry"
            } else {
                "leaves a gap"
            };
            errors.push(ExecError::new(
                pointer,
                format!("mock responses must be numbered consecutively from 0: the entry starting at {} {what} (expected {expected})", entry.first),
            ));
            break;
        }
        expected = entry.last + 1;
    }
    (errors.len() == before).then_some(entries)
}

fn read_entry(entry: &Value, pointer: &str, errors: &mut Vec<ExecError>) -> Option<MockResponse> {
    let Some(entry) = entry.as_object() else {
        errors.push(ExecError::new(
            pointer,
            "an entry must be an object with `Return` or `Throw`",
        ));
        return None;
    };
    for key in entry
        .keys()
        .filter(|k| k.as_str() != "Return" && k.as_str() != "Throw")
    {
        errors.push(ExecError::new(
            format!("{pointer}/{}", escape(key)),
            "unknown member; an entry has `Return` or `Throw`",
        ));
    }
    match (entry.get("Return"), entry.get("Throw")) {
        (Some(value), None) => Some(MockResponse::Return(value.clone())),
        (None, Some(Value::Object(throw))) => {
            let field = |name: &str, errors: &mut Vec<ExecError>| match throw.get(name) {
                Some(Value::String(s)) => Some(s.clone()),
                Some(_) => {
                    errors.push(ExecError::new(
                        format!("{pointer}/Throw/{name}"),
                        "must be a string",
                    ));
                    None
                }
                None => {
                    errors.push(ExecError::new(
                        format!("{pointer}/Throw/{name}"),
                        format!("`{name}` is required"),
                    ));
                    None
                }
            };
            let error = field("Error", errors);
            let cause = field("Cause", errors);
            Some(MockResponse::Throw {
                error: error?,
                cause: cause?,
            })
        }
        (None, Some(_)) => {
            errors.push(ExecError::new(
                format!("{pointer}/Throw"),
                "must be an object with `Error` and `Cause`",
            ));
            None
        }
        (Some(_), Some(_)) => {
            errors.push(ExecError::new(
                pointer,
                "an entry has exactly one of `Return` and `Throw`, not both",
            ));
            None
        }
        (None, None) => {
            errors.push(ExecError::new(
                pointer,
                "an entry needs `Return` or `Throw`",
            ));
            None
        }
    }
}

fn parse_range(key: &str) -> Option<(usize, usize)> {
    let number = |s: &str| {
        (!s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<usize>().ok())
            .flatten()
    };
    match key.split_once('-') {
        Some((a, b)) => {
            let (a, b) = (number(a)?, number(b)?);
            (b >= a).then_some((a, b))
        }
        None => number(key).map(|n| (n, n)),
    }
}

/// RFC 6901 escaping of one pointer segment.
pub(crate) fn escape(segment: &str) -> String {
    segment.replace('~', "~0").replace('/', "~1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_every_problem_with_a_pointer() {
        let text = r#"{
          "StateMachines": {"M": {"TestCases": {"C": {"A": "Missing", "B": "Bad"}}}},
          "MockedResponses": {
            "Bad": {"0": {"Return": 1, "Throw": {"Error": "E", "Cause": "c"}}, "2": {"Throw": {"Error": "E"}}, "x": {}}
          }
        }"#;
        let errors = MockConfig::from_json(text).unwrap_err();
        let pointers: Vec<&str> = errors.iter().map(|e| e.pointer.as_str()).collect();
        assert!(pointers.contains(&"/MockedResponses/Bad/0"), "{errors:?}");
        assert!(
            pointers.contains(&"/MockedResponses/Bad/2/Throw/Cause"),
            "{errors:?}"
        );
        assert!(pointers.contains(&"/MockedResponses/Bad/x"), "{errors:?}");
        assert!(
            pointers.contains(&"/StateMachines/M/TestCases/C/A"),
            "{errors:?}"
        );
    }

    #[test]
    fn ranges_and_lookup() {
        let text = r#"{"StateMachines": {"M": {"TestCases": {"C": {"A": "R"}}}},
          "MockedResponses": {"R": {"0": {"Throw": {"Error": "E", "Cause": "c"}}, "1-2": {"Return": {"ok": true}}}}}"#;
        let config = MockConfig::from_json(text).unwrap();
        let mocks = config.test_case(None, "C").unwrap();
        assert!(matches!(
            mocks.response("A", 0),
            Some(Some(MockResponse::Throw { .. }))
        ));
        assert!(matches!(
            mocks.response("A", 2),
            Some(Some(MockResponse::Return(_)))
        ));
        assert_eq!(mocks.response("A", 3), Some(None));
        assert_eq!(mocks.response("Other", 0), None);
        assert!(config.test_case(Some("N"), "C").is_err());
    }

    #[test]
    fn gaps_are_reported() {
        let text = r#"{"StateMachines": {}, "MockedResponses": {"R": {"0": {"Return": 1}, "2": {"Return": 2}}}}"#;
        let errors = MockConfig::from_json(text).unwrap_err();
        assert!(errors[0].message.contains("consecutively"), "{errors:?}");
    }
}
