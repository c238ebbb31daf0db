//! `Map`: the processor once per item, results in item order. Inline iterations share the
//! outer variables (shared until an iteration assigns one); distributed ones are child executions with their own
//! scope, tolerated failures, and optional ItemReader / ItemBatcher / ResultWriter handlers.
//! Iterations run one after the other; `MaxConcurrency` shapes the virtual clock only.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

use serde_json::{Map as JsonMap, Value, json};

use crate::asl::{IntOrExpr, Map, NumberOrExpr, QueryLanguage, State};
use crate::exec::context;
use crate::exec::data::Data;
use crate::exec::engine::{Run, Step};
use crate::exec::errors::{Failure, names};
use crate::exec::handlers::TaskContext;
use crate::exec::history::{Details, History, details};
use crate::exec::pipeline::{Extra, ResultFields, in_state};
use crate::exec::test_state::Stage;

/// The service's cap on inline Map concurrency.
const INLINE_CONCURRENCY: usize = 40;
/// The service's cap on distributed Map child executions at once.
const DISTRIBUTED_CONCURRENCY: usize = 10_000;

use crate::exec::scope::Vars;

/// A distributed Map's failure thresholds (`None`: not set).
struct Tolerance {
    count: Option<u64>,
    percentage: Option<f64>,
}

