//! JATS4R and PMC rules, checked on every JATS file the tests build (run by
//! [`super::official_check`]'s `--jats` branch after the DTD).
//!
//! Each rule is one function, written here from the published text it names (the JATS4R
//! recommendations at <https://jats4r.niso.org/>, the PubMed Central Tagging Guidelines
//! at <https://www.ncbi.nlm.nih.gov/pmc/pmcdoc/tagging-guidelines/article/tags.html>, the
//! JATS 1.3 Tag Library), not from anyone's Schematron. A rule returns one finding per element that
//! breaks it: the element's name and its line and column in the file. Where galley
//! departs from a recommendation on purpose (README, "Conformance"), the rule is not
//! claimed here, or it accepts exactly the departure's form and nothing else.

use roxmltree::{Document, Node};

const ALI_NS: &str = "http://www.niso.org/schemas/ali/1.0/";
const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// One rule: its name (`jats4r.…`, `pmc.…`) and its check.
pub struct Rule {
    /// The rule's name, printed with each finding.
    pub name: &'static str,
    /// The check: a finding per element that breaks the rule.
    pub check: fn(&Document<'_>) -> Vec<String>,
}

/// Every rule claimed, in the order they are reported.
pub const RULES: &[Rule] = &[
    Rule {
        name: "jats4r.sec-title",
        check: sec_title,
    },
    Rule {
        name: "jats4r.permissions",
        check: permissions,
    },
    Rule {
        name: "jats4r.funding",
        check: funding,
    },
    Rule {
        name: "jats4r.credit",
        check: credit,
    },
    Rule {
        name: "jats4r.authors-affiliations",
        check: authors_affiliations,
    },
    Rule {
        name: "jats4r.data-availability",
        check: data_availability,
    },
    Rule {
        name: "pmc.pub-date",
        check: pub_date,
    },
    Rule {
        name: "pmc.issn",
        check: issn,
    },
    Rule {
        name: "pmc.related-article",
        check: related_article,
    },
    Rule {
        name: "pmc.abstract-sec",
        check: abstract_sec,
    },
    Rule {
        name: "pmc.trans-lang",
        check: trans_lang,
    },
    Rule {
        name: "pmc.article-type",
        check: article_type,
    },
    Rule {
        name: "elife.graphic-mimetype",
        check: graphic_mimetype,
    },
];

/// Every finding of every rule on a JATS document: `rule: element at line:column (why)`.
/// A document that does not parse is one finding.
pub fn findings(xml: &str) -> Vec<String> {
    let doc = match galley_dev::xml::parse(xml) {
        Ok(d) => d,
        Err(e) => return vec![format!("xml: not well-formed: {e}")],
    };
    RULES
        .iter()
        .flat_map(|r| {
            (r.check)(&doc)
                .into_iter()
                .map(move |f| format!("{}: {f}", r.name))
        })
        .collect()
}

/// `name at line:column`, and why, for a finding.
fn at(doc: &Document<'_>, n: Node<'_, '_>, why: &str) -> String {
    let pos = doc.text_pos_at(n.range().start);
    format!("<{}> at {}:{} {why}", n.tag_name().name(), pos.row, pos.col)
}

/// The elements named `name`, anywhere.
fn all<'a, 'i>(doc: &'a Document<'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    doc.descendants()
        .filter(move |n| n.is_element() && n.tag_name().name() == name)
}

/// The element children of `n` named `name`.
fn kids<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The text of `n`, trimmed.
fn text(n: Node<'_, '_>) -> String {
    galley_dev::xml::text_of(n).trim().to_string()
}

/// Whether `n` has an ancestor named `name`.
fn within(n: Node<'_, '_>, name: &str) -> bool {
    n.ancestors().skip(1).any(|a| a.tag_name().name() == name)
}

/// JATS4R (the validator's rule "each sec element must have a title", from the
/// recommendations' treatment of sections as headed parts; the PMC Tagging Guidelines
/// ask a `sec` for a title or a label): every `sec` has a non-empty `title`.
fn sec_title(doc: &Document<'_>) -> Vec<String> {
    all(doc, "sec")
        .filter(|s| kids(*s, "title").next().is_none_or(|t| text(t).is_empty()))
        .map(|s| at(doc, s, "has no title"))
        .collect()
}

/// JATS4R, Permissions: a `license` carries the licence's URL in exactly one
/// `ali:license_ref` (an http(s) URL), and `@xlink:href`, when also given, is the same
/// URL; `copyright-year` is a four-digit year; `permissions` is not empty.
fn permissions(doc: &Document<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for p in all(doc, "permissions") {
        if !p.children().any(|c| c.is_element()) {
            out.push(at(doc, p, "is empty"));
        }
    }
    for l in all(doc, "license") {
        let refs: Vec<_> = l
            .children()
            .filter(|c| c.has_tag_name((ALI_NS, "license_ref")))
            .collect();
        match refs.as_slice() {
            [r] => {
                let url = text(*r);
                if !(url.starts_with("https://") || url.starts_with("http://")) {
                    out.push(at(doc, *r, "is not a URL"));
                }
                let href = l.attribute(("http://www.w3.org/1999/xlink", "href"));
                if href.is_some_and(|h| h != url) {
                    out.push(at(
                        doc,
                        l,
                        "has an xlink:href other than its ali:license_ref",
                    ));
                }
            }
            _ => out.push(at(doc, l, "has not exactly one ali:license_ref")),
        }
    }
    for y in all(doc, "copyright-year") {
        let t = text(y);
        if t.len() != 4 || !t.bytes().all(|b| b.is_ascii_digit()) {
            out.push(at(doc, y, "is not a four-digit year"));
        }
    }
    out
}

/// JATS4R, Funding: each `award-group` names its funder in a `funding-source`; a
/// funder in `institution-wrap` has its name in `institution` and each
/// `institution-id` says its type; a `principal-award-recipient` is one person or
/// institution (one name, not `name-alternatives`, which reads as two); a
/// `funding-statement` is not empty.
fn funding(doc: &Document<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for g in all(doc, "award-group") {
        if kids(g, "funding-source").next().is_none() {
            out.push(at(doc, g, "has no funding-source"));
        }
    }
    for w in all(doc, "funding-source").flat_map(|f| kids(f, "institution-wrap")) {
        if kids(w, "institution").next().is_none() {
            out.push(at(doc, w, "names no institution"));
        }
    }
    for id in all(doc, "institution-id") {
        if id.attribute("institution-id-type").is_none() {
            out.push(at(doc, id, "has no institution-id-type"));
        }
    }
    for r in all(doc, "principal-award-recipient") {
        let names = ["name", "string-name", "institution", "institution-wrap"]
            .iter()
            .map(|n| kids(r, n).count())
            .sum::<usize>();
        if kids(r, "name-alternatives").next().is_some() || names != 1 {
            out.push(at(doc, r, "is not exactly one name or institution"));
        }
    }
    for s in all(doc, "funding-statement") {
        if text(s).is_empty() {
            out.push(at(doc, s, "is empty"));
        }
    }
    out
}

/// The fourteen CRediT terms and the slugs of their URLs (ANSI/NISO Z39.104-2022,
/// <https://credit.niso.org/>).
const CREDIT: [(&str, &str); 14] = [
    ("Conceptualization", "conceptualization"),
    ("Data curation", "data-curation"),
    ("Formal analysis", "formal-analysis"),
    ("Funding acquisition", "funding-acquisition"),
    ("Investigation", "investigation"),
    ("Methodology", "methodology"),
    ("Project administration", "project-administration"),
    ("Resources", "resources"),
    ("Software", "software"),
    ("Supervision", "supervision"),
    ("Validation", "validation"),
    ("Visualization", "visualization"),
    ("Writing – original draft", "writing-original-draft"),
    ("Writing – review & editing", "writing-review-editing"),
];

/// JATS4R, CRediT taxonomy: a `role vocab="credit"` has
/// `vocab-identifier="https://credit.niso.org/"`, one of the fourteen terms as
/// `vocab-term` and that term's URL as `vocab-term-identifier`.
fn credit(doc: &Document<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for r in all(doc, "role").filter(|r| r.attribute("vocab") == Some("credit")) {
        if r.attribute("vocab-identifier") != Some("https://credit.niso.org/") {
            out.push(at(
                doc,
                r,
                "has not vocab-identifier https://credit.niso.org/",
            ));
        }
        let term = r.attribute("vocab-term").unwrap_or_default();
        match CREDIT.iter().find(|(t, _)| *t == term) {
            Some((_, slug)) => {
                let url = format!("https://credit.niso.org/contributor-roles/{slug}/");
                if r.attribute("vocab-term-identifier") != Some(url.as_str()) {
                    out.push(at(doc, r, "has not its term's vocab-term-identifier"));
                }
            }
            None => out.push(at(doc, r, "has no CRediT vocab-term")),
        }
    }
    out
}

/// JATS4R, Authors and affiliations: each `contrib` says its `contrib-type`; each
/// `xref ref-type="aff"` points to an `aff` (or `aff-alternatives`) of the document;
/// an ORCID is `contrib-id contrib-id-type="orcid"` holding the full
/// `https://orcid.org/` URL.
fn authors_affiliations(doc: &Document<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for c in all(doc, "contrib") {
        if c.attribute("contrib-type").is_none() {
            out.push(at(doc, c, "has no contrib-type"));
        }
    }
    let aff_ids: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("aff") || n.has_tag_name("aff-alternatives"))
        .filter_map(|n| n.attribute("id"))
        .collect();
    for x in all(doc, "xref").filter(|x| x.attribute("ref-type") == Some("aff")) {
        let rid = x.attribute("rid").unwrap_or_default();
        if !rid.split_whitespace().all(|r| aff_ids.contains(&r)) || rid.is_empty() {
            out.push(at(doc, x, "points to no aff"));
        }
    }
    for id in all(doc, "contrib-id").filter(|i| i.attribute("contrib-id-type") == Some("orcid")) {
        let t = text(id);
        let digits = t.strip_prefix("https://orcid.org/").unwrap_or_default();
        let ok = digits.len() == 19
            && digits.char_indices().all(|(i, c)| match i {
                4 | 9 | 14 => c == '-',
                18 => c.is_ascii_digit() || c == 'X',
                _ => c.is_ascii_digit(),
            });
        if !ok {
            out.push(at(doc, id, "is not an https://orcid.org/ URL"));
        }
    }
    out
}

