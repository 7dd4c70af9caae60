//! JATS `back` (and footnotes wherever they are) → the article's footnotes, references,
//! acknowledgements, appendices, end notes and supplementary material.
//!
//! References: `element-citation` (and NLM's `nlm-citation`) field by field, into the
//! model's CSL-like [`Reference`]; `mixed-citation` as the printed form (`printed`), its
//! tagged parts (names, titles, year, volume, pages, ids…) read as fields as well; one
//! without tagged parts is its printed form alone. Both, in `citation-alternatives` or
//! side by side, give fields and printed form, as galley writes them.

use roxmltree::Node;

use super::body::{self, caption, href_path, label};
use super::ctx::{Ctx, YamlStep};
use super::inline::{self, XLINK, XML, element_id, label_text, text};
use crate::model::{
    Appendix, Block, Doi, Footnote, Lang, PartialDate, Reference, ReferenceName, ReferenceType,
    Statements, Supplementary, Text, Titles, Url,
};

/// What `back` holds, in the model's terms.
#[derive(Debug, Default)]
pub struct Back {
    /// `fn-group/fn`.
    pub footnotes: Vec<Footnote>,
    /// `ref-list/ref`.
    pub references: Vec<Reference>,
    /// `ack` paragraphs.
    pub acknowledgements: Vec<Text>,
    /// `app-group/app`.
    pub appendices: Vec<Appendix>,
    /// `notes`.
    pub end_notes: Vec<Text>,
    /// `sec[@sec-type="supplementary-material"]/supplementary-material`.
    pub supplementary: Vec<Supplementary>,
    /// The statements `back` holds: `sec` of `sec-type` `data-availability`,
    /// `ethics-statement`, `ai-use`, `COI-statement`, `author-contributions`,
    /// `funding-information`, and `notes notes-type="publisher-note"`.
    pub statements: Statements,
    /// The headings `back` gives its parts (`ack`, `fn-group`, `ref-list`, the
    /// supplementary material's `sec`): the article's `titles`.
    pub titles: Titles,
}

/// Maps `back` (the element itself).
pub fn back(ctx: &mut Ctx<'_, '_>, back: Node<'_, '_>) -> Back {
    let mut out = Back::default();
    // The body's supplementary sections (PLOS, BMC) are the article's supplementary
    // material, before the back's own.
    let body_supplementary = back
        .parent_element()
        .into_iter()
        .flat_map(|a| a.children().filter(|c| c.has_tag_name("body")))
        .flat_map(|b| {
            b.children()
                .filter(|s| super::body::supplementary_in_body(*s))
        });
    for s in body_supplementary {
        supplementary(ctx, s, &mut out);
    }
    for c in back.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "ack" => ctx.within(YamlStep::Key("acknowledgements".into()), |ctx| {
                ack(ctx, c, &mut out)
            }),
            "fn-group" => ctx.within(YamlStep::Key("footnotes".into()), |ctx| {
                fn_group(ctx, c, &mut out)
            }),
            "ref-list" => ctx.within(YamlStep::Key("references".into()), |ctx| {
                ref_list(ctx, c, &mut out)
            }),
            "app-group" => ctx.within(YamlStep::Key("appendices".into()), |ctx| {
                for t in c.children().filter(|x| x.has_tag_name("title")) {
                    ctx.lose(t, None, "the appendices' common title");
                }
                for a in c.children().filter(|x| x.has_tag_name("app")) {
                    appendix(ctx, a, &mut out);
                }
            }),
            "app" => ctx.within(YamlStep::Key("appendices".into()), |ctx| {
                appendix(ctx, c, &mut out)
            }),
            "notes" => notes(ctx, c, &mut out),
            "sec" => sec(ctx, c, &mut out),
            "glossary" => {
                ctx.lose(c, None, "glossary (kept as an appendix of paragraphs)");
                as_appendix(ctx, c, &mut out);
            }
            "label" | "title" => ctx.lose(c, None, "the back matter's own heading"),
            other => {
                ctx.lose(
                    c,
                    None,
                    format!("{other} in the back matter (its text is kept as an appendix)"),
                );
                as_appendix(ctx, c, &mut out);
            }
        }
    }
    out
}

