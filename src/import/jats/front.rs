//! JATS `front` → the journal and the issue (`journal-meta`; `volume`, `issue`,
//! `pub-date`), the article's metadata (`article-meta`) and its contributors (`contrib`
//! with `name`, `aff`, …); then the article's body, back and sub-articles through
//! [`super::body`] and [`super::back`]. The inverse of `src/emit/jats/front.rs`,
//! `journal.rs`, `contributors.rs`, `affiliations.rs`, `ids.rs`, `languages.rs` and
//! `sub_article.rs`: what galley writes comes back as the same model values.
//!
//! Whatever is not mapped is reported with [`Ctx::lose`]. Labels of affiliations and the
//! words galley writes itself (a translator's `role` word, the `not-available` ISSN,
//! the journal id galley substitutes for a missing one) are recognised and not reported:
//! galley writes them again from the model.

use std::collections::BTreeMap;

use roxmltree::Node;

use super::ctx::{Ctx, YamlStep};
use super::{AssetRef, Imported, all_text, child, children, href, span_at, xml_lang};
use crate::diag::Diagnostic;
use crate::model::{
    AbstractSection, AbstractType, Address, Affiliation, Article, ArticleContributor, ArticleId,
    ArticleIdType, ArticleType, Contributor, CreditRole, Dates, Doi, Email, ExtraAbstract, Funding,
    Id, Incomplete, Issn, IssnEntry, Issue, IssueFile, Journal, JournalId, JournalIdType,
    KeywordGroup, Lang, License, NameOrder, Orcid, Pages, PartialDate, PersonName,
    PublicationFormat, Publisher, Role, SourcePublication, Statements, SubArticle, SubArticleType,
    SubjectGroup, Text, TitleTranslation, Titles, Translation, Url,
};

/// The first step of the YAML path of a loss that belongs in `issue.yaml` (the journal
/// and the issue), not in `article.yaml`.
pub const ISSUE_STEP: &str = "(issue.yaml)";

/// The JATS `article` element → everything one file gives.
pub fn article(ctx: &mut Ctx<'_, '_>, root: Node<'_, '_>) -> Result<Imported, Diagnostic> {
    let Some(body_node) = child(root, "body") else {
        let pos = ctx.doc.text_pos_at(root.range().start);
        let text = ctx.doc.input_text();
        return Err(Diagnostic::error(
            "import.no-body",
            "the article has no `body`: galley articles are full texts",
        )
        .in_file(ctx.file)
        .at(Some(span_at(text, pos.row, pos.col)))
        .hint("an article given only by its metadata (an abstract-only record) cannot be imported; import the full-text JATS"));
    };
    check_attrs(
        ctx,
        root,
        &["article-type", "xml:lang", "dtd-version", "specific-use"],
    );
    let lang = Lang(xml_lang(root).unwrap_or("en").to_string());
    let article_type = match root.attribute("article-type") {
        Some(t) => match enum_value::<ArticleType>(t) {
            Some(t) => t,
            None => {
                ctx.lose(
                    root,
                    Some("article-type"),
                    format!("article-type `{t}` (not one of galley's types: written as `other`)"),
                );
                ArticleType::Other
            }
        },
        None => ArticleType::Other,
    };
    let mut f = Front {
        people: Vec::new(),
        affs: BTreeMap::new(),
        present: BTreeMap::new(),
        assets: Vec::new(),
        lang: lang.clone(),
    };
    let mut art = Article {
        article_type,
        lang: lang.clone(),
        heading: None,
        subjects: Vec::new(),
        title: Text::new(""),
        subtitle: None,
        title_translations: Vec::new(),
        short_title: None,
        contributors: Vec::new(),
        affiliations: Vec::new(),
        translation: None,
        doi: None,
        url: None,
        ids: Vec::new(),
        pages: None,
        elocation: None,
        dates: Dates::default(),
        license: None,
        abstract_: Vec::new(),
        abstracts: Vec::new(),
        keywords: Vec::new(),
        keyword_groups: Vec::new(),
        funding: Vec::new(),
        acknowledgements: Vec::new(),
        body: Vec::new(),
        end_notes: Vec::new(),
        footnotes: Vec::new(),
        references: Vec::new(),
        titles: Titles::default(),
        statements: Statements::default(),
        formulas: Vec::new(),
        appendices: Vec::new(),
        supplementary: Vec::new(),
        sub_articles: Vec::new(),
    };
    let mut issue = IssueFile {
        journal: Journal {
            title: String::new(),
            abbrev_title: None,
            publisher_id: None,
            ids: Vec::new(),
            issn: Vec::new(),
            publication_format: None,
            publisher: None,
            lang: None,
            url: None,
            citation_style: Default::default(),
            crossref: None,
        },
        issue: Issue::default(),
        titles: Titles::default(),
    };
    let mut publisher_id = None;
    let mut title_seen = false;
    for c in root.children().filter(|c| c.is_element()) {
        match c.tag_name().name() {
            "front" => {
                for fc in c.children().filter(|n| n.is_element()) {
                    match fc.tag_name().name() {
                        "journal-meta" => ctx.within(key(ISSUE_STEP), |ctx| {
                            ctx.within(key("journal"), |ctx| {
                                journal_meta(ctx, fc, &mut issue.journal)
                            })
                        }),
                        "article-meta" => {
                            title_seen = true;
                            f.article_meta(ctx, fc, &mut art, &mut issue, &mut publisher_id);
                        }
                        _ => lose_element(ctx, fc),
                    }
                }
            }
            "body" if c == body_node => {
                art.body = ctx.within(key("body"), |ctx| super::body::blocks(ctx, c));
            }
            "back" => {
                let b = super::back::back(ctx, c);
                art.footnotes.extend(b.footnotes);
                art.references.extend(b.references);
                art.acknowledgements.extend(b.acknowledgements);
                art.appendices.extend(b.appendices);
                art.end_notes.extend(b.end_notes);
                art.supplementary.extend(b.supplementary);
                merge_back(ctx, c, &mut art, b.statements, b.titles);
            }
            "sub-article" => {
                let i = art.sub_articles.len();
                let s = ctx.within(key("sub_articles"), |ctx| {
                    ctx.within(YamlStep::Index(i), |ctx| f.sub_article(ctx, c, &lang, i))
                });
                if let Some(s) = s {
                    art.sub_articles.push(s);
                }
            }
            // Mapped with the body (`body::blocks`), after its blocks.
            "floats-group" => {}
            _ => lose_element(ctx, c),
        }
    }
    // What the text held: inline formulas (`[$id]`) and footnotes placed inside
    // paragraphs (after the `fn-group`'s).
    art.formulas.append(&mut ctx.formulas);
    art.footnotes.append(&mut ctx.footnotes);
    if !title_seen || art.title.as_str().is_empty() {
        let pos = ctx.doc.text_pos_at(root.range().start);
        return Err(Diagnostic::error(
            "import.no-title",
            "the article has no `article-meta` with an `article-title`",
        )
        .in_file(ctx.file)
        .at(Some(span_at(ctx.doc.input_text(), pos.row, pos.col)))
        .hint("galley needs the article's title; a JATS article states it in `front/article-meta/title-group/article-title`"));
    }
    if issue.journal.title.is_empty() {
        // The journal's title is required; without one the first journal id stands in,
        // and the reader is told.
        let id = issue
            .journal
            .publisher_id
            .clone()
            .or_else(|| issue.journal.ids.first().map(|i| i.value.clone()));
        issue.journal.title = id.unwrap_or_default();
    }
    f.collect_assets(ctx, root);
    let losses = std::mem::take(&mut ctx.losses);
    Ok(Imported {
        article: art,
        people: f.people,
        issue,
        publisher_id,
        losses,
        assets: f.assets,
    })
}

