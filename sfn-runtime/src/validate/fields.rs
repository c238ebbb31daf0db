//! THE field table: which object takes which field, in which query language, with which
//! kind of value. Every check that asks "may this field be here?", "is it required?" or
//! "what must its value be?" reads this one table.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::OnceLock;

use crate::asl::{QueryLanguage, StateType};

/// A set of object kinds, as bits.
pub(crate) type Owners = u32;

/// The kind of object a field belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Owner {
    /// The document itself.
    Machine,
    /// A state of this type.
    State(StateType),
    /// A state whose `Type` is missing or unknown: only its names can be checked.
    UnknownState,
    /// An entry of `Retry`.
    Retrier,
    /// An entry of `Catch`.
    Catcher,
    /// An entry of `Choices`.
    TopRule,
    /// A rule inside `And`/`Or`/`Not`.
    NestedRule,
    /// An entry of a Parallel's `Branches`.
    Branch,
    /// A Map's `ItemProcessor` / `Iterator`.
    Processor,
    /// `ItemProcessor.ProcessorConfig`.
    ProcessorConfig,
    /// Map `ItemReader`.
    ItemReader,
    /// `ItemReader.ReaderConfig`.
    ReaderConfig,
    /// Map `ItemBatcher`.
    ItemBatcher,
    /// Map `ResultWriter`.
    ResultWriter,
    /// `ResultWriter.WriterConfig`.
    WriterConfig,
}

impl Owner {
    /// This owner's bit.
    pub(crate) const fn bit(self) -> Owners {
        match self {
            Owner::State(StateType::Task) => TASK,
            Owner::State(StateType::Parallel) => PARALLEL,
            Owner::State(StateType::Map) => MAP,
            Owner::State(StateType::Pass) => PASS,
            Owner::State(StateType::Wait) => WAIT,
            Owner::State(StateType::Choice) => CHOICE,
            Owner::State(StateType::Succeed) => SUCCEED,
            Owner::State(StateType::Fail) => FAIL,
            Owner::UnknownState => ALL_STATES,
            Owner::Machine => MACHINE,
            Owner::Retrier => RETRIER,
            Owner::Catcher => CATCHER,
            Owner::TopRule => TOP_RULE,
            Owner::NestedRule => NESTED_RULE,
            Owner::Branch => BRANCH,
            Owner::Processor => PROCESSOR,
            Owner::ProcessorConfig => PROCESSOR_CONFIG,
            Owner::ItemReader => ITEM_READER,
            Owner::ReaderConfig => READER_CONFIG,
            Owner::ItemBatcher => ITEM_BATCHER,
            Owner::ResultWriter => RESULT_WRITER,
            Owner::WriterConfig => WRITER_CONFIG,
        }
    }

    /// How a message names this kind of object (`a Choice state`, `a Catcher`).
    pub(crate) fn describe(self) -> String {
        match self {
            Owner::Machine => "the state machine".to_owned(),
            Owner::State(t) => format!("a {} state", t.as_str()),
            Owner::UnknownState => "a state".to_owned(),
            Owner::Retrier => "a Retrier".to_owned(),
            Owner::Catcher => "a Catcher".to_owned(),
            Owner::TopRule => "a Choice rule".to_owned(),
            Owner::NestedRule => "a nested Choice rule (inside And/Or/Not)".to_owned(),
            Owner::Branch => "a Parallel branch".to_owned(),
            Owner::Processor => "a Map ItemProcessor".to_owned(),
            Owner::ProcessorConfig => "ProcessorConfig".to_owned(),
            Owner::ItemReader => "ItemReader".to_owned(),
            Owner::ReaderConfig => "ReaderConfig".to_owned(),
            Owner::ItemBatcher => "ItemBatcher".to_owned(),
            Owner::ResultWriter => "ResultWriter".to_owned(),
            Owner::WriterConfig => "WriterConfig".to_owned(),
        }
    }

    /// Whether this is a state.
    pub(crate) const fn is_state(self) -> bool {
        matches!(self, Owner::State(_) | Owner::UnknownState)
    }
}