/// A part's `title` as a plain heading.
fn heading_of(n: Node<'_, '_>) -> Option<String> {
    n.children()
        .find(|c| c.has_tag_name("title"))
        .map(label_text)
        .filter(|t| !t.is_empty())
}

fn ack(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Back) {
    if let Some(h) = heading_of(n) {
        out.titles.acknowledgements = Some(h);
    }
    for b in body::blocks(ctx, n) {
        paragraphs_into(ctx, n, b, &mut out.acknowledgements, "acknowledgements");
    }
}

/// A block's paragraphs appended to a list of paragraphs (acknowledgements, end notes);
/// anything else is reported (its text kept where it has some).
fn paragraphs_into(
    ctx: &mut Ctx<'_, '_>,
    at: Node<'_, '_>,
    b: Block,
    into: &mut Vec<Text>,
    what: &str,
) {
    match b {
        Block::P(t) => into.push(t),
        Block::Section(s) => {
            ctx.lose(
                at,
                None,
                format!("a section in the {what} (its paragraphs are kept, its heading is not)"),
            );
            for b in s.content {
                paragraphs_into(ctx, at, b, into, what);
            }
        }
        Block::Quote(q) => {
            ctx.lose(
                at,
                None,
                format!("a quotation in the {what} (kept as paragraphs)"),
            );
            into.extend(q.paragraphs);
            into.extend(q.attribution);
        }
        Block::List(l) => {
            ctx.lose(
                at,
                None,
                format!("a list in the {what} (kept as paragraphs)"),
            );
            into.extend(l.items);
        }
        _ => ctx.lose(
            at,
            None,
            format!("a figure, table or formula in the {what}"),
        ),
    }
}

fn fn_group(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Back) {
    if let Some(h) = heading_of(n) {
        out.titles.notes = Some(h);
    }
    for f in n.children().filter(|c| c.has_tag_name("fn")) {
        let i = out.footnotes.len();
        ctx.within(YamlStep::Index(i), |ctx| {
            let id = element_id(ctx, f, "fn");
            if let Some(l) = f.children().find(|c| c.has_tag_name("label")) {
                let printed = label_text(l);
                if printed != (i + 1).to_string() {
                    ctx.lose(
                        l,
                        None,
                        format!("the footnote's own mark `{printed}` (galley numbers footnotes)"),
                    );
                }
            }
            let paras: Vec<Node<'_, '_>> = f.children().filter(|c| c.has_tag_name("p")).collect();
            let text = inline::paragraphs_joined(ctx, f, &paras);
            out.footnotes.push(Footnote { id, text });
        });
    }
}

fn ref_list(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Back) {
    match heading_of(n) {
        Some(h) if out.titles.references.is_none() => out.titles.references = Some(h),
        Some(_) => ctx.lose(n, None, "a second reference list's title"),
        None => {}
    }
    for c in n.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "ref" => {
                let i = out.references.len();
                let r = ctx.within(YamlStep::Index(i), |ctx| reference(ctx, c));
                out.references.push(r);
            }
            "ref-list" => ref_list(ctx, c, out),
            "title" | "label" => {}
            other => ctx.lose(c, None, format!("{other} in a reference list")),
        }
    }
}

/// Citation parts read as fields (in `element-citation`, and tagged in
/// `mixed-citation`).
const PARTS: &[&str] = &[
    "person-group",
    "name",
    "string-name",
    "collab",
    "etal",
    "article-title",
    "chapter-title",
    "data-title",
    "part-title",
    "source",
    "series",
    "year",
    "month",
    "day",
    "string-date",
    "volume",
    "issue",
    "fpage",
    "lpage",
    "page-range",
    "elocation-id",
    "edition",
    "publisher-name",
    "publisher-loc",
    "isbn",
    "pub-id",
    "ext-link",
    "uri",
    "date-in-citation",
    "comment",
    "institution",
];

/// Whether an element is a citation part (whose text a printed reference keeps and
/// whose facts the fields carry).
pub fn is_citation_part(n: Node<'_, '_>) -> bool {
    let name = n.tag_name().name();
    (PARTS.contains(&name) || matches!(name, "surname" | "given-names" | "prefix" | "suffix"))
        && n.ancestors().any(|a| {
            matches!(
                a.tag_name().name(),
                "mixed-citation" | "element-citation" | "nlm-citation"
            )
        })
}

