//! Crossref deposit XML (schema 5.3.1): one `doi_batch` per issue registering the DOIs
//! of its articles. The `head` names the batch by a hash of the inputs and dates it from
//! `SOURCE_DATE_EPOCH` or the inputs' dates, never the clock; the depositor and the
//! registrant come from the issue's `journal.crossref`. The `body` holds one `journal`:
//! its `journal_metadata`, the `journal_issue` (when the issue is dated) and one
//! `journal_article` per article with a DOI and a landing page (`url`). What cannot be
//! registered is reported, never invented: an article without a DOI
//! (`missing.crossref.doi`) or without a landing page (`missing.crossref.url`), one with
//! no date (`missing.crossref.publication-date`).
//!
//! Element names and order follow Crossref's `crossref5.3.1.xsd` and
//! `common5.3.1.xsd` (kept in `tests/validators/crossref/`, which the tests validate
//! every deposit against).

use sha2::{Digest, Sha256};

use crate::diag::{Diagnostic, Severity};
use crate::inline::Inline;
use crate::model::{
    Affiliation, Article, ArticleContributor, Contributor, ContributorsFile, IssueFile, NameOrder,
    PartialDate, PersonName, Reference, ReferenceType, Role,
};
use crate::validate::Checked;
use crate::xml::XmlWriter;
use crate::yaml::Document;

/// The deposit schema's namespace.
pub const NAMESPACE: &str = "http://www.crossref.org/schema/5.3.1";

/// One article to deposit: its slug and the article as loaded.
pub struct DepositArticle<'a> {
    /// The article's folder name.
    pub slug: String,
    /// The article and its YAML (for diagnostics' positions).
    pub checked: &'a Checked<Article>,
}

impl DepositArticle<'_> {
    fn article(&self) -> &Article {
        &self.checked.value
    }
}

/// A diagnostic placed at `pointer` in `doc` (or the nearest value that is there).
fn placed(
    severity: Severity,
    code: &str,
    message: String,
    doc: &Document,
    pointer: &str,
) -> Diagnostic {
    Diagnostic::new(severity, code, message)
        .in_file(&doc.path)
        .pointer(pointer)
        .at(doc.span_or_parent(pointer))
}

/// What a deposit is made from.
pub struct DepositInput<'a> {
    /// The issue file.
    pub issue: &'a IssueFile,
    /// Its YAML, for diagnostics' positions.
    pub issue_doc: &'a Document,
    /// The contributor list.
    pub contributors: Option<&'a ContributorsFile>,
    /// The issue's articles that built, in issue order.
    pub articles: Vec<DepositArticle<'a>>,
    /// The bytes of every input file (the issue file, the contributor list, each
    /// article), hashed into the batch id.
    pub raw: Vec<&'a [u8]>,
    /// `SOURCE_DATE_EPOCH`, for the timestamp.
    pub source_date_epoch: Option<i64>,
}