pub(crate) const TASK: Owners = 1;
pub(crate) const PARALLEL: Owners = 1 << 1;
pub(crate) const MAP: Owners = 1 << 2;
pub(crate) const PASS: Owners = 1 << 3;
pub(crate) const WAIT: Owners = 1 << 4;
pub(crate) const CHOICE: Owners = 1 << 5;
pub(crate) const SUCCEED: Owners = 1 << 6;
pub(crate) const FAIL: Owners = 1 << 7;
pub(crate) const MACHINE: Owners = 1 << 8;
pub(crate) const RETRIER: Owners = 1 << 9;
pub(crate) const CATCHER: Owners = 1 << 10;
pub(crate) const TOP_RULE: Owners = 1 << 11;
pub(crate) const NESTED_RULE: Owners = 1 << 12;
pub(crate) const BRANCH: Owners = 1 << 13;
pub(crate) const PROCESSOR: Owners = 1 << 14;
pub(crate) const PROCESSOR_CONFIG: Owners = 1 << 15;
pub(crate) const ITEM_READER: Owners = 1 << 16;
pub(crate) const READER_CONFIG: Owners = 1 << 17;
pub(crate) const ITEM_BATCHER: Owners = 1 << 18;
pub(crate) const RESULT_WRITER: Owners = 1 << 19;
pub(crate) const WRITER_CONFIG: Owners = 1 << 20;

pub(crate) const ALL_STATES: Owners = TASK | PARALLEL | MAP | PASS | WAIT | CHOICE | SUCCEED | FAIL;
/// States that continue with `Next` or stop with `End`.
pub(crate) const FLOW: Owners = TASK | PARALLEL | MAP | PASS | WAIT;
/// States with a result (ResultSelector, Retry, Catch).
pub(crate) const WORK: Owners = TASK | PARALLEL | MAP;
pub(crate) const RULES: Owners = TOP_RULE | NESTED_RULE;
pub(crate) const SCOPES: Owners = MACHINE | BRANCH | PROCESSOR;

/// What a field's value must be.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Kind {
    /// The field does not exist in this query language.
    No,
    /// Any JSON, kept literally (Pass `Result`).
    Any,
    /// A string.
    Str,
    /// A boolean.
    Bool,
    /// An integer in `min..=max`.
    Int(i64, i64),
    /// A number in `min..=max`.
    Num(f64, f64),
    /// One of these strings.
    Enum(&'static [&'static str]),
    /// A state `Type`.
    StateType,
    /// The name of a state of the same scope (`Next`, `Default`, `StartAt`).
    StateName,
    /// The `States` object.
    States,
    /// An RFC 3339 timestamp string.
    Timestamp,
    /// A Map `Label`.
    Label,
    /// An array of anything (JSONata `Items`).
    Array,
    /// A non-empty array of strings (`ErrorEquals`, `CSVHeaders`).
    Strings,
    /// An array of Retriers.
    Retriers,
    /// An array of Catchers.
    Catchers,
    /// A non-empty array of Choice rules (`Choices`, `And`, `Or`).
    Rules,
    /// One nested Choice rule (`Not`).
    Rule,
    /// A non-empty array of branches.
    Branches,
    /// A nested object whose fields are in this table under the given owner.
    Object(Owner),
    /// A Path (`$...`, `$$...`, `$var...`), or null (`InputPath`, `OutputPath`).
    PathOrNull,
    /// A Path (Choice `Variable` and `...Path` operands).
    Path,
    /// A Reference Path (`ItemsPath`, `SecondsPath`, ...), never null.
    ReferencePath,
    /// `ResultPath`: a Reference Path on the input (no `$$`, no variable) or null.
    ResultPath,
    /// A Reference Path or a string-returning intrinsic (`ErrorPath`, `CausePath`).
    PathOrIntrinsic,
    /// A JSONPath payload template (`.$` keys evaluated).
    Template,
    /// `Assign`: an object whose keys are variable names (values: a template in JSONPath,
    /// JSON with JSONata strings in JSONata).
    Assign,
    /// JSON in which every `{% ... %}` string is evaluated (JSONata `Arguments`, `Output`).
    Jsonata,
    /// The inner kind, or a JSONata string computing it (JSONata `TimeoutSeconds`, ...).
    OrJsonata(&'static Kind),
}

