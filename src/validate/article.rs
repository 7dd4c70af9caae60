//! An article against its issue and its folder: the contributors it names, the roles
//! it should have, its licence, its marked-up texts, the ids it defines, the references
//! in its text, and its figures.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::assets::{FolderFiles, check_asset};
use super::text::{Refs, Site, check_text};
use super::{Checked, at};
use crate::diag::{Diagnostic, Severity, did_you_mean};
use crate::model::{
    Article, Block, Cell, CellSpec, Figure, Grid, Part, Role, Table, for_each_text,
    walk_article_blocks,
};
use crate::yaml::Document;

/// Semantic checks on an article against the contributor list and its folder.
pub fn check_article(
    a: &Checked<Article>,
    known_contributors: Option<&BTreeSet<String>>,
    article_dir: &Path,
    diags: &mut Vec<Diagnostic>,
) {
    check_article_read(a, known_contributors, article_dir, None, diags);
}

/// [`check_article`], with the files of the article's folder already read (`read`):
/// their content is checked from those bytes, not read again.
pub fn check_article_read(
    a: &Checked<Article>,
    known_contributors: Option<&BTreeSet<String>>,
    article_dir: &Path,
    read: Option<&dyn FolderFiles>,
    diags: &mut Vec<Diagnostic>,
) {
    let doc = &a.doc;
    let art = &a.value;
    if let Some(known) = known_contributors {
        check_contributor_ids(doc, art, known, diags);
    }
    check_roles(a, diags);
    super::sub_article::check_sub_articles(a, known_contributors, diags);
    check_license(a, diags);
    super::front::check_front(a, diags);
    super::affiliations::check_article_affiliations(a, diags);
    super::empty::check_references_state_something(a, diags);
    // Every marked-up text, with what it refers to.
    let mut refs = Refs::default();
    for_each_text(art, &mut |p, t| {
        check_text(doc, p, t, Some(&mut refs), diags)
    });
    let defined = check_ids(doc, art, diags);
    super::math::check_formulas(a, diags);
    super::supplementary::check_supplementary(a, article_dir, diags);
    // Warnings about something missing are only sound on a clean reading: a
    // best-effort one has dropped the parts that had errors.
    let warn_absence = a.clean;
    check_references(doc, art, &refs, &defined.targets, warn_absence, diags);
    check_figures(doc, article_dir, &defined.figures, read, diags);
    super::titles::check_titles(doc, &art.titles, Some(art), diags);
}

/// Contributors: known ids, each (person, role) once; funding recipients are known ids.
fn check_contributor_ids(
    doc: &Document,
    art: &Article,
    known: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) {
    let mut pairs = BTreeSet::new();
    for (i, c) in art.contributors.iter().enumerate() {
        let p = format!("/contributors/{i}/contributor");
        super::sub_article::check_known(doc, &format!("/contributors/{i}"), c, known, diags);
        if !pairs.insert((c.contributor.as_str(), c.role)) {
            diags.push(at(
                doc,
                Severity::Error,
                "contributor.duplicate-role",
                &p,
                format!("`{}` is listed twice as {}", c.contributor, c.role.as_str()),
                "list each person once per role",
            ));
        }
    }
    for (i, f) in art.funding.iter().enumerate() {
        for (j, r) in f.recipients.iter().enumerate() {
            if !known.contains(r.as_str()) {
                diags.push(at(
                    doc,
                    Severity::Error,
                    "contributor.unknown-id",
                    &format!("/funding/{i}/recipients/{j}"),
                    format!("no contributor with id `{r}` in contributors.yaml"),
                    "recipients are contributor ids",
                ));
            }
        }
    }
}

/// The roles an article should have: an author, and a translator for a translation.
/// Not when the best-effort reading changed the contributors.
fn check_roles(a: &Checked<Article>, diags: &mut Vec<Diagnostic>) {
    let (doc, art) = (&a.doc, &a.value);
    let has_role = |r: Role| art.contributors.iter().any(|c| c.role == r);
    if !a.touched("/contributors") && !has_role(Role::Author) {
        diags.push(at(
            doc,
            Severity::Warning,
            "contributor.no-author",
            "/contributors",
            "the article names no author".into(),
            "give at least one contributor `role: author`",
        ));
    }
    if !a.touched("/contributors") && art.translation.is_some() && !has_role(Role::Translator) {
        diags.push(at(
            doc,
            Severity::Warning,
            "translation.no-translator",
            "/translation",
            "the article is a translation but names no translator".into(),
            "add the translator to `contributors` with `role: translator`, if the source names one",
        ));
    }
}