/// The deposit XML of an issue, or none when its `head` cannot be written (no
/// `journal.crossref`, no date for the timestamp), with what was left out and why.
pub fn deposit(input: &DepositInput<'_>) -> (Option<Vec<u8>>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let registrable: Vec<&DepositArticle<'_>> = input
        .articles
        .iter()
        .filter(|a| registrable(a, input.issue, &mut diags))
        .collect();
    let Some(account) = input.issue.journal.crossref.as_ref() else {
        diags.push(
            placed(Severity::Warning,
                "missing.crossref.depositor",
                "the issue names no Crossref depositor: no Crossref deposit is written for it".into(),
                input.issue_doc, "/journal",
            )
            .hint("add `crossref: {depositor: {name: …, email: …}, registrant: …}` to the issue's `journal`"),
        );
        return (None, diags);
    };
    let Some(timestamp) = timestamp(input, &registrable) else {
        diags.push(
            placed(Severity::Warning,
                "missing.crossref.timestamp",
                "no date in the issue or its articles and SOURCE_DATE_EPOCH is not set: the deposit has no timestamp and is not written".into(),
                input.issue_doc, "/issue",
            )
            .hint("state the issue's `date:` or set SOURCE_DATE_EPOCH"),
        );
        return (None, diags);
    };
    let mut w = XmlWriter::new();
    w.declaration();
    w.open_block(
        "doi_batch",
        &[
            ("xmlns", NAMESPACE),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.crossref.org/schema/5.3.1 https://www.crossref.org/schemas/crossref5.3.1.xsd",
            ),
            ("xmlns:jats", "http://www.ncbi.nlm.nih.gov/JATS1"),
            ("xmlns:fr", "http://www.crossref.org/fundref.xsd"),
            ("xmlns:ai", "http://www.crossref.org/AccessIndicators.xsd"),
            ("version", "5.3.1"),
        ],
    );
    w.open_block("head", &[]);
    w.leaf("doi_batch_id", &[], &batch_id(&input.raw));
    w.leaf("timestamp", &[], &timestamp);
    w.open_block("depositor", &[]);
    w.leaf("depositor_name", &[], &account.depositor.name);
    w.leaf("email_address", &[], account.depositor.email.as_str());
    w.end("depositor");
    w.leaf("registrant", &[], &account.registrant);
    w.end("head");
    w.open_block("body", &[]);
    w.open_block("journal", &[]);
    journal_metadata(&mut w, input.issue);
    journal_issue(&mut w, input, &mut diags);
    publication_format_missing(input, &mut diags);
    for a in registrable {
        journal_article(&mut w, a, input, &mut diags);
    }
    w.end("journal");
    w.end("body");
    w.end("doi_batch");
    match w.finish() {
        Ok(s) => (Some(s.into_bytes()), diags),
        Err(e) => {
            diags.push(Diagnostic::error(
                "emit.crossref",
                format!("cannot write the Crossref deposit: {e}"),
            ));
            (None, diags)
        }
    }
}

/// Whether an article can be registered: it has a DOI, a landing page and a date;
/// otherwise why not, as a warning.
fn registrable(a: &DepositArticle<'_>, issue: &IssueFile, diags: &mut Vec<Diagnostic>) -> bool {
    let art = a.article();
    let (code, message, pointer, hint) = if art.doi.is_none() {
        (
            "missing.crossref.doi",
            format!(
                "the article `{}` has no DOI: Crossref cannot register it, and it is left out of the deposit",
                a.slug
            ),
            "",
            "state the article's `doi` once it has been assigned; galley never makes one up",
        )
    } else if art.url.is_none() {
        (
            "missing.crossref.url",
            format!(
                "the article `{}` has a DOI but no landing page (`url`), which Crossref registers the DOI with: it is left out of the deposit",
                a.slug
            ),
            "/doi",
            "state the article's `url`: the page where the publisher presents it",
        )
    } else if article_date(art, issue).is_none() {
        (
            "missing.crossref.publication-date",
            format!(
                "the article `{}` has no publication date and its issue none either: Crossref requires one, and it is left out of the deposit",
                a.slug
            ),
            "/doi",
            "state the article's `dates: {published: …}` or the issue's `date:`",
        )
    } else {
        return true;
    };
    diags.push(placed(Severity::Warning, code, message, &a.checked.doc, pointer).hint(hint));
    false
}

/// Checks values against the limits Crossref's schema sets, reporting each that does
/// not fit (`loss.crossref.limit`): it is left out of the deposit rather than changed.
struct Fit<'a> {
    diags: &'a mut Vec<Diagnostic>,
    doc: &'a Document,
}