/// One row of the table.
#[derive(Debug)]
pub(crate) struct Field {
    /// The ASL key.
    pub(crate) name: &'static str,
    /// The objects that take it.
    pub(crate) on: Owners,
    /// Whether it must be present (where its language allows it).
    pub(crate) required: bool,
    /// Its value in JSONPath.
    pub(crate) jsonpath: Kind,
    /// Its value in JSONata.
    pub(crate) jsonata: Kind,
}

impl Field {
    /// The kind of value in `lang` (`Kind::No` when the field belongs to the other language).
    pub(crate) fn kind(&self, lang: QueryLanguage) -> Kind {
        match lang {
            QueryLanguage::JsonPath => self.jsonpath,
            QueryLanguage::Jsonata => self.jsonata,
        }
    }
}

const MAX_SECONDS: i64 = 99_999_999;
const POSITIVE_SECONDS: Kind = Kind::Int(1, MAX_SECONDS);
const NON_NEGATIVE: Kind = Kind::Int(0, i64::MAX);
const POSITIVE: Kind = Kind::Int(1, i64::MAX);
const PERCENT: Kind = Kind::Num(0.0, 100.0);
const BATCH_BYTES: Kind = Kind::Int(1, 262_144);
const WAIT_SECONDS: Kind = Kind::Int(0, MAX_SECONDS);

const fn both(name: &'static str, on: Owners, kind: Kind) -> Field {
    Field {
        name,
        on,
        required: false,
        jsonpath: kind,
        jsonata: kind,
    }
}
const fn jp(name: &'static str, on: Owners, kind: Kind) -> Field {
    Field {
        name,
        on,
        required: false,
        jsonpath: kind,
        jsonata: Kind::No,
    }
}
const fn ja(name: &'static str, on: Owners, kind: Kind) -> Field {
    Field {
        name,
        on,
        required: false,
        jsonpath: Kind::No,
        jsonata: kind,
    }
}
const fn split(name: &'static str, on: Owners, jsonpath: Kind, jsonata: Kind) -> Field {
    Field {
        name,
        on,
        required: false,
        jsonpath,
        jsonata,
    }
}
const fn required(field: Field) -> Field {
    Field {
        required: true,
        ..field
    }
}

macro_rules! operators {
    ($($name:literal => $kind:expr),* $(,)?) => {
        &[$(jp($name, RULES, $kind)),*]
    };
}

/// Choice comparison operators (JSONPath only): 17 value operators, 16 `...Path` twins and
/// 6 type tests.
pub(crate) const OPERATORS: &[Field] = operators! {
    "StringEquals" => Kind::Str, "StringEqualsPath" => Kind::Path,
    "StringLessThan" => Kind::Str, "StringLessThanPath" => Kind::Path,
    "StringGreaterThan" => Kind::Str, "StringGreaterThanPath" => Kind::Path,
    "StringLessThanEquals" => Kind::Str, "StringLessThanEqualsPath" => Kind::Path,
    "StringGreaterThanEquals" => Kind::Str, "StringGreaterThanEqualsPath" => Kind::Path,
    "StringMatches" => Kind::Str,
    "NumericEquals" => Kind::Num(f64::NEG_INFINITY, f64::INFINITY), "NumericEqualsPath" => Kind::Path,
    "NumericLessThan" => Kind::Num(f64::NEG_INFINITY, f64::INFINITY), "NumericLessThanPath" => Kind::Path,
    "NumericGreaterThan" => Kind::Num(f64::NEG_INFINITY, f64::INFINITY), "NumericGreaterThanPath" => Kind::Path,
    "NumericLessThanEquals" => Kind::Num(f64::NEG_INFINITY, f64::INFINITY), "NumericLessThanEqualsPath" => Kind::Path,
    "NumericGreaterThanEquals" => Kind::Num(f64::NEG_INFINITY, f64::INFINITY), "NumericGreaterThanEqualsPath" => Kind::Path,
    "BooleanEquals" => Kind::Bool, "BooleanEqualsPath" => Kind::Path,
    "TimestampEquals" => Kind::Timestamp, "TimestampEqualsPath" => Kind::Path,
    "TimestampLessThan" => Kind::Timestamp, "TimestampLessThanPath" => Kind::Path,
    "TimestampGreaterThan" => Kind::Timestamp, "TimestampGreaterThanPath" => Kind::Path,
    "TimestampLessThanEquals" => Kind::Timestamp, "TimestampLessThanEqualsPath" => Kind::Path,
    "TimestampGreaterThanEquals" => Kind::Timestamp, "TimestampGreaterThanEqualsPath" => Kind::Path,
    "IsNull" => Kind::Bool, "IsPresent" => Kind::Bool, "IsNumeric" => Kind::Bool,
    "IsString" => Kind::Bool, "IsBoolean" => Kind::Bool, "IsTimestamp" => Kind::Bool,
};

