//! MathML as the YAML gives it: checked once (well-formed, a `math` root in the MathML
//! namespace, MathML 2 presentation elements and attributes only) and written into any
//! output, under a prefix (JATS `mml:`) or in the default namespace (XHTML).
//!
//! The element and attribute lists are those of the MathML 2.0 Recommendation (W3C,
//! 2003), chapter 3 (presentation markup) and section 5.1 (`semantics`, `annotation`):
//! the JATS 1.3 DTD loads MathML 2.0, and each of these is also MathML 3.

use roxmltree::{Document, Node, NodeType, ParsingOptions};

use crate::xml::XmlWriter;

/// The MathML namespace.
pub const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";

/// MathML 2 presentation elements (and `math`, `semantics`, `annotation`).
const ELEMENTS: &[&str] = &[
    "math",
    "mi",
    "mn",
    "mo",
    "mtext",
    "mspace",
    "ms",
    "mglyph",
    "mrow",
    "mfrac",
    "msqrt",
    "mroot",
    "mstyle",
    "merror",
    "mpadded",
    "mphantom",
    "mfenced",
    "menclose",
    "msub",
    "msup",
    "msubsup",
    "munder",
    "mover",
    "munderover",
    "mmultiscripts",
    "mprescripts",
    "none",
    "mtable",
    "mlabeledtr",
    "mtr",
    "mtd",
    "maligngroup",
    "malignmark",
    "maction",
    "semantics",
    "annotation",
];

/// Whether `name` (without namespace) is an attribute of MathML 2 presentation markup,
/// as [`check`] takes it.
pub fn is_mathml2_attribute(name: &str) -> bool {
    ATTRIBUTES.contains(&name)
}

/// Attributes of MathML 2 presentation elements (section 3.1.10's table and the
/// attributes every element takes).
const ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "style",
    "xref",
    "display",
    "alttext",
    "mathvariant",
    "mathsize",
    "mathcolor",
    "mathbackground",
    "fontsize",
    "fontweight",
    "fontstyle",
    "fontfamily",
    "color",
    "form",
    "fence",
    "separator",
    "lspace",
    "rspace",
    "stretchy",
    "symmetric",
    "maxsize",
    "minsize",
    "largeop",
    "movablelimits",
    "accent",
    "accentunder",
    "width",
    "height",
    "depth",
    "linebreak",
    "lquote",
    "rquote",
    "linethickness",
    "numalign",
    "denomalign",
    "bevelled",
    "scriptlevel",
    "displaystyle",
    "scriptsizemultiplier",
    "scriptminsize",
    "background",
    "veryverythinmathspace",
    "verythinmathspace",
    "thinmathspace",
    "mediummathspace",
    "thickmathspace",
    "verythickmathspace",
    "veryverythickmathspace",
    "open",
    "close",
    "separators",
    "notation",
    "subscriptshift",
    "superscriptshift",
    "align",
    "rowalign",
    "columnalign",
    "groupalign",
    "alignmentscope",
    "columnwidth",
    "rowspacing",
    "columnspacing",
    "rowlines",
    "columnlines",
    "frame",
    "framespacing",
    "equalrows",
    "equalcolumns",
    "side",
    "minlabelspacing",
    "rowspan",
    "columnspan",
    "edge",
    "actiontype",
    "selection",
    "alt",
    "index",
    "src",
    "encoding",
    "definitionURL",
    "overflow",
    "altimg",
    "macros",
    "mode",
];

/// A fault in a formula's MathML: where (a byte offset into the MathML and a length in
/// bytes), what, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MathError {
    /// Byte offset in the MathML string.
    pub offset: usize,
    /// Length in bytes of what is at fault (at least 1 where the string has a byte there).
    pub len: usize,
    /// What is wrong.
    pub message: String,
    /// How to put it right.
    pub hint: String,
}

/// Parses MathML with a DTD refused and a budget on nodes (hostile input stays cheap).
fn parse(mathml: &str) -> Result<Document<'_>, roxmltree::Error> {
    Document::parse_with_options(
        mathml,
        ParsingOptions {
            allow_dtd: false,
            nodes_limit: 100_000,
            ..ParsingOptions::default()
        },
    )
}