/// The statements and headings `back` gives, beside those of the front matter (the
/// correspondence and competing interests in `author-notes`, the abstract's and keywords'
/// headings). One the front matter already gave is kept, the back's reported if it
/// differs.
fn merge_back(
    ctx: &mut Ctx<'_, '_>,
    back: Node<'_, '_>,
    art: &mut Article,
    statements: Statements,
    titles: Titles,
) {
    fn one<T: PartialEq>(
        ctx: &mut Ctx<'_, '_>,
        back: Node<'_, '_>,
        what: &str,
        mine: &mut Option<T>,
        theirs: Option<T>,
    ) {
        match (mine.as_ref(), theirs) {
            (_, None) => {}
            (None, t) => *mine = t,
            (Some(m), Some(t)) if *m == t => {}
            (Some(_), Some(_)) => ctx.lose(
                back,
                None,
                format!("a second {what} in the back matter (the front matter's is kept)"),
            ),
        }
    }
    let Statements {
        correspondence,
        competing_interests,
        funding,
        data_availability,
        ethics,
        author_contributions,
        ai_use,
        publishers_note,
    } = statements;
    let s = &mut art.statements;
    ctx.within(key("statements"), |ctx| {
        one(
            ctx,
            back,
            "correspondence statement",
            &mut s.correspondence,
            correspondence,
        );
        one(
            ctx,
            back,
            "competing interests statement",
            &mut s.competing_interests,
            competing_interests,
        );
        one(ctx, back, "funding statement", &mut s.funding, funding);
        one(
            ctx,
            back,
            "data availability statement",
            &mut s.data_availability,
            data_availability,
        );
        one(ctx, back, "ethics statement", &mut s.ethics, ethics);
        one(
            ctx,
            back,
            "author contributions statement",
            &mut s.author_contributions,
            author_contributions,
        );
        one(
            ctx,
            back,
            "statement on the use of AI",
            &mut s.ai_use,
            ai_use,
        );
        one(
            ctx,
            back,
            "publisher's note",
            &mut s.publishers_note,
            publishers_note,
        );
    });
    let Titles {
        abstract_,
        keywords,
        acknowledgements,
        funding,
        notes,
        references,
        contributors,
        supplementary,
    } = titles;
    let t = &mut art.titles;
    ctx.within(key("titles"), |ctx| {
        one(ctx, back, "abstract heading", &mut t.abstract_, abstract_);
        one(ctx, back, "keywords heading", &mut t.keywords, keywords);
        one(
            ctx,
            back,
            "acknowledgements heading",
            &mut t.acknowledgements,
            acknowledgements,
        );
        one(ctx, back, "funding heading", &mut t.funding, funding);
        one(ctx, back, "notes heading", &mut t.notes, notes);
        one(
            ctx,
            back,
            "references heading",
            &mut t.references,
            references,
        );
        one(
            ctx,
            back,
            "contributors heading",
            &mut t.contributors,
            contributors,
        );
        one(
            ctx,
            back,
            "supplementary material heading",
            &mut t.supplementary,
            supplementary,
        );
    });
}

/// A YAML key step.
fn key(k: &str) -> YamlStep {
    YamlStep::Key(k.to_string())
}

/// A value of one of the model's kebab-case enums from its name.
fn enum_value<T: serde::de::DeserializeOwned>(s: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(s.to_string())).ok()
}

/// Reports `node` as not imported.
fn lose_element(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) {
    let name = node.tag_name().name();
    let text = words(node).split_whitespace().collect::<Vec<_>>().join(" ");
    let what = if text.is_empty() {
        format!("`{name}`")
    } else if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("`{name}` “{cut}…”")
    } else {
        format!("`{name}` “{text}”")
    };
    ctx.lose(node, None, what);
}

/// The text of `node` for a message: mixed content as it stands (`Caf<italic>é</italic>`
/// reads `Café`), the elements of element-only content apart
/// (`<meta-name>a</meta-name><meta-value>b</meta-value>` reads `a b`).
fn words(node: Node<'_, '_>) -> String {
    if node.is_text() {
        return node.text().unwrap_or("").to_string();
    }
    let mixed = node
        .children()
        .any(|c| c.is_text() && !c.text().unwrap_or("").trim().is_empty());
    let parts: Vec<String> = node.children().map(words).collect();
    parts.join(if mixed { "" } else { " " })
}

/// The attribute's name as the XML writes it (`xml:lang`, `xlink:href`).
fn attr_name(a: &roxmltree::Attribute<'_, '_>) -> String {
    match a.namespace() {
        Some("http://www.w3.org/XML/1998/namespace") => format!("xml:{}", a.name()),
        Some(super::XLINK) => format!("xlink:{}", a.name()),
        Some(_) => format!("{{ns}}:{}", a.name()),
        None => a.name().to_string(),
    }
}

/// Reports every attribute of `node` not in `known`.
fn check_attrs(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, known: &[&str]) {
    let unknown: Vec<(String, String, bool)> = node
        .attributes()
        .map(|a| {
            (
                attr_name(&a),
                a.value().to_string(),
                a.namespace().is_none(),
            )
        })
        .filter(|(n, _, _)| !known.contains(&n.as_str()))
        .collect();
    for (name, value, plain) in unknown {
        let what = format!(
            "attribute `{name}=\"{value}\"` of `{}`",
            node.tag_name().name()
        );
        ctx.lose(node, plain.then_some(name.as_str()), what);
    }
}

/// The element's text, its ends trimmed (for values without markup: names, ids).
fn plain(node: Node<'_, '_>) -> String {
    all_text(node).trim().to_string()
}

/// The element's text as one-line metadata: `None` when empty.
fn nonempty(node: Node<'_, '_>) -> Option<String> {
    Some(plain(node)).filter(|s| !s.is_empty())
}

