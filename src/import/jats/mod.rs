//! JATS → the galley model. [`ctx`] holds what every mapping function shares (the
//! source's positions and the losses); `front` maps `front`, [`inline`] mixed content to
//! galley's inline markup, [`body`] the body's blocks, [`back`] footnotes, references,
//! acknowledgements, appendices.

pub mod back;
pub mod body;
pub mod ctx;
pub mod inline;
