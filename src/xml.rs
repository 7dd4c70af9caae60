//! The one XML writer every emitter uses.
//!
//! - Text and attribute values are escaped separately (`&`, `<`, `>` in text, so `]]>`
//!   can never appear; `&`, `<`, `"` and tab/line-break character references in attributes).
//! - Characters XML 1.0 forbids never reach the output: validation rejects them, and
//!   the writer replaces any that slip through with U+FFFD as a last guard.
//! - Indentation is added only between block elements. Whether an element holds blocks or
//!   mixed content (text and inline elements) is declared when it is opened
//!   ([`XmlWriter::open_block`], [`XmlWriter::open_mixed`], [`XmlWriter::open_inline`]):
//!   nothing is added inside mixed content, so whitespace next to inline markup stays
//!   exactly as written, and text written into a block element is a fault rather than a
//!   silent change of layout.
//! - [`XmlWriter::end`] names the element it closes; a mismatch, or an end with nothing
//!   open, is a fault. Faults are emitter bugs: [`XmlWriter::finish`] returns the first
//!   one instead of a document (elements still open when it is called are closed).
//!
//! Written by hand over a `String` rather than on quick-xml's writer because the
//! block/mixed indentation rule and the character guard are the whole job, and both are
//! easier to keep in one small place than to bolt onto a general writer.

/// Builds an XML document as a string.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    /// Open elements, innermost last.
    stack: Vec<Open>,
    indent: bool,
    /// The first misuse met (text in a block element, a close that does not match).
    fault: Option<String>,
}

#[derive(Debug)]
struct Open {
    name: String,
    /// The content declared at open.
    content: Content,
    /// Whether a child was written on a line of its own (so the end tag gets one too).
    has_block_child: bool,
}

/// What an element holds, declared when it is opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Content {
    /// Only elements: each child on its own line, indented.
    Block,
    /// Text and inline elements: nothing added inside.
    Mixed,
}

/// A misuse of the writer by an emitter (a bug, never a property of the input).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlFault(pub String);

impl std::fmt::Display for XmlFault {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "XML writer misuse: {}", self.0)
    }
}

impl XmlWriter {
    /// A writer that indents block elements by two spaces.
    pub fn new() -> Self {
        XmlWriter {
            out: String::with_capacity(64 * 1024),
            stack: Vec::new(),
            indent: true,
            fault: None,
        }
    }

    /// Writes the XML declaration.
    pub fn declaration(&mut self) {
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    /// Writes raw text that the caller guarantees is well-formed (a DOCTYPE, a processing
    /// instruction). Never pass content from the input here.
    pub fn raw(&mut self, s: &str) {
        self.out.push_str(s);
    }

    fn in_mixed(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|o| o.content == Content::Mixed)
    }