/// Marked-up text of an element (through [`super::inline::text`]).
fn text(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Text {
    super::inline::text(ctx, node)
}

/// Paragraphs: each `p` child's text, other children reported.
fn paragraphs(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, skip: &[&str]) -> Vec<Text> {
    let mut out = Vec::new();
    for c in node.children().filter(|c| c.is_element()) {
        let name = c.tag_name().name();
        if name == "p" {
            let i = out.len();
            let t = ctx.within(YamlStep::Index(i), |ctx| text(ctx, c));
            out.push(t);
        } else if !skip.contains(&name) {
            lose_element(ctx, c);
        }
    }
    out
}

/// A date element (`pub-date`, `date`): `iso-8601-date` when it is a date galley reads,
/// else `year`, `month`, `day`. `None` (and a loss) when it gives no calendar date.
fn date(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Option<PartialDate> {
    let part = |name: &str| child(node, name).map(plain);
    let (y, m, d) = (part("year"), part("month"), part("day"));
    let from_parts = y.as_ref().and_then(|y| {
        let y: u32 = y.parse().ok().filter(|_| y.len() == 4)?;
        let mut s = format!("{y:04}");
        if let Some(m) = &m {
            let m: u32 = m.parse().ok()?;
            s.push_str(&format!("-{m:02}"));
            if let Some(d) = &d {
                let d: u32 = d.parse().ok()?;
                s.push_str(&format!("-{d:02}"));
            }
        } else if d.is_some() {
            return None;
        }
        Some(s)
    });
    let iso = node.attribute("iso-8601-date").map(str::to_string);
    let valid = |s: &String| {
        let pattern_ok = {
            let b = s.as_bytes();
            matches!(b.len(), 4 | 7 | 10)
                && s.split('-').all(|p| p.chars().all(|c| c.is_ascii_digit()))
                && s.split('-').count()
                    == [4, 7, 10].iter().position(|&l| l == b.len()).unwrap_or(9) + 1
        };
        pattern_ok && PartialDate::calendar_problem(s).is_none()
    };
    let chosen = from_parts
        .clone()
        .filter(valid)
        .or_else(|| iso.clone().filter(valid));
    for c in node.children().filter(|c| c.is_element()) {
        match c.tag_name().name() {
            "year" | "month" | "day" if chosen.is_some() => {}
            _ => lose_element(ctx, c),
        }
    }
    if chosen.is_none() {
        ctx.lose(
            node,
            None,
            format!("`{}` that is not a calendar date", node.tag_name().name()),
        );
    }
    chosen.map(PartialDate)
}

/// An ORCID iD as galley writes it (`https://orcid.org/…`), from the forms JATS files
/// use (`https://orcid.org/…`, `http://orcid.org/…`, the bare iD).
fn orcid(value: &str) -> Option<Orcid> {
    let v = value.trim();
    let id = v
        .strip_prefix("https://orcid.org/")
        .or_else(|| v.strip_prefix("http://orcid.org/"))
        .unwrap_or(v);
    let ok = id.len() == 19
        && id.char_indices().all(|(i, c)| match i {
            4 | 9 | 14 => c == '-',
            18 => c.is_ascii_digit() || c == 'X',
            _ => c.is_ascii_digit(),
        });
    ok.then(|| Orcid(format!("https://orcid.org/{id}")))
}

/// A DOI as galley writes it (`10.…/…`), from a bare DOI or a `doi.org` URL.
fn doi(value: &str) -> Option<Doi> {
    let v = value.trim();
    let v = v
        .strip_prefix("https://doi.org/")
        .or_else(|| v.strip_prefix("http://dx.doi.org/"))
        .or_else(|| v.strip_prefix("https://dx.doi.org/"))
        .or_else(|| v.strip_prefix("http://doi.org/"))
        .unwrap_or(v);
    let (prefix, suffix) = v.split_once('/')?;
    let reg = prefix.strip_prefix("10.")?;
    let ok = (4..=9).contains(&reg.len())
        && reg.chars().all(|c| c.is_ascii_digit())
        && !suffix.is_empty()
        && !suffix.chars().any(char::is_whitespace);
    ok.then(|| Doi(v.to_string()))
}

/// An http(s) URL as the model takes it.
fn url(value: &str) -> Option<Url> {
    let v = value.trim();
    let ok = (v.starts_with("http://") || v.starts_with("https://"))
        && !v
            .chars()
            .any(|c| c.is_whitespace() || "<>\"{}|\\^`".contains(c));
    ok.then(|| Url(v.to_string()))
}

/// `journal-meta` → the journal.
fn journal_meta(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, j: &mut Journal) {
    for c in node.children().filter(|c| c.is_element()) {
        match c.tag_name().name() {
            "journal-id" => {
                let value = plain(c);
                match c.attribute("journal-id-type").unwrap_or("") {
                    "publisher-id" if j.publisher_id.is_none() => j.publisher_id = Some(value),
                    // galley's own stand-in for a journal without ids: the title again.
                    "abbrev-journal-title" | "journal-title" => {}
                    t => match enum_value::<JournalIdType>(t) {
                        Some(kind) => j.ids.push(JournalId { kind, value }),
                        None => lose_element(ctx, c),
                    },
                }
            }
            "journal-title-group" => {
                for t in c.children().filter(|n| n.is_element()) {
                    match t.tag_name().name() {
                        "journal-title" if j.title.is_empty() => {
                            j.title = plain(t);
                            j.lang = xml_lang(t).map(|l| Lang(l.to_string()));
                        }
                        "abbrev-journal-title" if j.abbrev_title.is_none() => {
                            j.abbrev_title = nonempty(t);
                        }
                        _ => lose_element(ctx, t),
                    }
                }
            }
            // NLM 2.x/3.0 put the title directly in `journal-meta`.
            "journal-title" if j.title.is_empty() => j.title = plain(c),
            "abbrev-journal-title" if j.abbrev_title.is_none() => j.abbrev_title = nonempty(c),
            "issn" => {
                if c.attribute("content-type") == Some("not-available") {
                    continue;
                }
                let format = match c
                    .attribute("publication-format")
                    .or_else(|| c.attribute("pub-type"))
                {
                    Some("print" | "ppub") => Some(PublicationFormat::Print),
                    Some("electronic" | "epub") => Some(PublicationFormat::Electronic),
                    _ => None,
                };
                let value = plain(c);
                let valid = value.len() == 9
                    && value.char_indices().all(|(i, ch)| match i {
                        4 => ch == '-',
                        8 => ch.is_ascii_digit() || ch == 'X',
                        _ => ch.is_ascii_digit(),
                    });
                match format {
                    Some(format) if valid => j.issn.push(IssnEntry {
                        value: Issn(value),
                        format,
                    }),
                    _ => lose_element(ctx, c),
                }
            }
            "publisher" => {
                let name = child(c, "publisher-name").and_then(nonempty);
                let location = child(c, "publisher-loc").and_then(nonempty);
                for p in c.children().filter(|n| n.is_element()) {
                    if !matches!(p.tag_name().name(), "publisher-name" | "publisher-loc") {
                        lose_element(ctx, p);
                    }
                }
                if children(c, "publisher-name").count() > 1 {
                    ctx.lose(c, None, "a second `publisher-name`");
                }
                match name {
                    Some(name) => j.publisher = Some(Publisher { name, location }),
                    None => lose_element(ctx, c),
                }
            }
            "self-uri" if j.url.is_none() => match href(c).and_then(url) {
                Some(u) => j.url = Some(u),
                None => lose_element(ctx, c),
            },
            _ => lose_element(ctx, c),
        }
    }
}

/// What the mapping of one article keeps between its parts.
struct Front {
    /// The contributors found so far, with provisional ids `c1`, `c2`…
    people: Vec<Contributor>,
    /// Affiliations by their XML id.
    affs: BTreeMap<String, Affiliation>,
    /// Present addresses (`author-notes/fn fn-type="present-address"`) by id.
    present: BTreeMap<String, Text>,
    /// Files the article points at.
    assets: Vec<AssetRef>,
    /// The article's language.
    lang: Lang,
}

impl Front {
    fn article_meta(
        &mut self,
        ctx: &mut Ctx<'_, '_>,
        node: Node<'_, '_>,
        art: &mut Article,
        issue: &mut IssueFile,
        publisher_id: &mut Option<String>,
    ) {
        // Affiliations and author notes first: contributors point at them.
        for c in node.descendants().filter(|c| c.is_element()) {
            let name = c.tag_name().name();
            if name == "aff" || name == "aff-alternatives" {
                if c.parent_element()
                    .is_some_and(|p| p.tag_name().name() == "aff-alternatives")
                {
                    continue;
                }
                if let Some(id) = c.attribute("id") {
                    let a = ctx.within(key("affiliations"), |ctx| affiliation(ctx, c, false));
                    self.affs.insert(id.to_string(), a);
                }
            }
        }
        if let Some(notes) = child(node, "author-notes") {
            for f in children(notes, "fn") {
                if f.attribute("fn-type") == Some("present-address")
                    && let Some(id) = f.attribute("id")
                {
                    let ps: Vec<Node<'_, '_>> = children(f, "p").collect();
                    if let Some(p) = ps.first() {
                        let t = text(ctx, *p);
                        self.present.insert(id.to_string(), t);
                    }
                }
            }
        }
        let mut abstract_seen = false;
        let mut keywords_seen = false;
        let mut linked_affs: Vec<String> = Vec::new();
        for c in node.children().filter(|c| c.is_element()) {
            match c.tag_name().name() {
                "article-id" => self.article_id(ctx, c, art, publisher_id),
                "article-categories" => ctx.within(key("subjects"), |ctx| {
                    categories(ctx, c, art);
                }),
                "title-group" => title_group(ctx, c, art),
                "contrib-group" => {
                    check_attrs(ctx, c, &["content-type"]);
                    for k in c.children().filter(|n| n.is_element()) {
                        match k.tag_name().name() {
                            "contrib" => {
                                let i = art.contributors.len();
                                let ac = ctx.within(key("contributors"), |ctx| {
                                    ctx.within(YamlStep::Index(i), |ctx| {
                                        self.contrib(ctx, k, &mut linked_affs)
                                    })
                                });
                                art.contributors.extend(ac);
                            }
                            "aff" | "aff-alternatives" => {}
                            _ => lose_element(ctx, k),
                        }
                    }
                }
                "aff" | "aff-alternatives" => {}
                "author-notes" => ctx.within(key("statements"), |ctx| {
                    author_notes(ctx, c, &mut art.statements);
                }),
                "pub-date" => {
                    let kind = c
                        .attribute("date-type")
                        .or_else(|| c.attribute("pub-type"))
                        .unwrap_or("pub");
                    if let Some(f) = c.attribute("publication-format") {
                        issue.journal.publication_format = match f {
                            "print" => Some(PublicationFormat::Print),
                            "electronic" => Some(PublicationFormat::Electronic),
                            _ => issue.journal.publication_format,
                        };
                    }
                    match kind {
                        "pub" | "epub" | "ppub" | "epub-ppub" | "epreprint"
                            if art.dates.published.is_none() =>
                        {
                            art.dates.published = ctx.within(key("dates"), |ctx| date(ctx, c));
                        }
                        "collection" if issue.issue.date.is_none() => {
                            issue.issue.date = ctx.within(key(ISSUE_STEP), |ctx| {
                                ctx.within(key("issue"), |ctx| date(ctx, c))
                            });
                        }
                        _ => lose_element(ctx, c),
                    }
                }
                "pub-date-not-available" => {}
                "volume" if issue.issue.volume.is_none() => issue.issue.volume = nonempty(c),
                "issue" if issue.issue.number.is_none() => issue.issue.number = nonempty(c),
                "issue-id" if issue.issue.doi.is_none() => {
                    match (c.attribute("pub-id-type"), doi(&plain(c))) {
                        (Some("doi"), Some(d)) => issue.issue.doi = Some(d),
                        _ => lose_element(ctx, c),
                    }
                }
                "issue-title" if issue.issue.title.is_none() => {
                    issue.issue.title = nonempty(c);
                }
                "fpage" => {
                    let first = plain(c);
                    art.pages = Some(Pages { first, last: None });
                }
                "lpage" => match &mut art.pages {
                    Some(p) if p.last.is_none() => p.last = nonempty(c),
                    _ => lose_element(ctx, c),
                },
                "elocation-id" => art.elocation = nonempty(c),
                "history" => ctx.within(key("dates"), |ctx| {
                    for d in c.children().filter(|n| n.is_element()) {
                        let slot = match d.attribute("date-type") {
                            Some("received") => &mut art.dates.received,
                            Some("rev-recd") => &mut art.dates.revised,
                            Some("accepted") => &mut art.dates.accepted,
                            _ => {
                                lose_element(ctx, d);
                                continue;
                            }
                        };
                        if slot.is_some() {
                            lose_element(ctx, d);
                            continue;
                        }
                        *slot = date(ctx, d);
                    }
                }),
                "permissions" => ctx.within(key("license"), |ctx| {
                    art.license = permissions(ctx, c);
                }),
                "self-uri" if art.url.is_none() => match href(c).and_then(url) {
                    Some(u) => art.url = Some(u),
                    None => lose_element(ctx, c),
                },
                "related-article"
                    if c.attribute("related-article-type") == Some("translated-from")
                        && art.translation.is_none() =>
                {
                    art.translation = ctx.within(key("translation"), |ctx| translation(ctx, c));
                }
                "abstract" | "trans-abstract" => {
                    let own = c.tag_name().name() == "abstract"
                        && c.attribute("abstract-type").is_none()
                        && !abstract_seen
                        && child(c, "sec").is_none()
                        && xml_lang(c).is_none_or(|l| l.eq_ignore_ascii_case(&self.lang.0));
                    if own {
                        abstract_seen = true;
                        if let Some(t) = child(c, "title") {
                            art.titles.abstract_ = nonempty(t);
                        }
                        check_attrs(ctx, c, &[]);
                        art.abstract_ =
                            ctx.within(key("abstract"), |ctx| paragraphs(ctx, c, &["title"]));
                    } else {
                        let i = art.abstracts.len();
                        let x = ctx.within(key("abstracts"), |ctx| {
                            ctx.within(YamlStep::Index(i), |ctx| self.extra_abstract(ctx, c))
                        });
                        art.abstracts.extend(x);
                    }
                }
                "kwd-group" => {
                    let lang = xml_lang(c).map(|l| Lang(l.to_string()));
                    let own =
                        !keywords_seen && lang.is_none() && c.attribute("kwd-group-type").is_none();
                    let title = child(c, "title").and_then(nonempty);
                    let mut kwds = Vec::new();
                    check_attrs(ctx, c, &["xml:lang"]);
                    for k in c.children().filter(|n| n.is_element()) {
                        match k.tag_name().name() {
                            "kwd" => {
                                if k.children().any(|n| n.is_element()) {
                                    ctx.lose(
                                        k,
                                        None,
                                        "the markup inside a keyword (its text is kept)",
                                    );
                                }
                                if let Some(s) = nonempty(k) {
                                    kwds.push(s);
                                }
                            }
                            "title" => {}
                            _ => lose_element(ctx, k),
                        }
                    }
                    if kwds.is_empty() {
                        continue;
                    }
                    if own {
                        keywords_seen = true;
                        art.keywords = kwds;
                        art.titles.keywords = title;
                    } else {
                        if c.attribute("kwd-group-type").is_some() {
                            ctx.lose(c, Some("kwd-group-type"), "the keyword group's type");
                        }
                        art.keyword_groups.push(KeywordGroup {
                            lang: lang.unwrap_or_else(|| self.lang.clone()),
                            title,
                            keywords: kwds,
                        });
                    }
                }
                "funding-group" => ctx.within(key("funding"), |ctx| {
                    self.funding_group(ctx, c, art);
                }),
                _ => lose_element(ctx, c),
            }
        }
        // Affiliations listed that no contributor points at.
        for c in node.children().filter(|c| c.is_element()).flat_map(|c| {
            if c.tag_name().name() == "contrib-group" {
                c.children().filter(|n| n.is_element()).collect::<Vec<_>>()
            } else {
                vec![c]
            }
        }) {
            let name = c.tag_name().name();
            if name != "aff" && name != "aff-alternatives" {
                continue;
            }
            let linked = c
                .attribute("id")
                .is_some_and(|id| linked_affs.iter().any(|l| l == id));
            if !linked {
                let i = art.affiliations.len();
                let a = ctx.within(key("affiliations"), |ctx| {
                    ctx.within(YamlStep::Index(i), |ctx| affiliation(ctx, c, true))
                });
                art.affiliations.push(a);
            }
        }
    }

    fn article_id(
        &mut self,
        ctx: &mut Ctx<'_, '_>,
        c: Node<'_, '_>,
        art: &mut Article,
        publisher_id: &mut Option<String>,
    ) {
        check_attrs(ctx, c, &["pub-id-type", "assigning-authority"]);
        let value = plain(c);
        let kind = c.attribute("pub-id-type").unwrap_or("");
        if kind == "doi" && art.doi.is_none() {
            match doi(&value) {
                Some(d) => art.doi = Some(d),
                None => lose_element(ctx, c),
            }
            return;
        }
        let kind = match kind {
            "pmc" => Some(ArticleIdType::Pmcid),
            k => enum_value::<ArticleIdType>(k),
        };
        match kind {
            Some(k) => {
                if k == ArticleIdType::PublisherId && publisher_id.is_none() {
                    *publisher_id = Some(value.clone());
                }
                art.ids.push(ArticleId {
                    kind: k,
                    value,
                    authority: c.attribute("assigning-authority").map(str::to_string),
                });
            }
            None => lose_element(ctx, c),
        }
    }

    /// One `contrib` → a person (added to `people`) and the article's entry for them.
    fn contrib(
        &mut self,
        ctx: &mut Ctx<'_, '_>,
        c: Node<'_, '_>,
        linked_affs: &mut Vec<String>,
    ) -> Option<ArticleContributor> {
        check_attrs(
            ctx,
            c,
            &["contrib-type", "corresp", "equal-contrib", "deceased", "id"],
        );
        let role = match c.attribute("contrib-type") {
            None => Role::Author,
            Some(t) => match enum_value::<Role>(t) {
                Some(r) => r,
                None => {
                    lose_element(ctx, c);
                    return None;
                }
            },
        };
        let mut person = Contributor {
            id: Id(format!("c{}", self.people.len() + 1)),
            name: PersonName {
                family: None,
                given: None,
                order: NameOrder::GivenFirst,
                lang: None,
                suffix: None,
            },
            original_name: None,
            birth_year: None,
            degrees: Vec::new(),
            positions: Vec::new(),
            affiliations: Vec::new(),
            address: None,
            orcid: None,
            email: None,
            publish_email: false,
            bio: None,
            incomplete: None,
        };
        let mut ac = ArticleContributor {
            contributor: person.id.clone(),
            role,
            credit: Vec::new(),
            corresponding: c.attribute("corresp") == Some("yes"),
            equal_contribution: c.attribute("equal-contrib") == Some("yes"),
            deceased: c.attribute("deceased") == Some("yes"),
            present_address: None,
        };
        let mut named = false;
        let mut bio_positions: Vec<(Vec<Text>, Option<String>)> = Vec::new();
        for k in c.children().filter(|n| n.is_element()) {
            match k.tag_name().name() {
                "contrib-id" => match (k.attribute("contrib-id-type"), orcid(&plain(k))) {
                    (Some("orcid"), Some(o)) if person.orcid.is_none() => person.orcid = Some(o),
                    _ => lose_element(ctx, k),
                },
                "name" | "string-name" if !named => {
                    named = true;
                    person.name = name(ctx, k);
                }
                "name-alternatives" if !named => {
                    named = true;
                    let mut names = k
                        .children()
                        .filter(|n| n.is_element())
                        .filter(|n| matches!(n.tag_name().name(), "name" | "string-name"));
                    if let Some(n) = names.next() {
                        person.name = name(ctx, n);
                    }
                    if let Some(n) = names.next() {
                        person.original_name = Some(name(ctx, n));
                    }
                    for n in names {
                        lose_element(ctx, n);
                    }
                    for n in k.children().filter(|n| n.is_element()) {
                        if !matches!(n.tag_name().name(), "name" | "string-name") {
                            lose_element(ctx, n);
                        }
                    }
                }
                "degrees" => person.degrees.extend(nonempty(k)),
                "role" => {
                    let is_word = k
                        .attribute("content-type")
                        .is_some_and(|t| enum_value::<Role>(t).is_some());
                    if is_word {
                        continue;
                    }
                    let credit = (k.attribute("vocab") == Some("credit")
                        || k.attribute("vocab-identifier")
                            .is_some_and(|v| v.contains("credit.niso.org")))
                    .then(|| credit_role(k))
                    .flatten();
                    match credit {
                        Some(r) => ac.credit.push(r),
                        None => lose_element(ctx, k),
                    }
                }
                "xref" => match k.attribute("ref-type") {
                    Some("aff") => {
                        for rid in k.attribute("rid").unwrap_or("").split_whitespace() {
                            match self.affs.get(rid) {
                                Some(a) => {
                                    if !person.affiliations.contains(a) {
                                        person.affiliations.push(a.clone());
                                    }
                                    linked_affs.push(rid.to_string());
                                }
                                None => lose_element(ctx, k),
                            }
                        }
                    }
                    Some("corresp") => ac.corresponding = true,
                    Some("fn") => {
                        let rid = k.attribute("rid").unwrap_or("");
                        match self.present.get(rid) {
                            Some(t) if ac.present_address.is_none() => {
                                ac.present_address = Some(t.clone());
                            }
                            _ => lose_element(ctx, k),
                        }
                    }
                    _ => lose_element(ctx, k),
                },
                "aff" | "aff-alternatives" => {
                    let a = affiliation(ctx, k, false);
                    person.affiliations.push(a);
                }
                "address" => {
                    let mut addr = Address::default();
                    for p in k.children().filter(|n| n.is_element()) {
                        if p.tag_name().name() == "email" {
                            self.email(ctx, p, &mut person);
                        } else if !address_part(p, &mut addr) {
                            lose_element(ctx, p);
                        }
                    }
                    if !addr.is_empty() {
                        person.address = Some(addr);
                    }
                }
                "email" => self.email(ctx, k, &mut person),
                "bio" => {
                    for p in k.children().filter(|n| n.is_element()) {
                        match (p.tag_name().name(), p.attribute("content-type")) {
                            ("p", Some("birth-year")) => {
                                let t = plain(p);
                                match t
                                    .strip_prefix("b. ")
                                    .and_then(|y| y.parse::<u16>().ok())
                                    .filter(|y| (1000..=2100).contains(y))
                                {
                                    Some(y) => person.birth_year = Some(y),
                                    None => lose_element(ctx, p),
                                }
                            }
                            ("p", Some("position")) => {
                                bio_positions.push(positions(ctx, p));
                            }
                            ("p", Some("incomplete")) => {
                                person.incomplete = Some(Incomplete { note: plain(p) });
                            }
                            ("p", None) if person.bio.is_none() => {
                                person.bio = Some(text(ctx, p));
                            }
                            _ => lose_element(ctx, p),
                        }
                    }
                }
                _ => lose_element(ctx, k),
            }
        }
        if !named {
            ctx.lose(
                c,
                None,
                "a contributor without a personal name (`collab`, `anonymous`…)",
            );
            return None;
        }
        // Positions: those that point at an affiliation belong to it, the others to
        // the person.
        for (ps, aff) in bio_positions {
            match aff.and_then(|rid| self.affs.get(&rid).cloned()) {
                Some(a) => match person.affiliations.iter_mut().find(|x| **x == a) {
                    Some(x) => x.positions.extend(ps),
                    None => {
                        let mut a = a;
                        a.positions = ps;
                        person.affiliations.push(a);
                    }
                },
                None => person.positions.extend(ps),
            }
        }
        self.people.push(person);
        Some(ac)
    }

    fn email(&mut self, ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, person: &mut Contributor) {
        let v = plain(node);
        let ok = v.split_once('@').is_some_and(|(a, b)| {
            !a.is_empty() && b.contains('.') && !v.chars().any(char::is_whitespace)
        }) && v.matches('@').count() == 1;
        if ok && person.email.is_none() {
            person.email = Some(Email(v));
        } else {
            lose_element(ctx, node);
        }
    }

    /// `abstract` with a type, a language or sections, `trans-abstract` → an extra
    /// abstract.
    fn extra_abstract(&mut self, ctx: &mut Ctx<'_, '_>, c: Node<'_, '_>) -> Option<ExtraAbstract> {
        check_attrs(ctx, c, &["abstract-type", "xml:lang"]);
        let lang = xml_lang(c).map(|l| Lang(l.to_string()));
        let kind = match c.attribute("abstract-type") {
            None => None,
            Some(t) => match enum_value::<AbstractType>(t) {
                Some(k) => Some(k),
                None => {
                    ctx.lose(c, Some("abstract-type"), format!("abstract-type `{t}`"));
                    None
                }
            },
        };
        let mut x = ExtraAbstract {
            lang: if c.tag_name().name() == "trans-abstract" {
                lang
            } else {
                lang.filter(|l| !l.0.eq_ignore_ascii_case(&self.lang.0))
            },
            kind,
            title: None,
            paragraphs: Vec::new(),
            sections: Vec::new(),
            figure: None,
        };
        for k in c.children().filter(|n| n.is_element()) {
            match k.tag_name().name() {
                "title" if x.title.is_none() => {
                    x.title = Some(ctx.within(key("title"), |ctx| text(ctx, k)));
                }
                "p" => {
                    let only_fig = k.children().all(|n| {
                        (n.is_text() && n.text().is_some_and(|t| t.trim().is_empty()))
                            || n.has_tag_name("fig")
                    }) && child(k, "fig").is_some();
                    if only_fig && x.figure.is_none() {
                        let blocks = ctx.within(key("figure"), |ctx| super::body::blocks(ctx, k));
                        for b in blocks {
                            match b {
                                crate::model::Block::Figure(f) if x.figure.is_none() => {
                                    x.figure = Some(f)
                                }
                                _ => ctx.lose(k, None, "a block in an abstract"),
                            }
                        }
                        continue;
                    }
                    let i = x.paragraphs.len();
                    let t = ctx.within(key("paragraphs"), |ctx| {
                        ctx.within(YamlStep::Index(i), |ctx| text(ctx, k))
                    });
                    x.paragraphs.push(t);
                }
                "sec"
                    if x.sections.is_empty()
                        && child(k, "title").is_none_or(|t| {
                            t.descendants()
                                .filter(|d| d.is_text())
                                .all(|d| d.text().is_none_or(|s| s.trim().is_empty()))
                        }) =>
                {
                    // An untitled part (`<title/>`, as PLOS writes a one-part abstract):
                    // galley's parts have titles, so its paragraphs are the abstract's.
                    let ps = ctx.within(key("paragraphs"), |ctx| paragraphs(ctx, k, &["title"]));
                    x.paragraphs.extend(ps);
                }
                "sec" => {
                    let i = x.sections.len();
                    let s = ctx.within(key("sections"), |ctx| {
                        ctx.within(YamlStep::Index(i), |ctx| {
                            let title = child(k, "title").map(|t| text(ctx, t));
                            let paragraphs =
                                ctx.within(key("paragraphs"), |ctx| paragraphs(ctx, k, &["title"]));
                            (title, paragraphs)
                        })
                    });
                    match s {
                        (Some(title), paragraphs) if !paragraphs.is_empty() => {
                            x.sections.push(AbstractSection { title, paragraphs });
                        }
                        _ => lose_element(ctx, k),
                    }
                }
                _ => lose_element(ctx, k),
            }
        }
        if x.paragraphs.is_empty() && x.sections.is_empty() && x.figure.is_none() {
            lose_element(ctx, c);
            return None;
        }
        Some(x)
    }

    fn funding_group(&mut self, ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, art: &mut Article) {
        for g in node.children().filter(|n| n.is_element()) {
            match g.tag_name().name() {
                "award-group" => {
                    let mut funder = None;
                    let mut funder_id = None;
                    let mut award_id = None;
                    let mut recipients = Vec::new();
                    for k in g.children().filter(|n| n.is_element()) {
                        match k.tag_name().name() {
                            "funding-source" if funder.is_none() => {
                                let inst = k.descendants().find(|n| n.has_tag_name("institution"));
                                funder = match inst {
                                    Some(i) => nonempty(i),
                                    None => nonempty(k),
                                };
                                if let Some(id) =
                                    k.descendants().find(|n| n.has_tag_name("institution-id"))
                                {
                                    let v = plain(id);
                                    funder_id = match id.attribute("institution-id-type") {
                                        Some("doi") => {
                                            doi(&v).map(|d| Url(format!("https://doi.org/{}", d.0)))
                                        }
                                        Some("ror") => url(&v),
                                        _ => None,
                                    };
                                    if funder_id.is_none() {
                                        lose_element(ctx, id);
                                    }
                                }
                            }
                            "award-id" if award_id.is_none() => award_id = nonempty(k),
                            "principal-award-recipient" => match self.recipient(k) {
                                Some(id) => recipients.push(id),
                                None => lose_element(ctx, k),
                            },
                            _ => lose_element(ctx, k),
                        }
                    }
                    match funder {
                        Some(funder) => art.funding.push(Funding {
                            funder,
                            funder_id,
                            award_id,
                            recipients,
                        }),
                        None => lose_element(ctx, g),
                    }
                }
                "funding-statement" if art.statements.funding.is_none() => {
                    art.statements.funding = Some(text(ctx, g));
                }
                _ => lose_element(ctx, g),
            }
        }
    }

    /// The id of the contributor a `principal-award-recipient` names (by ORCID, else by
    /// name).
    fn recipient(&self, node: Node<'_, '_>) -> Option<Id> {
        let o = node
            .descendants()
            .find(|n| n.has_tag_name("contrib-id"))
            .and_then(|n| orcid(&plain(n)));
        if let Some(o) = o {
            return self
                .people
                .iter()
                .find(|p| p.orcid.as_ref() == Some(&o))
                .map(|p| p.id.clone());
        }
        let n = node.descendants().find(|n| n.has_tag_name("name"))?;
        let family = child(n, "surname").map(plain);
        let given = child(n, "given-names").map(plain);
        self.people
            .iter()
            .find(|p| p.name.family == family && p.name.given == given)
            .map(|p| p.id.clone())
    }

    /// A `sub-article`: its `front-stub` (or `front`) mapped here, its body through
    /// [`super::body::blocks`].
    fn sub_article(
        &mut self,
        ctx: &mut Ctx<'_, '_>,
        node: Node<'_, '_>,
        article_lang: &Lang,
        i: usize,
    ) -> Option<SubArticle> {
        check_attrs(ctx, node, &["article-type", "id", "xml:lang"]);
        let kind = match node.attribute("article-type") {
            Some(t) => enum_value::<SubArticleType>(t).unwrap_or_else(|| {
                ctx.lose(
                    node,
                    Some("article-type"),
                    format!("sub-article type `{t}` (written as `other`)"),
                );
                SubArticleType::Other
            }),
            None => SubArticleType::Other,
        };
        let id = node
            .attribute("id")
            .filter(|id| id.chars().next().is_some_and(|c| c.is_ascii_alphabetic()))
            .map_or_else(|| format!("sa{}", i + 1), str::to_string);
        let lang = xml_lang(node)
            .filter(|l| !l.eq_ignore_ascii_case(&article_lang.0))
            .map(|l| Lang(l.to_string()));
        let mut s = SubArticle {
            id: Id(id),
            kind,
            lang,
            doi: None,
            title: Text::new(""),
            subtitle: None,
            contributors: Vec::new(),
            abstract_: Vec::new(),
            body: Vec::new(),
        };
        let mut linked = Vec::new();
        for c in node.children().filter(|n| n.is_element()) {
            match c.tag_name().name() {
                "front-stub" | "front" => {
                    for k in c.children().filter(|n| n.is_element()) {
                        match k.tag_name().name() {
                            "article-id"
                                if k.attribute("pub-id-type") == Some("doi") && s.doi.is_none() =>
                            {
                                match doi(&plain(k)) {
                                    Some(d) => s.doi = Some(d),
                                    None => lose_element(ctx, k),
                                }
                            }
                            "title-group" => {
                                for t in k.children().filter(|n| n.is_element()) {
                                    match t.tag_name().name() {
                                        "article-title" => {
                                            s.title = ctx.within(key("title"), |ctx| text(ctx, t));
                                        }
                                        "subtitle" if s.subtitle.is_none() => {
                                            s.subtitle = Some(
                                                ctx.within(key("subtitle"), |ctx| text(ctx, t)),
                                            );
                                        }
                                        _ => lose_element(ctx, t),
                                    }
                                }
                            }
                            "contrib-group" => {
                                for p in k.children().filter(|n| n.is_element()) {
                                    if p.tag_name().name() != "contrib" {
                                        lose_element(ctx, p);
                                        continue;
                                    }
                                    let j = s.contributors.len();
                                    let ac = ctx.within(key("contributors"), |ctx| {
                                        ctx.within(YamlStep::Index(j), |ctx| {
                                            self.contrib(ctx, p, &mut linked)
                                        })
                                    });
                                    s.contributors.extend(ac);
                                }
                            }
                            "abstract" if s.abstract_.is_empty() => {
                                s.abstract_ =
                                    ctx.within(key("abstract"), |ctx| paragraphs(ctx, k, &[]));
                            }
                            _ => lose_element(ctx, k),
                        }
                    }
                }
                "body" => s.body = ctx.within(key("body"), |ctx| super::body::blocks(ctx, c)),
                _ => lose_element(ctx, c),
            }
        }
        if s.title.as_str().is_empty() {
            ctx.lose(node, None, "a sub-article without a title");
            return None;
        }
        Some(s)
    }

    /// The files the article points at: `graphic`, `media`, `supplementary-material`,
    /// `inline-graphic`, with an `xlink:href` that is not a URL.
    fn collect_assets(&mut self, ctx: &mut Ctx<'_, '_>, root: Node<'_, '_>) {
        for n in root.descendants().filter(|n| n.is_element()) {
            if !matches!(
                n.tag_name().name(),
                "graphic" | "media" | "supplementary-material" | "inline-graphic"
            ) {
                continue;
            }
            let Some(h) = href(n) else { continue };
            if h.contains("://") || h.starts_with("mailto:") {
                continue;
            }
            let pos = ctx.doc.text_pos_at(n.range().start);
            self.assets.push(AssetRef {
                href: h.to_string(),
                line: pos.row,
                column: pos.col,
                xml_path: super::ctx::element_path(n),
            });
        }
    }
}

/// `article-categories` → the heading and the subject groups.
fn categories(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, art: &mut Article) {
    for g in node.children().filter(|n| n.is_element()) {
        if g.tag_name().name() != "subj-group" {
            lose_element(ctx, g);
            continue;
        }
        check_attrs(ctx, g, &["subj-group-type"]);
        let mut subjects = Vec::new();
        for s in g.children().filter(|n| n.is_element()) {
            match s.tag_name().name() {
                "subject" => subjects.extend(nonempty(s)),
                _ => lose_element(ctx, s),
            }
        }
        if subjects.is_empty() {
            continue;
        }
        let kind = g.attribute("subj-group-type");
        if kind == Some("heading") && art.heading.is_none() && subjects.len() == 1 {
            art.heading = subjects.pop();
            continue;
        }
        art.subjects.push(SubjectGroup {
            kind: kind.map(str::to_string),
            subjects,
        });
    }
}

/// `title-group` → title, subtitle, translated titles, the running head.
fn title_group(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, art: &mut Article) {
    for c in node.children().filter(|n| n.is_element()) {
        match c.tag_name().name() {
            "article-title" if art.title.as_str().is_empty() => {
                art.title = ctx.within(key("title"), |ctx| text(ctx, c));
            }
            "subtitle" if art.subtitle.is_none() => {
                art.subtitle = Some(ctx.within(key("subtitle"), |ctx| text(ctx, c)));
            }
            "trans-title-group" => {
                let i = art.title_translations.len();
                let lang = xml_lang(c).map(|l| Lang(l.to_string()));
                let (title, subtitle) = ctx.within(key("title_translations"), |ctx| {
                    ctx.within(YamlStep::Index(i), |ctx| {
                        let title = child(c, "trans-title").map(|t| text(ctx, t));
                        let subtitle = child(c, "trans-subtitle").map(|t| text(ctx, t));
                        for k in c.children().filter(|n| n.is_element()) {
                            if !matches!(k.tag_name().name(), "trans-title" | "trans-subtitle") {
                                lose_element(ctx, k);
                            }
                        }
                        (title, subtitle)
                    })
                });
                match (lang, title) {
                    (Some(lang), Some(title)) => art.title_translations.push(TitleTranslation {
                        lang,
                        title,
                        subtitle,
                    }),
                    _ => lose_element(ctx, c),
                }
            }
            "alt-title"
                if c.attribute("alt-title-type") == Some("running-head")
                    && art.short_title.is_none() =>
            {
                art.short_title = nonempty(c);
            }
            _ => lose_element(ctx, c),
        }
    }
}

/// `name` or `string-name` → a name.
fn name(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> PersonName {
    check_attrs(ctx, node, &["name-style", "xml:lang"]);
    let mut n = PersonName {
        family: None,
        given: None,
        order: if node.attribute("name-style") == Some("eastern") {
            NameOrder::FamilyFirst
        } else {
            NameOrder::GivenFirst
        },
        lang: xml_lang(node).map(|l| Lang(l.to_string())),
        suffix: None,
    };
    let has_parts = node.children().any(|c| c.is_element());
    if node.tag_name().name() == "string-name" && !has_parts {
        ctx.lose(
            node,
            None,
            "a name not split into family and given names (kept whole as the family name)",
        );
        n.family = nonempty(node);
        return n;
    }
    for c in node.children().filter(|n| n.is_element()) {
        match c.tag_name().name() {
            "surname" if n.family.is_none() => n.family = nonempty(c),
            "given-names" if n.given.is_none() => n.given = nonempty(c),
            "suffix" if n.suffix.is_none() => n.suffix = nonempty(c),
            _ => lose_element(ctx, c),
        }
    }
    n
}

/// A `role` of the CRediT vocabulary → the role.
fn credit_role(node: Node<'_, '_>) -> Option<CreditRole> {
    let from_url = node
        .attribute("vocab-term-identifier")
        .and_then(|u| u.trim_end_matches('/').rsplit('/').next())
        .and_then(enum_value::<CreditRole>);
    from_url.or_else(|| {
        let term = node
            .attribute("vocab-term")
            .map(str::to_string)
            .unwrap_or_else(|| plain(node));
        ALL_CREDIT
            .into_iter()
            .find(|r| r.term().eq_ignore_ascii_case(term.trim()))
    })
}

const ALL_CREDIT: [CreditRole; 14] = [
    CreditRole::Conceptualization,
    CreditRole::DataCuration,
    CreditRole::FormalAnalysis,
    CreditRole::FundingAcquisition,
    CreditRole::Investigation,
    CreditRole::Methodology,
    CreditRole::ProjectAdministration,
    CreditRole::Resources,
    CreditRole::Software,
    CreditRole::Supervision,
    CreditRole::Validation,
    CreditRole::Visualization,
    CreditRole::WritingOriginalDraft,
    CreditRole::WritingReviewEditing,
];

/// A `bio/p content-type="position"` → its positions, and the affiliation it points at.
fn positions(ctx: &mut Ctx<'_, '_>, p: Node<'_, '_>) -> (Vec<Text>, Option<String>) {
    let xref = child(p, "xref").filter(|x| x.attribute("ref-type") == Some("aff"));
    let Some(x) = xref else {
        return (vec![text(ctx, p)], None);
    };
    // "Position, Position, <xref>organisation</xref>", as galley writes it.
    let before: String = p
        .children()
        .take_while(|n| *n != x)
        .filter_map(|n| n.text())
        .collect();
    let before = before.trim_end().trim_end_matches(',');
    let ps = before
        .split(", ")
        .filter(|s| !s.trim().is_empty())
        .map(|s| Text::new(s.trim()))
        .collect();
    (ps, x.attribute("rid").map(str::to_string))
}

/// An address part (`addr-line`, `city`, `state`, `postal-code`, `country`) into `a`;
/// false when the element is none of them or its slot is taken.
fn address_part(node: Node<'_, '_>, a: &mut Address) -> bool {
    let v = nonempty(node);
    let slot = match (node.tag_name().name(), node.attribute("content-type")) {
        ("addr-line", Some("district")) => &mut a.district,
        ("addr-line", Some("street") | None) => &mut a.street,
        ("city", _) => &mut a.city,
        ("state", _) => &mut a.region,
        ("postal-code", _) => &mut a.postal_code,
        ("country", _) => {
            let code = node
                .attribute("country")
                .filter(|c| c.len() == 2 && c.chars().all(|ch| ch.is_ascii_uppercase()));
            if a.country.is_some() || a.country_code.is_some() {
                return false;
            }
            a.country_code = code.map(str::to_string);
            // galley writes a code without a name as the code itself.
            if code.is_none_or(|c| v.as_deref() != Some(c)) {
                a.country = v;
            }
            return true;
        }
        _ => return false,
    };
    if slot.is_some() || v.is_none() {
        return false;
    }
    *slot = v;
    true
}

/// `aff` or `aff-alternatives` → an affiliation. `unlinked` for one that no contributor
/// points at (then a position list would be a loss; it has none).
fn affiliation(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, unlinked: bool) -> Affiliation {
    let _ = unlinked;
    let mut a = Affiliation {
        positions: Vec::new(),
        department: None,
        institution: None,
        parent: None,
        address: None,
        ror: None,
        printed: None,
    };
    if node.tag_name().name() == "aff-alternatives" {
        let affs: Vec<Node<'_, '_>> = children(node, "aff").collect();
        let printed = affs
            .iter()
            .find(|n| n.attribute("content-type") == Some("printed"));
        if let Some(first) = affs
            .iter()
            .find(|n| n.attribute("content-type") != Some("printed"))
        {
            a = affiliation(ctx, *first, unlinked);
        }
        if let Some(p) = printed {
            let t = printed_text(*p);
            a.printed = Some(t).filter(|t| !t.is_empty());
        }
        for n in node.children().filter(|n| n.is_element()) {
            let used = n.has_tag_name("aff")
                && (Some(&n) == printed
                    || affs
                        .iter()
                        .find(|n| n.attribute("content-type") != Some("printed"))
                        == Some(&n));
            if !used {
                lose_element(ctx, n);
            }
        }
        return a;
    }
    check_attrs(ctx, node, &["id", "content-type"]);
    let mixed = node
        .children()
        .any(|n| n.is_text() && n.text().is_some_and(|t| !t.trim().is_empty()));
    let mut addr = Address::default();
    let mut parts = |ctx: &mut Ctx<'_, '_>, c: Node<'_, '_>, a: &mut Affiliation| match (
        c.tag_name().name(),
        c.attribute("content-type"),
    ) {
        ("institution", Some("dept")) if a.department.is_none() => a.department = nonempty(c),
        ("institution", Some("parent")) if a.parent.is_none() => a.parent = nonempty(c),
        ("institution", None) if a.institution.is_none() => a.institution = nonempty(c),
        ("institution-id", _)
            if c.attribute("institution-id-type") == Some("ror") && a.ror.is_none() =>
        {
            a.ror = nonempty(c)
        }
        _ => {
            if !address_part(c, &mut addr) {
                lose_element(ctx, c);
            }
        }
    };
    for c in node.children().filter(|n| n.is_element()) {
        match c.tag_name().name() {
            "label" => {}
            "institution-wrap" => {
                for k in c.children().filter(|n| n.is_element()) {
                    parts(ctx, k, &mut a);
                }
            }
            _ => parts(ctx, c, &mut a),
        }
    }
    if !addr.is_empty() {
        a.address = Some(addr);
    }
    // An affiliation of address lines only (PLOS writes a whole affiliation in one
    // `addr-line`) names no organisation galley can tag: it is kept as printed.
    let no_organisation = a.department.is_none() && a.institution.is_none() && a.parent.is_none();
    if mixed || no_organisation {
        a.printed = Some(printed_text(node)).filter(|t| !t.is_empty());
    }
    a
}

/// The text of an `aff` as printed: everything but its `label` and institution ids.
fn printed_text(node: Node<'_, '_>) -> String {
    let mut s = String::new();
    for n in node.descendants() {
        if n.is_text()
            && !n
                .ancestors()
                .any(|a| a.has_tag_name("label") || a.has_tag_name("institution-id"))
            && let Some(t) = n.text()
        {
            s.push_str(t);
        }
    }
    s.trim().to_string()
}

/// `author-notes` → statements (correspondence, competing interests, contributions);
/// present addresses were read before the contributors.
fn author_notes(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>, st: &mut Statements) {
    for c in node.children().filter(|n| n.is_element()) {
        match c.tag_name().name() {
            "corresp" if st.correspondence.is_none() => {
                st.correspondence = Some(ctx.within(key("correspondence"), |ctx| text(ctx, c)));
            }
            "fn" => {
                let slot = match c.attribute("fn-type") {
                    Some("present-address") => continue,
                    Some("coi-statement" | "conflict") => &mut st.competing_interests,
                    Some("con") => &mut st.author_contributions,
                    _ => {
                        lose_element(ctx, c);
                        continue;
                    }
                };
                let ps: Vec<Node<'_, '_>> = children(c, "p").collect();
                if slot.is_some() || ps.len() != 1 {
                    lose_element(ctx, c);
                    continue;
                }
                *slot = Some(text(ctx, ps[0]));
            }
            _ => lose_element(ctx, c),
        }
    }
}

/// `permissions` → the licence.
fn permissions(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Option<License> {
    let mut l = License {
        url: None,
        text: None,
        copyright: None,
    };
    for c in node.children().filter(|n| n.is_element()) {
        match c.tag_name().name() {
            "copyright-statement" if l.copyright.is_none() => l.copyright = nonempty(c),
            "license" if l.url.is_none() && l.text.is_none() => {
                let r = child(c, "license_ref")
                    .and_then(nonempty)
                    .or_else(|| href(c).map(str::to_string));
                l.url = r.as_deref().and_then(url);
                if r.is_some() && l.url.is_none() {
                    ctx.lose(c, None, "a licence reference that is not an http(s) URL");
                }
                for k in c.children().filter(|n| n.is_element()) {
                    match k.tag_name().name() {
                        "license_ref" => {}
                        "license-p" if l.text.is_none() => {
                            l.text = Some(ctx.within(key("text"), |ctx| text(ctx, k)));
                        }
                        _ => lose_element(ctx, k),
                    }
                }
                if l.url.is_none() {
                    // A statement that links its one licence (PLOS: "the <ext-link
                    // xlink:href=…/by/4.0/>Creative Commons Attribution License</ext-link>")
                    // states the licence's URL.
                    let links: Vec<&str> = c
                        .descendants()
                        .filter(|d| d.has_tag_name("ext-link") || d.has_tag_name("uri"))
                        .filter_map(href)
                        .collect();
                    if let [one] = links.as_slice() {
                        l.url = url(one);
                    }
                }
            }
            _ => lose_element(ctx, c),
        }
    }
    (l.url.is_some() || l.text.is_some() || l.copyright.is_some()).then_some(l)
}

/// `related-article related-article-type="translated-from"` → the translation's
/// provenance.
fn translation(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Option<Translation> {
    let original_lang = xml_lang(node).map(|l| Lang(l.to_string()));
    let mut title = None;
    let mut original_title = None;
    let mut s = SourcePublication {
        title: String::new(),
        title_original: None,
        year: None,
        volume: None,
        issue: None,
        pages: None,
        doi: None,
    };
    let mut fpage: Option<String> = None;
    let mut lpage: Option<String> = None;
    for c in node.children().filter(|n| n.is_element()) {
        match c.tag_name().name() {
            "article-title" if original_title.is_none() => {
                original_title = Some(ctx.within(key("original_title"), |ctx| text(ctx, c)));
            }
            "source" if c.attribute("content-type") == Some("original-script") => {
                s.title_original = nonempty(c);
            }
            "source" if title.is_none() => title = nonempty(c),
            "year" => match plain(c).parse::<u16>() {
                Ok(y) if (1000..=2100).contains(&y) => s.year = Some(y),
                _ => lose_element(ctx, c),
            },
            "volume" => s.volume = nonempty(c),
            "issue" => s.issue = nonempty(c),
            "fpage" => fpage = nonempty(c),
            "lpage" => lpage = nonempty(c),
            "page-range" => s.pages = nonempty(c),
            "pub-id" if c.attribute("pub-id-type") == Some("doi") => s.doi = doi(&plain(c)),
            _ => lose_element(ctx, c),
        }
    }
    if s.pages.is_none() {
        s.pages = match (fpage, lpage) {
            (Some(f), Some(l)) => Some(format!("{f}-{l}")),
            (Some(f), None) => Some(f),
            _ => None,
        };
    }
    match (original_lang, title) {
        (Some(original_lang), Some(t)) => {
            s.title = t;
            Some(Translation {
                original_lang,
                original_title,
                source: s,
            })
        }
        _ => {
            lose_element(ctx, node);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lost_elements_words_keep_mixed_content_and_part_elements() {
        let xml = "<x><custom-meta><meta-name>peer-review</meta-name><meta-value>double-blind</meta-value></custom-meta><p>Caf<italic>é</italic> au lait</p></x>";
        let doc = roxmltree::Document::parse(xml).unwrap();
        let mut kids = doc.root_element().children();
        assert_eq!(words(kids.next().unwrap()), "peer-review double-blind");
        assert_eq!(words(kids.next().unwrap()), "Café au lait");
    }
}
