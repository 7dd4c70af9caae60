//! galley's development aids, never shipped with the tool: the generator of valid issues
//! ([`synth`]) for the property tests and the `emit_all` fuzz target, and the structural
//! checks and readers of galley's outputs ([`xml`], [`epub`]) that the integration tests
//! and the fuzz targets share. The checks do not trust the emitters: XML is parsed back,
//! the EPUB is unzipped and its package cross-checked.

pub mod epub;
pub mod synth;
pub mod xml;

/// The crate the generator draws from; its `Unstructured` turns bytes into choices.
pub use arbitrary;
