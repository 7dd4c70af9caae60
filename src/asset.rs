//! Figures' image files: what format their bytes are in, and whether an SVG is safe to
//! put in front of a reader or an archive. Used by `validate` (so `galley validate`
//! refuses what `galley build` could not ship) and by the emitters (media types).
//!
//! An SVG is an XML document that can carry scripts, event handlers and links to other
//! resources. EPUBCheck fails a package whose SVG is scripted unless it is declared so,
//! and an archive should never receive active content from a figure: galley refuses such
//! an SVG rather than rewriting it, so that what is shipped is exactly the file given.

/// The media type of an image from its bytes (the EPUB core image types only): PNG,
/// JPEG, GIF and WebP by their signatures, SVG by an `<svg` element near the start of
/// an XML text.
pub fn sniff_image(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some("image/jpeg")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("image/gif")
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some("image/webp")
    } else {
        // An XML declaration, comments or a DOCTYPE may come before the root element.
        let head = &bytes[..bytes.len().min(4096)];
        let text = String::from_utf8_lossy(head);
        let t = text.trim_start_matches('\u{FEFF}').trim_start();
        (t.starts_with('<') && t.contains("<svg")).then_some("image/svg+xml")
    }
}

/// What a file's first bytes say it is, for a message about an unsupported image.
pub fn describe_format(bytes: &[u8]) -> &'static str {
    const KNOWN: [(&[u8], &str); 8] = [
        (b"BM", "a BMP image"),
        (b"II*\0", "a TIFF image"),
        (b"MM\0*", "a TIFF image"),
        (b"%PDF", "a PDF document"),
        (b"%!PS", "a PostScript document"),
        (b"\0\0\x01\0", "an icon (ICO)"),
        (b"PK\x03\x04", "a zip archive"),
        (b"8BPS", "a Photoshop document"),
    ];
    if bytes.len() >= 12 && &bytes[4..8] == b"ftyp" {
        return "an HEIF/AVIF image";
    }
    KNOWN
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map_or("not an image format galley recognises", |(_, what)| what)
}

/// Whether an image may move or flash: an animated GIF, PNG or WebP. Static formats are
/// known safe; for these the hazard is unknown.
pub fn may_animate(bytes: &[u8]) -> bool {
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    match sniff_image(bytes) {
        Some("image/gif") => true,
        Some("image/png") => contains(b"acTL"),
        Some("image/webp") => contains(b"ANIM"),
        _ => false,
    }
}

/// One thing in an SVG that galley will not ship.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SvgProblem {
    /// `asset.svg-script`, `asset.svg-external` or `asset.svg-invalid`.
    pub code: &'static str,
    /// What and where in the SVG (line and column in the SVG file).
    pub message: String,
}

/// The SVG namespace.
const SVG_NS: &str = "http://www.w3.org/2000/svg";
/// The XLink namespace (`xlink:href`).
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";
/// At most this many problems are reported for one file (the first ones, in document
/// order); a file that has more has at least these to fix.
const MAX_PROBLEMS: usize = 20;

/// Checks an SVG's bytes: well-formed XML whose root is an SVG `svg` element, with no
/// script element (in any namespace), no event-handler attribute (`on…`), no
/// `javascript:` URL in any attribute, and no reference to another resource (`href` or
/// `xlink:href` to anything but a `#fragment` of the same file, CSS `url(…)` or
/// `@import` of anything but a fragment). Empty when it is fine.
pub fn check_svg(bytes: &[u8]) -> Vec<SvgProblem> {
    let invalid = |message: String| {
        vec![SvgProblem {
            code: "asset.svg-invalid",
            message,
        }]
    };
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(t) => t,
        Err(e) => {
            return invalid(format!("is not UTF-8 (byte {} is not)", e.valid_up_to()));
        }
    };
    let doc = match parse_svg(text) {
        Ok(d) => d,
        Err(message) => return invalid(message),
    };
    let mut found = Found::default();
    for node in doc.root_element().descendants() {
        check_node(node, &mut found);
    }
    found
        .0
        .into_iter()
        .map(|(code, pos, what)| {
            let p = doc.text_pos_at(pos);
            SvgProblem {
                code,
                message: format!("has {what} at line {}, column {}", p.row, p.col),
            }
        })
        .collect()
}