impl Fit<'_> {
    /// Whether `value` of `field` (at `pointer`) has at most `max` characters; reports
    /// it when not.
    fn within(&mut self, pointer: &str, field: &str, value: &str, max: usize) -> bool {
        let ok = value.chars().count() <= max;
        if !ok {
            self.lost(
                pointer,
                field,
                &format!("longer than the {max} characters Crossref's schema allows"),
            );
        }
        ok
    }

    /// Reports a value Crossref's schema refuses, left out of the deposit.
    fn lost(&mut self, pointer: &str, field: &str, why: &str) {
        self.diags.push(placed(
            Severity::Loss,
            "loss.crossref.limit",
            format!("this value is {why} for `{field}`: it is left out of the Crossref deposit"),
            self.doc,
            pointer,
        ));
    }
}

/// An ISBN as Crossref's schema takes it: 10 to 17 characters, digits with spaces or
/// hyphens, ending in a digit or `X` (`isbn_t`).
fn crossref_isbn(s: &str) -> bool {
    let n = s.chars().count();
    let body = s
        .strip_prefix("978-")
        .or_else(|| s.strip_prefix("979-"))
        .unwrap_or(s);
    (10..=17).contains(&n)
        && body.starts_with(|c: char| c.is_ascii_digit())
        && body.ends_with(|c: char| c.is_ascii_digit() || c == 'X')
        && body
            .chars()
            .all(|c| c.is_ascii_digit() || c == ' ' || c == '-' || c == 'X')
        && body.chars().filter(|c| *c == 'X').count() <= usize::from(body.ends_with('X'))
}

/// The article's publication date: its own, else its issue's.
fn article_date<'a>(a: &'a Article, issue: &'a IssueFile) -> Option<&'a PartialDate> {
    a.dates.published.as_ref().or(issue.issue.date.as_ref())
}

/// `galley-` and the first 32 hex digits of the SHA-256 of the inputs: the same inputs
/// give the same id, changed inputs another.
fn batch_id(raw: &[&[u8]]) -> String {
    let mut h = Sha256::new();
    for bytes in raw {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    }
    let hex: String = h.finalize().iter().map(|b| format!("{b:02x}")).collect();
    format!("galley-{}", &hex[..32])
}

/// The batch's timestamp, `YYYYMMDDhhmmss`: the UTC time of `SOURCE_DATE_EPOCH`, else
/// the latest of the issue's and the deposited articles' dates at 00:00:00 (a year or a
/// month alone read as its first day). Never the clock.
fn timestamp(input: &DepositInput<'_>, articles: &[&DepositArticle<'_>]) -> Option<String> {
    if let Some(secs) = input.source_date_epoch {
        let date = crate::emit::epub::utc_date_of_epoch(secs).replace('-', "");
        let s = secs.rem_euclid(86_400);
        return Some(format!(
            "{date}{:02}{:02}{:02}",
            s / 3600,
            s % 3600 / 60,
            s % 60
        ));
    }
    let dates = input.issue.issue.date.iter().chain(
        articles
            .iter()
            .filter_map(|a| a.article().dates.published.as_ref()),
    );
    dates
        .map(|d| {
            let (y, m, day) = date_parts(d);
            format!("{y}{}{}000000", m.unwrap_or("01"), day.unwrap_or("01"))
        })
        .max()
}

/// Crossref's `media_type` of a publication date: the journal's `publication_format`
/// (`online` for `electronic`), or none when the journal does not state it. (Crossref then
/// reads its default, `print`; [`publication_format_missing`] says so.)
fn media_type(issue: &IssueFile) -> Option<&'static str> {
    issue.journal.publication_format.map(|f| match f {
        crate::model::PublicationFormat::Print => "print",
        crate::model::PublicationFormat::Electronic => "online",
    })
}

/// `missing.crossref.publication-format`: the journal does not say which edition its
/// publication dates are of, and a publication date without `media_type` is read by Crossref
/// as a print date.
fn publication_format_missing(input: &DepositInput<'_>, diags: &mut Vec<Diagnostic>) {
    if input.issue.journal.publication_format.is_some() {
        return;
    }
    diags.push(
        placed(
            Severity::Warning,
            "missing.crossref.publication-format",
            "the journal does not say whether its publication dates are those of its print or its electronic edition; Crossref reads a `publication_date` without `media_type` as a print date".into(),
            input.issue_doc,
            "/journal",
        )
        .hint("state it in issue.yaml: `journal: {publication_format: electronic}` (or `print`)"),
    );
}

