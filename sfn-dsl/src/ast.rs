//! The DSL's syntax tree: what the user wrote, with the location of every piece.

use proc_macro2::{Ident, Span, TokenStream};
use syn::LitStr;

use crate::loc::Loc;

/// One `NAME { states }` of a `workflow!` invocation.
pub struct WorkflowDef {
    /// Doc comment lines (become the workflow's `Comment`).
    pub docs: Vec<String>,
    /// `#[timeout = 1h]`, `#[type = express]`, ...
    pub attrs: Vec<Attr>,
    /// `pub`, `pub(crate)` or nothing, copied onto the const.
    pub vis: TokenStream,
    /// The const's name.
    pub name: Ident,
    /// The top-level states.
    pub block: Block,
}

/// A scope of states: the machine, a Parallel branch or a Map processor.
pub struct Block {
    /// The states in source order.
    pub states: Vec<StateDecl>,
    /// The braces.
    pub loc: Loc,
    /// Names of states that failed to parse (targets naming them are not reported again).
    pub broken: Vec<String>,
}

/// `Name: Kind { .. } -> Next`.
pub struct StateDecl {
    /// Doc comment lines (become the state's `Comment`).
    pub docs: Vec<String>,
    /// `#[retry(..)]`, `#[start]`, ...
    pub attrs: Vec<Attr>,
    /// The state's name.
    pub name: Name,
    /// `Pass`, `Task`, a catalogue class, ... (for a path, its last segment).
    pub kind: Ident,
    /// A custom task type written as a path (`audit::PublishAudit`), see `crate::custom`.
    pub path: Option<syn::Path>,
    /// Fields and (Choice) arms.
    pub items: Vec<Item>,
    /// Names of the fields whose value did not parse (already reported): not "missing".
    pub broken_fields: Vec<String>,
    /// Whether a Choice arm did not parse (already reported): its target's reachability is
    /// unknown.
    pub broken_arm: bool,
    /// The body's braces, or the kind when there is no body.
    pub body_loc: Loc,
    /// `-> Next` / `-> end`.
    pub arrow: Option<Arrow>,
}

/// A state name: an identifier (`Charge`) or a string for names that are not identifiers
/// (`"Charge card"`).
#[derive(Debug, Clone)]
pub struct Name {
    /// The name.
    pub text: String,
    /// Its token.
    pub span: Span,
}

impl Name {
    /// The token of the name.
    pub fn span(&self) -> Span {
        self.span
    }
}

impl std::fmt::Display for Name {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<&Ident> for Name {
    fn from(ident: &Ident) -> Name {
        Name {
            text: unraw(ident),
            span: ident.span(),
        }
    }
}

/// The name an identifier stands for: `r#type` is `type` (syn's `unraw().to_string()`,
/// without building a second identifier).
pub fn unraw(ident: &Ident) -> String {
    let mut text = ident.to_string();
    if text.starts_with("r#") {
        text.drain(..2);
    }
    text
}

impl From<&LitStr> for Name {
    fn from(s: &LitStr) -> Name {
        Name {
            text: s.value(),
            span: s.span(),
        }
    }
}

impl From<&Str> for Name {
    fn from(s: &Str) -> Name {
        Name {
            text: s.value.clone(),
            span: s.span,
        }
    }
}

/// A string literal, its value read once: `syn::LitStr::value` re-reads (and unescapes)
/// the token on every call, and the lowering asks for the value several times.
#[derive(Debug, Clone)]
pub struct Str {
    /// The value, escapes resolved.
    pub value: String,
    /// The literal's span.
    pub span: Span,
}

impl Str {
    /// The value of `lit`.
    pub fn from_lit(lit: &LitStr) -> Str {
        Str {
            value: lit.value(),
            span: lit.span(),
        }
    }

