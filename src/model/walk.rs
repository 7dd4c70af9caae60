//! Traversals of an article: its blocks depth first, and every marked-up text, each
//! with the JSON pointer of the value in `article.yaml` (so that whoever walks can report
//! a position). Validation walks the model with them, and so do the emitters.

use super::{Article, Block, Cell, Figure, Paragraphs, Table, Text};

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

/// Calls `f` with the pointer and value of each block of the body, then of each
/// appendix (`/appendices/i/content/…`), then of each sub-article's body
/// (`/sub_articles/i/body/…`), depth first.
pub fn walk_article_blocks<'a>(art: &'a Article, f: &mut impl FnMut(&str, &'a Block)) {
    walk_blocks(&art.body, "/body", f);
    for (i, a) in art.appendices.iter().enumerate() {
        walk_blocks(&a.content, &format!("/appendices/{i}/content"), f);
    }
    for (i, s) in art.sub_articles.iter().enumerate() {
        walk_blocks(&s.body, &format!("/sub_articles/{i}/body"), f);
    }
}

/// Calls `f` with the pointer of each figure of the article (its body's and appendices'
/// `…/figure`, then a graphical abstract's `/abstracts/i/figure`) and the figure: every
/// image the article shows, wherever it sits.
pub fn for_each_figure<'a>(art: &'a Article, f: &mut impl FnMut(&str, &'a Figure)) {
    walk_article_blocks(art, &mut |p, b| {
        if let Block::Figure(fig) = b {
            f(&format!("{p}/figure"), fig);
        }
    });
    for (i, a) in art.abstracts.iter().enumerate() {
        if let Some(fig) = &a.figure {
            f(&format!("/abstracts/{i}/figure"), fig);
        }
    }
}

/// Calls `f` with the pointer and value of every marked-up text in an article.
pub fn for_each_text(art: &Article, f: &mut impl FnMut(&str, &Text)) {
    f("/title", &art.title);
    if let Some(t) = &art.subtitle {
        f("/subtitle", t);
    }
    for (i, tt) in art.title_translations.iter().enumerate() {
        f(&format!("/title_translations/{i}/title"), &tt.title);
        if let Some(t) = &tt.subtitle {
            f(&format!("/title_translations/{i}/subtitle"), t);
        }
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
    for (i, a) in art.abstracts.iter().enumerate() {
        let base = format!("/abstracts/{i}");
        if let Some(t) = &a.title {
            f(&format!("{base}/title"), t);
        }
        for (j, t) in a.paragraphs.iter().enumerate() {
            f(&format!("{base}/paragraphs/{j}"), t);
        }
        for (j, s) in a.sections.iter().enumerate() {
            f(&format!("{base}/sections/{j}/title"), &s.title);
            for (k, t) in s.paragraphs.iter().enumerate() {
                f(&format!("{base}/sections/{j}/paragraphs/{k}"), t);
            }
        }
    }
    for (i, t) in art.acknowledgements.iter().enumerate() {
        f(&format!("/acknowledgements/{i}"), t);
    }
    for (i, a) in art.appendices.iter().enumerate() {
        if let Some(t) = &a.title {
            f(&format!("/appendices/{i}/title"), t);
        }
    }
    sub_article_texts(art, f);
    walk_article_blocks(art, &mut |p, b| match b {
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
        Block::Table(t) => table_texts(&format!("{p}/table"), t, f),
        Block::Figure(_) | Block::Formula(_) => {}
    });
    for_each_figure(art, &mut |p, fig| figure_texts(p, fig, f));
    for (i, t) in art.end_notes.iter().enumerate() {
        f(&format!("/end_notes/{i}"), t);
    }
    for (i, n) in art.footnotes.iter().enumerate() {
        f(&format!("/footnotes/{i}/text"), &n.text);
    }
    for (i, r) in art.references.iter().enumerate() {
        for (k, t) in [
            ("printed", &r.printed),
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
    for (i, s) in art.supplementary.iter().enumerate() {
        if let Some(t) = &s.title {
            f(&format!("/supplementary/{i}/title"), t);
        }
        if let Some(c) = &s.caption {
            caption_texts(&format!("/supplementary/{i}/caption"), c, f);
        }
    }
}

/// A figure's texts: title, caption and credit.
fn figure_texts(p: &str, fig: &Figure, f: &mut impl FnMut(&str, &Text)) {
    if let Some(t) = &fig.title {
        f(&format!("{p}/title"), t);
    }
    if let Some(c) = &fig.caption {
        caption_texts(&format!("{p}/caption"), c, f);
    }
    if let Some(t) = &fig.credit {
        f(&format!("{p}/credit"), t);
    }
}

/// A caption's paragraphs: `…/caption` for one string, `…/caption/i` for a list.
fn caption_texts(p: &str, c: &Paragraphs, f: &mut impl FnMut(&str, &Text)) {
    match c {
        Paragraphs::One(t) => f(p, t),
        Paragraphs::Many(v) => {
            for (i, t) in v.iter().enumerate() {
                f(&format!("{p}/{i}"), t);
            }
        }
    }
}

/// A table's texts: title, caption, every cell's text or lines, notes and foot.
fn table_texts(p: &str, t: &Table, f: &mut impl FnMut(&str, &Text)) {
    if let Some(c) = &t.title {
        f(&format!("{p}/title"), c);
    }
    if let Some(c) = &t.caption {
        caption_texts(&format!("{p}/caption"), c, f);
    }
    for (kind, rows) in [("head", &t.head), ("rows", &t.rows)] {
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let cp = format!("{p}/{kind}/{r}/{c}");
                match cell {
                    Cell::Text(text) => f(&cp, text),
                    Cell::Full(spec) => {
                        if let Some(text) = &spec.text {
                            f(&format!("{cp}/text"), text);
                        }
                        for (i, line) in spec.lines.iter().enumerate() {
                            f(&format!("{cp}/lines/{i}"), line);
                        }
                    }
                }
            }
        }
    }
    for (i, n) in t.notes.iter().enumerate() {
        f(&format!("{p}/notes/{i}/text"), &n.text);
    }
    if let Some(c) = &t.foot {
        f(&format!("{p}/foot"), c);
    }
}

/// The marked-up texts of each sub-article's front: title, subtitle, abstract.
fn sub_article_texts(art: &Article, f: &mut impl FnMut(&str, &Text)) {
    for (i, s) in art.sub_articles.iter().enumerate() {
        let base = format!("/sub_articles/{i}");
        f(&format!("{base}/title"), &s.title);
        if let Some(t) = &s.subtitle {
            f(&format!("{base}/subtitle"), t);
        }
        for (j, t) in s.abstract_.iter().enumerate() {
            f(&format!("{base}/abstract/{j}"), t);
        }
    }
}
