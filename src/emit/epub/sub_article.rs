//! The sub-articles' content documents: `EPUB/<dir>/sub<n>.xhtml`, one per
//! sub-article, after the article's body document in the spine, each in the
//! sub-article's language (`lang` and `xml:lang` on `html`), with the `mathml` property
//! when it holds a formula. An issue EPUB copies them from the article's own EPUB, as
//! it copies the title page and the body.

use super::{Body, Item, Part, written, xhtml};
use crate::emit::{EmitError, plain};
use crate::xml::XmlWriter;
use xhtml::{Renderer, Target};

/// The item of sub-article `i`'s document `doc` of the part `p`, with its bytes.
fn item<'a>(p: &Part<'_>, i: usize, doc: &str, body: Body<'a>) -> Item<'a> {
    Item {
        id: format!("{}-sub{}", p.dir, i + 1),
        href: format!("{}/{doc}", p.dir),
        media_type: "application/xhtml+xml",
        properties: xhtml::sub_article_has_math(p.r.article, i).then_some("mathml"),
        body,
        in_spine: true,
    }
}

/// Writes each sub-article's document with the article's renderer (after its body, so
/// that footnote and link state carries on).
pub(super) fn sub_article_documents(
    p: &Part<'_>,
    r: &mut Renderer<'_>,
    places: &xhtml::Places,
    content: &mut Vec<Item<'_>>,
) -> Result<(), EmitError> {
    for (i, s) in p.r.article.sub_articles.iter().enumerate() {
        let doc = xhtml::sub_article_doc(places, i);
        let lang = s.lang_or(&p.r.article.lang);
        let mut w = XmlWriter::new();
        xhtml::open_document(&mut w, Target::Epub, lang, &plain(&s.title), "../style.css");
        w.open_block("body", &[]);
        w.open_block("main", &[]);
        r.sub_article(&mut w, i);
        w.end("main");
        w.end("body");
        w.end("html");
        let bytes = written(w)?.into_bytes();
        content.push(item(p, i, &doc, Body::Bytes(bytes)));
    }
    Ok(())
}

/// Each sub-article's document copied from the article's own EPUB (`EPUB/a1/…`).
pub(super) fn copied_sub_articles<'a>(
    p: &Part<'a>,
    epub: &'a [u8],
    places: &xhtml::Places,
    content: &mut Vec<Item<'a>>,
) {
    for i in 0..p.r.article.sub_articles.len() {
        let doc = xhtml::sub_article_doc(places, i);
        let body = Body::Copy {
            epub,
            entry: format!("EPUB/a1/{doc}"),
        };
        content.push(item(p, i, &doc, body));
    }
}
