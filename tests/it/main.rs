//! galley's integration tests, one test binary (`cargo test --test it`; a module's tests
//! with `cargo test --test it jats::`). What they share is in [`support`], one copy each;
//! reading outputs back is in the `galley-dev` crate. `tests/README.md` lists what each
//! module checks.

mod support;

mod a11y;
mod affiliations;
mod appendices;
mod batch;
mod cites;
mod cli;
mod completeness;
mod conformance;
mod crossref;
mod csl;
mod deposit;
mod epub;
mod epub_css;
mod formulas;
mod front;
mod hostile;
mod import;
mod import_body;
mod import_roundtrip;
mod invariants;
mod jats;
mod l10n;
mod new;
mod outputs;
mod pmc;
mod portuguese;
mod preview;
mod properties;
mod readme;
mod references;
mod resolve;
mod schema_editor;
mod statements;
mod sub_articles;
mod supplementary;
mod tables;
mod tei;
mod validate;
mod watch;
