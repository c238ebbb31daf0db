//! Local executor: runs a state machine offline with the service's semantics.
