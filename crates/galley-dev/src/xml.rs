//! Reading galley's XML outputs back: parsing (a DOCTYPE allowed, as JATS and the XHTML
//! documents carry one) and the text of elements.

use roxmltree::{Document, Node, ParsingOptions};

/// The `xml:` namespace, of `xml:lang` and `xml:id`.
pub const XML_NS: &str = "http://www.w3.org/XML/1998/namespace";

/// Parses an XML document; a DOCTYPE is allowed (its external DTD is never read).
pub fn parse(text: &str) -> Result<Document<'_>, roxmltree::Error> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
}

/// Checks that an XML document is well-formed, returning the parser's message if not.
pub fn check_xml(bytes: &[u8]) -> Result<(), String> {
    let text = std::str::from_utf8(bytes).map_err(|e| format!("not UTF-8: {e}"))?;
    parse(text).map(|_| ()).map_err(|e| e.to_string())
}

/// The text content of a node: every text node below it, in document order.
pub fn text_of(n: Node<'_, '_>) -> String {
    text_without(n, |_| false)
}

/// The text content of a node, leaving out the subtrees of the elements `skip` accepts
/// (generated text such as footnote numbers and citation labels, say).
pub fn text_without(n: Node<'_, '_>, skip: impl Fn(Node<'_, '_>) -> bool) -> String {
    fn walk(n: Node<'_, '_>, skip: &dyn Fn(Node<'_, '_>) -> bool, out: &mut String) {
        for c in n.children() {
            if c.is_text() {
                out.push_str(c.text().unwrap_or(""));
            } else if c.is_element() && !skip(c) {
                walk(c, skip, out);
            }
        }
    }
    let mut out = String::new();
    walk(n, &skip, &mut out);
    out
}

/// The element descendants of `n` (itself included) named `name`, in document order.
pub fn named<'a, 'i>(n: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    n.descendants().filter(move |c| c.has_tag_name(name))
}

/// A node's language: its `xml:lang`, else its HTML `lang`.
pub fn language<'a>(n: Node<'a, '_>) -> Option<&'a str> {
    n.attribute((XML_NS, "lang"))
        .or_else(|| n.attribute("lang"))
}

/// `s` on one line: whitespace runs made one space, the ends trimmed.
pub fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
