//! Completeness: every text the kitchen-sink issue states reaches every output, or the
//! output reports that it lost it. The kitchen sink uses every field of the model, so an
//! emitter that drops a field in silence fails here.
//!
//! The leaves are the string and number values of the article, of the entries of
//! `contributors.yaml` the article names, and of `issue.yaml` (the files as the model
//! reads them, serialized back, so each leaf has the JSON pointer a loss would carry).
//! A leaf is *in* an output when its text (inline markup removed, and cut at each
//! footnote reference, citation and cross-reference, where an output puts generated text)
//! is found, piece by piece and in order, in the output's text: every text node and
//! every attribute value, XML escapes resolved, whitespace runs made one space. The
//! outputs: the JATS, the TEI, every XHTML document of the EPUB, the HTML preview. A leaf
//! is *covered* when a loss or a "missing" of that format names its file and its pointer,
//! or a pointer above it.

use galley::emit::{Emitted, Format, InputFile};
use galley_dev::epub::Epub;
use galley_dev::xml::{one_line, parse};
use serde_json::Value;

use crate::support::{KITCHEN_SINK, load, segments};

/// Keys whose values are not text a reader is given but identifiers, codes and
/// enumerations that choose how the facts are written (an element, an attribute, a
/// label in the output's own words), or paths. The rule is by key, never by value: a
/// leaf under one of these keys, at any depth, is not looked for.
const NOT_TEXT: &[&str] = &[
    // Identifiers, and references to them (they become XML ids and links).
    "id",
    "contributor",
    "recipients",
    "articles",
    // Enumerations: the article and reference types, roles, CRediT roles, name order,
    // the ISSN's medium.
    "type",
    "role",
    "credit",
    "order",
    "format",
    // The edition the journal's publication dates are of (`print`, `electronic`).
    "publication_format",
    // Language codes (`xml:lang`, `lang`, a language's name).
    "lang",
    "original_lang",
    "language",
    // A country's ISO code (the country's name is text, and looked for).
    "country_code",
    // An image's path in the article's folder (the image itself is packaged).
    "image",
    // The issue EPUB's file name and its cover, which are the issue EPUB's alone, not
    // the article's outputs' (tests/it/epub.rs reads both back from the issue EPUB).
    "epub_name",
    "cover",
    // Who deposits the journal's DOIs with Crossref: settings of `galley deposit
    // crossref`, written in its deposit's head (tests/it/crossref.rs reads them back),
    // nothing the articles' readers are given.
    "crossref",
];

/// Keys whose values are dates (`1996-03`) or page ranges (`45-67`): each format writes
/// them in its own form (JATS in `year`, `month` and `day` elements, or `fpage` and
/// `lpage`; the XHTML with an en dash), so such a value is found when its parts are,
/// in order, with at most a few characters that are neither letters nor digits between
/// them.
const PARTS: &[&str] = &[
    "received",
    "revised",
    "accepted",
    "published",
    "date",
    "issued",
    "accessed",
    "page",
    "pages",
];

/// Texts the outputs are known to drop without reporting it: gaps in the emitters,
/// found by this test, to be fixed there (each then fails this test until it is taken
/// off the list). `(format, file, pointer)`.
const KNOWN_GAPS: &[(Format, InputFile, &str)] = &[
    // The reference lists of the EPUB and the preview print the year of `issued` alone
    // (author–date style), dropping its month and day, with no loss reported.
    (Format::Epub, InputFile::Article, "/references/1/issued"),
    (Format::Epub, InputFile::Article, "/references/2/issued"),
    (Format::Html, InputFile::Article, "/references/1/issued"),
    (Format::Html, InputFile::Article, "/references/2/issued"),
    // The preview's "About the Contributors" shows no unpublished e-mail and no ROR, and its
    // title page not the journal's abbreviated title; the preview reports no losses.
    (
        Format::Html,
        InputFile::Contributors,
        "/contributors/0/affiliations/0/ror",
    ),
    (
        Format::Html,
        InputFile::Contributors,
        "/contributors/1/email",
    ),
    (Format::Html, InputFile::Issue, "/journal/abbrev_title"),
    // An affiliation's printed form is printed as it is: its ROR id, and the parts it
    // does not hold (the EPUB reports them lost), are not in the preview.
    (
        Format::Html,
        InputFile::Contributors,
        "/contributors/1/affiliations/1/ror",
    ),
    (Format::Html, InputFile::Article, "/affiliations/0/ror"),
    (
        Format::Html,
        InputFile::Contributors,
        "/contributors/2/affiliations/1/department",
    ),
    (
        Format::Html,
        InputFile::Contributors,
        "/contributors/2/affiliations/1/institution",
    ),
    // Nor the funders' ids and the journal's registry ids (the EPUB reports both lost).
    (Format::Html, InputFile::Article, "/funding/0/funder_id"),
    (Format::Html, InputFile::Article, "/funding/1/funder_id"),
    (Format::Html, InputFile::Issue, "/journal/ids/0/value"),
    (Format::Html, InputFile::Issue, "/journal/ids/1/value"),
];