impl<'e> Run<'e> {
    pub(crate) fn map(
        &mut self,
        name: &'e str,
        state: &'e State,
        m: &'e Map,
        raw: Data,
        vars: &mut Vars,
    ) -> Result<Step<'e>, Failure> {
        let language = self.language_of(m.query_language);
        let fields = ResultFields {
            result_selector: &m.result_selector,
            result_path: &m.result_path,
            output_path: &m.output_path,
            assign: &m.assign,
            output: &m.output,
        };
        self.with_error_handling(name, state, &raw, vars, |run, vars| {
            let (selector_input, items) = run.map_items(name, m, language, &raw, vars)?;
            let mut inputs = Vec::with_capacity(items.len());
            for (index, item) in items.into_iter().enumerate() {
                inputs.push(run.item_input(
                    name,
                    m,
                    language,
                    &selector_input,
                    index,
                    item,
                    vars,
                )?);
            }
            context::set_member(&mut run.context, "Map", None);
            let inputs = run.batch(name, m, language, &selector_input, inputs, vars)?;
            let concurrency = run.max_concurrency(name, m, language, &selector_input, vars)?;
            let tolerance = run.tolerance(name, m, &selector_input, vars)?;
            run.event("MapStateStarted", || {
                details([("length", Value::from(inputs.len()))])
            })?;
            let result = match run.iterations(
                name,
                m,
                language,
                &selector_input,
                inputs,
                (concurrency, &tolerance),
                vars,
            ) {
                Ok(result) => {
                    run.event("MapStateSucceeded", Details::new)?;
                    result
                }
                Err(failure) => {
                    run.event("MapStateFailed", || {
                        crate::exec::history::failure_details(&failure)
                    })?;
                    return Err(failure);
                }
            };
            run.process_result(name, language, &fields, &raw, result, vars)
        })
    }

    /// The value `ItemSelector` sees as `$` (the effective input: the raw input itself
    /// unless `InputPath` selects a part) and the items.
    fn map_items<'v>(
        &mut self,
        name: &'e str,
        m: &'e Map,
        language: QueryLanguage,
        raw: &'v Value,
        vars: &Vars,
    ) -> Result<(Cow<'v, Value>, Vec<Value>), Failure> {
        let (selector_input, items) = match language {
            QueryLanguage::JsonPath => {
                let effective = self.input_path(name, &m.input_path, raw, vars)?;
                self.note(Stage::AfterInputPath, &effective);
                let source = match &m.item_reader {
                    Some(_) => self.read_items(name, m, language, &effective, vars)?,
                    None => Value::clone(&effective),
                };
                let items = match &m.items_path {
                    Some(Some(path)) if path != "$" => {
                        self.select(name, "ItemsPath", path, &source, vars)?
                    }
                    _ => source,
                };
                (effective, items)
            }
            QueryLanguage::Jsonata => {
                let items = match (&m.items, &m.item_reader) {
                    (Some(items), _) => {
                        self.jsonata(name, "Items", items, raw, Extra::default(), vars)?
                    }
                    (None, Some(_)) => self.read_items(name, m, language, raw, vars)?,
                    (None, None) => raw.clone(),
                };
                (Cow::Borrowed(raw), items)
            }
        };
        match items {
            Value::Array(items) => Ok((selector_input, items)),
            other => {
                let failure = match (language, &m.items) {
                    // The service's words (localstack snapshot tests, aws.validated).
                    (QueryLanguage::Jsonata, Some(Value::String(text))) => Failure::new(
                        names::QUERY_EVALUATION_ERROR,
                        format!(
                            "The JSONata expression '{}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{}' for value: {}",
                            jsonata_source(text),
                            type_name(&other),
                            jsonata_value(&other)
                        ),
                    ),
                    (QueryLanguage::Jsonata, _) => Failure::new(
                        names::QUERY_EVALUATION_ERROR,
                        format!(
                            "The field 'Items' gave an unexpected result type. Expected 'array', but was '{}' for value: {}",
                            type_name(&other),
                            jsonata_value(&other)
                        ),
                    ),
                    (QueryLanguage::JsonPath, _) => Failure::runtime(format!(
                        "Invalid path '{}' : The value at this path must be an array, but was '{}': {}",
                        m.items_path.clone().flatten().unwrap_or_else(|| "$".into()),
                        type_name(&other),
                        jsonata_value(&other)
                    )),
                };
                Err(in_state(failure, name, self.entered_event))
            }
        }
    }

    /// The input of iteration `index`: `ItemSelector` (or legacy `Parameters`) with
    /// `$$.Map.Item.Index/Value`, else the item.
    #[allow(clippy::too_many_arguments)]
    fn item_input(
        &mut self,
        name: &'e str,
        m: &'e Map,
        language: QueryLanguage,
        selector_input: &Value,
        index: usize,
        item: Value,
        vars: &Vars,
    ) -> Result<Value, Failure> {
        let Some(selector) = m.selector() else {
            return Ok(item);
        };
        context::set_member(
            &mut self.context,
            "Map",
            // Built, not `json!`: that serializes `item` into a copy (`to_value`).
            Some(Value::Object(JsonMap::from_iter([(
                "Item".to_owned(),
                Value::Object(JsonMap::from_iter([
                    ("Index".to_owned(), Value::from(index)),
                    ("Value".to_owned(), item),
                ])),
            )]))),
        );
        let input = match language {
            QueryLanguage::JsonPath => {
                self.render(name, "ItemSelector", selector, selector_input, vars)
            }
            QueryLanguage::Jsonata => self.jsonata(
                name,
                "ItemSelector",
                selector,
                selector_input,
                Extra::default(),
                vars,
            ),
        };
        context::set_member(&mut self.context, "Map", None);
        input
    }

    fn max_concurrency(
        &mut self,
        name: &'e str,
        m: &'e Map,
        language: QueryLanguage,
        input: &Value,
        vars: &Vars,
    ) -> Result<usize, Failure> {
        let cap = if m.is_distributed() {
            DISTRIBUTED_CONCURRENCY
        } else {
            INLINE_CONCURRENCY
        };
        let value = match (&m.max_concurrency, &m.max_concurrency_path) {
            (Some(IntOrExpr::Int(n)), _) => Value::from(*n),
            (Some(IntOrExpr::Expr(source)), _) => {
                self.jsonata_str(name, "MaxConcurrency", source, input, vars)?
            }
            (None, Some(path)) => self.select(name, "MaxConcurrencyPath", path, input, vars)?,
            (None, None) => Value::from(0),
        };
        let entered = self.entered_event;
        let n = match (language, &m.max_concurrency_path) {
            // MaxConcurrencyPath: a numeric string is accepted (recorded against AWS); the
            // texts are the service's (localstack snapshot tests, aws.validated).
            (QueryLanguage::JsonPath, Some(path)) if m.max_concurrency.is_none() => {
                match integer_value(&value) {
                    Some(n) if n >= 0 => n as u64,
                    Some(n) => {
                        return Err(in_state(
                            Failure::runtime(format!(
                                "Expected non-negative integer for MaxConcurrency, got '{n}' instead."
                            )),
                            name,
                            entered,
                        ));
                    }
                    None => {
                        return Err(in_state(
                            Failure::runtime(format!(
                                "The MaxConcurrencyPath field refers to value \"{}\" which is not a valid integer: {path}",
                                plain(&value)
                            )),
                            name,
                            entered,
                        ));
                    }
                }
            }
            _ => match value.as_u64() {
                Some(n) => n,
                None => {
                    return Err(in_state(
                        Failure::new(
                            names::QUERY_EVALUATION_ERROR,
                            format!(
                                "The field 'MaxConcurrency' must be a non-negative integer, got {value}"
                            ),
                        ),
                        name,
                        entered,
                    ));
                }
            },
        };
        Ok(if n == 0 {
            cap
        } else {
            usize::try_from(n).unwrap_or(cap).min(cap)
        })
    }

    /// Runs the iterations; returns the Map's result.
    #[allow(clippy::too_many_arguments)]
    fn iterations(
        &mut self,
        name: &'e str,
        m: &'e Map,
        language: QueryLanguage,
        input: &Value,
        inputs: Vec<Value>,
        (concurrency, tolerance): (usize, &Tolerance),
        vars: &Vars,
    ) -> Result<Value, Failure> {
        let Some(processor) = m.processor() else {
            return Err(in_state(
                Failure::runtime("the Map has no ItemProcessor"),
                name,
                self.entered_event,
            ));
        };
        let distributed = m.is_distributed();
        let total = inputs.len();
        let saved = self.save_state_context();
        let start = self.now_ms;
        // The instants at which each of `concurrency` lanes is free again (a min-heap: the
        // next iteration starts on the lane free first). Lanes not used yet are free at
        // `start`, so only used lanes are stored.
        let lane_count = concurrency.clamp(1, total.max(1));
        let mut lanes: BinaryHeap<Reverse<i64>> = BinaryHeap::with_capacity(lane_count);
        let mut end = start;
        let mut results = Vec::with_capacity(total);
        let mut failed = 0usize;
        let mut outcome = Ok(());
        if distributed {
            let arn = self.map_run_arn(name);
            self.event("MapRunStarted", || {
                details([("mapRunArn", Value::String(arn))])
            })?;
        }
        for (index, item_input) in inputs.into_iter().enumerate() {
            self.now_ms = if lanes.len() < lane_count {
                start
            } else {
                lanes.pop().map_or(start, |Reverse(free_at)| free_at)
            };
            if let Err(failure) =
                self.iteration_event(distributed, "MapIterationStarted", name, index)
            {
                outcome = Err(failure);
                break;
            }
            // Inline iterations read the outer variables; distributed children do not.
            let mut scope = if distributed {
                Vars::default()
            } else {
                vars.clone()
            };
            let output = if distributed {
                // A child execution has its own history (and its own 25,000-event quota):
                // its events are not the parent's.
                // It is kept (for tests and the execution view) while the children's
                // events stay under their bound.
                let keep = self.exec.record_history
                    && self.child_events < crate::exec::children::MAX_CHILD_EVENTS;
                let parent = std::mem::replace(&mut self.history, History::new(keep));
                // On the service the child's first event is its ExecutionStarted: its
                // states' ids (in error causes) count from there.
                let outer_unrecorded = std::mem::replace(&mut self.unrecorded_events, 1);
                let output = self.run_scope(
                    &processor.states,
                    &processor.start_at,
                    item_input,
                    &mut scope,
                );
                self.unrecorded_events = outer_unrecorded;
                let child = std::mem::replace(&mut self.history, parent);
                if keep {
                    self.child_events += child.events.len();
                    self.children.push(crate::exec::ChildExecution {
                        map_state: name.to_owned(),
                        index,
                        succeeded: output.is_ok(),
                        error: output.as_ref().err().and_then(|f| f.error.clone()),
                        cause: output.as_ref().err().and_then(|f| f.cause.clone()),
                        history: child.events,
                    });
                }
                output
            } else {
                self.run_scope(
                    &processor.states,
                    &processor.start_at,
                    item_input,
                    &mut scope,
                )
            };
            lanes.push(Reverse(self.now_ms));
            end = end.max(self.now_ms);
            let event = if output.is_ok() {
                "MapIterationSucceeded"
            } else {
                "MapIterationFailed"
            };
            if let Err(failure) = self.iteration_event(distributed, event, name, index) {
                outcome = Err(failure);
                break;
            }
            match output {
                Ok(output) => results.push(output),
                Err(failure) => {
                    if !distributed || !failure.is_catchable() || self.timed_out {
                        outcome = Err(failure);
                        break;
                    }
                    failed += 1;
                    results.push(failure.error_output());
                }
            }
        }
        self.now_ms = end.max(self.now_ms);
        self.restore_state_context(saved);
        outcome?;
        if distributed {
            let tolerated = self.check_tolerance(name, tolerance, failed, total);
            let event = if tolerated.is_ok() {
                "MapRunSucceeded"
            } else {
                "MapRunFailed"
            };
            self.event(event, Details::new)?;
            tolerated?;
            if m.result_writer.is_some() {
                return self.write_results(name, m, language, input, results, vars);
            }
        }
        Ok(Value::Array(results))
    }

    /// A `MapIteration*` event; distributed children are separate executions, reported by
    /// `MapRun*` events instead.
    fn iteration_event(
        &mut self,
        distributed: bool,
        event: &'static str,
        name: &'e str,
        index: usize,
    ) -> Result<(), Failure> {
        if distributed {
            return Ok(());
        }
        let name = self.exec.record_history.then(|| self.name_value(name));
        self.event(event, || {
            let mut d = Details::new();
            if let Some(name) = name {
                d.insert_shared("name", name);
            }
            d.insert("index", Value::from(index));
            d
        })
    }

    fn map_run_arn(&self, name: &str) -> String {
        format!(
            "arn:aws:states:us-east-1:123456789012:mapRun:{}/{}:local",
            self.exec.machine_name,
            name.replace(' ', "_")
        )
    }

    /// The tolerated failure count and percentage, read before any item runs: a
    /// `Tolerated*Path` selecting a value the service cannot use fails the state with
    /// `States.Runtime` and the service's text (localstack snapshot tests, aws.validated).
    fn tolerance(
        &mut self,
        name: &'e str,
        m: &'e Map,
        input: &Value,
        vars: &Vars,
    ) -> Result<Tolerance, Failure> {
        let entered = self.entered_event;
        let runtime = |cause: String| in_state(Failure::runtime(cause), name, entered);
        let jsonata = |field: &str, value: &Value| {
            in_state(
                Failure::new(
                    names::QUERY_EVALUATION_ERROR,
                    format!(
                        "The field '{field}' must be a non-negative number (a percentage from 0 to 100), got {value}"
                    ),
                ),
                name,
                entered,
            )
        };
        let count = match (&m.tolerated_failure_count, &m.tolerated_failure_count_path) {
            (Some(IntOrExpr::Int(n)), _) => Some(*n),
            (Some(IntOrExpr::Expr(source)), _) => {
                let value = self.jsonata_str(name, "ToleratedFailureCount", source, input, vars)?;
                Some(
                    value
                        .as_u64()
                        .ok_or_else(|| jsonata("ToleratedFailureCount", &value))?,
                )
            }
            (None, Some(path)) => {
                let value = self.select(name, "ToleratedFailureCountPath", path, input, vars)?;
                match integer_value(&value) {
                    Some(n) if n >= 0 => Some(n as u64),
                    Some(_) => {
                        return Err(runtime("ToleratedFailureCount cannot be negative.".into()));
                    }
                    None => {
                        return Err(runtime(format!(
                            "The ToleratedFailureCountPath field refers to value \"{}\" which is not a valid integer: {path}",
                            plain(&value)
                        )));
                    }
                }
            }
            (None, None) => None,
        };
        let percentage = match (
            &m.tolerated_failure_percentage,
            &m.tolerated_failure_percentage_path,
        ) {
            (Some(NumberOrExpr::Number(n)), _) => n.as_f64(),
            (Some(NumberOrExpr::Expr(source)), _) => {
                let value =
                    self.jsonata_str(name, "ToleratedFailurePercentage", source, input, vars)?;
                Some(
                    value
                        .as_f64()
                        .filter(|p| (0.0..=100.0).contains(p))
                        .ok_or_else(|| jsonata("ToleratedFailurePercentage", &value))?,
                )
            }
            (None, Some(path)) => {
                let value =
                    self.select(name, "ToleratedFailurePercentagePath", path, input, vars)?;
                let number = match &value {
                    Value::Number(n) => n.as_f64(),
                    Value::String(text) => text.trim().parse::<i64>().ok().map(|n| n as f64),
                    _ => None,
                };
                match number {
                    Some(p) if (0.0..=100.0).contains(&p) => Some(p),
                    Some(_) => {
                        return Err(runtime(
                            "ToleratedFailurePercentage must be between 0 and 100.".into(),
                        ));
                    }
                    None => {
                        return Err(runtime(format!(
                            "The ToleratedFailurePercentagePath field refers to value \"{}\" which is not a valid float: {path}",
                            plain(&value)
                        )));
                    }
                }
            }
            (None, None) => None,
        };
        Ok(Tolerance { count, percentage })
    }

    fn check_tolerance(
        &mut self,
        name: &'e str,
        tolerance: &Tolerance,
        failed: usize,
        total: usize,
    ) -> Result<(), Failure> {
        if failed == 0 {
            return Ok(());
        }
        let count_ok = tolerance.count.map(|n| failed as u64 <= n);
        let percentage_ok = tolerance
            .percentage
            .map(|pct| (failed as f64) * 100.0 / (total.max(1) as f64) <= pct);
        // Either threshold breached fails the Map; with neither set, no failure is tolerated.
        let breached = match (count_ok, percentage_ok) {
            (Some(count), Some(percentage)) => !(count && percentage),
            (Some(ok), None) | (None, Some(ok)) => !ok,
            (None, None) => true,
        };
        if breached {
            return Err(in_state(
                Failure::new(
                    names::EXCEED_TOLERATED_FAILURE_THRESHOLD,
                    format!(
                        "The specified tolerated failure threshold was exceeded: {failed} of {total} items failed"
                    ),
                ),
                name,
                self.entered_event,
            ));
        }
        Ok(())
    }

    /// `ItemReader`: calls the handler registered for its resource with the rendered
    /// `Parameters`/`Arguments`; a string result is parsed per `ReaderConfig.InputType`.
    fn read_items(
        &mut self,
        name: &'e str,
        m: &'e Map,
        language: QueryLanguage,
        input: &Value,
        vars: &Vars,
    ) -> Result<Value, Failure> {
        let Some(reader) = &m.item_reader else {
            return Ok(input.clone());
        };
        let request = match (language, &reader.parameters, &reader.arguments) {
            (QueryLanguage::JsonPath, Some(parameters), _) => {
                self.render(name, "ItemReader.Parameters", parameters, input, vars)?
            }
            (QueryLanguage::Jsonata, _, Some(arguments)) => self.jsonata(
                name,
                "ItemReader.Arguments",
                arguments,
                input,
                Extra::default(),
                vars,
            )?,
            _ => Value::Object(JsonMap::new()),
        };
        let data =
            self.call_resource(name, &reader.resource, &request, names::ITEM_READER_FAILED)?;
        let config = reader.reader_config.as_ref();
        let input_type = config
            .and_then(|c| c.get("InputType"))
            .and_then(Value::as_str)
            .unwrap_or("JSON");
        let items = match (data, input_type) {
            (Value::String(text), "CSV") => parse_csv(&text, config).map_err(|m| {
                in_state(
                    Failure::new(names::ITEM_READER_FAILED, m),
                    name,
                    self.entered_event,
                )
            })?,
            (Value::String(text), "JSONL") => text
                .lines()
                .filter(|l| !l.trim().is_empty())
                .map(serde_json::from_str)
                .collect::<Result<Vec<Value>, _>>()
                .map(Value::Array)
                .map_err(|e| {
                    in_state(
                        Failure::new(
                            names::ITEM_READER_FAILED,
                            format!("a JSONL line is not JSON: {e}"),
                        ),
                        name,
                        self.entered_event,
                    )
                })?,
            (Value::String(text), _) => serde_json::from_str(&text).map_err(|e| {
                in_state(
                    Failure::new(
                        names::ITEM_READER_FAILED,
                        format!("the object is not JSON: {e}"),
                    ),
                    name,
                    self.entered_event,
                )
            })?,
            (other, _) => other,
        };
        let max_items = config
            .and_then(|c| c.get("MaxItems"))
            .and_then(Value::as_u64)
            .unwrap_or(0);
        Ok(match items {
            Value::Array(mut items) if max_items > 0 => {
                items.truncate(usize::try_from(max_items).unwrap_or(usize::MAX));
                Value::Array(items)
            }
            other => other,
        })
    }

    /// `ItemBatcher`: groups iteration inputs into `{"Items": [...], "BatchInput": ..}`.
    fn batch(
        &mut self,
        name: &'e str,
        m: &'e Map,
        language: QueryLanguage,
        input: &Value,
        inputs: Vec<Value>,
        vars: &Vars,
    ) -> Result<Vec<Value>, Failure> {
        let Some(batcher) = &m.item_batcher else {
            return Ok(inputs);
        };
        let max_items = match (
            &batcher.max_items_per_batch,
            &batcher.max_items_per_batch_path,
        ) {
            (Some(IntOrExpr::Int(n)), _) => Some(*n),
            (Some(IntOrExpr::Expr(source)), _) => self
                .jsonata_str(name, "MaxItemsPerBatch", source, input, vars)?
                .as_u64(),
            (None, Some(path)) => self
                .select(name, "MaxItemsPerBatchPath", path, input, vars)?
                .as_u64(),
            (None, None) => None,
        };
        let max_bytes = match &batcher.max_input_bytes_per_batch {
            Some(IntOrExpr::Int(n)) => Some(*n),
            _ => None,
        };
        let batch_input = match (&batcher.batch_input, language) {
            (Some(template), QueryLanguage::JsonPath) => {
                Some(self.render(name, "BatchInput", template, input, vars)?)
            }
            (Some(template), QueryLanguage::Jsonata) => {
                Some(self.jsonata(name, "BatchInput", template, input, Extra::default(), vars)?)
            }
            (None, _) => None,
        };
        let limit = usize::try_from(max_items.unwrap_or(u64::MAX).max(1)).unwrap_or(usize::MAX);
        let byte_limit = usize::try_from(max_bytes.unwrap_or(262_144)).unwrap_or(usize::MAX);
        let mut batches = Vec::new();
        let mut current: Vec<Value> = Vec::new();
        let mut bytes = 0;
        for item in inputs {
            let size = crate::exec::size::json_size(&item, byte_limit);
            if !current.is_empty() && (current.len() >= limit || bytes + size > byte_limit) {
                batches.push(std::mem::take(&mut current));
                bytes = 0;
            }
            bytes += size;
            current.push(item);
        }
        if !current.is_empty() {
            batches.push(current);
        }
        Ok(batches
            .into_iter()
            .map(|items| {
                let mut batch = JsonMap::new();
                batch.insert("Items".into(), Value::Array(items));
                if let Some(batch_input) = &batch_input {
                    batch.insert("BatchInput".into(), batch_input.clone());
                }
                Value::Object(batch)
            })
            .collect())
    }

    /// `ResultWriter`: hands the results to the handler of its resource (if any) and
    /// returns the Map Run description the service returns.
    fn write_results(
        &mut self,
        name: &'e str,
        m: &'e Map,
        language: QueryLanguage,
        input: &Value,
        results: Vec<Value>,
        vars: &Vars,
    ) -> Result<Value, Failure> {
        let Some(writer) = &m.result_writer else {
            return Ok(Value::Array(results));
        };
        let target = match (language, &writer.parameters, &writer.arguments) {
            (QueryLanguage::JsonPath, Some(parameters), _) => {
                self.render(name, "ResultWriter.Parameters", parameters, input, vars)?
            }
            (QueryLanguage::Jsonata, _, Some(arguments)) => self.jsonata(
                name,
                "ResultWriter.Arguments",
                arguments,
                input,
                Extra::default(),
                vars,
            )?,
            _ => Value::Object(JsonMap::new()),
        };
        let run_arn = self.map_run_arn(name);
        if let Some(resource) = &writer.resource {
            let has_handler = self.exec.resource_handlers.contains_key(resource.as_str());
            if has_handler {
                let request = json!({"Target": target, "Results": results});
                self.call_resource(name, resource, &request, names::RESULT_WRITER_FAILED)?;
            }
        }
        let prefix = target.get("Prefix").and_then(Value::as_str).unwrap_or("");
        Ok(json!({
            "MapRunArn": run_arn,
            "ResultWriterDetails": {
                "Bucket": target.get("Bucket").cloned().unwrap_or(Value::Null),
                "Key": format!("{}{}manifest.json", prefix, if prefix.is_empty() || prefix.ends_with('/') { "" } else { "/" }),
            }
        }))
    }

    /// Calls the handler registered for a resource (ItemReader/ResultWriter); failures
    /// become `error`.
    fn call_resource(
        &mut self,
        name: &'e str,
        resource: &str,
        request: &Value,
        error: &str,
    ) -> Result<Value, Failure> {
        let Some(handler) = self.exec.resource_handlers.get(resource).cloned() else {
            return Err(in_state(
                Failure::runtime(format!(
                    "no handler for resource `{resource}`: register one with Executor::on_resource"
                )),
                name,
                self.entered_event,
            ));
        };
        let ctx = TaskContext::new(name, resource, &self.context, 0, None);
        let outcome = handler(request, &ctx);
        let elapsed = ctx.elapsed_ms.get();
        drop(ctx);
        self.advance(i64::try_from(elapsed).unwrap_or(i64::MAX))?;
        outcome.map_err(|f| {
            in_state(
                Failure::new(error, format!("{}: {}", f.error, f.cause)),
                name,
                self.entered_event,
            )
        })
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

/// CSV rows as objects keyed by the headers (first row, or `CSVHeaders` with `GIVEN`);
/// values stay strings. Quoted fields may hold delimiters and doubled quotes.
fn parse_csv(text: &str, config: Option<&Value>) -> Result<Value, String> {
    let delimiter = match config
        .and_then(|c| c.get("CSVDelimiter"))
        .and_then(Value::as_str)
    {
        Some("PIPE") => '|',
        Some("SEMICOLON") => ';',
        Some("SPACE") => ' ',
        Some("TAB") => '\t',
        _ => ',',
    };
    let mut rows = text
        .lines()
        .filter(|l| !l.is_empty())
        .map(|line| split_csv_line(line, delimiter));
    let given = config
        .and_then(|c| c.get("CSVHeaderLocation"))
        .and_then(Value::as_str)
        == Some("GIVEN");
    let headers: Vec<String> = if given {
        config
            .and_then(|c| c.get("CSVHeaders"))
            .and_then(Value::as_array)
            .map(|h| {
                h.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_owned)
                    .collect()
            })
            .ok_or("CSVHeaders is required with CSVHeaderLocation GIVEN")?
    } else {
        rows.next().ok_or("the CSV has no header row")?
    };
    let mut seen = std::collections::HashSet::new();
    if let Some(duplicate) = headers.iter().find(|h| !seen.insert(h.as_str())) {
        return Err(format!("the CSV header `{duplicate}` appears twice"));
    }
    Ok(Value::Array(
        rows.map(|row| {
            Value::Object(
                headers
                    .iter()
                    .cloned()
                    .zip(row.into_iter().map(Value::String))
                    .collect(),
            )
        })
        .collect(),
    ))
}

fn split_csv_line(line: &str, delimiter: char) -> Vec<String> {
    let mut fields = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            c if c == delimiter && !quoted => fields.push(std::mem::take(&mut field)),
            c => field.push(c),
        }
    }
    fields.push(field);
    fields
}

/// An integer, or a string holding one (as the service reads `MaxConcurrencyPath`,
/// `ToleratedFailureCountPath`).
fn integer_value(value: &Value) -> Option<i64> {
    match value {
        Value::Number(n) => n.as_i64(),
        Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

/// A value as the service quotes it: strings as they are, the rest as compact JSON.
fn plain(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// A value as the service prints it after "for value:" (strings quoted).
fn jsonata_value(value: &Value) -> String {
    value.to_string()
}

/// The expression inside `{% %}`.
fn jsonata_source(text: &str) -> &str {
    text.trim()
        .strip_prefix("{%")
        .and_then(|t| t.strip_suffix("%}"))
        .map_or(text, str::trim)
}