/// A date's year, month and day as written.
fn date_parts(d: &PartialDate) -> (&str, Option<&str>, Option<&str>) {
    let mut parts = d.as_str().splitn(3, '-');
    let y = parts.next().unwrap_or_default();
    (y, parts.next(), parts.next())
}

/// A `publication_date`-like element (`date_t`): month, day, year, and the medium when
/// one is given.
fn date(w: &mut XmlWriter, name: &str, d: &PartialDate, media: Option<&str>) {
    let (y, m, day) = date_parts(d);
    let attrs: Vec<(&str, &str)> = media.map(|m| ("media_type", m)).into_iter().collect();
    w.open_block(name, &attrs);
    if let Some(m) = m {
        w.leaf("month", &[], m);
        if let Some(day) = day {
            w.leaf("day", &[], day);
        }
    }
    w.leaf("year", &[], y);
    w.end(name);
}

/// The ISO 639-1 code Crossref's `language` attribute takes: the language tag's primary
/// subtag when it has two letters.
fn language(tag: &str) -> Option<String> {
    let primary = tag.split('-').next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

/// `journal_metadata`: titles and ISSNs. The model holds no DOI for the journal itself.
fn journal_metadata(w: &mut XmlWriter, issue: &IssueFile) {
    let j = &issue.journal;
    let lang = j.lang.as_ref().and_then(|l| language(l.as_str()));
    let attrs: Vec<(&str, &str)> = lang.iter().map(|l| ("language", l.as_str())).collect();
    w.open_block("journal_metadata", &attrs);
    w.leaf("full_title", &[], &j.title);
    if let Some(t) = &j.abbrev_title {
        w.leaf("abbrev_title", &[], t);
    }
    for issn in &j.issn {
        let media = match issn.format {
            crate::model::PublicationFormat::Print => "print",
            crate::model::PublicationFormat::Electronic => "electronic",
        };
        w.leaf("issn", &[("media_type", media)], issn.value.as_str());
    }
    w.end("journal_metadata");
}

/// `journal_issue`: date, volume and number, when the issue is dated (Crossref requires
/// a date). The issue's DOI is not registered: Crossref requires a landing page with it,
/// which the model does not hold for an issue (`missing.crossref.issue-url`).
fn journal_issue(w: &mut XmlWriter, input: &DepositInput<'_>, diags: &mut Vec<Diagnostic>) {
    let i = &input.issue.issue;
    if i.doi.is_some() {
        diags.push(
            placed(Severity::Warning,
                "missing.crossref.issue-url",
                "the issue's DOI is not registered: Crossref requires a landing page with it, and galley has no place for an issue's".into(),
                input.issue_doc, "/issue/doi",
            )
            .hint("register the issue's DOI with Crossref by other means, or ignore this warning"),
        );
    }
    let Some(d) = &i.date else {
        if i.volume.is_some() || i.number.is_some() {
            diags.push(
                placed(Severity::Warning,
                    "missing.crossref.issue-date",
                    "the issue has no date, which Crossref requires of an issue: its volume and number are not deposited".into(),
                    input.issue_doc, "/issue",
                )
                .hint("state the issue's `date:`"),
            );
        }
        return;
    };
    let mut fit = Fit {
        diags,
        doc: input.issue_doc,
    };
    let volume = i
        .volume
        .as_ref()
        .filter(|v| fit.within("/issue/volume", "volume", v, 32));
    let number = i
        .number
        .as_ref()
        .filter(|n| fit.within("/issue/number", "issue", n, 32));
    w.open_block("journal_issue", &[]);
    date(w, "publication_date", d, media_type(input.issue));
    if let Some(v) = volume {
        w.open_block("journal_volume", &[]);
        w.leaf("volume", &[], v);
        w.end("journal_volume");
    }
    if let Some(n) = number {
        w.leaf("issue", &[], n);
    }
    w.end("journal_issue");
}

/// One `journal_article`.
fn journal_article(
    w: &mut XmlWriter,
    a: &DepositArticle<'_>,
    input: &DepositInput<'_>,
    diags: &mut Vec<Diagnostic>,
) {
    let art = a.article();
    let lang = language(art.lang.as_str());
    let mut attrs = vec![("publication_type", "full_text")];
    if let Some(l) = &lang {
        attrs.insert(0, ("language", l.as_str()));
    }
    w.open_block("journal_article", &attrs);
    titles(w, art);
    contributors(w, a, input.contributors, diags);
    if !art.abstract_.is_empty() {
        w.open_block("jats:abstract", &[]);
        for p in &art.abstract_ {
            w.leaf("jats:p", &[], &p.plain());
        }
        w.end("jats:abstract");
    }
    if let Some(d) = article_date(art, input.issue) {
        date(w, "publication_date", d, media_type(input.issue));
    }
    if let Some(d) = &art.dates.accepted {
        date(w, "acceptance_date", d, None);
    }
    let mut fit = Fit {
        diags,
        doc: &a.checked.doc,
    };
    pages(w, art, &mut fit);
    funding(w, art);
    license(w, art);
    w.open_block("doi_data", &[]);
    w.leaf("doi", &[], art.doi.as_ref().map_or("", |d| d.as_str()));
    w.leaf("resource", &[], art.url.as_ref().map_or("", |u| u.as_str()));
    w.end("doi_data");
    citations(w, &art.references, &mut fit);
    w.end("journal_article");
}

/// `pages` and `publisher_item/item_number` (the e-location), each value within
/// Crossref's 32 characters.
fn pages(w: &mut XmlWriter, art: &Article, fit: &mut Fit<'_>) {
    if let Some(p) = &art.pages
        && fit.within("/pages/first", "first_page", &p.first, 32)
    {
        w.open_block("pages", &[]);
        w.leaf("first_page", &[], &p.first);
        if let Some(l) = &p.last
            && fit.within("/pages/last", "last_page", l, 32)
        {
            w.leaf("last_page", &[], l);
        }
        w.end("pages");
    }
    if let Some(e) = &art.elocation
        && fit.within("/elocation", "item_number", e, 32)
    {
        w.open_block("publisher_item", &[]);
        w.leaf("item_number", &[("item_number_type", "article_number")], e);
        w.end("publisher_item");
    }
}

/// `titles`: the title and subtitle, and a translation's original title, with their
/// italics, bold, superscripts, subscripts and small capitals as Crossref's face markup.
fn titles(w: &mut XmlWriter, art: &Article) {
    w.open_block("titles", &[]);
    face(w, "title", &[], &art.title);
    if let Some(s) = &art.subtitle {
        face(w, "subtitle", &[], s);
    }
    if let Some(tr) = &art.translation
        && let Some(t) = &tr.original_title
    {
        let lang = language(tr.original_lang.as_str());
        let attrs: Vec<(&str, &str)> = lang.iter().map(|l| ("language", l.as_str())).collect();
        face(w, "original_language_title", &attrs, t);
    }
    w.end("titles");
}

/// An element holding marked-up text as Crossref's face markup (`i`, `b`, `sup`, `sub`,
/// `scp`); other markup (links, text in another language) as its text; what
/// [`crate::model::Text::plain`] leaves out (notes, citations) left out here too.
fn face(w: &mut XmlWriter, name: &str, attrs: &[(&str, &str)], t: &crate::model::Text) {
    fn walk(w: &mut XmlWriter, nodes: &[Inline]) {
        for n in nodes {
            let (tag, children) = match n {
                Inline::Text(s) => {
                    w.text(s);
                    continue;
                }
                Inline::Italic(c) => ("i", c),
                Inline::Bold(c) => ("b", c),
                Inline::Sup(c) => ("sup", c),
                Inline::Sub(c) => ("sub", c),
                Inline::SmallCaps(c) => ("scp", c),
                Inline::Lang { content: c, .. }
                | Inline::Link { content: c, .. }
                | Inline::CiteText { content: c, .. }
                | Inline::XRefText { content: c, .. } => {
                    walk(w, c);
                    continue;
                }
                _ => continue,
            };
            w.open_inline(tag, &[]);
            walk(w, children);
            w.end(tag);
        }
    }
    w.open_mixed(name, attrs);
    walk(w, &t.inlines());
    w.end(name);
}

/// The Crossref `contributor_role` of a role; revisers have none (a loss).
fn crossref_role(role: Role) -> Option<&'static str> {
    match role {
        Role::Author => Some("author"),
        Role::Translator => Some("translator"),
        Role::Editor => Some("editor"),
        Role::Reviewer => Some("reviewer"),
        Role::Reviser => None,
    }
}

