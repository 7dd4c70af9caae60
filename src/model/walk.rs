//! Traversals of an article: its blocks depth first, and every marked-up text, each
//! with the JSON pointer of the value in `article.yaml` (so that whoever walks can report
//! a position). Validation walks the model with them, and so do the emitters.

use super::{Article, Block, Text};

/// Calls `f` with the pointer and value of each block, depth first.
pub fn walk_blocks<'a>(blocks: &'a [Block], base: &str, f: &mut impl FnMut(&str, &'a Block)) {
    for (i, b) in blocks.iter().enumerate() {
        let p = format!("{base}/{i}");
        f(&p, b);
        if let Block::Section(s) = b {
            walk_blocks(&s.content, &format!("{p}/section/content"), f);
        }
    }
}

/// Calls `f` with the pointer and value of every marked-up text in an article.
pub fn for_each_text(art: &Article, f: &mut impl FnMut(&str, &Text)) {
    f("/title", &art.title);
    if let Some(t) = &art.subtitle {
        f("/subtitle", t);
    }
    if let Some(t) = art
        .translation
        .as_ref()
        .and_then(|tr| tr.original_title.as_ref())
    {
        f("/translation/original_title", t);
    }
    if let Some(t) = art.license.as_ref().and_then(|l| l.text.as_ref()) {
        f("/license/text", t);
    }
    for (i, t) in art.abstract_.iter().enumerate() {
        f(&format!("/abstract/{i}"), t);
    }
    for (i, t) in art.acknowledgements.iter().enumerate() {
        f(&format!("/acknowledgements/{i}"), t);
    }
    walk_blocks(&art.body, "/body", &mut |p, b| match b {
        Block::P(t) => f(&format!("{p}/p"), t),
        Block::Section(s) => {
            if let Some(t) = &s.title {
                f(&format!("{p}/section/title"), t);
            }
        }
        Block::Quote(q) => {
            for (i, t) in q.paragraphs.iter().enumerate() {
                f(&format!("{p}/quote/paragraphs/{i}"), t);
            }
            if let Some(t) = &q.attribution {
                f(&format!("{p}/quote/attribution"), t);
            }
        }
        Block::List(l) => {
            for (i, t) in l.items.iter().enumerate() {
                f(&format!("{p}/list/items/{i}"), t);
            }
        }
        Block::Figure(fig) => {
            if let Some(t) = &fig.caption {
                f(&format!("{p}/figure/caption"), t);
            }
            if let Some(t) = &fig.credit {
                f(&format!("{p}/figure/credit"), t);
            }
        }
        Block::Table(t) => {
            if let Some(c) = &t.caption {
                f(&format!("{p}/table/caption"), c);
            }
            for (kind, rows) in [("head", &t.head), ("rows", &t.rows)] {
                for (r, row) in rows.iter().enumerate() {
                    for (c, cell) in row.iter().enumerate() {
                        f(&format!("{p}/table/{kind}/{r}/{c}"), cell);
                    }
                }
            }
            if let Some(c) = &t.foot {
                f(&format!("{p}/table/foot"), c);
            }
        }
    });
    for (i, t) in art.end_notes.iter().enumerate() {
        f(&format!("/end_notes/{i}"), t);
    }
    for (i, n) in art.footnotes.iter().enumerate() {
        f(&format!("/footnotes/{i}/text"), &n.text);
    }
    for (i, r) in art.references.iter().enumerate() {
        for (k, t) in [
            ("title", &r.title),
            ("container_title", &r.container_title),
            ("collection_title", &r.collection_title),
            ("note", &r.note),
        ] {
            if let Some(t) = t {
                f(&format!("/references/{i}/{k}"), t);
            }
        }
    }
    for (i, c) in art.contributors.iter().enumerate() {
        if let Some(t) = &c.present_address {
            f(&format!("/contributors/{i}/present_address"), t);
        }
    }
    for (kind, t) in art.statements.made() {
        f(&format!("/statements/{}", kind.key()), t);
    }
}
