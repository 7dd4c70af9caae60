//! An article against its issue and its folder: the contributors it names, the roles
//! it should have, its licence, its marked-up texts, the ids it defines, the references
//! in its text, and its figures.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::assets::{FolderFiles, check_asset};
use super::text::{Refs, Site, check_text};
use super::{Checked, at};
use crate::diag::{Diagnostic, Severity, did_you_mean};
use crate::model::{Article, Block, Figure, Role, Table, for_each_text, walk_blocks};
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
    check_license(a, diags);
    // Every marked-up text, with what it refers to.
    let mut refs = Refs::default();
    for_each_text(art, &mut |p, t| {
        check_text(doc, p, t, Some(&mut refs), diags)
    });
    let defined = check_ids(doc, art, diags);
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
    let known: BTreeSet<&str> = known.iter().map(String::as_str).collect();
    let mut pairs = BTreeSet::new();
    for (i, c) in art.contributors.iter().enumerate() {
        let p = format!("/contributors/{i}/contributor");
        if !known.contains(c.contributor.as_str()) {
            let hint = match did_you_mean(c.contributor.as_str(), known.iter().copied()) {
                Some(m) => format!("did you mean `{m}`? ids come from contributors.yaml"),
                None => "add the person to contributors.yaml, or fix the id".to_string(),
            };
            diags.push(at(
                doc,
                Severity::Error,
                "contributor.unknown-id",
                &p,
                format!(
                    "no contributor with id `{}` in contributors.yaml",
                    c.contributor
                ),
                &hint,
            ));
        }
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
                &format!("the first definition is at line {line}; ids of sections, figures, tables, footnotes and references must all differ"),
            ));
        } else {
            ids.insert(id.to_string(), p);
        }
    };
    let mut targets = BTreeSet::new();
    let mut figures = Vec::new();
    walk_blocks(&art.body, "/body", &mut |p, b| match b {
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
            check_table_shape(doc, p, t, diags);
        }
        _ => {}
    });
    for (i, f) in art.footnotes.iter().enumerate() {
        define(f.id.as_str(), format!("/footnotes/{i}/id"), diags);
    }
    for (i, r) in art.references.iter().enumerate() {
        define(r.id.as_str(), format!("/references/{i}/id"), diags);
    }
    Defined { targets, figures }
}

/// Every row of a table has as many cells as its first.
fn check_table_shape(doc: &Document, p: &str, t: &Table, diags: &mut Vec<Diagnostic>) {
    let width = t.head.first().or(t.rows.first()).map_or(0, Vec::len);
    for (kind, rows) in [("head", &t.head), ("rows", &t.rows)] {
        for (r, row) in rows.iter().enumerate() {
            if row.len() != width {
                diags.push(at(
                    doc,
                    Severity::Error,
                    "table.ragged",
                    &format!("{p}/table/{kind}/{r}"),
                    format!(
                        "this row has {} cells; the table's first row has {width}",
                        row.len()
                    ),
                    "give every row the same number of cells (merged cells are not supported)",
                ));
            }
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
                diags.push(unresolved(doc, code, p, id, what, known));
            }
        }
    }
    for (id, p) in &refs.xrefs {
        if !targets.contains(id) {
            diags.push(unresolved(
                doc,
                "xref.unknown",
                p,
                id,
                "figure, table or section",
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
        if !refs.cites.contains_key(r.id.as_str()) {
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