/// JATS4R, Data availability statements: the statement is a `sec
/// sec-type="data-availability"` in `back` (its title is `jats4r.sec-title`'s).
fn data_availability(doc: &Document<'_>) -> Vec<String> {
    all(doc, "sec")
        .filter(|s| s.attribute("sec-type") == Some("data-availability"))
        .filter(|s| s.parent().is_none_or(|p| !p.has_tag_name("back")))
        .map(|s| at(doc, s, "is not a child of back"))
        .collect()
}

/// PMC Tagging Guidelines, `pub-date`: `article-meta` states a publication date (or
/// JATS's `pub-date-not-available`); each `pub-date` says its `date-type` (or the older
/// `pub-type`) and has a four-digit `year`, which its `iso-8601-date` starts with.
/// Its `publication-format`, when given, is `print` or `electronic` (galley writes it when
/// the journal states `publication_format`; without it, `missing.jats.publication-format`).
fn pub_date(doc: &Document<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for m in all(doc, "article-meta") {
        if kids(m, "pub-date").next().is_none()
            && kids(m, "pub-date-not-available").next().is_none()
        {
            out.push(at(doc, m, "has no pub-date"));
        }
    }
    for d in all(doc, "pub-date") {
        if d.attribute("date-type").is_none() && d.attribute("pub-type").is_none() {
            out.push(at(doc, d, "has no date-type"));
        }
        let year = kids(d, "year").next().map(text).unwrap_or_default();
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            out.push(at(doc, d, "has no four-digit year"));
        }
        if d.attribute("iso-8601-date")
            .is_some_and(|i| !i.starts_with(&year))
        {
            out.push(at(doc, d, "has an iso-8601-date of another year"));
        }
        if d.attribute("publication-format")
            .is_some_and(|f| f != "print" && f != "electronic")
        {
            out.push(at(
                doc,
                d,
                "has a publication-format other than print or electronic",
            ));
        }
    }
    out
}

