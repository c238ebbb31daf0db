//! Syntax check of JSONata expressions (`{% ... %}` strings).

#[cfg(feature = "jsonata")]
pub mod eval;
