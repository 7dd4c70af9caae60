//! Named CSL styles through hayagriva: every generated citation's text and the reference
//! list, computed once when the article is resolved.
//!
//! The article's references become CSL-JSON items (galley's reference fields are CSL's);
//! the citations are submitted to one [`BibliographyDriver`] in document order, one
//! request per cited reference, so that a numeric style numbers by first citation and an
//! author–date style disambiguates ("2001a") across the article, while each reference's
//! text stays its own piece. References never cited are submitted hidden, so that the
//! reference list still holds them.

use std::collections::{HashMap, HashSet};

use hayagriva::archive::{ArchivedStyle, locales};
use hayagriva::citationberg::json::Item;
use hayagriva::citationberg::{
    CitationFormat, IndependentStyle, LocaleCode, Style, StyleCategory, StyleClass,
};
use hayagriva::{
    BibliographyDriver, BibliographyRequest, CitationItem, CitationRequest, CitePurpose, ElemChild,
    ElemChildren,
};
use serde_json::{Map, Value, json};

use crate::inline::{CiteMode, Inline};
use crate::model::{Article, PartialDate, Reference, ReferenceName, for_each_text};

/// The form a reference's citation text takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Form {
    /// In a citation group, `[@a]` or bare `[!@a]`: "Shen, 1995" (APA), "1" (Vancouver).
    Normal,
    /// Narrative `@a`: "Shen (1995)", "Shen [1]" (hayagriva's prose form).
    Narrative,
    /// Suppress-author `[-@a]` in an author–date style: "1995" (hayagriva's year form).
    SuppressAuthor,
}

impl Form {
    /// The form of a citation written in `mode`, suppressing its author or not.
    pub(super) fn of(mode: CiteMode, suppress_author: bool) -> Form {
        match (mode, suppress_author) {
            (CiteMode::Narrative, _) => Form::Narrative,
            (_, true) => Form::SuppressAuthor,
            _ => Form::Normal,
        }
    }
}

/// One entry of the style's reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CslEntry {
    /// The reference's id.
    pub id: String,
    /// The first field a numeric style sets apart ("1.", "[1]"), as the style prints it.
    pub label: Option<String>,
    /// The entry, its italics, bold, small capitals, super- and subscripts as galley's
    /// inline markup.
    pub content: Vec<Inline>,
}

/// What a CSL style generated for one article.
#[derive(Debug, Clone, Default)]
pub struct Csl {
    /// The citation layout's prefix ("(" in APA), printed before a bracketed group.
    pub prefix: String,
    /// The citation layout's suffix (")").
    pub suffix: String,
    /// The citation layout's delimiter between references ("; ").
    pub delimiter: String,
    /// Each reference's citation text by id and form (its first occurrence's).
    texts: HashMap<(String, Form), String>,
    /// The reference list in the style's order.
    pub bibliography: Vec<CslEntry>,
}

impl Csl {
    /// The citation text of reference `id` in `form`, as the style generated it.
    pub(super) fn text(&self, id: &str, form: Form) -> Option<&str> {
        self.texts
            .get(&(id.to_string(), form))
            .or_else(|| self.texts.get(&(id.to_string(), Form::Normal)))
            .map(String::as_str)
    }

    /// The label the style's reference list sets apart for reference `id`.
    pub(super) fn label(&self, id: &str) -> Option<&str> {
        self.bibliography
            .iter()
            .find(|e| e.id == id)
            .and_then(|e| e.label.as_deref())
    }
}

/// The independent style named `name` in hayagriva's archive, if there is one.
pub fn archived_style(name: &str) -> Option<IndependentStyle> {
    match ArchivedStyle::by_name(name)?.get() {
        Style::Independent(s) => Some(s),
        Style::Dependent(_) => None,
    }
}

/// Every style name hayagriva's archive knows, for hints.
pub fn archived_names() -> impl Iterator<Item = &'static str> {
    ArchivedStyle::all()
        .iter()
        .flat_map(|s| s.names().iter().copied())
}

/// Whether the style writes its citations as notes (galley writes citations in the text,
/// so validation refuses such a style).
pub fn is_note_style(style: &IndependentStyle) -> bool {
    style.settings.class == StyleClass::Note
}

/// Whether the style's citations are numbers or labels rather than author and date.
fn is_numeric(style: &IndependentStyle) -> bool {
    style.info.category.iter().any(|c| {
        matches!(
            c,
            StyleCategory::CitationFormat {
                format: CitationFormat::Numeric | CitationFormat::Label
            }
        )
    })
}

