//! The rows of the database: each resource as a JSON object, and the store rebuilt from
//! them at start.

use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::Arc;
use std::time::Instant;

use serde_json::{Map, Value, json};
use sfn_runtime::WorkflowKind;
use sfn_runtime::exec::{Control, HistoryEvent};
use tokio::sync::Notify;

use crate::ops::machines::compile;
use crate::store::{
    Activity, Alias, ExecutionRecord, Machine, RunStatus, Store, TokenEntry, Version, Waiter,
};

/// The cause of an execution that was running when the server stopped.
pub const RESTART_CAUSE: &str = "sfn serve stopped while this execution was running (it was killed or restarted with --data-dir); a running execution is not resumed: RedriveExecution runs it on from the state it was in";

pub fn machine(m: &Machine) -> Value {
    json!({
        "seq": m.seq,
        "arn": m.arn,
        "name": m.name,
        "definition": &*m.definition,
        "roleArn": m.role_arn,
        "type": m.kind.as_str(),
        "created": m.created_ms,
        "revision": m.revision,
        "logging": m.logging,
        "tracing": m.tracing,
        "version": m.version.as_ref().map(|v| json!({"number": v.number, "description": v.description})),
        "lastVersion": m.last_version,
        "published": m.published,
        "tags": m.tags,
    })
}

pub fn alias(a: &Alias) -> Value {
    json!({
        "seq": a.seq,
        "arn": a.arn,
        "name": a.name,
        "machineArn": a.machine_arn,
        "description": a.description,
        "routing": a.routing,
        "created": a.created_ms,
        "updated": a.updated_ms,
    })
}

pub fn activity(a: &Activity) -> Value {
    json!({"seq": a.seq, "arn": a.arn, "name": a.name, "created": a.created_ms, "tags": a.tags})
}

fn event(e: &HistoryEvent) -> Value {
    json!({
        "id": e.id,
        "previous": e.previous_event_id,
        "timestamp": e.timestamp_ms,
        "type": e.event_type.as_str(),
        "details": e.details.to_map(),
    })
}

pub fn execution(store: &Store, r: &ExecutionRecord) -> Value {
    let history: Vec<Value> = r.history().iter().map(event).collect();
    let tokens: Vec<Value> = r
        .tokens
        .iter()
        .map(|t| json!([t, store.tokens.get(t).is_some_and(|e| e.open)]))
        .collect();
    json!({
        "seq": r.seq,
        "arn": r.arn,
        "machineArn": r.machine_arn,
        "ran": machine(&r.ran),
        "versionArn": r.version_arn,
        "aliasArn": r.alias_arn,
        "testCase": r.test_case,
        "name": r.name,
        "input": r.input,
        "start": r.start_ms,
        "stop": r.stop_ms,
        "status": r.status.as_str(),
        "output": r.output,
        "error": r.error,
        "cause": r.cause,
        "history": history,
        "tokens": tokens,
        "redriveCount": r.redrive_count,
        "redriveMs": r.redrive_ms,
    })
}

/// Reads a row's members, naming the row in errors.
struct Row<'a> {
    value: &'a Value,
    what: &'static str,
}

impl Row<'_> {
    fn str(&self, key: &str) -> Result<String, String> {
        self.value[key]
            .as_str()
            .map(str::to_owned)
            .ok_or_else(|| format!("a {} row has no string `{key}`: {}", self.what, self.value))
    }
    fn opt_str(&self, key: &str) -> Option<String> {
        self.value[key].as_str().map(str::to_owned)
    }
    fn u64(&self, key: &str) -> u64 {
        self.value[key].as_u64().unwrap_or(0)
    }
    fn i64(&self, key: &str) -> i64 {
        self.value[key].as_i64().unwrap_or(0)
    }
    fn opt(&self, key: &str) -> Option<Value> {
        Some(self.value[key].clone()).filter(|v| !v.is_null())
    }
    fn tags(&self) -> BTreeMap<String, String> {
        serde_json::from_value(self.value["tags"].clone()).unwrap_or_default()
    }
}

/// Definitions compiled once per distinct text (executions share their machine's).
type Compiled = HashMap<String, (sfn_runtime::exec::Executor, Vec<crate::store::WaitingState>)>;

fn machine_from(value: &Value, compiled: &mut Compiled) -> Result<Machine, String> {
    let row = Row {
        value,
        what: "state machine",
    };
    let definition = row.str("definition")?;
    let arn = row.str("arn")?;
    let kind = if row.opt_str("type").as_deref() == Some("EXPRESS") {
        WorkflowKind::Express
    } else {
        WorkflowKind::Standard
    };
    if !compiled.contains_key(&definition) {
        let built = compile(&definition, kind)
            .map_err(|e| format!("the state machine {arn} no longer compiles: {}", e.message))?;
        compiled.insert(definition.clone(), built);
    }
    let (executor, waiting_states) = compiled[&definition].clone();
    let version = value["version"].as_object().map(|v| Version {
        number: v.get("number").and_then(Value::as_u64).unwrap_or(0),
        description: v
            .get("description")
            .and_then(Value::as_str)
            .map(str::to_owned),
    });
    let published = value["published"]
        .as_array()
        .and_then(|p| Some((p.first()?.as_u64()?, p.get(1)?.as_str()?.to_owned())));
    Ok(Machine {
        seq: row.u64("seq"),
        arn,
        name: row.str("name")?,
        definition: definition.into(),
        role_arn: row.str("roleArn")?,
        kind,
        created_ms: row.i64("created"),
        revision: row.u64("revision").max(1),
        logging: row.opt("logging"),
        tracing: row.opt("tracing"),
        version,
        last_version: row.u64("lastVersion"),
        published,
        tags: row.tags(),
        waiting_states,
        executor,
    })
}