/// One `ref` → a reference.
pub fn reference(ctx: &mut Ctx<'_, '_>, r: Node<'_, '_>) -> Reference {
    let id = element_id(ctx, r, "ref");
    let mut out = Reference {
        id,
        kind: ReferenceType::Document,
        printed: None,
        author: Vec::new(),
        et_al: false,
        editor: Vec::new(),
        translator: Vec::new(),
        title: None,
        container_title: None,
        collection_title: None,
        issued: None,
        issued_text: None,
        volume: None,
        issue: None,
        page: None,
        edition: None,
        publisher: None,
        publisher_place: None,
        doi: None,
        url: None,
        isbn: None,
        pmid: None,
        pmcid: None,
        accessed: None,
        language: None,
        note: None,
        label: label(r),
    };
    let cits: Vec<Node<'_, '_>> = r
        .descendants()
        .filter(|d| {
            matches!(
                d.tag_name().name(),
                "element-citation" | "mixed-citation" | "nlm-citation" | "citation"
            )
        })
        .collect();
    let structured = cits
        .iter()
        .copied()
        .find(|c| !c.has_tag_name("mixed-citation"));
    let mixed = cits
        .iter()
        .copied()
        .find(|c| c.has_tag_name("mixed-citation"));
    // A reference citing several works (APS: `c1a`, `c1b`… in one `ref`): one printed
    // text of them all; the fields are the first's.
    let mixeds: Vec<Node<'_, '_>> = cits
        .iter()
        .copied()
        .filter(|c| c.has_tag_name("mixed-citation"))
        .collect();
    for extra in cits
        .iter()
        .filter(|c| Some(**c) != structured && Some(**c) != mixed)
    {
        if extra.has_tag_name("mixed-citation") {
            ctx.lose(
                *extra,
                None,
                "a further work cited in the same reference (its printed text is kept with the first's, its parts are not)",
            );
        } else {
            ctx.lose(*extra, None, "a further citation of the same reference");
        }
    }
    for c in r.children().filter(|c| {
        c.is_element()
            && !matches!(
                c.tag_name().name(),
                "label"
                    | "citation-alternatives"
                    | "element-citation"
                    | "mixed-citation"
                    | "nlm-citation"
                    | "citation"
            )
    }) {
        ctx.lose(c, None, format!("{} in a reference", c.tag_name().name()));
    }
    if mixeds.len() > 1 {
        let parts: Vec<String> = mixeds
            .iter()
            .map(|m| text(ctx, *m).as_str().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        if !parts.is_empty() {
            out.printed = Some(Text::new(parts.join(" ")));
        }
    } else if let Some(m) = mixed {
        let t = text(ctx, m);
        if !t.as_str().is_empty() {
            out.printed = Some(t);
        }
    }
    let fields_from = structured.or_else(|| {
        mixed.filter(|m| {
            m.children()
                .any(|c| c.is_element() && PARTS.contains(&c.tag_name().name()))
        })
    });
    let typed = structured.or(mixed);
    let chapter = fields_from.is_some_and(|f| {
        f.children()
            .any(|c| c.has_tag_name("chapter-title") || c.has_tag_name("part-title"))
    });
    out.kind = match typed.and_then(|c| {
        c.attribute("publication-type")
            .or_else(|| c.attribute("citation-type"))
    }) {
        Some("journal") => ReferenceType::ArticleJournal,
        Some("book") if chapter => ReferenceType::Chapter,
        Some("book") => ReferenceType::Book,
        Some("confproc" | "conference" | "conf-proc") => ReferenceType::PaperConference,
        Some("report") => ReferenceType::Report,
        Some("thesis") => ReferenceType::Thesis,
        Some("webpage" | "web") => ReferenceType::Webpage,
        Some("data" | "dataset") => ReferenceType::Dataset,
        Some("periodical") => ReferenceType::ArticleMagazine,
        Some("newspaper") => ReferenceType::ArticleNewspaper,
        Some("other") | None => ReferenceType::Document,
        Some(other) => {
            if let Some(c) = typed {
                ctx.lose(
                    c,
                    Some("publication-type"),
                    format!("the kind of work cited, `{other}`"),
                );
            }
            ReferenceType::Document
        }
    };
    if let Some(f) = fields_from {
        fields(ctx, f, &mut out, mixed == Some(f));
    }
    if !out.states_something() {
        // Nothing read: the citation's whole text is its printed form.
        if let Some(c) = typed {
            let t = text(ctx, c);
            if !t.as_str().is_empty() {
                out.printed = Some(t);
            }
        }
    }
    out
}

/// The plain text of a part.
fn plain(n: Node<'_, '_>) -> Option<String> {
    Some(label_text(n)).filter(|s| !s.is_empty())
}

/// The fields of a citation, from its parts. In a `mixed-citation` (`mixed`), what is not
/// a part is the printed text's, and no loss.
fn fields(ctx: &mut Ctx<'_, '_>, c: Node<'_, '_>, out: &mut Reference, mixed: bool) {
    let mut title_node = None;
    let mut source = None;
    let (mut fpage, mut lpage) = (None, None);
    let (mut year, mut month, mut day) = (None, None, None);
    for p in c.children().filter(Node::is_element) {
        let name = p.tag_name().name();
        match name {
            "person-group" => {
                let kind = p.attribute("person-group-type").unwrap_or("author");
                let (names, etal) = names(ctx, p);
                match kind {
                    "author" => {
                        out.author.extend(names);
                        out.et_al |= etal;
                    }
                    "editor" => out.editor.extend(names),
                    "translator" => out.translator.extend(names),
                    other => ctx.lose(
                        p,
                        Some("person-group-type"),
                        format!("the names of the work's {other}s"),
                    ),
                }
                if etal && kind != "author" {
                    ctx.lose(p, None, "“et al.” after other names than the authors");
                }
            }
            "name" | "string-name" | "collab" => out.author.extend(person(ctx, p)),
            "etal" => out.et_al = true,
            "article-title" | "chapter-title" | "data-title" | "part-title" => match title_node {
                None => title_node = Some(p),
                Some(_) => ctx.lose(p, None, format!("a second title ({name})")),
            },
            "source" => match source {
                None => source = Some(p),
                Some(_) => ctx.lose(p, None, "a second source"),
            },
            "series" => out.collection_title = Some(text(ctx, p)),
            "year" => year = plain(p),
            "month" => month = plain(p),
            "day" => day = plain(p),
            "string-date" => out.issued_text = plain(p),
            "volume" => out.volume = plain(p),
            "issue" => out.issue = plain(p),
            "fpage" => fpage = plain(p),
            "lpage" => lpage = plain(p),
            "page-range" => out.page = plain(p),
            "elocation-id" => {
                if out.page.is_none() && fpage.is_none() {
                    ctx.lose(p, None, "an electronic location id (kept as the page)");
                    out.page = plain(p);
                } else {
                    ctx.lose(p, None, "an electronic location id");
                }
            }
            "edition" => out.edition = plain(p),
            "publisher-name" => out.publisher = plain(p),
            "publisher-loc" => out.publisher_place = plain(p),
            "institution" if out.publisher.is_none() => out.publisher = plain(p),
            "isbn" => out.isbn = plain(p),
            "pub-id" => pub_id(ctx, p, out),
            "ext-link" | "uri" => {
                let href = p
                    .attribute((XLINK, "href"))
                    .map(str::to_string)
                    .or_else(|| plain(p));
                match href.filter(|h| inline::valid_url(h) && !h.starts_with("mailto:")) {
                    Some(h) if out.url.is_none() => {
                        if let Some(doi) = doi_of(&h).filter(|_| out.doi.is_none()) {
                            out.doi = Some(doi);
                        } else {
                            out.url = Some(Url(h));
                        }
                    }
                    _ => ctx.lose(p, None, "a link of the reference"),
                }
            }
            "date-in-citation" => {
                let v = p
                    .attribute("iso-8601-date")
                    .map(str::to_string)
                    .or_else(|| plain(p));
                match v.filter(|v| valid_date(v)) {
                    Some(d)
                        if matches!(p.attribute("content-type"), None | Some("access-date")) =>
                    {
                        out.accessed = Some(PartialDate(d))
                    }
                    _ => ctx.lose(p, None, "a date in the citation"),
                }
            }
            // An empty `comment` (BMC writes `<comment></comment>`) says nothing.
            "comment" if !inline::has_content(&p.children().collect::<Vec<_>>()) => {}
            "comment" => {
                let t = text(ctx, p);
                out.note = Some(match out.note.take() {
                    Some(n) => Text::new(format!("{} {}", n.as_str(), t.as_str())),
                    None => t,
                });
            }
            _ if mixed => {
                // Styling and other elements of the printed text: kept there.
            }
            other => ctx.lose(p, None, format!("{other} in a reference")),
        }
    }
    // The work's own title, and its container.
    let lang_of = |n: Node<'_, '_>| {
        n.attribute((XML, "lang"))
            .filter(|l| inline::valid_lang(l))
            .map(|l| Lang(l.to_string()))
    };
    match (title_node, source) {
        (Some(t), s) => {
            out.title = Some(text(ctx, t)).filter(|t| !t.as_str().is_empty());
            out.language = lang_of(t);
            out.container_title = s.map(|s| text(ctx, s)).filter(|t| !t.as_str().is_empty());
        }
        // An article cited without its title (physics journals print none): the
        // `source` is the periodical, not the work's title.
        (None, Some(s))
            if matches!(
                out.kind,
                ReferenceType::ArticleJournal
                    | ReferenceType::ArticleMagazine
                    | ReferenceType::ArticleNewspaper
            ) =>
        {
            out.container_title = Some(text(ctx, s)).filter(|t| !t.as_str().is_empty());
        }
        (None, Some(s)) => {
            out.title = Some(text(ctx, s)).filter(|t| !t.as_str().is_empty());
            out.language = lang_of(s);
        }
        (None, None) => {}
    }
    out.page = out.page.take().or(match (fpage, lpage) {
        (Some(f), Some(l)) => Some(format!("{f}-{l}")),
        (Some(f), None) => Some(f),
        (None, Some(l)) => Some(l),
        (None, None) => None,
    });
    // The date of issue: a calendar date when the parts make one, else as printed.
    if let Some(y) = year {
        let m = month.as_deref().and_then(month_number);
        let date = match (m, day.as_deref().and_then(|d| d.parse::<u8>().ok())) {
            (Some(m), Some(d)) => format!("{y}-{m:02}-{d:02}"),
            (Some(m), None) => format!("{y}-{m:02}"),
            _ => y.clone(),
        };
        if valid_date(&date) {
            out.issued = Some(PartialDate(date));
            if month.is_some() && m.is_none() {
                ctx.lose(
                    c,
                    None,
                    "the month of the date of issue (not a month galley reads)",
                );
            }
        } else if valid_date(&y) {
            out.issued = Some(PartialDate(y));
            ctx.lose(
                c,
                None,
                "the month or day of the date of issue (not a calendar date)",
            );
        } else if out.issued_text.is_none() {
            // `1995a`, `1995-1996`, `in press`: the year as printed.
            out.issued_text = Some(y);
        } else {
            ctx.lose(c, None, "the year, beside the date as printed");
        }
    }
}

/// `1`–`12`, `01`–`12`, or an English month name or abbreviation → its number.
fn month_number(m: &str) -> Option<u8> {
    if let Ok(n) = m.trim().parse::<u8>() {
        return (1..=12).contains(&n).then_some(n);
    }
    const NAMES: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let l = m.trim().to_lowercase();
    NAMES
        .iter()
        .position(|n| l.starts_with(n) && l.len() >= 3)
        .map(|i| i as u8 + 1)
}

fn valid_date(s: &str) -> bool {
    let shape = {
        let b = s.as_bytes();
        let digits =
            |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
        match b.len() {
            4 => digits(0..4),
            7 => digits(0..4) && b[4] == b'-' && digits(5..7),
            10 => digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10),
            _ => false,
        }
    };
    shape && PartialDate::calendar_problem(s).is_none() && !s.ends_with("-00")
}

