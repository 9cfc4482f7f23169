//! Checks.
use serde::Serialize;
/// A finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding { pub message: String }
