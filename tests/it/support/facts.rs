//! The facts of a JATS article that an import must carry (issue 17), read from any JATS
//! file, and their comparison between two files: the original and galley's JATS of its
//! import. `tests/it/import_roundtrip.rs` matches each difference with a reported import
//! loss.
//!
//! A fact is a kind, a value and the element it was read from (its path as the importer
//! reports losses, [`galley::import::jats::ctx::element_path`]). Values are text as the
//! file has it: every character is kept, only XML whitespace is normalised — a run of
//! spaces, tabs and line ends that holds a line end or a tab (indentation) becomes one
//! space, and text is trimmed at its ends. A non-breaking, thin or hair space is never
//! touched. What an output writes its own way is not a fact: formulas are counted (their
//! MathML left out of the text around them), generated labels ("Figure 1", reference
//! numbers) are left out with the `label` elements.

use std::collections::BTreeMap;
use std::fmt;

use roxmltree::{Document, Node, ParsingOptions};

use galley::import::jats::ctx::element_path;

const MATHML: &str = "http://www.w3.org/1998/Math/MathML";
const XLINK: &str = "http://www.w3.org/1999/xlink";

/// What a fact is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// An article's (or sub-article's) title or subtitle, with its language.
    Title,
    /// A translated title, with its language.
    TransTitle,
    /// A contributor: role, the name as printed, the ORCID iD.
    Contributor,
    /// An affiliation's text (its label left out).
    Affiliation,
    /// An abstract's or translated abstract's text, with its language.
    Abstract,
    /// A keyword, with its language.
    Keyword,
    /// An article id: its type and value.
    ArticleId,
    /// A publication or history date: its type (`pub` for every publication date) and
    /// `YYYY[-MM[-DD]]`.
    Date,
    /// A paragraph of the body, the back matter or a floating object's notes, word for word.
    Paragraph,
    /// A section's (or appendix's) title.
    SectionTitle,
    /// A figure's caption (title and paragraphs).
    FigureCaption,
    /// A table's caption (title and paragraphs).
    TableCaption,
    /// A table cell's text.
    TableCell,
    /// How many formulas (display and inline, MathML or TeX) the file has.
    FormulaCount,
    /// How many references its reference lists have.
    ReferenceCount,
    /// A reference's DOI or PMID.
    ReferenceId,
}

impl Kind {
    /// Every kind, in the order of reports.
    pub const ALL: [Kind; 16] = [
        Kind::Title,
        Kind::TransTitle,
        Kind::Contributor,
        Kind::Affiliation,
        Kind::Abstract,
        Kind::Keyword,
        Kind::ArticleId,
        Kind::Date,
        Kind::Paragraph,
        Kind::SectionTitle,
        Kind::FigureCaption,
        Kind::TableCaption,
        Kind::TableCell,
        Kind::FormulaCount,
        Kind::ReferenceCount,
        Kind::ReferenceId,
    ];