/// Every other field of every object.
pub(crate) const FIELDS: &[Field] = &[
    // Document and sub-machines.
    required(both("StartAt", SCOPES, Kind::StateName)),
    required(both("States", SCOPES, Kind::States)),
    both(
        "Comment",
        SCOPES | ALL_STATES | RETRIER | CATCHER | RULES,
        Kind::Str,
    ),
    both("Version", MACHINE, Kind::Enum(&["1.0"])),
    both("TimeoutSeconds", MACHINE, POSITIVE_SECONDS),
    both(
        "QueryLanguage",
        MACHINE | ALL_STATES,
        Kind::Enum(&["JSONPath", "JSONata"]),
    ),
    both(
        "ProcessorConfig",
        PROCESSOR,
        Kind::Object(Owner::ProcessorConfig),
    ),
    // Every state.
    required(both("Type", ALL_STATES, Kind::StateType)),
    both("Next", FLOW, Kind::StateName),
    required(both("Next", CATCHER | TOP_RULE, Kind::StateName)),
    both("End", FLOW, Kind::Bool),
    jp("InputPath", ALL_STATES & !FAIL, Kind::PathOrNull),
    jp("OutputPath", ALL_STATES & !FAIL, Kind::PathOrNull),
    jp("Parameters", WORK | PASS, Kind::Template),
    jp("ResultSelector", WORK, Kind::Template),
    jp("ResultPath", WORK | PASS | CATCHER, Kind::ResultPath),
    jp("Result", PASS, Kind::Any),
    both("Assign", FLOW | CHOICE | CATCHER | TOP_RULE, Kind::Assign),
    ja(
        "Output",
        (ALL_STATES & !FAIL) | CATCHER | TOP_RULE,
        Kind::Jsonata,
    ),
    ja("Arguments", TASK | PARALLEL, Kind::Jsonata),
    both("Retry", WORK, Kind::Retriers),
    both("Catch", WORK, Kind::Catchers),
    // Task.
    required(both("Resource", TASK, Kind::Str)),
    split(
        "TimeoutSeconds",
        TASK,
        POSITIVE_SECONDS,
        Kind::OrJsonata(&POSITIVE_SECONDS),
    ),
    jp("TimeoutSecondsPath", TASK, Kind::ReferencePath),
    split(
        "HeartbeatSeconds",
        TASK,
        POSITIVE_SECONDS,
        Kind::OrJsonata(&POSITIVE_SECONDS),
    ),
    jp("HeartbeatSecondsPath", TASK, Kind::ReferencePath),
    split("Credentials", TASK, Kind::Template, Kind::Jsonata),
    // Choice.
    required(both("Choices", CHOICE, Kind::Rules)),
    both("Default", CHOICE, Kind::StateName),
    jp("Variable", RULES, Kind::Path),
    jp("And", RULES, Kind::Rules),
    jp("Or", RULES, Kind::Rules),
    jp("Not", RULES, Kind::Rule),
    required(ja("Condition", TOP_RULE, Kind::OrJsonata(&Kind::Bool))),
    // Wait.
    split(
        "Seconds",
        WAIT,
        WAIT_SECONDS,
        Kind::OrJsonata(&WAIT_SECONDS),
    ),
    split(
        "Timestamp",
        WAIT,
        Kind::Timestamp,
        Kind::OrJsonata(&Kind::Timestamp),
    ),
    jp("SecondsPath", WAIT, Kind::ReferencePath),
    jp("TimestampPath", WAIT, Kind::ReferencePath),
    // Fail.
    split("Error", FAIL, Kind::Str, Kind::OrJsonata(&Kind::Str)),
    split("Cause", FAIL, Kind::Str, Kind::OrJsonata(&Kind::Str)),
    jp("ErrorPath", FAIL, Kind::PathOrIntrinsic),
    jp("CausePath", FAIL, Kind::PathOrIntrinsic),
    // Parallel.
    required(both("Branches", PARALLEL, Kind::Branches)),
    // Map.
    both("ItemProcessor", MAP, Kind::Object(Owner::Processor)),
    both("Iterator", MAP, Kind::Object(Owner::Processor)),
    jp("ItemsPath", MAP, Kind::ReferencePath),
    ja("Items", MAP, Kind::OrJsonata(&Kind::Array)),
    split("ItemSelector", MAP, Kind::Template, Kind::Jsonata),
    split(
        "MaxConcurrency",
        MAP,
        NON_NEGATIVE,
        Kind::OrJsonata(&NON_NEGATIVE),
    ),
    jp("MaxConcurrencyPath", MAP, Kind::ReferencePath),
    split(
        "ToleratedFailurePercentage",
        MAP,
        PERCENT,
        Kind::OrJsonata(&PERCENT),
    ),
    jp("ToleratedFailurePercentagePath", MAP, Kind::ReferencePath),
    split(
        "ToleratedFailureCount",
        MAP,
        NON_NEGATIVE,
        Kind::OrJsonata(&NON_NEGATIVE),
    ),
    jp("ToleratedFailureCountPath", MAP, Kind::ReferencePath),
    both("ItemReader", MAP, Kind::Object(Owner::ItemReader)),
    both("ItemBatcher", MAP, Kind::Object(Owner::ItemBatcher)),
    both("ResultWriter", MAP, Kind::Object(Owner::ResultWriter)),
    both("Label", MAP, Kind::Label),
    // Map sub-objects.
    both(
        "Mode",
        PROCESSOR_CONFIG,
        Kind::Enum(&["INLINE", "DISTRIBUTED"]),
    ),
    both(
        "ExecutionType",
        PROCESSOR_CONFIG,
        Kind::Enum(&["STANDARD", "EXPRESS"]),
    ),
    required(both("Resource", ITEM_READER | RESULT_WRITER, Kind::Str)),
    jp("Parameters", ITEM_READER | RESULT_WRITER, Kind::Template),
    ja("Arguments", ITEM_READER | RESULT_WRITER, Kind::Jsonata),
    both(
        "ReaderConfig",
        ITEM_READER,
        Kind::Object(Owner::ReaderConfig),
    ),
    both(
        "InputType",
        READER_CONFIG,
        Kind::Enum(&["CSV", "JSON", "JSONL", "PARQUET", "MANIFEST"]),
    ),
    both(
        "CSVHeaderLocation",
        READER_CONFIG,
        Kind::Enum(&["FIRST_ROW", "GIVEN"]),
    ),
    both("CSVHeaders", READER_CONFIG, Kind::Strings),
    both(
        "CSVDelimiter",
        READER_CONFIG,
        Kind::Enum(&["COMMA", "PIPE", "SEMICOLON", "SPACE", "TAB"]),
    ),
    split(
        "MaxItems",
        READER_CONFIG,
        NON_NEGATIVE,
        Kind::OrJsonata(&NON_NEGATIVE),
    ),
    jp("MaxItemsPath", READER_CONFIG, Kind::ReferencePath),
    // S3 inventory / Athena manifests (distributed Map, 2025); values not enumerated here
    // because the list is still growing.
    both("ManifestType", READER_CONFIG, Kind::Str),
    split(
        "MaxItemsPerBatch",
        ITEM_BATCHER,
        POSITIVE,
        Kind::OrJsonata(&POSITIVE),
    ),
    jp("MaxItemsPerBatchPath", ITEM_BATCHER, Kind::ReferencePath),
    split(
        "MaxInputBytesPerBatch",
        ITEM_BATCHER,
        BATCH_BYTES,
        Kind::OrJsonata(&BATCH_BYTES),
    ),
    jp(
        "MaxInputBytesPerBatchPath",
        ITEM_BATCHER,
        Kind::ReferencePath,
    ),
    split("BatchInput", ITEM_BATCHER, Kind::Template, Kind::Jsonata),
    both(
        "WriterConfig",
        RESULT_WRITER,
        Kind::Object(Owner::WriterConfig),
    ),
    both("OutputType", WRITER_CONFIG, Kind::Enum(&["JSON", "JSONL"])),
    both(
        "Transformation",
        WRITER_CONFIG,
        Kind::Enum(&["NONE", "COMPACT", "FLATTEN"]),
    ),
    // Retry and Catch.
    required(both("ErrorEquals", RETRIER | CATCHER, Kind::Strings)),
    both("IntervalSeconds", RETRIER, POSITIVE_SECONDS),
    both("MaxAttempts", RETRIER, Kind::Int(0, MAX_SECONDS)),
    both("BackoffRate", RETRIER, Kind::Num(1.0, f64::INFINITY)),
    both("MaxDelaySeconds", RETRIER, Kind::Int(1, 31_622_400)),
    both("JitterStrategy", RETRIER, Kind::Enum(&["FULL", "NONE"])),
];

