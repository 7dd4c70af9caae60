//! JATS → the galley model. [`ctx`] holds what every mapping function shares (the
//! source's positions and the losses); [`front`] maps `front` (the journal, the issue,
//! the article's metadata and contributors), [`inline`] mixed content to galley's inline
//! markup, [`body`] the body's blocks, [`back`] footnotes, references, acknowledgements,
//! appendices.
//!
//! The XML is read with roxmltree into a DOM that keeps each node's byte range, so every
//! loss and error is reported at its file:line:column. An article is small (a few MB at
//! most), so a whole document in memory costs nothing worth saving; quick-xml's streaming
//! reader would pay off only for archives read as one huge file, which JATS is not (one
//! article a file). No DTD is ever read, from disk or from the network: the named
//! character references that the JATS and NLM DTDs declare (the ISO 8879 sets: `&nbsp;`,
//! `&ndash;`, `&eacute;`) are resolved offline from the HTML5 table of named character
//! references (quick-xml's, which contains the ISO sets), declared in the document's
//! internal subset on the DOCTYPE's own line, so that no other line moves (see
//! [`declare_entities`]).

pub mod back;
pub mod body;
pub mod ctx;
pub mod front;
pub mod inline;

use std::path::Path;

use roxmltree::{Document, Node, ParsingOptions};

use crate::diag::{Diagnostic, Span};
use crate::model::{Article, Contributor, IssueFile};

pub use ctx::{Ctx, Loss, YamlStep};

/// The namespace of XLink (`xlink:href`).
pub const XLINK: &str = "http://www.w3.org/1999/xlink";

/// What one JATS file gave.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The article, its contributors named by the ids of `people`.
    pub article: Article,
    /// The article's contributors, each with a provisional id (unique in this article).
    pub people: Vec<Contributor>,
    /// The journal and the issue as this article's `journal-meta` and `article-meta`
    /// state them.
    pub issue: IssueFile,
    /// The publisher's id of the article (`article-id pub-id-type="publisher-id"`), for
    /// the slug.
    pub publisher_id: Option<String>,
    /// Losses, in order of discovery. A loss whose YAML path starts with
    /// [`front::ISSUE_STEP`] belongs to `issue.yaml`.
    pub losses: Vec<Loss>,
    /// The files the article points at (figures, supplementary files), as the JATS
    /// writes them, each with where it is pointed at.
    pub assets: Vec<AssetRef>,
}

/// A file the article points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssetRef {
    /// The path as the JATS gives it (`xlink:href`).
    pub href: String,
    /// 1-based line and column of the element that points at it.
    pub line: u32,
    /// Column.
    pub column: u32,
    /// The element's path.
    pub xml_path: String,
}

/// Reads one JATS file's bytes and maps it. `file` names it in diagnostics. An error is
/// a file that cannot be an article: not UTF-8, not well-formed (the parser's message at
/// its file:line:column), not JATS, or without a body.
pub fn import(file: &Path, bytes: &[u8]) -> Result<Imported, Diagnostic> {
    let text = decode(file, bytes)?;
    let (prepared, unknown) = declare_entities(&text);
    let opts = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    let doc = match Document::parse_with_options(&prepared, opts) {
        Ok(d) => d,
        Err(e) => return Err(parse_error(file, &text, &e, &unknown)),
    };
    let root = doc.root_element();
    if root.tag_name().name() != "article" {
        let pos = doc.text_pos_at(root.range().start);
        return Err(Diagnostic::error(
            "import.not-jats",
            format!(
                "the root element is `{}`, not a JATS `article`",
                root.tag_name().name()
            ),
        )
        .in_file(file)
        .at(Some(span_at(&text, pos.row, pos.col)))
        .hint("galley imports JATS articles (JATS 1.0–1.4, NLM 3.0): files whose root element is `article`"));
    }
    let mut ctx = Ctx::new(file, &doc);
    front::article(&mut ctx, root)
}