/// A DOI from a DOI's URL (`https://doi.org/10.…`), or a bare DOI.
fn doi_of(s: &str) -> Option<Doi> {
    let d = s
        .trim()
        .trim_start_matches("https://doi.org/")
        .trim_start_matches("http://doi.org/")
        .trim_start_matches("https://dx.doi.org/")
        .trim_start_matches("http://dx.doi.org/")
        .trim_start_matches("doi:");
    let (prefix, suffix) = d.split_once('/')?;
    let reg = prefix.strip_prefix("10.")?;
    let ok = (4..=9).contains(&reg.len())
        && reg.chars().all(|c| c.is_ascii_digit())
        && !suffix.is_empty()
        && !suffix.chars().any(char::is_whitespace);
    ok.then(|| Doi(d.to_string()))
}

fn pub_id(ctx: &mut Ctx<'_, '_>, p: Node<'_, '_>, out: &mut Reference) {
    let v = plain(p).unwrap_or_default();
    match p.attribute("pub-id-type") {
        Some("doi") => match doi_of(&v) {
            Some(d) if out.doi.is_none() => out.doi = Some(d),
            _ => ctx.lose(
                p,
                None,
                format!("the DOI `{v}` (not a DOI galley takes, or a second one)"),
            ),
        },
        Some("pmid") if out.pmid.is_none() && !v.is_empty() => out.pmid = Some(v),
        Some("pmcid") if out.pmcid.is_none() && !v.is_empty() => out.pmcid = Some(v),
        Some("isbn") if out.isbn.is_none() && !v.is_empty() => out.isbn = Some(v),
        other => ctx.lose(
            p,
            None,
            format!(
                "an identifier of the work cited ({})",
                other.unwrap_or("of no type")
            ),
        ),
    }
}