/// PMC Tagging Guidelines, `issn`: each ISSN says its medium (`@publication-format`,
/// or the older `@pub-type`) and has the ISSN's form (NNNN-NNNC). The one form
/// accepted without either is galley's stated departure, `issn
/// content-type="not-available"` holding "not available".
fn issn(doc: &Document<'_>) -> Vec<String> {
    let mut out = Vec::new();
    for i in all(doc, "issn") {
        let t = text(i);
        if i.attribute("content-type") == Some("not-available") && t == "not available" {
            continue;
        }
        if i.attribute("publication-format").is_none() && i.attribute("pub-type").is_none() {
            out.push(at(doc, i, "has no publication-format"));
        }
        let form = t.len() == 9
            && t.char_indices().all(|(n, c)| match n {
                4 => c == '-',
                8 => c.is_ascii_digit() || c == 'X',
                _ => c.is_ascii_digit(),
            });
        if !form {
            out.push(at(doc, i, "is not an ISSN"));
        }
    }
    out
}

/// PMC Tagging Guidelines, `related-article`: it has an `@id` and says its
/// `@related-article-type`. (The type's value, `translated-from`, is outside PMC's list:
/// a stated departure.)
fn related_article(doc: &Document<'_>) -> Vec<String> {
    all(doc, "related-article")
        .filter(|r| r.attribute("id").is_none() || r.attribute("related-article-type").is_none())
        .map(|r| at(doc, r, "lacks @id or @related-article-type"))
        .collect()
}