/// The file's text: UTF-8 (a byte-order mark dropped), else an error at the first bad
/// byte.
fn decode(file: &Path, bytes: &[u8]) -> Result<String, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok(s.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = good.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let column = String::from_utf8_lossy(&good[line_start..]).chars().count() + 1;
            let utf16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
            Err(Diagnostic::error(
                "import.encoding",
                "the file is not UTF-8 text",
            )
            .in_file(file)
            .at(Some(Span::point(line, column, e.valid_up_to(), 1)))
            .hint(if utf16 {
                "it looks like UTF-16: save it as UTF-8"
            } else {
                "JATS files are UTF-8; convert it (iconv -f LATIN1 -t UTF-8, say) and import again"
            }))
        }
    }
}

/// The span of a 1-based line and column in `text`.
pub fn span_at(text: &str, line: u32, column: u32) -> Span {
    let line = line.max(1) as usize;
    let column = column.max(1) as usize;
    let start = if line == 1 {
        0
    } else {
        text.match_indices('\n')
            .nth(line - 2)
            .map_or(text.len(), |(i, _)| i + 1)
    };
    let offset = text[start..]
        .char_indices()
        .nth(column - 1)
        .map_or(text.len(), |(i, _)| start + i);
    Span::point(line, column, offset, 0)
}

/// The predefined entities of XML, which need no declaration.
const PREDEFINED: [&str; 5] = ["lt", "gt", "amp", "apos", "quot"];

/// Declares the named character references `text` uses that XML does not predefine, from
/// the HTML5 table, in the internal subset of its DOCTYPE (one is added after the XML
/// declaration when there is none). Everything is written on the line where the DOCTYPE
/// (or the declaration) ends, so every other line keeps its number and columns. Returns
/// the text to parse and the names the table does not know (the parser then reports the
/// first of them, with a hint).
pub fn declare_entities(text: &str) -> (String, Vec<String>) {
    let mut names: Vec<&str> = Vec::new();
    let mut unknown = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find('&') {
        rest = &rest[i + 1..];
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_' || c == '-'))
            .unwrap_or(rest.len());
        if end == 0 || !rest[end..].starts_with(';') {
            continue;
        }
        let name = &rest[..end];
        if PREDEFINED.contains(&name) || names.contains(&name) {
            continue;
        }
        if quick_xml::escape::resolve_html5_entity(name).is_some() {
            names.push(name);
        } else if !unknown.iter().any(|u: &String| u == name) {
            unknown.push(name.to_string());
        }
    }
    if names.is_empty() {
        return (text.to_string(), unknown);
    }
    let mut decls = String::new();
    for name in &names {
        // Declared only when the document does not declare it itself.
        if text.contains(&format!("<!ENTITY {name} ")) {
            continue;
        }
        let value = quick_xml::escape::resolve_html5_entity(name).unwrap_or_default();
        decls.push_str(&format!("<!ENTITY {name} \""));
        for c in value.chars() {
            decls.push_str(&format!("&#x{:X};", u32::from(c)));
        }
        decls.push_str("\">");
    }
    (insert_subset(text, &decls), unknown)
}

/// `text` with `decls` added to the internal subset of its DOCTYPE, or in a new DOCTYPE.
fn insert_subset(text: &str, decls: &str) -> String {
    if let Some(start) = text.find("<!DOCTYPE") {
        // The DOCTYPE ends at the first `[` (an internal subset: add at its start) or at
        // its `>`, outside quoted literals.
        let mut quote = None;
        for (i, c) in text[start..].char_indices() {
            let at = start + i;
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'') => quote = Some(c),
                (None, '[') => {
                    return format!("{}{decls}{}", &text[..=at], &text[at + 1..]);
                }
                (None, '>') => {
                    return format!("{}[{decls}]{}", &text[..at], &text[at..]);
                }
                _ => {}
            }
        }
        return text.to_string();
    }
    let root = root_name(text).unwrap_or("article");
    let at = match text.find("<?xml") {
        Some(s) => text[s..].find("?>").map_or(0, |e| s + e + 2),
        None => 0,
    };
    format!("{}<!DOCTYPE {root} [{decls}]>{}", &text[..at], &text[at..])
}

/// The name of the first element of `text`.
fn root_name(text: &str) -> Option<&str> {
    let mut rest = text;
    loop {
        let i = rest.find('<')?;
        rest = &rest[i + 1..];
        if rest.starts_with(['?', '!']) {
            continue;
        }
        let end = rest.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
        return Some(&rest[..end]);
    }
}

