//! Syntax check of JSONata expressions (`{% ... %}` strings).
