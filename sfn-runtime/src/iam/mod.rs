//! IAM policy documents: statements, merging and de-duplication.
//!
//! Every task integration contributes [`Statement`]s; a workflow collects them into one
//! [`PolicyDocument`]. [`PolicyDocument::to_json`] writes the document deterministically and
//! minimised the way AWS CDK does with `@aws-cdk/aws-iam:minimizePolicies`: duplicate grants
//! vanish, statements that differ only in their actions (or only in their resources) are
//! merged, and actions and resources are sorted.

mod document;
mod split;
mod statement;

pub use document::PolicyDocument;
pub use split::{MANAGED_POLICY_QUOTA, ROLE_INLINE_POLICY_QUOTA};
pub use statement::{Effect, Statement};