/// `contributors`: each person with a Crossref role, `sequence="first"` for the first
/// of each role.
fn contributors(
    w: &mut XmlWriter,
    a: &DepositArticle<'_>,
    list: Option<&ContributorsFile>,
    diags: &mut Vec<Diagnostic>,
) {
    let found: Vec<(&ArticleContributor, &Contributor, &'static str)> = a
        .article()
        .contributors
        .iter()
        .enumerate()
        .filter_map(|(i, c)| {
            let Some(role) = crossref_role(c.role) else {
                diags.push(placed(
                    Severity::Loss,
                    "loss.crossref.reviser",
                    "Crossref has no role for a reviser of a translation: the reviser is not deposited".into(),
                    &a.checked.doc,
                    &format!("/contributors/{i}/role"),
                ));
                return None;
            };
            let person = list?
                .contributors
                .iter()
                .find(|p| p.id.as_str() == c.contributor.as_str())?;
            Some((c, person, role))
        })
        .collect();
    if found.is_empty() {
        return;
    }
    w.open_block("contributors", &[]);
    let mut seen: Vec<&str> = Vec::new();
    for (_, person, role) in found {
        let sequence = if seen.contains(&role) {
            "additional"
        } else {
            seen.push(role);
            "first"
        };
        person_name(w, person, role, sequence);
    }
    w.end("contributors");
}

/// A `person_name`: given name and surname (a single name as the surname, as Crossref
/// asks of people known by one name), suffix, affiliations, ORCID and the name in its
/// other script.
fn person_name(w: &mut XmlWriter, p: &Contributor, role: &str, sequence: &str) {
    let mut attrs = vec![("sequence", sequence), ("contributor_role", role)];
    if p.name.order == NameOrder::FamilyFirst {
        attrs.push(("name-style", "eastern"));
    }
    w.open_block("person_name", &attrs);
    let (given, surname) = split_name(&p.name);
    if let Some(g) = given {
        w.leaf("given_name", &[], g);
    }
    w.leaf("surname", &[], surname);
    if let Some(s) = &p.name.suffix {
        w.leaf("suffix", &[], s);
    }
    let affs: Vec<&Affiliation> = p
        .affiliations
        .iter()
        .filter(|a| institution_name(a).is_some() || a.ror.is_some())
        .collect();
    if !affs.is_empty() {
        w.open_block("affiliations", &[]);
        for aff in affs {
            institution(w, aff);
        }
        w.end("affiliations");
    }
    if let Some(o) = &p.orcid {
        w.leaf("ORCID", &[], o.as_str());
    }
    if let Some(alt) = &p.original_name {
        alt_name(w, alt);
    }
    w.end("person_name");
}

/// The given name and the surname Crossref takes: a name with only one part has it as
/// the surname.
fn split_name(n: &PersonName) -> (Option<&str>, &str) {
    match (n.given.as_deref(), n.family.as_deref()) {
        (g, Some(f)) => (g, f),
        (Some(g), None) => (None, g),
        (None, None) => (None, ""),
    }
}

/// The name in another script, as `alt-name/name` (its language as `xml:lang`… in
/// Crossref's `language` attribute).
fn alt_name(w: &mut XmlWriter, n: &PersonName) {
    let style = if n.order == NameOrder::FamilyFirst {
        "eastern"
    } else {
        "western"
    };
    let lang = n.lang.as_ref().and_then(|l| language(l.as_str()));
    let mut attrs = vec![("name-style", style)];
    if let Some(l) = &lang {
        attrs.push(("language", l.as_str()));
    }
    w.open_block("alt-name", &[]);
    w.open_block("name", &attrs);
    match (n.family.as_deref(), n.given.as_deref()) {
        (Some(f), g) => {
            w.leaf("surname", &[], f);
            if let Some(g) = g {
                w.leaf("given_name", &[], g);
            }
        }
        (None, g) => w.leaf("given_name", &[], g.unwrap_or_default()),
    }
    if let Some(s) = &n.suffix {
        w.leaf("suffix", &[], s);
    }
    w.end("name");
    w.end("alt-name");
}

/// The institution's name: the institution, else its parent, else the affiliation as
/// printed.
fn institution_name(a: &Affiliation) -> Option<&str> {
    a.institution
        .as_deref()
        .or(a.parent.as_deref())
        .or(a.printed.as_deref())
}

/// One `institution`: name, ROR id, department.
fn institution(w: &mut XmlWriter, a: &Affiliation) {
    w.open_block("institution", &[]);
    if let Some(n) = institution_name(a) {
        w.leaf("institution_name", &[], n);
    }
    if let Some(r) = &a.ror {
        w.leaf("institution_id", &[("type", "ror")], r);
    }
    if let Some(d) = &a.department
        && a.institution.is_some()
    {
        w.leaf("institution_department", &[], d);
    }
    w.end("institution");
}

/// `fr:program`: each funder's name, id and award number.
fn funding(w: &mut XmlWriter, art: &Article) {
    if art.funding.is_empty() {
        return;
    }
    w.open_block("fr:program", &[("name", "fundref")]);
    for f in &art.funding {
        w.open_block("fr:assertion", &[("name", "fundgroup")]);
        w.open_mixed("fr:assertion", &[("name", "funder_name")]);
        w.text(&f.funder);
        if let Some(id) = &f.funder_id {
            w.open_inline("fr:assertion", &[("name", "funder_identifier")]);
            w.text(id.as_str());
            w.end("fr:assertion");
        }
        w.end("fr:assertion");
        if let Some(award) = &f.award_id {
            w.leaf("fr:assertion", &[("name", "award_number")], award);
        }
        w.end("fr:assertion");
    }
    w.end("fr:program");
}

/// `ai:program`: the licence's URL as the version of record's licence.
fn license(w: &mut XmlWriter, art: &Article) {
    let Some(url) = art.license.as_ref().and_then(|l| l.url.as_ref()) else {
        return;
    };
    w.open_block("ai:program", &[("name", "AccessIndicators")]);
    w.leaf("ai:license_ref", &[("applies_to", "vor")], url.as_str());
    w.end("ai:program");
}

/// `citation_list`: each reference by its id, with the fields Crossref takes, or the
/// printed reference as `unstructured_citation` when it has no fields.
fn citations(w: &mut XmlWriter, refs: &[Reference], fit: &mut Fit<'_>) {
    if refs.is_empty() {
        return;
    }
    w.open_block("citation_list", &[]);
    for (i, r) in refs.iter().enumerate() {
        w.open_block("citation", &[("key", r.id.as_str())]);
        citation_fields(w, r, &format!("/references/{i}"), fit);
        if !r.fields_state_something()
            && let Some(p) = &r.printed
        {
            w.leaf("unstructured_citation", &[], &p.plain());
        }
        w.end("citation");
    }
    w.end("citation_list");
}

/// A reference's fields as Crossref's `citation` names them.
fn citation_fields(w: &mut XmlWriter, r: &Reference, at: &str, fit: &mut Fit<'_>) {
    let serial = matches!(
        r.kind,
        ReferenceType::ArticleJournal
            | ReferenceType::ArticleMagazine
            | ReferenceType::ArticleNewspaper
    );
    let book = matches!(r.kind, ReferenceType::Book);
    if let Some(c) = &r.container_title {
        w.leaf(
            if serial {
                "journal_title"
            } else {
                "volume_title"
            },
            &[],
            &c.plain(),
        );
    }
    if let Some(first) = r.author.first()
        && let Some(name) = first.family.as_deref().or(first.literal.as_deref())
    {
        w.leaf("author", &[], name);
    }
    let mut within = |key: &str, field: &str, v: &str, max: usize| {
        fit.within(&format!("{at}/{key}"), field, v, max)
    };
    if let Some(v) = r
        .volume
        .as_deref()
        .filter(|v| within("volume", "volume", v, 32))
    {
        w.leaf("volume", &[], v);
    }
    if let Some(i) = r
        .issue
        .as_deref()
        .filter(|v| within("issue", "issue", v, 32))
    {
        w.leaf("issue", &[], i);
    }
    if let Some(p) = &r.page {
        let first = p.split(['-', '–']).next().unwrap_or(p).trim();
        if !first.is_empty() && within("page", "first_page", first, 32) {
            w.leaf("first_page", &[], first);
        }
    }
    if let Some(e) = r
        .edition
        .as_deref()
        .filter(|e| within("edition", "edition_number", e, 15))
    {
        w.leaf("edition_number", &[], e);
    }
    if let Some(d) = &r.issued {
        w.leaf("cYear", &[], date_parts(d).0);
    }
    if let Some(d) = &r.doi {
        w.leaf("doi", &[], d.as_str());
    }
    if let Some(i) = &r.isbn {
        if crossref_isbn(i) {
            w.leaf("isbn", &[], i);
        } else {
            fit.lost(&format!("{at}/ISBN"), "isbn", "not an ISBN in the form Crossref's schema allows (10 to 17 digits, spaces and hyphens)");
        }
    }
    if let Some(s) = &r.collection_title {
        w.leaf("series_title", &[], &s.plain());
    }
    if let Some(t) = &r.title {
        let name = if book && r.container_title.is_none() {
            "volume_title"
        } else {
            "article_title"
        };
        w.leaf(name, &[], &t.plain());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isbns_in_crossrefs_form_and_others() {
        for ok in [
            "978-7-218-00000-0",
            "9787218000000",
            "0-306-40615-2",
            "0 306 40615 X",
        ] {
            assert!(crossref_isbn(ok), "{ok}");
        }
        for bad in [
            "ISBN 7-218",
            "978-7-218-0000X-0",
            "123",
            "978-7-218-00000-0-1234",
        ] {
            assert!(!crossref_isbn(bad), "{bad}");
        }
    }

    #[test]
    fn the_batch_id_depends_on_the_inputs_and_their_boundaries() {
        let a = batch_id(&[b"ab", b"c"]);
        assert_eq!(a, batch_id(&[b"ab", b"c"]));
        assert_ne!(a, batch_id(&[b"a", b"bc"]));
        assert!(a.starts_with("galley-") && a.len() == 39);
    }

    #[test]
    fn languages_are_two_letter_primary_subtags() {
        assert_eq!(language("zh-Hans").as_deref(), Some("zh"));
        assert_eq!(language("PT-br").as_deref(), Some("pt"));
        assert_eq!(language("haw"), None);
    }
}