/// The parser's error as a diagnostic at its line and column.
fn parse_error(file: &Path, text: &str, e: &roxmltree::Error, unknown: &[String]) -> Diagnostic {
    let pos = e.pos();
    let mut d = Diagnostic::error(
        "import.xml",
        format!("the file is not well-formed XML: {e}"),
    )
    .in_file(file)
    .at(Some(span_at(text, pos.row, pos.col)));
    d = match e {
        roxmltree::Error::UnknownEntityReference(name, _) => d.hint(format!(
            "`&{name};` is neither an XML entity nor one of the HTML5/ISO named characters; write the character itself or a numeric reference (`&#x2013;`)"
        )),
        _ if !unknown.is_empty() => d.hint(format!(
            "the file also uses entities galley does not know: {}",
            unknown.join(", ")
        )),
        _ => d.hint("fix the XML where the parser stopped (an unclosed or misspelt element, a stray `&` or `<`)"),
    };
    d
}

/// The element children of `node` named `name` (in JATS's namespace: none).
pub fn children<'a, 'input: 'a>(
    node: Node<'a, 'input>,
    name: &'a str,
) -> impl Iterator<Item = Node<'a, 'input>> + 'a {
    node.children()
        .filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// The first element child of `node` named `name`.
pub fn child<'a, 'input>(node: Node<'a, 'input>, name: &str) -> Option<Node<'a, 'input>> {
    node.children()
        .find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The text of `node` and its descendants, as it stands (every character kept).
pub fn all_text(node: Node<'_, '_>) -> String {
    node.descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .collect()
}

/// `xml:lang` of the element.
pub fn xml_lang<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute(("http://www.w3.org/XML/1998/namespace", "lang"))
}

/// `xlink:href` of the element.
pub fn href<'a>(node: Node<'a, '_>) -> Option<&'a str> {
    node.attribute((XLINK, "href"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_are_declared_on_the_doctype_line_only() {
        let text = "<?xml version=\"1.0\"?>\n<!DOCTYPE article PUBLIC \"-//NLM//DTD Journal Publishing DTD v3.0 20080202//EN\" \"journalpublishing3.dtd\">\n<article>\n<p>a&nbsp;b &ndash; &amp; &eacute;</p></article>";
        let (prepared, unknown) = declare_entities(text);
        assert!(unknown.is_empty());
        assert_eq!(prepared.lines().count(), text.lines().count());
        for (a, b) in prepared
            .lines()
            .zip(text.lines())
            .filter(|(a, _)| !a.starts_with("<!DOCTYPE"))
        {
            assert_eq!(a, b);
        }
        let doc = Document::parse_with_options(
            &prepared,
            ParsingOptions {
                allow_dtd: true,
                ..ParsingOptions::default()
            },
        )
        .unwrap();
        let p = doc.descendants().find(|n| n.has_tag_name("p")).unwrap();
        assert_eq!(all_text(p), "a\u{a0}b \u{2013} & \u{e9}");
        assert_eq!(doc.text_pos_at(p.range().start).row, 4);
    }

    #[test]
    fn a_document_without_doctype_gets_one_and_an_unknown_entity_is_named() {
        let text = "<article><p>&hellip;&nosuchthing;</p></article>";
        let (prepared, unknown) = declare_entities(text);
        assert_eq!(unknown, ["nosuchthing"]);
        assert!(prepared.starts_with("<!DOCTYPE article [<!ENTITY hellip \"&#x2026;\">]>"));
    }

    #[test]
    fn an_existing_internal_subset_is_extended() {
        let text = "<!DOCTYPE article [<!ENTITY x \"y\">]><article>&x;&mdash;</article>";
        let (prepared, _) = declare_entities(text);
        let doc = Document::parse_with_options(
            &prepared,
            ParsingOptions {
                allow_dtd: true,
                ..ParsingOptions::default()
            },
        )
        .unwrap();
        assert_eq!(all_text(doc.root_element()), "y\u{2014}");
    }

    #[test]
    fn span_at_counts_characters() {
        let s = span_at("ab\nçé<x", 2, 3);
        assert_eq!((s.line, s.column, s.offset), (2, 3, 3 + 4));
    }
}
