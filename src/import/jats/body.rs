//! JATS `body` (and any element holding blocks: `sec`, `app`, `boxed-text`) → galley
//! blocks.

use roxmltree::Node;

use super::ctx::Ctx;
use crate::model::Block;

/// The blocks of `node`'s children, in document order.
pub fn blocks(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Vec<Block> {
    let _ = (ctx, node);
    Vec::new()
}