/// Renders the article's citations and reference list in the style named `name`
/// (`None` for a name the archive lacks: validation refuses it).
pub(super) fn render(article: &Article, name: &str) -> Option<Csl> {
    let style = archived_style(name)?;
    let locale_files = locales();
    let items: Vec<Item> = article.references.iter().map(item).collect();
    let index: HashMap<&str, usize> = article
        .references
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let mut order = Vec::new();
    for_each_text(article, &mut |_, t| {
        citations_in(&t.inlines(), &index, &mut order);
    });
    let numeric = is_numeric(&style);
    let locale = Some(LocaleCode(article.lang.as_str().to_string()));
    let mut driver = BibliographyDriver::new();
    let mut cited = HashSet::new();
    for &(i, form) in &order {
        cited.insert(i);
        // Suppress-author maps onto hayagriva's year form; a numeric style has no author
        // to suppress. A bare group is the normal form without the layout's affixes.
        let purpose = match form {
            Form::Normal => None,
            Form::Narrative => Some(CitePurpose::Prose),
            Form::SuppressAuthor if numeric => None,
            Form::SuppressAuthor => Some(CitePurpose::Year),
        };
        let item = CitationItem::new(&items[i], None, None, false, purpose);
        driver.citation(CitationRequest::new(
            vec![item],
            &style,
            locale.clone(),
            &locale_files,
            None,
        ));
    }
    let hidden: Vec<_> = (0..items.len())
        .filter(|i| !cited.contains(i))
        .map(|i| CitationItem::new(&items[i], None, None, true, None))
        .collect();
    if !hidden.is_empty() {
        driver.citation(CitationRequest::new(
            hidden,
            &style,
            locale.clone(),
            &locale_files,
            None,
        ));
    }
    let rendered = driver.finish(BibliographyRequest::new(&style, locale, &locale_files));
    let layout = &style.citation.layout;
    let mut csl = Csl {
        prefix: layout.prefix.clone().unwrap_or_default(),
        suffix: layout.suffix.clone().unwrap_or_default(),
        delimiter: layout.delimiter.clone().unwrap_or_default(),
        ..Csl::default()
    };
    for (&(i, form), c) in order.iter().zip(&rendered.citations) {
        let mut text = plain(&c.citation);
        if form == Form::Normal || (form == Form::SuppressAuthor && numeric) {
            text = strip_affixes(&text, &csl.prefix, &csl.suffix);
        }
        let id = article.references[i].id.to_string();
        csl.texts.entry((id, form)).or_insert(text);
    }
    for b in rendered.bibliography.map(|b| b.items).unwrap_or_default() {
        csl.bibliography.push(CslEntry {
            id: b.key,
            label: b
                .first_field
                .map(|f| plain(&ElemChildren(vec![f])).trim().to_string())
                .filter(|l| !l.is_empty()),
            content: inlines(&b.content),
        });
    }
    Some(csl)
}

/// The plain text of hayagriva's formatted output.
fn plain(children: &ElemChildren) -> String {
    let mut out = String::new();
    for child in &children.0 {
        match child {
            ElemChild::Text(f) => out.push_str(&f.text),
            ElemChild::Elem(e) => out.push_str(&plain(&e.children)),
            ElemChild::Markup(m) => out.push_str(m),
            ElemChild::Link { text, .. } => out.push_str(&text.text),
            ElemChild::Transparent { .. } => {}
        }
    }
    out
}

/// The text without the layout's prefix and suffix that hayagriva put around it.
fn strip_affixes(text: &str, prefix: &str, suffix: &str) -> String {
    let t = text.strip_prefix(prefix).unwrap_or(text);
    t.strip_suffix(suffix).unwrap_or(t).to_string()
}

/// Collects the generated citations of `nodes`, in reading order, as (reference index,
/// form); references not in the list are skipped (validation refuses them).
fn citations_in(nodes: &[Inline], index: &HashMap<&str, usize>, out: &mut Vec<(usize, Form)>) {
    crate::inline::visit(nodes, &mut |n| {
        if let Inline::Cite { mode, items } = n {
            for c in items {
                if let Some(&i) = index.get(c.id.as_str()) {
                    out.push((i, Form::of(*mode, c.suppress_author)));
                }
            }
        }
    });
}

/// hayagriva's formatted output as galley's inline markup (links become external links;
/// a style's underlining and light weight have no markup in galley and are left plain).
fn inlines(children: &ElemChildren) -> Vec<Inline> {
    let mut out = Vec::new();
    for child in &children.0 {
        match child {
            ElemChild::Text(f) => out.push(formatted(&f.text, f.formatting)),
            ElemChild::Elem(e) => out.extend(inlines(&e.children)),
            ElemChild::Markup(m) => out.push(Inline::Text(m.clone())),
            ElemChild::Link { text, url } => out.push(Inline::Link {
                url: url_safe(url),
                content: vec![formatted(&text.text, text.formatting)],
            }),
            ElemChild::Transparent { .. } => {}
        }
    }
    out
}