    fn newline_indent(&mut self, depth: usize) {
        if self.indent && !self.out.is_empty() && !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        if self.indent && !self.out.is_empty() {
            for _ in 0..depth {
                self.out.push_str("  ");
            }
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)], empty: bool) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push(' ');
            self.out.push_str(k);
            self.out.push_str("=\"");
            escape_attr(&mut self.out, v);
            self.out.push('"');
        }
        self.out.push_str(if empty { "/>" } else { ">" });
    }

    fn fault(&mut self, message: impl FnOnce() -> String) {
        if self.fault.is_none() {
            self.fault = Some(message());
        }
    }

    /// Checks that the innermost element may hold `what` (text or an inline element): a
    /// fault if it was declared to hold blocks only.
    fn check_mixed(&mut self, what: &str) {
        if let Some(top) = self.stack.last()
            && top.content == Content::Block
        {
            let name = top.name.clone();
            self.fault(|| format!("{what} inside <{name}>, declared to hold blocks only"));
        }
    }

    fn open_declared(&mut self, name: &str, attrs: &[(&str, &str)], content: Content) {
        if !self.in_mixed() {
            let depth = self.stack.len();
            if let Some(top) = self.stack.last_mut() {
                top.has_block_child = true;
            }
            self.newline_indent(depth);
        }
        self.start_tag(name, attrs, false);
        self.stack.push(Open {
            name: name.to_string(),
            content,
            has_block_child: false,
        });
    }

    /// Opens an element that holds only elements: on its own line (unless the parent is
    /// mixed), its children each on their own line.
    pub fn open_block(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open_declared(name, attrs, Content::Block);
    }

    /// Opens an element that holds text and inline elements, on its own line (unless the
    /// parent is mixed): nothing is added inside it.
    pub fn open_mixed(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open_declared(name, attrs, Content::Mixed);
    }

    /// Closes the innermost open element, which must be `name`.
    pub fn end(&mut self, name: &str) {
        match self.stack.last() {
            Some(open) if open.name == name => self.close_innermost(),
            Some(open) => {
                let open = open.name.clone();
                self.fault(|| format!("</{name}> closes <{open}>"));
                self.close_innermost();
            }
            None => self.fault(|| format!("</{name}> with no element open")),
        }
    }

    /// Opens an inline element holding mixed content: no whitespace around it; a fault
    /// inside an element declared to hold blocks only.
    pub fn open_inline(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.check_mixed(&format!("inline <{name}>"));
        self.start_tag(name, attrs, false);
        self.stack.push(Open {
            name: name.to_string(),
            content: Content::Mixed,
            has_block_child: false,
        });
    }

    /// Writes the end tag of the innermost open element: on a line of its own after
    /// block children.
    fn close_innermost(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        if open.content == Content::Block && open.has_block_child {
            let depth = self.stack.len();
            self.newline_indent(depth);
        }
        self.out.push_str("</");
        self.out.push_str(&open.name);
        self.out.push('>');
    }

    /// Writes an empty block element: `<name attrs/>` on its own line.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        if !self.in_mixed() {
            let depth = self.stack.len();
            if let Some(top) = self.stack.last_mut() {
                top.has_block_child = true;
            }
            self.newline_indent(depth);
        }
        self.start_tag(name, attrs, true);
    }

    /// Writes an empty inline element.
    pub fn empty_inline(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.check_mixed(&format!("inline <{name}/>"));
        self.start_tag(name, attrs, true);
    }

    /// Writes escaped text; a fault inside an element declared to hold blocks only.
    pub fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        self.check_mixed("text");
        escape_text(&mut self.out, s);
    }

    /// An element holding only text, placed like a block: `<name attrs>text</name>`
    /// ([`XmlWriter::open_mixed`], the text, [`XmlWriter::end`]).
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open_mixed(name, attrs);
        self.text(text);
        self.end(name);
    }

    /// The document, ending with a newline; or the first fault met while writing, an
    /// element left open being one (every element is ended by name).
    pub fn finish(mut self) -> Result<String, XmlFault> {
        if let Some(f) = self.fault.take() {
            return Err(XmlFault(f));
        }
        if let Some(open) = self.stack.last() {
            return Err(XmlFault(format!("<{}> is never closed", open.name)));
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        Ok(self.out)
    }
}

