//! galley turns a journal issue kept as canonical YAML into JATS XML, TEI P5 XML and
//! EPUB 3.
//!
//! The pipeline is a row of named stages, one module each:
//! [`yaml`] (YAML → a tree with positions) → [`validate`] (JSON Schema, then
//! cross-references) → [`model`] (typed article) → [`resolve`] (the facts every format
//! needs, computed once) → emitters ([`emit`]). Only [`issue`] (loading) and [`build`]
//! (the driver) call validation. Diagnostics ([`diag`]) are data collected along the way
//! and rendered at the end by the CLI ([`cli`]).

pub mod affil;
pub mod asset;
pub mod build;
pub mod cli;
pub mod config;
pub mod deposit;
pub mod diag;
pub mod emit;
pub mod import;
pub mod inline;
pub mod issue;
pub mod l10n;
pub mod math;
pub mod model;
pub mod new;
pub mod resolve;
pub mod schema;
pub mod validate;
pub mod watch;
pub mod xml;
pub mod yaml;
