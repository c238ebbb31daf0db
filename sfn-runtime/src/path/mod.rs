//! The Step Functions path dialect: JsonPath, Reference Paths, context and variable paths, intrinsic functions.