/// Whether XML 1.0 allows the character (production `Char`).
pub fn xml_char_ok(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Escapes text content.
///
/// Runs of ordinary text are copied as slices; only `&`, `<`, `>` and characters XML
/// forbids (C0 controls but tab and line breaks, U+FFFE, U+FFFF; found by their first
/// byte) are looked at one by one.
pub fn escape_text(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        let special = matches!(b, b'&' | b'<' | b'>' | 0xEF)
            || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r'));
        if !special {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c if !xml_char_ok(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
        i += c.len_utf8();
        start = i;
    }
    out.push_str(&s[start..]);
}

/// Escapes an attribute value (always written in double quotes).
///
/// As [`escape_text`]: runs of ordinary characters are copied as slices (a preview's
/// images are `data:` URIs of many kilobytes), and only `&`, `<`, `>`, `"`, tab and line
/// breaks (as character references, so they survive attribute-value normalisation) and
/// characters XML forbids are looked at one by one.
pub fn escape_attr(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !(matches!(b, b'&' | b'<' | b'>' | b'"' | 0xEF) || b < 0x20) {
            i += 1;
            continue;
        }
        out.push_str(&s[start..i]);
        let c = s[i..].chars().next().unwrap_or('\u{FFFD}');
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            '\r' => out.push_str("&#13;"),
            c if !xml_char_ok(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
        i += c.len_utf8();
        start = i;
    }
    out.push_str(&s[start..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_indent_and_mixed_content_does_not() {
        let mut w = XmlWriter::new();
        w.open_block("body", &[]);
        w.open_mixed("p", &[("id", "a\"<&")]);
        w.text("including ");
        w.open_inline("italic", &[]);
        w.text("Anabas");
        w.end("italic");
        w.text(" & <more> ]]>");
        w.end("p");
        w.empty("hr", &[]);
        w.end("body");
        assert_eq!(
            w.finish().expect("no fault"),
            "<body>\n  <p id=\"a&quot;&lt;&amp;\">including <italic>Anabas</italic> &amp; &lt;more&gt; ]]&gt;</p>\n  <hr/>\n</body>\n"
        );
    }

    #[test]
    fn attribute_escaping_matches_the_character_rules() {
        // Every special character, forbidden ones (U+FFFE and U+FFFF start with 0xEF, as
        // do allowed ones such as U+FEFF and U+FFFD), and multi-byte text around them.
        let input = "a&b<c>d\"e\tf\ng\rh\u{1}i\u{FFFE}j\u{FFFF}k\u{FEFF}l\u{FFFD}m牛—n";
        let mut out = String::new();
        escape_attr(&mut out, input);
        assert_eq!(
            out,
            "a&amp;b&lt;c&gt;d&quot;e&#9;f&#10;g&#13;h\u{FFFD}i\u{FFFD}j\u{FFFD}k\u{FEFF}l\u{FFFD}m牛—n"
        );
    }

    #[test]
    fn forbidden_characters_never_pass() {
        let mut w = XmlWriter::new();
        w.leaf("p", &[("a", "x\u{1}")], "a\u{0}b\u{FFFF}");
        assert_eq!(
            w.finish().expect("no fault"),
            "<p a=\"x\u{FFFD}\">a\u{FFFD}b\u{FFFD}</p>\n"
        );
    }

    #[test]
    fn declared_content_lays_out_and_faults() {
        let mut w = XmlWriter::new();
        w.open_block("list", &[]);
        w.open_mixed("item", &[]);
        w.open_block("fig", &[]); // a block inside mixed content: no whitespace around it
        w.open_mixed("caption", &[]);
        w.text("A ");
        w.open_inline("italic", &[]);
        w.text("map");
        w.end("italic");
        w.end("caption");
        w.end("fig");
        w.end("item");
        w.open_mixed("item", &[]); // mixed and empty
        w.end("item");
        w.end("list");
        assert_eq!(
            w.finish().expect("no fault"),
            "<list>\n  <item><fig>\n      <caption>A <italic>map</italic></caption>\n    </fig></item>\n  <item></item>\n</list>\n"
        );

        let mut w = XmlWriter::new();
        w.open_block("body", &[]);
        w.text("stray");
        w.end("body");
        let fault = w.finish().expect_err("text in a block element");
        assert!(fault.0.contains("text inside <body>"), "{fault}");

        let mut w = XmlWriter::new();
        w.open_block("body", &[]);
        w.open_mixed("p", &[]);
        w.end("body");
        let fault = w.finish().expect_err("mismatched close");
        assert_eq!(fault.0, "</body> closes <p>");

        let mut w = XmlWriter::new();
        w.open_block("body", &[]);
        w.empty_inline("br", &[]);
        let fault = w
            .finish()
            .expect_err("an inline element in a block element");
        assert!(fault.0.contains("inline <br/> inside <body>"), "{fault}");

        let mut w = XmlWriter::new();
        w.end("p");
        assert!(w.finish().is_err(), "a close with nothing open");
    }

    #[test]
    fn an_element_left_open_is_a_fault() {
        let mut w = XmlWriter::new();
        w.open_block("html", &[]);
        w.open_block("body", &[]);
        w.leaf("p", &[], "x");
        w.end("body");
        let fault = w.finish().expect_err("html is still open");
        assert_eq!(fault.0, "<html> is never closed");
    }
}