/// A licence states something.
fn check_license(a: &Checked<Article>, diags: &mut Vec<Diagnostic>) {
    if let Some(l) = &a.value.license
        && l.url.is_none()
        && l.text.is_none()
        && l.copyright.is_none()
        && !a.touched("/license")
    {
        diags.push(at(
            &a.doc,
            Severity::Error,
            "license.empty",
            "/license",
            "a licence needs a `url`, a `text` or a `copyright` statement".into(),
            "state the licence, or remove `license`",
        ));
    }
}

/// What the article's ids define.
struct Defined<'a> {
    /// The ids a cross-reference may name: sections, figures, tables.
    targets: BTreeSet<String>,
    /// The figures, each with its pointer.
    figures: Vec<(String, &'a Figure)>,
}

/// Ids defined in the article share one namespace (they become XML ids): each is
/// defined once. Walks the body for them, checking tables' shapes on the way.
fn check_ids<'a>(doc: &Document, art: &'a Article, diags: &mut Vec<Diagnostic>) -> Defined<'a> {
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut define = |id: &str, p: String, diags: &mut Vec<Diagnostic>| {
        if let Some(first) = ids.get(id) {
            let line = doc.span_or_parent(first).map_or(0, |s| s.line);
            diags.push(at(
                doc,
                Severity::Error,
                "id.duplicate",
                &p,
                format!("id `{id}` is defined twice in this article"),
                &format!("the first definition is at line {line}; ids of sections, appendices, sub-articles, figures, tables, footnotes and references must all differ"),
            ));
        } else {
            ids.insert(id.to_string(), p);
        }
    };
    let mut targets = BTreeSet::new();
    let mut figures = Vec::new();
    walk_article_blocks(art, &mut |p, b| match b {
        Block::Section(s) => {
            if let Some(id) = &s.id {
                define(id.as_str(), format!("{p}/section/id"), diags);
                targets.insert(id.as_str().to_string());
            }
        }
        Block::Figure(f) => {
            define(f.id.as_str(), format!("{p}/figure/id"), diags);
            targets.insert(f.id.as_str().to_string());
            figures.push((format!("{p}/figure"), f));
        }
        Block::Table(t) => {
            define(t.id.as_str(), format!("{p}/table/id"), diags);
            targets.insert(t.id.as_str().to_string());
            for (i, n) in t.notes.iter().enumerate() {
                define(n.id.as_str(), format!("{p}/table/notes/{i}/id"), diags);
            }
            check_table(doc, &format!("{p}/table"), t, diags);
        }
        Block::Formula(f) => {
            if let Some(id) = &f.id {
                define(id.as_str(), format!("{p}/formula/id"), diags);
                targets.insert(id.as_str().to_string());
            }
        }
        _ => {}
    });
    for (i, a) in art.abstracts.iter().enumerate() {
        if let Some(f) = &a.figure {
            let p = format!("/abstracts/{i}/figure");
            define(f.id.as_str(), format!("{p}/id"), diags);
            targets.insert(f.id.as_str().to_string());
            figures.push((p, f));
        }
    }
    for (i, a) in art.appendices.iter().enumerate() {
        if let Some(id) = &a.id {
            define(id.as_str(), format!("/appendices/{i}/id"), diags);
            targets.insert(id.as_str().to_string());
        }
    }
    for (i, s) in art.supplementary.iter().enumerate() {
        define(s.id.as_str(), format!("/supplementary/{i}/id"), diags);
        targets.insert(s.id.as_str().to_string());
    }
    for (i, s) in art.sub_articles.iter().enumerate() {
        define(s.id.as_str(), format!("/sub_articles/{i}/id"), diags);
    }
    for (i, f) in art.footnotes.iter().enumerate() {
        define(f.id.as_str(), format!("/footnotes/{i}/id"), diags);
    }
    for (i, f) in art.formulas.iter().enumerate() {
        define(f.id.as_str(), format!("/formulas/{i}/id"), diags);
    }
    for (i, r) in art.references.iter().enumerate() {
        define(r.id.as_str(), format!("/references/{i}/id"), diags);
    }
    Defined { targets, figures }
}

