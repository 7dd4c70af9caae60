//! The canonical model of a journal issue: the types the YAML files deserialize into
//! and that every emitter reads.
//!
//! Three files make an issue, each with its own root type and JSON Schema:
//! - `issue.yaml` → [`IssueFile`]: the journal and the issue;
//! - `contributors.yaml` → [`ContributorsFile`]: everyone in the issue, by id;
//! - `<slug>/article.yaml` → [`Article`]: one article, naming contributors by id.
//!
//! Keys are `snake_case` throughout (CSL's `DOI`, `URL` and `ISBN` excepted, as CSL
//! writes them); unknown keys are errors. Every type's documentation says what it
//! becomes in JATS, TEI and EPUB.
//!
//! [`walk_blocks`] and [`for_each_text`] walk an article's blocks and its marked-up
//! texts, each with its JSON pointer: for validation and for the emitters alike.

mod appendix;
mod article;
mod common;
mod contributor;
mod formula;
mod front;
mod grid;
mod ids;
mod journal;
mod reference;
mod statements;
mod sub_article;
mod supplementary;
mod titles;
mod walk;

pub use appendix::Appendix;
pub use article::*;
pub use common::*;
pub use contributor::*;
pub use formula::{Formula, InlineFormula, MathView};
pub use front::*;
pub use grid::{Grid, GridProblem, Part};
pub use ids::*;
pub use journal::*;
pub use statements::{StatementKind, Statements};
pub use sub_article::{SubArticle, SubArticleType};
pub use supplementary::Supplementary;
pub use titles::{TitleKey, Titles};
pub use walk::{for_each_figure, for_each_text, walk_article_blocks, walk_blocks};