    /// Its name in reports.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Title => "title",
            Kind::TransTitle => "trans-title",
            Kind::Contributor => "contributor",
            Kind::Affiliation => "affiliation",
            Kind::Abstract => "abstract",
            Kind::Keyword => "keyword",
            Kind::ArticleId => "article-id",
            Kind::Date => "date",
            Kind::Paragraph => "paragraph",
            Kind::SectionTitle => "section-title",
            Kind::FigureCaption => "figure-caption",
            Kind::TableCaption => "table-caption",
            Kind::TableCell => "table-cell",
            Kind::FormulaCount => "formula-count",
            Kind::ReferenceCount => "reference-count",
            Kind::ReferenceId => "reference-id",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One fact of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fact {
    pub kind: Kind,
    pub value: String,
    /// The element it was read from: `/article/body/sec[2]/p[3]`; for a count, the
    /// elements counted, each on its own (see [`Fact::paths`]).
    pub path: String,
    /// The elements a count counts (empty for other facts).
    pub counted: Vec<String>,
}

impl Fact {
    /// The elements this fact was read from.
    pub fn paths(&self) -> Vec<&str> {
        if self.counted.is_empty() {
            vec![self.path.as_str()]
        } else {
            self.counted.iter().map(String::as_str).collect()
        }
    }
}

/// The facts of one file, in document order within each kind.
#[derive(Debug, Clone, Default)]
pub struct Facts {
    pub facts: Vec<Fact>,
}

impl Facts {
    /// The facts of a kind.
    pub fn of(&self, kind: Kind) -> impl Iterator<Item = &Fact> {
        self.facts.iter().filter(move |f| f.kind == kind)
    }
}

/// The facts of a JATS file's text. The DOCTYPE is allowed and never fetched; an entity
/// that XML does not define is an error (the corpus has none; the importer resolves
/// them, `src/import/jats`).
pub fn extract(xml: &str) -> Result<Facts, String> {
    let opts = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = Document::parse_with_options(xml, opts).map_err(|e| e.to_string())?;
    let root = doc.root_element();
    if root.tag_name().name() != "article" {
        return Err(format!(
            "the root element is <{}>, not <article>",
            root.tag_name().name()
        ));
    }
    let mut out = Vec::new();
    let push = |out: &mut Vec<Fact>, kind: Kind, value: String, node: Node<'_, '_>| {
        // An empty title, caption or paragraph (`<title/>`) states nothing.
        let says_nothing = matches!(
            kind,
            Kind::SectionTitle | Kind::Paragraph | Kind::FigureCaption | Kind::TableCaption
        ) && value.is_empty();
        if says_nothing {
            return;
        }
        out.push(Fact {
            kind,
            value,
            path: element_path(node),
            counted: Vec::new(),
        });
    };

    let mut formulas = Vec::new();
    let mut refs = Vec::new();
    for n in root.descendants().filter(Node::is_element) {
        let name = local(n);
        let parent = n.parent_element().map(local).unwrap_or("");
        match name {
            "article-title" | "subtitle" if parent == "title-group" => {
                let v = format!("[{}] {}", lang_of(n), text(n));
                push(&mut out, Kind::Title, v, n);
            }
            "trans-title" | "trans-subtitle" => {
                let v = format!("[{}] {}", lang_of(n), text(n));
                push(&mut out, Kind::TransTitle, v, n);
            }
            "contrib" if in_front(n) => {
                push(&mut out, Kind::Contributor, contributor(n), n);
            }
            "aff" if in_front(n) => push(&mut out, Kind::Affiliation, text(n), n),
            "abstract" | "trans-abstract" => {
                let v = format!("[{}] {}", lang_of(n), text(n));
                push(&mut out, Kind::Abstract, v, n);
            }
            "kwd" => {
                let v = format!("[{}] {}", lang_of(n), text(n));
                push(&mut out, Kind::Keyword, v, n);
            }
            "article-id" => {
                let v = format!(
                    "{} {}",
                    id_type(n.attribute("pub-id-type").unwrap_or("-")),
                    text(n)
                );
                push(&mut out, Kind::ArticleId, v, n);
            }
            "pub-date" => push(&mut out, Kind::Date, format!("pub {}", date(n)), n),
            "date" if parent == "history" => {
                let v = format!("{} {}", n.attribute("date-type").unwrap_or("-"), date(n));
                push(&mut out, Kind::Date, v, n);
            }
            "p" if is_body_paragraph(n) => {
                for piece in paragraph_pieces(n) {
                    push(&mut out, Kind::Paragraph, piece, n);
                }
            }
            "title"
                if matches!(parent, "sec" | "app")
                    && !within(n, &["abstract", "trans-abstract"]) =>
            {
                push(&mut out, Kind::SectionTitle, text(n), n)
            }
            "caption" if parent == "fig" => push(&mut out, Kind::FigureCaption, text(n), n),
            "caption" if parent == "table-wrap" => push(&mut out, Kind::TableCaption, text(n), n),
            "td" | "th" => push(&mut out, Kind::TableCell, text(n), n),
            "disp-formula" | "inline-formula" => formulas.push(element_path(n)),
            "math"
                if n.tag_name().namespace() == Some(MATHML)
                    && !within(n, &["disp-formula", "inline-formula"]) =>
            {
                formulas.push(element_path(n))
            }
            "ref" if parent == "ref-list" => {
                refs.push(element_path(n));
                for id in n.descendants().filter(Node::is_element) {
                    let kind = match (local(id), id.attribute("pub-id-type")) {
                        ("pub-id", Some(t @ ("doi" | "pmid"))) => t,
                        ("ext-link", _) if id.attribute("ext-link-type") == Some("doi") => "doi",
                        _ => continue,
                    };
                    push(
                        &mut out,
                        Kind::ReferenceId,
                        format!("{kind} {}", text(id)),
                        id,
                    );
                }
            }
            _ => {}
        }
    }
    out.push(Fact {
        kind: Kind::FormulaCount,
        value: formulas.len().to_string(),
        path: "/article".into(),
        counted: formulas,
    });
    out.push(Fact {
        kind: Kind::ReferenceCount,
        value: refs.len().to_string(),
        path: "/article".into(),
        counted: refs,
    });
    // Document order within each kind, kinds in report order.
    out.sort_by_key(|f| f.kind);
    Ok(Facts { facts: out })
}

fn local<'a>(n: Node<'a, '_>) -> &'a str {
    n.tag_name().name()
}

/// Whether an ancestor of `n` has one of these names.
fn within(n: Node<'_, '_>, names: &[&str]) -> bool {
    n.ancestors()
        .skip(1)
        .any(|a| a.is_element() && names.contains(&local(a)))
}

/// In the front matter (`front`, a sub-article's `front-stub`), not in a reference.
fn in_front(n: Node<'_, '_>) -> bool {
    within(n, &["front", "front-stub"]) && !within(n, &["ref", "product", "related-article"])
}

/// A `p` of the running text: under `body`, `back` or `floats-group`, not in a caption, a
/// table cell, an abstract or a reference.
fn is_body_paragraph(n: Node<'_, '_>) -> bool {
    within(n, &["body", "back", "floats-group"])
        && !within(
            n,
            &[
                "caption",
                "td",
                "th",
                "abstract",
                "trans-abstract",
                "ref",
                "license",
            ],
        )
}

/// The language in force at `n` (`xml:lang` of it or its nearest ancestor), lower-cased;
/// `en` when none is stated: the JATS DTDs give `<article>`'s `xml:lang` the default `en`
/// (`article-atts` in JATS-journalpublishing1-3.dtd and the other tag sets), so a file
/// that states none is in English by the DTD.
fn lang_of(n: Node<'_, '_>) -> String {
    n.ancestors()
        .find_map(|a| a.attribute(("http://www.w3.org/XML/1998/namespace", "lang")))
        .map_or_else(|| "en".to_string(), str::to_lowercase)
}

/// An article id's type: `pmc` and `pmcid` are two names JATS has for PubMed Central's
/// id (`pmcid` since JATS 1.2; galley writes it), one fact.
fn id_type(t: &str) -> &str {
    if t == "pmc" { "pmcid" } else { t }
}

/// `YYYY[-MM[-DD]]` from a date's parts, else its `iso-8601-date`, else its text.
fn date(n: Node<'_, '_>) -> String {
    let part = |name: &str| {
        n.children()
            .find(|c| c.is_element() && local(*c) == name)
            .map(text)
    };
    let pad = |s: String| if s.len() == 1 { format!("0{s}") } else { s };
    // A month is a number in JATS; some publishers (APS) write its English name: the
    // same month.
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let month = |m: String| {
        let lower = m.to_lowercase();
        MONTHS
            .iter()
            .position(|name| *name == lower || (lower.len() >= 3 && name.starts_with(&lower)))
            .map_or(m, |i| (i + 1).to_string())
    };
    match part("year") {
        Some(y) => {
            let mut s = y;
            if let Some(m) = part("month") {
                s.push('-');
                s.push_str(&pad(month(m)));
                if let Some(d) = part("day") {
                    s.push('-');
                    s.push_str(&pad(d));
                }
            }
            if let Some(season) = part("season") {
                s.push(' ');
                s.push_str(&season);
            }
            s
        }
        None => n
            .attribute("iso-8601-date")
            .map_or_else(|| text(n), str::to_string),
    }
}

/// `role: name = other script's name [ORCID]`, the names as printed: given names first
/// unless `name-style="eastern"`.
fn contributor(n: Node<'_, '_>) -> String {
    let role = n.attribute("contrib-type").unwrap_or("-").to_lowercase();
    let mut names = Vec::new();
    for c in n.descendants().filter(Node::is_element) {
        if within(c, &["aff", "xref", "bio", "role"]) {
            continue;
        }
        match local(c) {
            "name" => {
                let part = |p: &str| {
                    c.children()
                        .find(|x| x.is_element() && local(*x) == p)
                        .map(text)
                        .filter(|s| !s.is_empty())
                };
                let (sur, given) = (part("surname"), part("given-names"));
                let mut parts: Vec<String> = Vec::new();
                parts.extend(part("prefix"));
                if c.attribute("name-style") == Some("eastern") {
                    parts.extend(sur);
                    parts.extend(given);
                } else {
                    parts.extend(given);
                    parts.extend(sur);
                }
                parts.extend(part("suffix"));
                names.push(parts.join(" "));
            }
            "string-name" if !within(c, &["name"]) => names.push(text(c)),
            "collab" => names.push(text(c)),
            _ => {}
        }
    }
    let orcid = n
        .descendants()
        .find(|c| local(*c) == "contrib-id" && c.attribute("contrib-id-type") == Some("orcid"))
        .map(|c| {
            let t = text(c);
            // The iD itself: resolvers write it as a URL (http or https), ORCID as digits.
            let id = t.rsplit('/').next().unwrap_or(&t).to_string();
            format!(" [orcid {id}]")
        })
        .unwrap_or_default();
    format!("{role}: {}{orcid}", names.join(" = "))
}

/// Elements whose text is not the text of the element around them: blocks that may stand
/// in a paragraph (each read as its own facts), formulas (counted), generated labels.
fn skipped(n: Node<'_, '_>) -> bool {
    if n.tag_name().namespace() == Some(MATHML) {
        return true;
    }
    matches!(
        local(n),
        "fig"
            | "fig-group"
            | "table-wrap"
            | "table-wrap-group"
            | "disp-formula"
            | "disp-formula-group"
            | "inline-formula"
            | "tex-math"
            | "list"
            | "def-list"
            | "boxed-text"
            | "disp-quote"
            | "fn"
            | "supplementary-material"
            | "graphic"
            | "media"
            | "chem-struct-wrap"
            | "array"
            | "preformat"
            | "statement"
            | "speech"
            | "verse-group"
            | "label"
            | "object-id"
            | "institution-id"
            | "alt-text"
            | "long-desc"
    )
}

/// Blocks that may stand inside a `p` in JATS but are blocks of their own in galley's
/// model: galley writes the text before and after one as two paragraphs around it.
const BLOCKS_IN_PARAGRAPHS: [&str; 15] = [
    "fig",
    "fig-group",
    "table-wrap",
    "table-wrap-group",
    "disp-formula",
    "disp-formula-group",
    "list",
    "def-list",
    "boxed-text",
    "disp-quote",
    "supplementary-material",
    "preformat",
    "statement",
    "speech",
    "verse-group",
];

/// A paragraph's text, in pieces split at the blocks that stand in it
/// ([`BLOCKS_IN_PARAGRAPHS`]): the text of one paragraph in JATS that galley writes as
/// paragraphs around a block is the same words, in the same pieces. Empty pieces (a
/// paragraph that is only a block) are left out.
fn paragraph_pieces(n: Node<'_, '_>) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut s = String::new();
    for c in n.children() {
        if c.is_element() && BLOCKS_IN_PARAGRAPHS.contains(&local(c)) {
            pieces.push(normalise(&s));
            s.clear();
        } else {
            collect(c, &mut s, false);
        }
    }
    pieces.push(normalise(&s));
    pieces.retain(|p| !p.is_empty());
    pieces
}