/// A leaf: which file, its JSON pointer there, and its value as text.
struct Leaf {
    file: InputFile,
    pointer: String,
    value: String,
    /// Whether it is a date or a range, found by its parts ([`PARTS`]).
    parts: bool,
}

/// Appends the string and number leaves below `v` (at `pointer`), but for keys in
/// [`NOT_TEXT`].
fn leaves(file: InputFile, pointer: &str, v: &Value, out: &mut Vec<Leaf>) {
    let leaf = |value: String| Leaf {
        file,
        pointer: pointer.to_string(),
        value,
        parts: pointer
            .rsplit('/')
            .find(|k| k.parse::<usize>().is_err())
            .is_some_and(|k| PARTS.contains(&k)),
    };
    match v {
        Value::String(s) => out.push(leaf(s.clone())),
        Value::Number(n) => out.push(leaf(n.to_string())),
        Value::Array(items) => {
            for (i, x) in items.iter().enumerate() {
                leaves(file, &format!("{pointer}/{i}"), x, out);
            }
        }
        Value::Object(map) => {
            for (k, x) in map {
                if !NOT_TEXT.contains(&k.as_str()) {
                    leaves(file, &format!("{pointer}/{k}"), x, out);
                }
            }
        }
        Value::Bool(_) | Value::Null => {}
    }
}

/// The text of an XML document: its text nodes, then its attribute values, each
/// normalised, separated by a character no text holds.
fn xml_text(bytes: &[u8], out: &mut String) {
    let text = std::str::from_utf8(bytes).expect("UTF-8");
    let doc = parse(text).expect("well-formed XML");
    let mut body = String::new();
    let mut attributes = Vec::new();
    for n in doc.descendants() {
        if n.is_text() {
            body.push_str(n.text().unwrap_or(""));
        }
        attributes.extend(n.attributes().map(|a| one_line(a.value())));
    }
    out.push_str(&one_line(&body));
    for a in attributes {
        out.push('\u{1}');
        out.push_str(&a);
    }
    out.push('\u{1}');
}

/// The text an output gives a reader, in the form [`xml_text`] makes.
fn output_text(format: Format, e: &Emitted) -> String {
    let mut out = String::new();
    match format {
        Format::Jats | Format::Tei | Format::Html => xml_text(&e.bytes, &mut out),
        Format::Epub => {
            let epub = Epub::read(e.bytes.clone()).expect("an EPUB");
            for (_, xhtml) in epub.xhtml() {
                xml_text(xhtml, &mut out);
            }
        }
    }
    out
}

/// Whether `parts` stand in `text` in order, at most three characters that are neither
/// letters nor digits between two of them.
fn parts_in(text: &str, parts: &[&str]) -> bool {
    fn rest_matches(rest: &str, parts: &[&str]) -> bool {
        let Some((first, more)) = parts.split_first() else {
            return true;
        };
        let mut gap = rest;
        for _ in 0..=3 {
            if let Some(after) = gap.strip_prefix(first)
                && rest_matches(after, more)
            {
                return true;
            }
            match gap.chars().next() {
                Some(c) if !c.is_alphanumeric() => gap = &gap[c.len_utf8()..],
                _ => return false,
            }
        }
        false
    }
    let Some((first, more)) = parts.split_first() else {
        return true;
    };
    text.match_indices(first)
        .any(|(at, _)| rest_matches(&text[at + first.len()..], more))
}