    /// The literal's span.
    pub fn span(&self) -> Span {
        self.span
    }
}

/// The transition written after a state.
pub struct Arrow {
    /// The `->` token.
    pub loc: Loc,
    /// The target state, or `None` for `end`.
    pub target: Option<Name>,
    /// The `end` keyword when the target is `None`.
    pub end: Span,
}

/// One entry of a state body.
pub enum Item {
    /// `name: value`.
    Field(Field),
    /// `condition => Target` (Choice only).
    Arm(Arm),
}

/// `name: value` (or `name = value` in an attribute).
pub struct Field {
    /// The field name.
    pub name: Ident,
    /// Its value.
    pub value: Value,
}

/// `#[attrs] condition => Target` in a Choice.
pub struct Arm {
    /// `#[comment = ..]`, `#[assign(..)]`, `#[output = ..]`.
    pub attrs: Vec<Attr>,
    /// `None` for `_` (the Default).
    pub cond: Option<Cond>,
    /// Where the arm starts.
    pub loc: Loc,
    /// The target state.
    pub target: Name,
}

/// A per-state, per-workflow or per-arm attribute.
pub struct Attr {
    /// The attribute's name (`retry`, `type`, ...).
    pub name: Ident,
    /// What follows the name.
    pub args: AttrArgs,
    /// The whole `#[..]`.
    pub loc: Loc,
}

/// What follows an attribute's name.
pub enum AttrArgs {
    /// `#[start]`.
    None,
    /// `#[comment = ".."]`.
    Eq(Value),
    /// `#[retry(errors = [..], interval = 2s)]`.
    List(Vec<Field>),
    /// `#[assign({ .. })]`.
    Paren(Value),
}

/// A value in the DSL.
pub enum Value {
    /// A string literal (always a literal; `"{% .. %}"` is JSONata).
    Str(Str),
    /// A number, kept as written.
    Num(serde_json::Number, Loc),
    /// A suffixed integer: `300ms`, `2s`, `5min`, `1h`, `1d` (in milliseconds).
    Duration(u64, Loc),
    /// `true` / `false`.
    Bool(bool, Loc),
    /// `null`.
    Null(Loc),
    /// `$...`, `$$...`, `$var...`: a path.
    Path(Text),
    /// `States.Xxx(..)`: an intrinsic call.
    Intrinsic(Text),
    /// `{ "k": v, .. }`.
    Object(Vec<Entry>, Loc),
    /// `[v, ..]`.
    Array(Vec<Value>, Loc),
    /// A bare word: `jsonata`, `express`, `full`, a state name.
    Word(Ident),
    /// A nested block of states (`processor: { .. }`, `branches: [{ .. }, { .. }]`).
    Block(Block),
}

/// One `"key": value` of an object.
pub struct Entry {
    /// The key as written.
    pub key: String,
    /// The key's token.
    pub key_loc: Loc,
    /// The value.
    pub value: Value,
}

/// The ASL text of a path or intrinsic, rebuilt from its tokens.
pub struct Text {
    /// The text (`$.a['b c'][0]`, `States.Format('{}', $.x)`).
    pub text: String,
    /// All of its tokens.
    pub loc: Loc,
    /// Byte offset in `text` where each token starts, to point at the token an error is about.
    pub pieces: Vec<(usize, Span)>,
}

impl Text {
    /// The token that produced byte `offset` of the text.
    pub fn span_at(&self, offset: usize) -> Loc {
        self.pieces
            .iter()
            .take_while(|(start, _)| *start <= offset)
            .last()
            .map_or(self.loc, |(_, span)| Loc::of(*span))
    }
}

/// A Choice condition.
pub enum Cond {
    /// `a && b && ..`.
    And(Vec<Cond>),
    /// `a || b || ..`.
    Or(Vec<Cond>),
    /// `!a`.
    Not(Box<Cond>, Loc),
    /// `left op right`.
    Compare {
        /// Left operand.
        left: Operand,
        /// The operator.
        op: CmpOp,
        /// Its token(s).
        op_loc: Loc,
        /// Right operand.
        right: Operand,
    },
    /// `is_present($.x)`, `is_null(..)`, ...: a type test.
    Test {
        /// The function name.
        func: Ident,
        /// The tested path.
        path: Text,
    },
    /// `matches($.x, "*.log")`.
    Matches {
        /// The function name.
        func: Ident,
        /// The tested path.
        path: Text,
        /// The pattern.
        pattern: LitStr,
    },
    /// `"{% .. %}"`: a JSONata condition.
    Jsonata(LitStr),
}

/// A comparison operator as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmpOp {
    /// `==`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
}

/// One side of a comparison.
pub enum Operand {
    /// A path.
    Path(Text),
    /// A string, number, boolean or null.
    Literal(Value),
    /// `timestamp("..")`, `string($.b)`, `number($.b)`, `boolean($.b)`, `timestamp($.b)`.
    Typed {
        /// The type word.
        ty: Ident,
        /// The wrapped path or literal.
        inner: Box<Operand>,
        /// The whole call.
        loc: Loc,
    },
}

impl Value {
    /// Where the value was written.
    pub fn loc(&self) -> Loc {
        match self {
            Value::Str(s) => Loc::of(s.span()),
            Value::Num(_, loc)
            | Value::Duration(_, loc)
            | Value::Bool(_, loc)
            | Value::Null(loc)
            | Value::Object(_, loc)
            | Value::Array(_, loc) => *loc,
            Value::Path(text) | Value::Intrinsic(text) => text.loc,
            Value::Word(ident) => Loc::of(ident.span()),
            Value::Block(block) => block.loc,
        }
    }

    /// A short description for error messages ("a string", "a path", ...).
    pub fn describe(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Num(..) => "a number",
            Value::Duration(..) => "a duration",
            Value::Bool(..) => "a boolean",
            Value::Null(_) => "`null`",
            Value::Path(_) => "a path",
            Value::Intrinsic(_) => "an intrinsic function call",
            Value::Object(..) => "an object",
            Value::Array(..) => "an array",
            Value::Word(_) => "a word",
            Value::Block(_) => "a block of states",
        }
    }
}

impl Operand {
    /// Where the operand was written.
    pub fn loc(&self) -> Loc {
        match self {
            Operand::Path(text) => text.loc,
            Operand::Literal(value) => value.loc(),
            Operand::Typed { loc, .. } => *loc,
        }
    }
}