/// The names of a `person-group`, and whether it ends in `etal`.
fn names(ctx: &mut Ctx<'_, '_>, g: Node<'_, '_>) -> (Vec<ReferenceName>, bool) {
    let mut out = Vec::new();
    let mut etal = false;
    for c in g.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "etal" => etal = true,
            "name" | "string-name" | "collab" | "anonymous" => out.extend(person(ctx, c)),
            "aff" | "role" | "x" => {}
            other => ctx.lose(c, None, format!("{other} among the names of a reference")),
        }
    }
    (out, etal)
}

/// One name: `name` (surname, given names), `string-name` (the same, or a name as
/// printed), `collab` (an organisation).
fn person(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>) -> Option<ReferenceName> {
    let part = |tag: &str| n.children().find(|c| c.has_tag_name(tag)).and_then(plain);
    match n.tag_name().name() {
        "collab" | "anonymous" => plain(n).map(|l| ReferenceName {
            family: None,
            given: None,
            literal: Some(l),
        }),
        _ => {
            for x in ["prefix", "suffix"] {
                if let Some(p) = n.children().find(|c| c.has_tag_name(x)) {
                    ctx.lose(p, None, format!("a name's {x}"));
                }
            }
            let (family, given) = (part("surname"), part("given-names"));
            if family.is_none() && given.is_none() {
                return plain(n).map(|l| ReferenceName {
                    family: None,
                    given: None,
                    literal: Some(l),
                });
            }
            Some(ReferenceName {
                family,
                given,
                literal: None,
            })
        }
    }
}