/// Whether the leaf's text is in `text`: each piece between references, in order.
fn found(leaf: &Leaf, text: &str) -> bool {
    // A Crossref Funder Registry id is written as its bare DOI where the format writes
    // DOIs bare (JATS `institution-id institution-id-type="doi"`).
    if leaf.pointer.ends_with("/funder_id")
        && let Some(doi) = leaf.value.strip_prefix("https://doi.org/")
        && text.contains(doi)
    {
        return true;
    }
    // A file's path is written as a URL, percent-encoded where a URL cannot hold it.
    if (leaf.pointer.ends_with("/file") || leaf.pointer.ends_with("/image"))
        && text.contains(&galley::emit::file_href(&leaf.value))
    {
        return true;
    }
    // A media type is written in two halves where JATS splits it (`mimetype`,
    // `mime-subtype`).
    if leaf.pointer.ends_with("/media_type")
        && let Some((a, b)) = leaf.value.split_once('/')
        && parts_in(text, &[a, b])
    {
        return true;
    }
    // A formula's MathML is markup: it is in an output when its characters are (the
    // MathML, element by element, is read back in `formulas.rs`).
    if leaf.pointer.ends_with("/mathml") {
        return text.contains(&one_line(&galley::math::characters(&leaf.value)));
    }
    if leaf.parts {
        let parts: Vec<&str> = leaf.value.split('-').collect();
        // A date printed for readers is in the article's language ("12 March 1996",
        // "1996年3月12日"): found as galley::l10n writes it in one of its languages.
        let as_read = ["en", "es", "pt", "fr", "de", "zh"]
            .iter()
            .map(|l| galley::l10n::date(l, &leaf.value))
            .any(|d| d != leaf.value && text.contains(&one_line(&d)));
        return as_read || parts_in(text, &parts);
    }
    // A value that is not marked-up text (a URL, say) may not parse: then it is its own
    // one piece.
    let pieces = match galley::inline::parse(&leaf.value) {
        Ok(_) => segments(&leaf.value),
        Err(_) => vec![leaf.value.clone()],
    };
    let mut rest = text;
    for piece in pieces.iter().map(|p| one_line(p)).filter(|p| !p.is_empty()) {
        match rest.find(&piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    true
}

/// Whether a loss or a "missing" of the output names the leaf or a field above it.
fn covered(leaf: &Leaf, e: &Emitted) -> bool {
    e.losses.iter().chain(&e.missing).any(|l| {
        l.file == leaf.file
            && (l.pointer == leaf.pointer
                || leaf
                    .pointer
                    .strip_prefix(l.pointer.as_str())
                    .is_some_and(|rest| rest.starts_with('/')))
    })
}

/// The kitchen sink's leaves: the article's, its contributors' entries, the issue file's.
fn kitchen_sink_leaves() -> (crate::support::Issue, Vec<Leaf>) {
    let issue = load(KITCHEN_SINK.0);
    let article = issue.article(KITCHEN_SINK.1);
    let mut out = Vec::new();
    fn value(x: &impl serde::Serialize) -> Value {
        serde_json::to_value(x).expect("the model serializes")
    }
    leaves(InputFile::Article, "", &value(article), &mut out);
    for named in &article.contributors {
        let (i, c) = issue
            .contributors
            .contributors
            .iter()
            .enumerate()
            .find(|(_, c)| c.id == named.contributor)
            .expect("a listed contributor");
        leaves(
            InputFile::Contributors,
            &format!("/contributors/{i}"),
            &value(c),
            &mut out,
        );
    }
    leaves(InputFile::Issue, "", &value(&issue.issue), &mut out);
    (issue, out)
}

#[test]
fn every_text_of_the_kitchen_sink_is_in_every_output_or_reported_lost() {
    let (issue, leaves) = kitchen_sink_leaves();
    assert!(leaves.len() > 150, "{} leaves", leaves.len());
    let (mut absent, mut gaps) = (Vec::new(), Vec::new());
    for format in Format::ALL {
        let e = issue.emit_slug(format, KITCHEN_SINK.1);
        let text = output_text(format, &e);
        for leaf in &leaves {
            if !found(leaf, &text) && !covered(leaf, &e) {
                if KNOWN_GAPS.contains(&(format, leaf.file, leaf.pointer.as_str())) {
                    gaps.push((format, leaf.file, leaf.pointer.as_str()));
                    continue;
                }
                absent.push(format!(
                    "{}: {:?} {} = {:?}",
                    format.name(),
                    leaf.file,
                    leaf.pointer,
                    leaf.value
                ));
            }
        }
    }
    assert!(
        absent.is_empty(),
        "{} text(s) of the kitchen sink are neither in the output nor reported lost:\n{}",
        absent.len(),
        absent.join("\n")
    );
    let fixed: Vec<_> = KNOWN_GAPS.iter().filter(|g| !gaps.contains(g)).collect();
    assert!(
        fixed.is_empty(),
        "no longer missing (take them off KNOWN_GAPS): {fixed:?}"
    );
}

/// Keys of the schemas the kitchen sink need not use: each is the other branch of a
/// choice the kitchen sink makes elsewhere, or a value the model writes only as
/// `false`/empty. Each with its reason; the list must stay short.
const KEYS_NOT_IN_THE_KITCHEN_SINK: &[(&str, &str)] = &[
    (
        "citation_style",
        "the kitchen sink states the default, `author-date`, which the model does not write \
         back; `numeric` is the numeric-citations and pt-article fixtures'",
    ),
    (
        "csl",
        "a journal has one citation style, and the kitchen sink's is galley's author-date; \
         the csl-apa and csl-ieee fixtures name CSL styles (read back by tests/it/csl.rs)",
    ),
];

/// The kitchen sink uses every key the three schemas define (a key that no fixture uses
/// would be a field no test reads back): every property name of `schemas/*.json` is a
/// key somewhere in the kitchen sink's issue file, contributor list or article.
#[test]
fn the_kitchen_sink_uses_every_key_of_the_schemas() {
    fn properties(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::Object(p)) = m.get("properties") {
                    out.extend(p.keys().cloned());
                }
                m.values().for_each(|x| properties(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| properties(x, out)),
            _ => {}
        }
    }
    fn keys(v: &Value, out: &mut std::collections::BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                out.extend(m.keys().cloned());
                m.values().for_each(|x| keys(x, out));
            }
            Value::Array(a) => a.iter().for_each(|x| keys(x, out)),
            _ => {}
        }
    }
    let mut defined = std::collections::BTreeSet::new();
    for name in ["article", "issue", "contributors"] {
        let path = crate::support::root().join(format!("schemas/{name}.schema.json"));
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("schema")).expect("JSON");
        properties(&schema, &mut defined);
    }
    let issue = load(KITCHEN_SINK.0);
    let mut used = std::collections::BTreeSet::new();
    let value = |x: &dyn erased::Ser| x.json();
    for v in [
        value(&issue.issue),
        value(&issue.contributors),
        value(issue.article(KITCHEN_SINK.1)),
    ] {
        keys(&v, &mut used);
    }
    let excused: Vec<&str> = KEYS_NOT_IN_THE_KITCHEN_SINK
        .iter()
        .map(|(k, _)| *k)
        .collect();
    let unused: Vec<&String> = defined
        .iter()
        .filter(|k| !used.contains(*k) && !excused.contains(&k.as_str()))
        .collect();
    assert!(
        unused.is_empty(),
        "keys of the schemas the kitchen sink never uses: {unused:?}"
    );
    assert!(defined.len() > 150, "{} keys", defined.len());
}

/// Serializing values of different types through one list.
mod erased {
    pub trait Ser {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Ser for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).expect("the model serializes")
        }
    }
}
