//! What the importer reports: where (a JSON pointer) and what cannot be written.

/// A construct of the definition that the DSL cannot express (or that is not ASL at all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    /// RFC 6901 pointer into the definition (`""` is the whole definition).
    pub pointer: String,
    /// What cannot be written, and why.
    pub message: String,
}

impl ImportError {
    /// An error at `pointer`.
    pub fn new(pointer: impl Into<String>, message: impl Into<String>) -> Self {
        ImportError {
            pointer: pointer.into(),
            message: message.into(),
        }
    }
}

impl std::fmt::Display for ImportError {
    /// `POINTER: message` (`/` for the whole definition).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let pointer = if self.pointer.is_empty() {
            "/"
        } else {
            &self.pointer
        };
        write!(f, "{pointer}: {}", self.message)
    }
}

impl std::error::Error for ImportError {}

/// One pointer segment with `~` and `/` escaped as RFC 6901 says.
pub fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// `base/key`, escaped.
pub fn child(base: &str, key: &str) -> String {
    format!("{base}/{}", escape(key))
}
