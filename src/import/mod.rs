//! `galley import`: existing articles brought into galley's YAML, with every fact of the
//! source that is not carried reported (a diagnostic at the source's file:line:column and
//! a `# galley: not imported: …` comment at the nearest place of the YAML written).
//!
//! [`jats`] reads JATS (1.0–1.4, NLM 3.0) into the [`crate::model`] types; [`write`] writes
//! those as YAML in the key order of the model, with the loss comments.

pub mod jats;
pub mod write;