/// `app` → an appendix. One the source heads with the word "Appendix" alone (in the
/// article's language), and no label, has no title of its own: galley writes that word
/// for an appendix with neither label nor title.
fn appendix(ctx: &mut Ctx<'_, '_>, a: Node<'_, '_>, out: &mut Back) {
    let i = out.appendices.len();
    let app = ctx.within(YamlStep::Index(i), |ctx| {
        let id = a.attribute("id").map(|x| ctx.id(x));
        let (label, mut title) = body::heading(ctx, a);
        let word = crate::l10n::term(&inline::article_lang(ctx), crate::l10n::Term::Appendix);
        if label.is_none()
            && title.as_ref().is_some_and(|t| {
                let markup = match word.lang {
                    Some(l) => format!("[{}]{{lang={l}}}", word.text),
                    None => word.text.to_string(),
                };
                t.as_str() == markup
            })
        {
            title = None;
        }
        let content = ctx.within(YamlStep::Key("content".into()), |ctx| body::blocks(ctx, a));
        (id, label, title, content)
    });
    let (id, label, title, content) = app;
    if content.is_empty() {
        ctx.lose(a, None, "an appendix without content (left out)");
        return;
    }
    out.appendices.push(Appendix {
        id,
        label,
        title,
        content,
    });
}