fn event_from(value: &Value) -> HistoryEvent {
    HistoryEvent {
        id: value["id"].as_u64().unwrap_or(0) as usize,
        previous_event_id: value["previous"].as_u64().unwrap_or(0) as usize,
        timestamp_ms: value["timestamp"].as_i64().unwrap_or(0),
        event_type: value["type"].as_str().unwrap_or_default().to_owned().into(),
        details: value["details"]
            .as_object()
            .cloned()
            .unwrap_or_default()
            .into(),
    }
}

fn status_from(text: &str) -> RunStatus {
    match text {
        "SUCCEEDED" => RunStatus::Succeeded,
        "FAILED" => RunStatus::Failed,
        "TIMED_OUT" => RunStatus::TimedOut,
        "ABORTED" => RunStatus::Aborted,
        _ => RunStatus::Running,
    }
}

/// Rebuilds the store from what was written. Executions that were running are recorded as
/// failed at `now_ms` (see the module docs of `persist`); their ARNs come back too, to be
/// written as such.
///
/// # Errors
/// A row is not one this server wrote, or a definition no longer compiles.
pub fn restore(loaded: &super::Loaded, now_ms: i64) -> Result<(Store, Vec<String>), String> {
    let mut store = Store::default();
    let mut interrupted = Vec::new();
    let mut compiled = Compiled::new();
    let mut top = 0;
    for value in &loaded.machines {
        let machine = machine_from(value, &mut compiled)?;
        top = top.max(machine.seq);
        store.machines.insert(machine.arn.clone(), machine);
    }
    for value in &loaded.versions {
        let machine = machine_from(value, &mut compiled)?;
        top = top.max(machine.seq);
        store.versions.insert(machine.arn.clone(), machine);
    }
    for value in &loaded.aliases {
        let row = Row {
            value,
            what: "alias",
        };
        let routing = serde_json::from_value(value["routing"].clone())
            .map_err(|e| format!("an alias row has no routing: {e}"))?;
        let alias = Alias {
            seq: row.u64("seq"),
            arn: row.str("arn")?,
            name: row.str("name")?,
            machine_arn: row.str("machineArn")?,
            description: row.opt_str("description"),
            routing,
            created_ms: row.i64("created"),
            updated_ms: row.i64("updated"),
        };
        top = top.max(alias.seq);
        store.aliases.insert(alias.arn.clone(), alias);
    }
    for value in &loaded.activities {
        let row = Row {
            value,
            what: "activity",
        };
        let activity = Activity {
            seq: row.u64("seq"),
            arn: row.str("arn")?,
            name: row.str("name")?,
            created_ms: row.i64("created"),
            tags: row.tags(),
            queue: VecDeque::new(),
            ready: Arc::new(Notify::new()),
        };
        top = top.max(activity.seq);
        store.activities.insert(activity.arn.clone(), activity);
    }
    for value in &loaded.executions {
        let row = Row {
            value,
            what: "execution",
        };
        let ran = machine_from(&value["ran"], &mut compiled)?;
        let mut history: Vec<HistoryEvent> = value["history"]
            .as_array()
            .map(|events| events.iter().map(event_from).collect())
            .unwrap_or_default();
        let mut status = status_from(&row.str("status")?);
        let (mut stop_ms, mut error, mut cause) = (
            value["stop"].as_i64(),
            row.opt_str("error"),
            row.opt_str("cause"),
        );
        if status == RunStatus::Running {
            interrupted.push(row.str("arn")?);
            status = RunStatus::Failed;
            stop_ms = Some(now_ms);
            error = Some("States.Runtime".into());
            cause = Some(RESTART_CAUSE.into());
            let mut details = Map::new();
            details.insert("error".into(), json!("States.Runtime"));
            details.insert("cause".into(), json!(RESTART_CAUSE));
            history.push(HistoryEvent {
                id: history.len() + 1,
                previous_event_id: history.len(),
                timestamp_ms: now_ms,
                event_type: "ExecutionFailed".into(),
                details: details.into(),
            });
        }
        let arn = row.str("arn")?;
        let mut tokens = Vec::new();
        for token in value["tokens"].as_array().into_iter().flatten() {
            let Some(token) = token.get(0).and_then(Value::as_str) else {
                continue;
            };
            tokens.push(token.to_owned());
            store.tokens.insert(
                token.to_owned(),
                TokenEntry {
                    waiter: Waiter::Gone,
                    execution_arn: arn.clone(),
                    open: false,
                    last_heartbeat: Instant::now(),
                },
            );
        }
        let seq = row.u64("seq");
        top = top.max(seq);
        let machine_arn = row.str("machineArn")?;
        store
            .by_machine
            .entry(machine_arn.clone())
            .or_default()
            .insert(seq, arn.clone());
        store.executions.insert(
            arn.clone(),
            ExecutionRecord {
                seq,
                arn,
                machine_arn,
                ran: Arc::new(ran),
                version_arn: row.opt_str("versionArn"),
                alias_arn: row.opt_str("aliasArn"),
                test_case: row.opt_str("testCase"),
                name: row.str("name")?,
                input: row.str("input")?,
                start_ms: row.i64("start"),
                stop_ms,
                status,
                output: row.opt_str("output"),
                error,
                cause,
                control: Control::virtual_time(),
                final_history: Some(history),
                tokens,
                redrive_count: row.u64("redriveCount"),
                redrive_ms: value["redriveMs"].as_i64(),
                prior: Vec::new(),
            },
        );
    }
    store.continue_after(top);
    Ok((store, interrupted))
}