/// Checks a formula's MathML: well-formed, root `math` in the MathML namespace, MathML 2
/// presentation elements and attributes only, no other namespace.
pub fn check(mathml: &str) -> Result<(), MathError> {
    let doc = parse(mathml).map_err(|e| {
        let pos = e.pos();
        MathError {
            offset: byte_at(mathml, pos.row, pos.col),
            len: 1,
            message: format!(
                "the MathML is not well-formed XML: {}",
                e.to_string()
                    .rsplit_once(" at ")
                    .map_or(e.to_string(), |(m, _)| m.to_string())
            ),
            hint: "write one `<math xmlns=\"http://www.w3.org/1998/Math/MathML\">…</math>` element; escape `<` and `&` in text as `&lt;` and `&amp;`".into(),
        }
    })?;
    let root = doc.root_element();
    if root.tag_name().name() != "math" || root.tag_name().namespace() != Some(MATHML_NS) {
        return Err(MathError {
            offset: root.range().start,
            len: root.tag_name().name().len() + 1,
            message: format!(
                "the MathML's root is `{}`{}, not `math` in the MathML namespace",
                root.tag_name().name(),
                root.tag_name()
                    .namespace()
                    .map_or(" in no namespace".to_string(), |n| format!(" in `{n}`"))
            ),
            hint: format!("the root must be `<math xmlns=\"{MATHML_NS}\">`"),
        });
    }
    // Depth first with a stack of its own, in document order: the writers recurse, so
    // the depth is bounded here.
    let mut stack = vec![(root, 1usize)];
    while let Some((n, depth)) = stack.pop() {
        if depth > MAX_DEPTH {
            return Err(MathError {
                offset: n.range().start,
                len: n.tag_name().name().len() + 1,
                message: format!("the MathML nests elements more than {MAX_DEPTH} deep"),
                hint: "flatten the formula: an `mrow` may hold any number of elements".into(),
            });
        }
        check_element(n)?;
        let children: Vec<_> = n.children().filter(|c| c.is_element()).collect();
        stack.extend(children.into_iter().rev().map(|c| (c, depth + 1)));
    }
    Ok(())
}

/// How deep MathML elements may nest (a formula of real print is seldom deeper than 20).
const MAX_DEPTH: usize = 100;

/// One element: a MathML 2 presentation element with MathML 2 attributes.
fn check_element(n: Node<'_, '_>) -> Result<(), MathError> {
    let name = n.tag_name().name();
    let start = n.range().start;
    if n.tag_name().namespace() != Some(MATHML_NS) || !ELEMENTS.contains(&name) {
        let what = if n.tag_name().namespace() == Some(MATHML_NS) {
            format!("`{name}` is not a MathML 2 presentation element")
        } else {
            format!("`{name}` is not in the MathML namespace")
        };
        return Err(MathError {
            offset: start,
            len: name.len() + 1,
            message: what,
            hint: "use presentation markup (mi, mn, mo, mrow, mfrac, msup, …); content MathML, MathML 3's new elements and other vocabularies cannot be carried by JATS's MathML 2".into(),
        });
    }
    for a in n.attributes() {
        if a.namespace().is_some() || !ATTRIBUTES.contains(&a.name()) {
            return Err(MathError {
                offset: a.range().start,
                len: a.range().len().max(1),
                message: format!(
                    "`{}` is not an attribute of MathML 2 presentation markup",
                    a.name()
                ),
                hint: "remove the attribute; MathML 2 takes mathvariant, mathsize, stretchy, display, alttext and the like".into(),
            });
        }
    }
    Ok(())
}

/// The byte offset of a row and column (both from 1, the column in characters).
fn byte_at(s: &str, row: u32, col: u32) -> usize {
    let mut offset = 0;
    for (i, line) in s.split_inclusive('\n').enumerate() {
        if i + 1 == row as usize {
            return offset
                + line
                    .char_indices()
                    .nth(col.saturating_sub(1) as usize)
                    .map_or(line.len(), |(b, _)| b);
        }
        offset += line.len();
    }
    s.len().saturating_sub(1)
}

/// The characters of the MathML's token elements, in order (`E=mc2`): what TEI holds of a
/// formula given without TeX or alt text.
pub fn characters(mathml: &str) -> String {
    let Ok(doc) = parse(mathml) else {
        return String::new();
    };
    doc.root_element()
        .descendants()
        .filter(|n| n.is_text())
        .filter_map(|n| n.text())
        .map(str::trim)
        .collect()
}

/// How to write the MathML into an output.
#[derive(Debug, Clone, Copy)]
pub struct WriteAs<'a> {
    /// `mml:` for JATS, empty for XHTML (where `math` declares the namespace itself).
    pub prefix: &'a str,
    /// Attributes added to `math` when the source does not give them: `display`,
    /// `alttext`.
    pub extra: &'a [(&'a str, &'a str)],
    /// TeX to carry inside the MathML as `semantics` (the formula in an `mrow`, then
    /// `annotation encoding="application/x-tex"`), for outputs with no other place for
    /// it (the EPUB and the preview); left out when the MathML has `semantics` already.
    pub tex_annotation: Option<&'a str>,
}