/// An element of the back matter the model has no place for, as an appendix: its title
/// and its blocks.
fn as_appendix(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Back) {
    let (label, title) = body::heading(ctx, n);
    let mut content = body::blocks(ctx, n);
    if content.is_empty() {
        let t = text(ctx, n);
        if !t.as_str().is_empty() && title.is_none() {
            content.push(Block::P(t));
        }
    }
    if content.is_empty() {
        return;
    }
    out.appendices.push(Appendix {
        id: n.attribute("id").map(|x| ctx.id(x)),
        label,
        title,
        content,
    });
}

fn notes(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, out: &mut Back) {
    if n.attribute("notes-type") == Some("publisher-note") {
        out.statements.publishers_note = Some(statement_text(ctx, n));
        return;
    }
    if let Some(t) = n.children().find(|c| c.has_tag_name("title")) {
        ctx.lose(t, None, "the end notes' title");
    }
    let blocks = body::blocks(ctx, n);
    let mut texts = Vec::new();
    for b in blocks {
        paragraphs_into(ctx, n, b, &mut texts, "end notes");
    }
    out.end_notes.extend(texts);
}

/// A statement's paragraphs as one text.
fn statement_text(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>) -> Text {
    let blocks = body::blocks(ctx, n);
    let mut texts = Vec::new();
    for b in blocks {
        paragraphs_into(ctx, n, b, &mut texts, "statement");
    }
    if texts.len() > 1 {
        ctx.lose(
            n,
            None,
            "a statement of several paragraphs (joined with a space)",
        );
    }
    Text::new(texts.iter().map(Text::as_str).collect::<Vec<_>>().join(" "))
}

/// A `sec` of `back`: supplementary material, a statement, or else an appendix.
fn sec(ctx: &mut Ctx<'_, '_>, s: Node<'_, '_>, out: &mut Back) {
    let st = &mut out.statements;
    let slot = match s.attribute("sec-type") {
        Some("supplementary-material") => {
            supplementary(ctx, s, out);
            return;
        }
        Some("data-availability") => &mut st.data_availability,
        Some("ethics-statement") => &mut st.ethics,
        Some("ai-use") => &mut st.ai_use,
        Some("COI-statement" | "coi-statement") => &mut st.competing_interests,
        Some("author-contributions") => &mut st.author_contributions,
        Some("funding-information") => &mut st.funding,
        _ => {
            ctx.lose(
                s,
                None,
                "a section of the back matter (kept as an appendix)",
            );
            as_appendix(ctx, s, out);
            return;
        }
    };
    if slot.is_some() {
        ctx.lose(
            s,
            None,
            "a second statement of the same kind (kept as an appendix)",
        );
        as_appendix(ctx, s, out);
        return;
    }
    let t = statement_text(ctx, s);
    if !t.as_str().is_empty() {
        match s.attribute("sec-type") {
            Some("data-availability") => out.statements.data_availability = Some(t),
            Some("ethics-statement") => out.statements.ethics = Some(t),
            Some("ai-use") => out.statements.ai_use = Some(t),
            Some("COI-statement" | "coi-statement") => out.statements.competing_interests = Some(t),
            Some("author-contributions") => out.statements.author_contributions = Some(t),
            _ => out.statements.funding = Some(t),
        }
    }
}