/// A table's shape (every row covers the same columns once spans are counted; no span
/// overlaps another or runs off the table), its column alignments (one per column),
/// its cells (`text` or `lines`, not both) and the notes its cells name.
fn check_table(doc: &Document, p: &str, t: &Table, diags: &mut Vec<Diagnostic>) {
    let grid = Grid::of(t);
    for g in &grid.problems {
        let mut pointer = format!("{p}/{}/{}", g.part.key(), g.row);
        if let Some((c, key)) = g.cell {
            pointer = format!("{pointer}/{c}");
            if let Some(k) =
                key.filter(|_| matches!(t_cell(t, g.part, g.row, c), Some(Cell::Full(_))))
            {
                pointer = format!("{pointer}/{k}");
            }
        }
        diags.push(at(
            doc,
            Severity::Error,
            g.code,
            &pointer,
            g.message.clone(),
            &g.hint,
        ));
    }
    if !t.align.is_empty() && t.align.len() != grid.width {
        diags.push(at(
            doc,
            Severity::Error,
            "table.align",
            &format!("{p}/align"),
            format!("{} column alignment(s) for a table of {} columns", t.align.len(), grid.width),
            "give one alignment per column, left to right, or leave `align` out and align single cells",
        ));
    }
    for (part, rows) in [(Part::Head, &t.head), (Part::Body, &t.rows)] {
        for (r, row) in rows.iter().enumerate() {
            for (c, cell) in row.iter().enumerate() {
                let Cell::Full(spec) = cell else { continue };
                let cp = format!("{p}/{}/{r}/{c}", part.key());
                check_cell(doc, &cp, t, spec, diags);
            }
        }
    }
}

/// The cell at a place of a table, if there is one.
fn t_cell(t: &Table, part: Part, r: usize, c: usize) -> Option<&Cell> {
    let rows = match part {
        Part::Head => &t.head,
        Part::Body => &t.rows,
    };
    rows.get(r).and_then(|row| row.get(c))
}

/// A cell written as a mapping: `text` or `lines`, not both; its notes are the table's.
fn check_cell(doc: &Document, cp: &str, t: &Table, spec: &CellSpec, diags: &mut Vec<Diagnostic>) {
    if spec.text.is_some() && !spec.lines.is_empty() {
        diags.push(at(
            doc,
            Severity::Error,
            "table.cell-text",
            &format!("{cp}/lines"),
            "this cell has both `text` and `lines`".into(),
            "write one line as `text`, several as `lines`, and remove the other key",
        ));
    }
    for (i, id) in spec.notes.iter().enumerate() {
        if !t.notes.iter().any(|n| n.id == *id) {
            let known: Vec<&str> = t.notes.iter().map(|n| n.id.as_str()).collect();
            let hint = match crate::diag::did_you_mean(id.as_str(), known.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None if known.is_empty() => {
                    "define the note in the table's `notes`, with an `id`, a `label` and a `text`"
                        .into()
                }
                None => format!("the table's notes are: {}", known.join(", ")),
            };
            diags.push(at(
                doc,
                Severity::Error,
                "table.note-unknown",
                &format!("{cp}/notes/{i}"),
                format!("this table has no note `{id}`"),
                &hint,
            ));
        }
    }
}

/// References resolve; with `warn_absence`, every footnote is referred to and every
/// reference cited.
fn check_references(
    doc: &Document,
    art: &Article,
    refs: &Refs,
    targets: &BTreeSet<String>,
    warn_absence: bool,
    diags: &mut Vec<Diagnostic>,
) {
    let footnote_ids: BTreeSet<&str> = art.footnotes.iter().map(|f| f.id.as_str()).collect();
    let reference_ids: BTreeSet<&str> = art.references.iter().map(|r| r.id.as_str()).collect();
    for (used, defined, code, what) in [
        (
            &refs.footnotes,
            &footnote_ids,
            "footnote.unknown",
            "footnote",
        ),
        (&refs.cites, &reference_ids, "citation.unknown", "reference"),
    ] {
        for (id, p) in used {
            if !defined.contains(id.as_str()) {
                let known = defined.iter().copied();
                let mut d = unresolved(doc, code, p, id, what, known);
                if code == "citation.unknown" && targets.contains(id.as_str()) {
                    d = d.hint(format!(
                        "`{id}` is a figure, table or section: refer to it with `#{id}`, in a target list of its own"
                    ));
                } else if p.is_narrative(refs) {
                    let hint = d.hint.take().unwrap_or_default();
                    d = d.hint(format!(
                        "{hint}; an `@` before a letter, at the start or after a space or punctuation, cites a reference: write a literal one as `\\@`"
                    ));
                }
                diags.push(d);
            }
        }
    }
    let range_cited = check_ranges(doc, art, refs, diags);
    for (id, p) in &refs.xrefs {
        if !targets.contains(id) {
            diags.push(unresolved(
                doc,
                "xref.unknown",
                p,
                id,
                "figure, table, formula, section or appendix",
                targets.iter().map(String::as_str),
            ));
        }
    }
    if !warn_absence {
        return;
    }
    for (i, f) in art.footnotes.iter().enumerate() {
        if !refs.footnotes.contains_key(f.id.as_str()) {
            diags.push(at(
                doc,
                Severity::Warning,
                "footnote.unused",
                &format!("/footnotes/{i}/id"),
                format!("footnote `{}` is never referred to", f.id),
                &format!(
                    "put `[^{}]` where its marker belongs, or remove the note",
                    f.id
                ),
            ));
        }
    }
    for (i, r) in art.references.iter().enumerate() {
        if !refs.cites.contains_key(r.id.as_str()) && !range_cited.contains(r.id.as_str()) {
            diags.push(at(
                doc,
                Severity::Warning,
                "reference.uncited",
                &format!("/references/{i}/id"),
                format!("reference `{}` is never cited", r.id),
                &format!(
                    "cite it with `[@{}]`; uncited works still appear in the reference list",
                    r.id
                ),
            ));
        }
    }
}

