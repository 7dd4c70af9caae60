//! The one XML writer every emitter uses.
//!
//! - Text and attribute values are escaped separately (`&`, `<`, `>` in text, so `]]>`
//!   can never appear; `&`, `<`, `"` and tab/line-break character references in attributes).
//! - Characters XML 1.0 forbids never reach the output: validation rejects them, and
//!   the writer replaces any that slip through with U+FFFD as a last guard.
//! - Indentation is added only between block elements. Once an element holds text or an
//!   inline element it is *mixed*, and nothing is added inside it: whitespace next to
//!   inline markup stays exactly as written.
//!
//! Written by hand over a `String` rather than on quick-xml's writer because the
//! block/mixed indentation rule and the character guard are the whole job, and both are
//! easier to keep in one small place than to bolt onto a general writer.

/// Builds an XML document as a string.
#[derive(Debug, Default)]
pub struct XmlWriter {
    out: String,
    /// Open elements: name, whether mixed content has started, whether a block child was written.
    stack: Vec<Open>,
    indent: bool,
}

#[derive(Debug)]
struct Open {
    name: String,
    mixed: bool,
    has_block_child: bool,
}

impl XmlWriter {
    /// A writer that indents block elements by two spaces.
    pub fn new() -> Self {
        XmlWriter {
            out: String::with_capacity(64 * 1024),
            stack: Vec::new(),
            indent: true,
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
        self.stack.last().is_some_and(|o| o.mixed)
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

    /// Opens a block element: on its own line, unless the parent is already mixed.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
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
            mixed: false,
            has_block_child: false,
        });
    }

    /// Opens an inline element: no whitespace around it; the parent becomes mixed.
    pub fn open_inline(&mut self, name: &str, attrs: &[(&str, &str)]) {
        if let Some(top) = self.stack.last_mut() {
            top.mixed = true;
        }
        self.start_tag(name, attrs, false);
        self.stack.push(Open {
            name: name.to_string(),
            mixed: true,
            has_block_child: false,
        });
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        let Some(open) = self.stack.pop() else { return };
        if !open.mixed && open.has_block_child {
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
        if let Some(top) = self.stack.last_mut() {
            top.mixed = true;
        }
        self.start_tag(name, attrs, true);
    }

    /// Writes escaped text; the enclosing element becomes mixed.
    pub fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(top) = self.stack.last_mut() {
            top.mixed = true;
        }
        escape_text(&mut self.out, s);
    }

    /// A block element holding only text: `<name attrs>text</name>`.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.text(text);
        self.close();
    }

    /// Closes everything still open and returns the document, ending with a newline.
    pub fn finish(mut self) -> String {
        while !self.stack.is_empty() {
            self.close();
        }
        if !self.out.ends_with('\n') {
            self.out.push('\n');
        }
        self.out
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
pub fn escape_attr(out: &mut String, s: &str) {
    for c in s.chars() {
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
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_indent_and_mixed_content_does_not() {
        let mut w = XmlWriter::new();
        w.open("body", &[]);
        w.open("p", &[("id", "a\"<&")]);
        w.text("including ");
        w.open_inline("italic", &[]);
        w.text("Anabas");
        w.close();
        w.text(" & <more> ]]>");
        w.close();
        w.empty("hr", &[]);
        w.close();
        assert_eq!(
            w.finish(),
            "<body>\n  <p id=\"a&quot;&lt;&amp;\">including <italic>Anabas</italic> &amp; &lt;more&gt; ]]&gt;</p>\n  <hr/>\n</body>\n"
        );
    }

    #[test]
    fn forbidden_characters_never_pass() {
        let mut w = XmlWriter::new();
        w.leaf("p", &[("a", "x\u{1}")], "a\u{0}b\u{FFFF}");
        assert_eq!(w.finish(), "<p a=\"x\u{FFFD}\">a\u{FFFD}b\u{FFFD}</p>\n");
    }
}