/// Parses an SVG's text: well-formed XML whose root is an SVG `svg` element, or why not.
fn parse_svg(text: &str) -> Result<roxmltree::Document<'_>, String> {
    let options = roxmltree::ParsingOptions {
        // SVG editors write a DOCTYPE; roxmltree limits entity expansion (no billion
        // laughs) and never loads an external entity.
        allow_dtd: true,
        nodes_limit: 1_000_000,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("is not well-formed XML: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" || root.tag_name().namespace() != Some(SVG_NS) {
        return Err(format!(
            "has the root element `{}`{}, not an SVG `svg` element (namespace {SVG_NS})",
            root.tag_name().name(),
            root.tag_name()
                .namespace()
                .map(|n| format!(" in namespace {n}"))
                .unwrap_or_default()
        ));
    }
    Ok(doc)
}

/// The problems found so far (code, byte offset, what), at most [`MAX_PROBLEMS`].
#[derive(Default)]
struct Found(Vec<(&'static str, usize, String)>);

impl Found {
    fn push(&mut self, code: &'static str, pos: usize, what: String) {
        if self.0.len() < MAX_PROBLEMS {
            self.0.push((code, pos, what));
        }
    }
}

/// Checks one node of an SVG: a stylesheet's text, or an element and its attributes.
fn check_node(node: roxmltree::Node<'_, '_>, found: &mut Found) {
    if node.is_text()
        && node
            .parent()
            .is_some_and(|p| p.tag_name().name() == "style")
    {
        if let Some(url) = css_external_url(node.text().unwrap_or_default()) {
            found.push(
                "asset.svg-external",
                node.range().start,
                format!("a stylesheet that loads `{url}`"),
            );
        }
        return;
    }
    if !node.is_element() {
        return;
    }
    let name = node.tag_name().name();
    if name.eq_ignore_ascii_case("script") {
        found.push(
            "asset.svg-script",
            node.range().start,
            "a `script` element".to_string(),
        );
    }
    for attr in node.attributes() {
        check_attribute(name, &attr, found);
    }
}

/// Checks one attribute of the element `name`: an event handler, a `javascript:` URL, a
/// reference to another resource, or a style that loads one.
fn check_attribute(name: &str, attr: &roxmltree::Attribute<'_, '_>, found: &mut Found) {
    let local = attr.name();
    let value = attr.value();
    let pos = attr.range().start;
    if attr.namespace().is_none() && local.len() > 2 && local[..2].eq_ignore_ascii_case("on") {
        found.push(
            "asset.svg-script",
            pos,
            format!("an event-handler attribute `{local}` on `{name}`"),
        );
    } else if is_javascript_url(value) {
        found.push(
            "asset.svg-script",
            pos,
            format!("a `javascript:` URL in `{local}` on `{name}`"),
        );
    } else if local == "href"
        && matches!(attr.namespace(), None | Some(XLINK_NS))
        && !value.trim().starts_with('#')
    {
        found.push(
            "asset.svg-external",
            pos,
            format!("a reference to `{}` on `{name}`", shorten(value)),
        );
    } else if let Some(url) = (local == "style" && attr.namespace().is_none())
        .then(|| css_external_url(value))
        .flatten()
    {
        found.push(
            "asset.svg-external",
            pos,
            format!("a style that loads `{url}` on `{name}`"),
        );
    }
}

/// Whether a URL is a `javascript:` one as a browser reads it: leading spaces and
/// control characters skipped, tabs and line breaks inside the scheme ignored, any case.
fn is_javascript_url(value: &str) -> bool {
    let scheme: String = value
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(11)
        .collect();
    scheme.eq_ignore_ascii_case("javascript:")
}

/// The first resource a piece of CSS loads (`url(…)` or `@import`) that is not a
/// fragment of the same file, if any.
fn css_external_url(css: &str) -> Option<String> {
    let lower = css.to_ascii_lowercase();
    let mut rest = lower.as_str();
    let mut offset = 0;
    while let Some(i) = rest.find("url(") {
        let start = offset + i + 4;
        let arg = css[start..]
            .split(')')
            .next()
            .unwrap_or_default()
            .trim()
            .trim_matches(|c| c == '"' || c == '\'');
        if !arg.starts_with('#') {
            return Some(shorten(arg));
        }
        offset = start;
        rest = &lower[offset..];
    }
    lower.contains("@import").then(|| "@import".to_string())
}

/// A value cut to a readable length for a message.
fn shorten(s: &str) -> String {
    let s = s.trim();
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(inner: &str) -> Vec<u8> {
        format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 10 10\">\n{inner}\n</svg>\n"
        )
        .into_bytes()
    }

    fn codes(bytes: &[u8]) -> Vec<&'static str> {
        check_svg(bytes).into_iter().map(|p| p.code).collect()
    }

    #[test]
    fn formats_by_content() {
        assert_eq!(sniff_image(b"\x89PNG\r\n\x1a\nxxxx"), Some("image/png"));
        assert_eq!(sniff_image(b"\xFF\xD8\xFF\xE0"), Some("image/jpeg"));
        assert_eq!(sniff_image(b"GIF89a..."), Some("image/gif"));
        assert_eq!(sniff_image(b"RIFF\0\0\0\0WEBPVP8 "), Some("image/webp"));
        assert_eq!(
            sniff_image(b"<?xml version=\"1.0\"?><svg/>"),
            Some("image/svg+xml")
        );
        let mut long = b"<?xml version=\"1.0\"?>\n<!-- ".to_vec();
        long.extend(std::iter::repeat_n(b'x', 2000));
        long.extend(b" -->\n<svg/>");
        assert_eq!(sniff_image(&long), Some("image/svg+xml"));
        assert_eq!(sniff_image(b"BM...."), None);
        assert!(may_animate(b"GIF89a...."));
        assert!(!may_animate(b"\x89PNG\r\n\x1a\nIHDR...IDAT"));
        assert_eq!(describe_format(b"BM...."), "a BMP image");
        assert_eq!(describe_format(b"II*\0...."), "a TIFF image");
        assert_eq!(
            describe_format(b"hello"),
            "not an image format galley recognises"
        );
    }

    #[test]
    fn a_plain_svg_passes() {
        let ok = svg(
            "<defs><linearGradient id=\"g\"/></defs><rect fill=\"url(#g)\" style=\"fill: url('#g')\" width=\"5\" height=\"5\"/><use xlink:href=\"#g\"/><use href=\" #g\"/><text>onload</text>",
        );
        assert_eq!(check_svg(&ok), vec![]);
        let with_doctype = b"<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>";
        assert_eq!(check_svg(with_doctype), vec![]);
    }

    #[test]
    fn scripts_in_every_form_are_found() {
        for (inner, what) in [
            ("<script>alert(1)</script>", "a `script` element"),
            (
                "<foreignObject><script xmlns=\"http://www.w3.org/1999/xhtml\">x()</script></foreignObject>",
                "a `script` element",
            ),
            (
                "<rect onclick=\"x()\"/>",
                "event-handler attribute `onclick`",
            ),
            ("<rect ONLOAD=\"x()\"/>", "event-handler attribute `ONLOAD`"),
            ("<a xlink:href=\"javascript:x()\"/>", "`javascript:` URL"),
            ("<a href=\" JavaScript:x()\"/>", "`javascript:` URL"),
            ("<a href=\"java&#9;script:x()\"/>", "`javascript:` URL"),
            (
                "<set attributeName=\"href\" to=\"javascript:x()\"/>",
                "`javascript:` URL in `to`",
            ),
        ] {
            let problems = check_svg(&svg(inner));
            assert_eq!(problems.len(), 1, "{inner}: {problems:?}");
            assert_eq!(problems[0].code, "asset.svg-script", "{inner}");
            assert!(problems[0].message.contains(what), "{inner}: {problems:?}");
            assert!(problems[0].message.contains("line 2"), "{problems:?}");
        }
    }

    #[test]
    fn references_to_other_resources_are_found() {
        for inner in [
            "<image href=\"photo.png\"/>",
            "<image xlink:href=\"https://example.org/x.png\"/>",
            "<a href=\"https://example.org/\"><text>x</text></a>",
            "<image href=\"data:image/png;base64,AAAA\"/>",
            "<rect style=\"fill: url(https://example.org/p.svg#a)\"/>",
            "<style>@import 'https://example.org/x.css';</style>",
            "<style>rect { fill: url(\"other.svg#p\") }</style>",
        ] {
            assert_eq!(codes(&svg(inner)), vec!["asset.svg-external"], "{inner}");
        }
    }

    #[test]
    fn what_is_not_an_svg_document_is_invalid() {
        for bytes in [
            b"<svg xmlns=\"http://www.w3.org/2000/svg\"><rect></svg>".as_slice(),
            b"<svg><rect/></svg>",
            b"<html xmlns=\"http://www.w3.org/1999/xhtml\"><svg/></html>",
            b"<svg xmlns=\"http://www.w3.org/2000/svg\">\xff</svg>",
            b"<!DOCTYPE svg [<!ENTITY a \"&b;\"><!ENTITY b \"&a;\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&a;</svg>",
        ] {
            assert_eq!(codes(bytes), vec!["asset.svg-invalid"], "{}", String::from_utf8_lossy(bytes));
        }
    }

    #[test]
    fn a_script_hidden_in_an_entity_is_found() {
        let bytes = b"<!DOCTYPE svg [<!ENTITY s \"<script>x()</script>\">]><svg xmlns=\"http://www.w3.org/2000/svg\">&s;</svg>";
        assert_eq!(codes(bytes), vec!["asset.svg-script"]);
    }
}