/// The text of an element: its text nodes in order, skipping [`skipped`] elements below it
/// (a `break` read as a line end), XML indentation normalised ([`normalise`]).
pub fn text(n: Node<'_, '_>) -> String {
    let mut s = String::new();
    collect(n, &mut s, true);
    normalise(&s)
}

fn collect(n: Node<'_, '_>, s: &mut String, top: bool) {
    if n.is_text() {
        s.push_str(n.text().unwrap_or(""));
        return;
    }
    if !n.is_element() {
        return;
    }
    if !top && skipped(n) {
        return;
    }
    match local(n) {
        // A line break is a line end: it joins the spaces around it into one.
        "break" => s.push('\n'),
        // Block children of a container are separate pieces of text.
        "p" | "title" | "sec" | "td" | "th" | "tr" if !top => {
            s.push('\n');
            for c in n.children() {
                collect(c, s, false);
            }
            s.push('\n');
        }
        _ => {
            for c in n.children() {
                collect(c, s, false);
            }
        }
    }
}

/// Only XML's indentation is normalised: a run of XML whitespace (space, tab, line feed,
/// carriage return) that holds a line end or a tab becomes one space; the ends are
/// trimmed of XML whitespace. Any other character is kept as it is.
pub fn normalise(s: &str) -> String {
    let xml_ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    let mut out = String::with_capacity(s.len());
    let mut run = String::new();
    for c in s.chars() {
        if xml_ws(c) {
            run.push(c);
            continue;
        }
        if !run.is_empty() {
            if run.contains(['\n', '\r', '\t']) {
                out.push(' ');
            } else {
                out.push_str(&run);
            }
            run.clear();
        }
        out.push(c);
    }
    out.trim_matches(xml_ws).to_string()
}