/// Every row, operators included.
pub(crate) fn all() -> impl Iterator<Item = &'static Field> {
    FIELDS.iter().chain(OPERATORS)
}

/// The rows of each name, built once: lookups happen for every key of every object.
fn by_name() -> &'static NameIndex {
    static INDEX: OnceLock<NameIndex> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index = NameIndex::default();
        for f in all() {
            index.entry(f.name).or_default().push(f);
        }
        index
    })
}

/// Field name -> rows, hashed with FNV-1a: the keys are the table's own short names (no
/// one chooses them to collide), and SipHash was most of a lookup.
type NameIndex = HashMap<&'static str, Vec<&'static Field>, BuildHasherDefault<NameHasher>>;

/// FNV-1a, 64 bits.
struct NameHasher(u64);

impl Default for NameHasher {
    fn default() -> Self {
        NameHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// The row for `name` on `owner`, if that owner takes the field in some language.
pub(crate) fn lookup(owner: Owner, name: &str) -> Option<&'static Field> {
    let bit = owner.bit();
    by_name()
        .get(name)?
        .iter()
        .copied()
        .find(|f| f.on & bit != 0)
}

/// The rows of required fields.
pub(crate) fn required_rows() -> impl Iterator<Item = &'static Field> {
    static REQUIRED: OnceLock<Vec<&'static Field>> = OnceLock::new();
    REQUIRED
        .get_or_init(|| all().filter(|f| f.required).collect())
        .iter()
        .copied()
}