/// PMC Tagging Guidelines, `abstract`: sections of an abstract have no `@sec-type`.
fn abstract_sec(doc: &Document<'_>) -> Vec<String> {
    all(doc, "sec")
        .filter(|s| within(*s, "abstract") || within(*s, "trans-abstract"))
        .filter(|s| s.attribute("sec-type").is_some())
        .map(|s| at(doc, s, "has a sec-type inside an abstract"))
        .collect()
}

/// PMC Tagging Guidelines, translated abstracts and titles: `trans-abstract` and
/// `trans-title-group` state their language in `@xml:lang`.
fn trans_lang(doc: &Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("trans-abstract") || n.has_tag_name("trans-title-group"))
        .filter(|n| n.attribute((XML_NS, "lang")).is_none_or(str::is_empty))
        .map(|n| at(doc, n, "has no xml:lang"))
        .collect()
}

/// PMC Tagging Guidelines, `article`: the root states its `@article-type` and, for
/// readers in any language, its `@xml:lang`.
fn article_type(doc: &Document<'_>) -> Vec<String> {
    let root = doc.root_element();
    let mut out = Vec::new();
    if root.attribute("article-type").is_none() {
        out.push(at(doc, root, "has no article-type"));
    }
    if root.attribute((XML_NS, "lang")).is_none() {
        out.push(at(doc, root, "has no xml:lang"));
    }
    out
}

/// eLife's JATS house rules (as issue 20 reports them) and the JATS 1.3 Tag Library's
/// `@mimetype`/`@mime-subtype`: a graphic says its media type.
fn graphic_mimetype(doc: &Document<'_>) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("graphic") || n.has_tag_name("inline-graphic"))
        .filter(|g| g.attribute("mimetype").is_none() || g.attribute("mime-subtype").is_none())
        .map(|g| at(doc, g, "has no mimetype or mime-subtype"))
        .collect()
}