/// `sec sec-type="supplementary-material"`: its title, and a supplementary item per
/// `supplementary-material` (other content reported).
fn supplementary(ctx: &mut Ctx<'_, '_>, s: Node<'_, '_>, out: &mut Back) {
    let before = out.supplementary.len();
    if let Some(h) = heading_of(s) {
        out.titles.supplementary = Some(h);
    }
    for c in s.children().filter(Node::is_element) {
        match c.tag_name().name() {
            "title" | "label" => {}
            "supplementary-material" => {
                let i = out.supplementary.len();
                if let Some(item) = ctx.within(YamlStep::Key("supplementary".into()), |ctx| {
                    ctx.within(YamlStep::Index(i), |ctx| supplementary_item(ctx, c))
                }) {
                    out.supplementary.push(item);
                }
            }
            other => ctx.lose(c, None, format!("{other} among the supplementary material")),
        }
    }
    // A heading over no item galley keeps is printed by nothing.
    if out.supplementary.len() == before
        && let Some(t) = s.children().find(|c| c.has_tag_name("title"))
    {
        ctx.lose(
            t,
            None,
            "the supplementary section's heading (none of its items is imported)",
        );
    }
}

/// One `supplementary-material` → a supplementary item: the file (a relative
/// `xlink:href`), else the DOI (`object-id`), its media type when its name does not tell
/// it, label and caption.
pub fn supplementary_item(ctx: &mut Ctx<'_, '_>, c: Node<'_, '_>) -> Option<Supplementary> {
    let id = element_id(ctx, c, "supp");
    // The file is the element's own `xlink:href`, or that of the one `media` it holds
    // (PMC, PLOS and BMC write `<media xlink:href="….doc" mimetype=…>` inside).
    let medias: Vec<Node<'_, '_>> = c.children().filter(|x| x.has_tag_name("media")).collect();
    let media_node = match (c.attribute((XLINK, "href")), &medias[..]) {
        (None, [m]) if m.attribute((XLINK, "href")).is_some() => Some(*m),
        _ => None,
    };
    let file_node = media_node.unwrap_or(c);
    let href = file_node.attribute((XLINK, "href"));
    let doi = c
        .children()
        .find(|x| x.has_tag_name("object-id") && x.attribute("pub-id-type") == Some("doi"))
        .and_then(plain)
        .and_then(|d| doi_of(&d));
    // PLOS names its files by DOI: `xlink:href="info:doi/10.1371/….s001"`.
    let info_doi = href
        .and_then(|h| h.strip_prefix("info:doi/"))
        .and_then(doi_of);
    let doi = doi.or(info_doi.clone());
    let href = href.filter(|_| info_doi.is_none());
    let file = href.filter(|h| !h.contains("://")).map(href_path);
    if let Some(h) = href.filter(|h| h.contains("://"))
        && doi.as_ref().is_none_or(|d| doi_of(h).as_ref() != Some(d))
    {
        ctx.lose(
            c,
            Some("xlink:href"),
            format!("the address `{h}` of a supplementary file kept elsewhere"),
        );
    }
    let media = match (
        file_node.attribute("mimetype"),
        file_node.attribute("mime-subtype"),
    ) {
        (Some(a), Some(b)) => Some(format!("{a}/{b}")),
        (Some(a), None) if a.contains('/') => Some(a.to_string()),
        _ => None,
    };
    let guessed = file
        .as_deref()
        .and_then(|f| mime_guess::from_path(f).first())
        .map(|m| m.essence_str().to_string());
    let media_type = media.filter(|m| Some(m) != guessed.as_ref());
    let label = label(c);
    let (title, caption) = caption(ctx, c);
    for x in c.children().filter(|x| {
        x.is_element()
            && Some(*x) != media_node
            && !matches!(x.tag_name().name(), "label" | "caption" | "object-id")
    }) {
        ctx.lose(
            x,
            None,
            format!("{} in a supplementary item", x.tag_name().name()),
        );
    }
    if let Some(m) = media_node {
        for x in m.children().filter(Node::is_element) {
            ctx.lose(
                x,
                None,
                format!("{} of a supplementary item's file", x.tag_name().name()),
            );
        }
    }
    if file.is_none() && doi.is_none() {
        ctx.lose(
            c,
            None,
            "a supplementary item with neither a file nor a DOI (left out)",
        );
        return None;
    }
    Some(Supplementary {
        id,
        label,
        title,
        caption,
        file,
        media_type,
        doi,
    })
}