/// Whether any object of any kind takes `name`.
pub(crate) fn is_known(name: &str) -> bool {
    by_name().contains_key(name)
}

/// The names `owner` takes in `lang` (for "did you mean").
pub(crate) fn names_for(owner: Owner, lang: QueryLanguage) -> impl Iterator<Item = &'static str> {
    let bit = owner.bit();
    all()
        .filter(move |f| f.on & bit != 0 && f.kind(lang) != Kind::No)
        .map(|f| f.name)
}

/// The owners that take `name` at all, for messages such as "only on Task, Parallel and Map".
pub(crate) fn state_types_taking(name: &str) -> Vec<&'static str> {
    let mut bits = 0;
    for f in all().filter(|f| f.name == name) {
        bits |= f.on;
    }
    StateType::ALL
        .into_iter()
        .filter(|t| bits & Owner::State(*t).bit() != 0)
        .map(StateType::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_field_is_listed_twice_for_one_owner() {
        for (i, a) in all().enumerate() {
            for b in all().skip(i + 1) {
                assert!(
                    a.name != b.name || a.on & b.on == 0,
                    "{} is listed twice for the same owner",
                    a.name
                );
            }
        }
    }

    #[test]
    fn lookup_respects_owner_and_language() {
        let f = lookup(Owner::State(StateType::Task), "ResultPath").unwrap();
        assert_eq!(f.kind(QueryLanguage::JsonPath), Kind::ResultPath);
        assert_eq!(f.kind(QueryLanguage::Jsonata), Kind::No);
        assert!(lookup(Owner::State(StateType::Choice), "ResultPath").is_none());
        assert!(lookup(Owner::Catcher, "Next").unwrap().required);
        assert!(
            !lookup(Owner::State(StateType::Pass), "Next")
                .unwrap()
                .required
        );
        assert_eq!(OPERATORS.len(), 39);
    }
}