/// Every run of whitespace as one space, the ends trimmed: for finding words moved from
/// one element to another, never for comparing facts.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The whole text (every text node, labels included, MathML left out) of each element of
/// `xml` at one of `paths` ([`element_path`]; an attribute's path names its element),
/// [`collapse`]d.
pub fn texts_at<'p>(xml: &str, paths: impl Iterator<Item = &'p str>) -> Vec<String> {
    let opts = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let Ok(doc) = Document::parse_with_options(xml, opts) else {
        return Vec::new();
    };
    let wanted: std::collections::BTreeSet<&str> = paths.filter(|p| !p.contains("/@")).collect();
    doc.descendants()
        .filter(|n| n.is_element() && wanted.contains(element_path(*n).as_str()))
        .map(|n| {
            let t: String = n
                .descendants()
                .filter(|t| {
                    t.is_text()
                        && !t
                            .ancestors()
                            .any(|a| a.tag_name().namespace() == Some(MATHML))
                })
                .filter_map(|t| t.text())
                .collect::<Vec<_>>()
                .join(" ");
            // An empty link shows its address (what readers of JATS print for it).
            match n.attribute((XLINK, "href")) {
                Some(href) if t.trim().is_empty() => href.to_string(),
                _ => collapse(&t),
            }
        })
        .collect()
}

