//! IAM policy documents: statements, merging and de-duplication.