/// A URL hayagriva built (`https://doi.org/` and the DOI as written) with the characters
/// a URL cannot hold percent-encoded (a DOI may hold `<`, `>`, spaces; RFC 3986).
fn url_safe(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        let keep = c.is_ascii_graphic() && !"<>\"{}|\\^`".contains(c);
        if keep {
            out.push(c);
        } else {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// A run of text with hayagriva's formatting as nested inline markup.
fn formatted(text: &str, f: hayagriva::Formatting) -> Inline {
    use hayagriva::citationberg::{FontStyle, FontVariant, FontWeight, VerticalAlign};
    let mut node = Inline::Text(text.to_string());
    if f.font_style == FontStyle::Italic {
        node = Inline::Italic(vec![node]);
    }
    if f.font_weight == FontWeight::Bold {
        node = Inline::Bold(vec![node]);
    }
    if f.font_variant == FontVariant::SmallCaps {
        node = Inline::SmallCaps(vec![node]);
    }
    match f.vertical_align {
        VerticalAlign::Sup => Inline::Sup(vec![node]),
        VerticalAlign::Sub => Inline::Sub(vec![node]),
        _ => node,
    }
}

/// A reference as a CSL-JSON item: its fields under their CSL names, titles as plain
/// text (their markup is not passed on), dates as date parts, a date as printed
/// (`19--`) as a literal date.
fn item(r: &Reference) -> Item {
    let mut m = Map::new();
    m.insert("id".into(), json!(r.id.as_str()));
    m.insert(
        "type".into(),
        serde_json::to_value(r.kind).unwrap_or(json!("document")),
    );
    for (key, names) in [
        ("author", &r.author),
        ("editor", &r.editor),
        ("translator", &r.translator),
    ] {
        if !names.is_empty() {
            m.insert(key.into(), Value::Array(names.iter().map(name).collect()));
        }
    }
    let texts = [
        ("title", &r.title),
        ("container-title", &r.container_title),
        ("collection-title", &r.collection_title),
    ];
    for (key, t) in texts {
        if let Some(t) = t {
            m.insert(key.into(), json!(t.plain()));
        }
    }
    let strings = [
        ("volume", r.volume.as_deref()),
        ("issue", r.issue.as_deref()),
        ("page", r.page.as_deref()),
        ("edition", r.edition.as_deref()),
        ("publisher", r.publisher.as_deref()),
        ("publisher-place", r.publisher_place.as_deref()),
        ("DOI", r.doi.as_ref().map(|d| d.as_str())),
        ("URL", r.url.as_ref().map(|u| u.as_str())),
        ("ISBN", r.isbn.as_deref()),
        ("PMID", r.pmid.as_deref()),
        ("PMCID", r.pmcid.as_deref()),
        ("language", r.language.as_ref().map(|l| l.as_str())),
    ];
    for (key, v) in strings {
        if let Some(v) = v {
            m.insert(key.into(), json!(v));
        }
    }
    match (&r.issued, &r.issued_text) {
        (Some(d), _) => {
            m.insert("issued".into(), date(d));
        }
        (None, Some(t)) => {
            m.insert("issued".into(), json!({"literal": t}));
        }
        (None, None) => {}
    }
    if let Some(d) = &r.accessed {
        m.insert("accessed".into(), date(d));
    }
    // Field by field, so that a value CSL-JSON cannot hold leaves that field out, not the
    // whole reference.
    let fields = m
        .into_iter()
        .filter_map(|(k, v)| Some((k, serde_json::from_value(v).ok()?)))
        .collect();
    Item(fields)
}

/// A name as CSL-JSON: family and given, or a literal.
fn name(n: &ReferenceName) -> Value {
    match &n.literal {
        Some(l) => json!({"literal": l}),
        None => {
            let mut m = Map::new();
            if let Some(f) = &n.family {
                m.insert("family".into(), json!(f));
            }
            if let Some(g) = &n.given {
                m.insert("given".into(), json!(g));
            }
            Value::Object(m)
        }
    }
}

/// A date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) as CSL-JSON date parts.
fn date(d: &PartialDate) -> Value {
    let parts: Vec<i64> = d
        .as_str()
        .split('-')
        .filter_map(|p| p.parse().ok())
        .collect();
    json!({"date-parts": [parts]})
}
