//! galley's integration tests, one test binary (`cargo test --test it`; a module's tests
//! with `cargo test --test it jats::`). What they share is in [`support`], one copy each;
//! reading outputs back is in the `galley-dev` crate. `tests/README.md` lists what each
//! module checks.

mod support;

mod batch;
mod cli;
mod completeness;
mod epub;
mod hostile;
mod invariants;
mod jats;
mod l10n;
mod preview;
mod properties;
mod resolve;
mod statements;
mod tei;
mod validate;
