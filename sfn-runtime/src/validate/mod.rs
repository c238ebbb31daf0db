//! The static rule set of the States Language, as a table of rules.
