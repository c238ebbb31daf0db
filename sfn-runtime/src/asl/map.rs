//! `Map`: runs a processor (a nested state machine) once per item, inline or distributed.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error_handling::{Catcher, Retrier};
use super::machine::States;
use super::serde_util::{keep_null, nullable};
use super::states::{Transition, transition_fields};
use super::values::{ExecutionType, IntOrExpr, NumberOrExpr, QueryLanguage};

/// `Map`.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Map {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `QueryLanguage` of this state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query_language: Option<QueryLanguage>,
    /// `ItemProcessor`: the nested state machine run per item.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_processor: Option<Processor>,
    /// `Iterator`: the older name of `ItemProcessor` (inline only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iterator: Option<Processor>,
    /// `ItemReader` (distributed): where the items come from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_reader: Option<ItemReader>,
    /// `ItemBatcher` (distributed): groups items into batches.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_batcher: Option<ItemBatcher>,
    /// `ResultWriter` (distributed): where results are written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_writer: Option<ResultWriter>,
    /// `InputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub input_path: Option<Option<String>>,
    /// `ItemsPath` (JSONPath): a Reference Path to the array.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub items_path: Option<Option<String>>,
    /// `Items` (JSONata): an array or an expression.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<Value>,
    /// `ItemSelector` (payload template per item).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_selector: Option<Value>,
    /// `Parameters`: the older name of `ItemSelector`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// `MaxConcurrency` (0 = no limit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_concurrency: Option<IntOrExpr>,
    /// `MaxConcurrencyPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_concurrency_path: Option<String>,
    /// `ToleratedFailurePercentage` (0-100).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerated_failure_percentage: Option<NumberOrExpr>,
    /// `ToleratedFailurePercentagePath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerated_failure_percentage_path: Option<String>,
    /// `ToleratedFailureCount`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerated_failure_count: Option<IntOrExpr>,
    /// `ToleratedFailureCountPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tolerated_failure_count_path: Option<String>,
    /// `Label` (distributed): names the Map Run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// `ResultSelector` (payload template).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result_selector: Option<Value>,
    /// `ResultPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub result_path: Option<Option<String>>,
    /// `OutputPath`; `Some(None)` is `null`.
    #[serde(
        default,
        deserialize_with = "nullable",
        skip_serializing_if = "Option::is_none"
    )]
    pub output_path: Option<Option<String>>,
    /// `Output` (JSONata).
    #[serde(
        default,
        deserialize_with = "keep_null",
        skip_serializing_if = "Option::is_none"
    )]
    pub output: Option<Value>,
    /// `Assign`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assign: Option<Value>,
    /// `Retry`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry: Option<Vec<Retrier>>,
    /// `Catch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub catch: Option<Vec<Catcher>>,
    /// `Next`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// `End`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<bool>,
}

impl Map {
    transition_fields!();

    /// The processor, under either of its names.
    pub fn processor(&self) -> Option<&Processor> {
        self.item_processor.as_ref().or(self.iterator.as_ref())
    }

    /// The per-item template, under either of its names.
    pub fn selector(&self) -> Option<&Value> {
        self.item_selector.as_ref().or(self.parameters.as_ref())
    }

    /// Whether the Map runs in distributed mode.
    pub fn is_distributed(&self) -> bool {
        self.processor()
            .and_then(|p| p.processor_config.as_ref())
            .is_some_and(|c| c.mode == Some(ProcessorMode::Distributed))
    }
}

/// `ItemProcessor` / `Iterator`: the state machine run for each item.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct Processor {
    /// `Comment`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// `ProcessorConfig`: inline or distributed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processor_config: Option<ProcessorConfig>,
    /// `StartAt`.
    pub start_at: String,
    /// `States`.
    pub states: States,
}

/// `ProcessorConfig`.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ProcessorConfig {
    /// `Mode`: `INLINE` (default) or `DISTRIBUTED`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<ProcessorMode>,
    /// `ExecutionType` of child workflows (distributed only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub execution_type: Option<ExecutionType>,
}

/// How a Map runs its processor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum ProcessorMode {
    /// In the parent execution, up to 40 items at a time.
    Inline,
    /// As child executions (a Map Run).
    Distributed,
}

/// `ItemReader`: reads the items from S3 (distributed Map).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ItemReader {
    /// `Resource`: `arn:aws:states:::s3:getObject` or `...:s3:listObjectsV2`.
    pub resource: String,
    /// `Parameters` (JSONPath).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// `Arguments` (JSONata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Value>,
    /// `ReaderConfig` (InputType, CSVHeaderLocation, MaxItems, ...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reader_config: Option<Value>,
}

/// `ItemBatcher`: groups items into batches (distributed Map).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ItemBatcher {
    /// `MaxItemsPerBatch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items_per_batch: Option<IntOrExpr>,
    /// `MaxItemsPerBatchPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items_per_batch_path: Option<String>,
    /// `MaxInputBytesPerBatch`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_input_bytes_per_batch: Option<IntOrExpr>,
    /// `MaxInputBytesPerBatchPath`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_input_bytes_per_batch_path: Option<String>,
    /// `BatchInput`: a fixed object added to each batch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub batch_input: Option<Value>,
}

/// `ResultWriter`: writes the Map Run's results to S3 (distributed Map).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "PascalCase")]
pub struct ResultWriter {
    /// `Resource`: `arn:aws:states:::s3:putObject`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// `Parameters` (JSONPath).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parameters: Option<Value>,
    /// `Arguments` (JSONata).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arguments: Option<Value>,
    /// `WriterConfig` (OutputType, Transformation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub writer_config: Option<Value>,
}