/// Writes the MathML: `math` as an element placed like a block or inline by the parent
/// (the writer decides), its descendants inline; whitespace between elements dropped,
/// the text of token elements kept as written. MathML that does not parse (validation
/// refuses it first) writes nothing.
pub fn write(w: &mut XmlWriter, mathml: &str, how: WriteAs<'_>) {
    let Ok(doc) = parse(mathml) else { return };
    let root = doc.root_element();
    let name = format!("{}math", how.prefix);
    let mut attrs: Vec<(String, String)> = Vec::new();
    if how.prefix.is_empty() {
        attrs.push(("xmlns".into(), MATHML_NS.into()));
    }
    attrs.extend(
        root.attributes()
            .map(|a| (a.name().to_string(), a.value().to_string())),
    );
    for (k, v) in how.extra {
        if root.attribute(*k).is_none() {
            attrs.push(((*k).to_string(), (*v).to_string()));
        }
    }
    let attrs: Vec<(&str, &str)> = attrs
        .iter()
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    w.open_mixed(&name, &attrs);
    let has_semantics = root
        .children()
        .any(|c| c.has_tag_name((MATHML_NS, "semantics")));
    match how.tex_annotation.filter(|_| !has_semantics) {
        Some(tex) => {
            let p = how.prefix;
            let (semantics, mrow, annotation) = (
                format!("{p}semantics"),
                format!("{p}mrow"),
                format!("{p}annotation"),
            );
            w.open_inline(&semantics, &[]);
            w.open_inline(&mrow, &[]);
            children(w, root, p);
            w.end(&mrow);
            w.open_inline(&annotation, &[("encoding", "application/x-tex")]);
            w.text(tex);
            w.end(&annotation);
            w.end(&semantics);
        }
        None => children(w, root, how.prefix),
    }
    w.end(&name);
}

/// The children of an element, recursively.
fn children(w: &mut XmlWriter, parent: Node<'_, '_>, prefix: &str) {
    for n in parent.children() {
        match n.node_type() {
            NodeType::Element => {
                let name = format!("{prefix}{}", n.tag_name().name());
                let attrs: Vec<(&str, &str)> =
                    n.attributes().map(|a| (a.name(), a.value())).collect();
                if n.has_children() {
                    w.open_inline(&name, &attrs);
                    children(w, n, prefix);
                    w.end(&name);
                } else {
                    w.empty_inline(&name, &attrs);
                }
            }
            NodeType::Text => {
                let t = n.text().unwrap_or_default();
                if !t.trim().is_empty() {
                    w.text(t);
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const OK: &str = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>E</mi><mo>=</mo><mi>m</mi><msup><mi>c</mi><mn>2</mn></msup></math>";

    #[test]
    fn presentation_mathml_passes() {
        assert_eq!(check(OK), Ok(()));
        assert_eq!(characters(OK), "E=mc2");
    }

    #[test]
    fn faults_point_at_their_place() {
        let e = check("<math><mi>x</mi></math>").unwrap_err();
        assert_eq!((e.offset, e.len), (0, 5));
        let s = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><apply/></math>";
        let e = check(s).unwrap_err();
        assert_eq!(&s[e.offset..e.offset + e.len], "<apply");
        let s = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi foo=\"1\">x</mi></math>";
        let e = check(s).unwrap_err();
        assert_eq!(&s[e.offset..e.offset + e.len], "foo=\"1\"");
        let s = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">\n<mi>x</mo></math>";
        let e = check(s).unwrap_err();
        assert!(e.message.contains("not well-formed"), "{e:?}");
        assert!(e.offset > 50, "{e:?}");
    }

    #[test]
    fn deep_nesting_is_refused_quickly() {
        let n = 50_000;
        let s = format!(
            "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">{}<mi>x</mi>{}</math>",
            "<mrow>".repeat(n),
            "</mrow>".repeat(n)
        );
        let e = check(&s).unwrap_err();
        assert!(e.message.contains("deep"), "{e:?}");
        let ok = format!(
            "<math xmlns=\"http://www.w3.org/1998/Math/MathML\">{}<mi>x</mi>{}</math>",
            "<mrow>".repeat(90),
            "</mrow>".repeat(90)
        );
        assert_eq!(check(&ok), Ok(()));
    }

    #[test]
    fn written_with_a_prefix() {
        let mut w = XmlWriter::new();
        w.open_mixed("p", &[]);
        write(
            &mut w,
            OK,
            WriteAs {
                prefix: "mml:",
                extra: &[("display", "block")],
                tex_annotation: None,
            },
        );
        w.end("p");
        let out = w.finish().unwrap();
        assert!(
            out.contains("<mml:math display=\"block\"><mml:mi>E</mml:mi>"),
            "{out}"
        );
        assert!(
            out.contains("<mml:msup><mml:mi>c</mml:mi><mml:mn>2</mml:mn></mml:msup></mml:math>")
        );
    }
}