/// A difference between two files' facts: a value of the original that galley's file
/// lacks (`original`), a value of galley's that the original lacks (`galley`), or both
/// (the first unmatched of each, in document order: a value changed).
#[derive(Debug, Clone)]
pub struct Difference {
    pub kind: Kind,
    pub original: Option<Fact>,
    pub galley: Option<Fact>,
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let show = |x: &Option<Fact>| match x {
            Some(fact) => format!("{:?} ({})", clip(&fact.value), fact.path),
            None => "nothing".to_string(),
        };
        write!(
            f,
            "{}: original {} — galley's {}",
            self.kind,
            show(&self.original),
            show(&self.galley)
        )
    }
}

fn clip(s: &str) -> String {
    const MAX: usize = 160;
    if s.chars().count() <= MAX {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(MAX).collect::<String>())
    }
}

/// The differences between the facts of the original and of galley's file, kind by kind:
/// values compared as multisets (a value may move, not change), the unmatched ones of each
/// side paired in document order.
pub fn compare(original: &Facts, galley: &Facts) -> Vec<Difference> {
    let mut out = Vec::new();
    for kind in Kind::ALL {
        let a: Vec<&Fact> = original.of(kind).collect();
        let b: Vec<&Fact> = galley.of(kind).collect();
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &b {
            *left.entry(f.value.as_str()).or_default() += 1;
        }
        let mut only_a = Vec::new();
        for f in &a {
            match left.get_mut(f.value.as_str()) {
                Some(n) if *n > 0 => *n -= 1,
                _ => only_a.push(*f),
            }
        }
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for f in &a {
            *left.entry(f.value.as_str()).or_default() += 1;
        }
        let mut only_b = Vec::new();
        for f in &b {
            match left.get_mut(f.value.as_str()) {
                Some(n) if *n > 0 => *n -= 1,
                _ => only_b.push(*f),
            }
        }
        for i in 0..only_a.len().max(only_b.len()) {
            out.push(Difference {
                kind,
                original: only_a.get(i).map(|f| (*f).clone()),
                galley: only_b.get(i).map(|f| (*f).clone()),
            });
        }
    }
    out
}

/// The differences as a report: by kind, how many, and the first few of each.
pub fn report(diffs: &[Difference]) -> String {
    let mut s = String::new();
    for kind in Kind::ALL {
        let of: Vec<&Difference> = diffs.iter().filter(|d| d.kind == kind).collect();
        if of.is_empty() {
            continue;
        }
        s.push_str(&format!("  {kind}: {} difference(s)\n", of.len()));
        for d in of.iter().take(3) {
            s.push_str(&format!("    {d}\n"));
        }
    }
    s
}