/// Ranges of printed citations (`@a..@c`) run forwards in the reference list: reports
/// one whose last reference comes before its first, at the last. Returns the ids that
/// ranges cite between their ends (their ends are cited as such).
fn check_ranges<'a>(
    doc: &Document,
    art: &'a Article,
    refs: &Refs,
    diags: &mut Vec<Diagnostic>,
) -> BTreeSet<&'a str> {
    let place = |id: &str| art.references.iter().position(|r| r.id.as_str() == id);
    let mut cited = BTreeSet::new();
    for (from, to, site) in &refs.ranges {
        let (Some(a), Some(b)) = (place(from), place(to)) else {
            continue; // an unknown end is `citation.unknown`
        };
        if a > b {
            diags.push(
                Diagnostic::error(
                    "citation.range",
                    format!("the range `@{from}..@{to}` runs backwards: `{to}` comes before `{from}` in the reference list"),
                )
                .in_file(&doc.path)
                .pointer(site.pointer.clone())
                .at(site.span(doc, to.len()))
                .hint(format!("write the range from the earlier reference: `@{to}..@{from}`, or list the references one by one")),
            );
            continue;
        }
        cited.extend(art.references[a..=b].iter().map(|r| r.id.as_str()));
    }
    cited
}

/// A reference whose id names nothing, reported at the id inside its string.
fn unresolved<'a>(
    doc: &Document,
    code: &str,
    site: &Site,
    id: &str,
    what: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let known: Vec<&str> = known.into_iter().collect();
    let hint = match did_you_mean(id, known.iter().copied()) {
        Some(m) => format!("did you mean `{m}`?"),
        None if known.is_empty() => format!("the article defines no {what}s"),
        None => format!("defined {what} ids: {}", known.join(", ")),
    };
    Diagnostic::error(
        code,
        format!("`{id}` does not name a {what} of this article"),
    )
    .in_file(&doc.path)
    .pointer(site.pointer.clone())
    .at(site.span(doc, id.len()))
    .hint(hint)
}

/// Figures: the image is a file inside the article's folder; alternative text.
fn check_figures(
    doc: &Document,
    article_dir: &Path,
    figures: &[(String, &Figure)],
    read: Option<&dyn FolderFiles>,
    diags: &mut Vec<Diagnostic>,
) {
    for (p, f) in figures {
        let pointer = format!("{p}/image");
        check_asset(doc, article_dir, &pointer, &f.image, read, diags);
        if f.decorative && f.alt.is_some() {
            diags.push(at(
                doc,
                Severity::Error,
                "figure.alt-and-decorative",
                &format!("{p}/decorative"),
                format!(
                    "figure `{}` has alternative text and is marked decorative",
                    f.id
                ),
                "a decorative image has no text alternative: remove `decorative: true`, or remove `alt` if the image adds no information",
            ));
        } else if f.alt.is_none() && !f.decorative {
            diags.push(at(
                doc,
                Severity::Warning,
                "figure.no-alt",
                p,
                format!("figure `{}` has no alternative text", f.id),
                "add `alt:` describing the image for readers who cannot see it, or `decorative: true` if it adds no information; without either, the outputs say no text alternative is available",
            ));
        }
    }
}
