//! The TEI emitter (not written yet).

use super::{Context, EmitError, Emitted};
use crate::model::Article;

/// Emits TEI. Not implemented yet: returns an error saying so.
pub fn emit(_article: &Article, _ctx: &Context<'_>) -> Result<Emitted, EmitError> {
    Err(EmitError::NotImplemented)
}
