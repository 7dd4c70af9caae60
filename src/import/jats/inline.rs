//! JATS mixed content → galley inline markup (see [`crate::inline`] for the syntax):
//! every character kept, markup characters escaped, citations and cross-references
//! printed as the source prints them.
//!
//! The mapping builds galley's own inline tree ([`Inline`]) from the XML, then writes it
//! as markup. Written markup is checked by parsing it back with galley's parser: the
//! tree read must be the tree meant. Escapes are kept to what the parser needs (`[sic]`
//! and `editor@example.org` stay as they are); when that is not enough, every markup
//! character is escaped; when a generated citation form (`[@id]`) would be read
//! otherwise, the written form (`[printed](@id)`) is used.
//!
//! Whitespace: every character of the text is kept (no-break and hair spaces, combining
//! marks), except the source file's line breaks: a run of XML white space (space, tab,
//! CR, LF) holding a line break is one space, as XML renderers read it, and white space
//! at the start and end of a block's text is the file's indentation, not text.

use roxmltree::Node;

use super::ctx::{Ctx, is_galley_id};
use crate::inline::{Citation, CiteMode, Inline, LinkTarget};
use crate::model::{Footnote, Id, InlineFormula, Text};

/// The XLink namespace.
pub const XLINK: &str = "http://www.w3.org/1999/xlink";
/// The XML namespace (`xml:lang`).
pub const XML: &str = "http://www.w3.org/XML/1998/namespace";

/// The mixed content of `node` (its children, not the element itself) as galley inline
/// markup. Elements the markup cannot say are reported with [`Ctx::lose`] and their text
/// kept.
pub fn text(ctx: &mut Ctx<'_, '_>, node: Node<'_, '_>) -> Text {
    let children: Vec<Node<'_, '_>> = node.children().collect();
    text_of(ctx, &children)
}

/// [`text`] of some of an element's children (a paragraph's text between two blocks).
pub fn text_of(ctx: &mut Ctx<'_, '_>, nodes: &[Node<'_, '_>]) -> Text {
    let raw = inlines_of(ctx, nodes);
    Text::new(write(ctx, nodes.first().copied(), raw))
}

/// The inline tree of some nodes, tidied and trimmed as a block's text, with the
/// source's printed citations and cross-references as written.
pub fn inlines_of(ctx: &mut Ctx<'_, '_>, nodes: &[Node<'_, '_>]) -> Vec<Inline> {
    let mut out = Vec::new();
    let st = Spans::default();
    for n in nodes {
        node(ctx, *n, st, &mut out);
    }
    let mut out = tidy(out);
    trim_block(&mut out);
    out
}

/// Whether nodes hold any text or inline element (anything but white space, comments
/// and processing instructions).
pub fn has_content(nodes: &[Node<'_, '_>]) -> bool {
    nodes
        .iter()
        .any(|n| n.is_element() || (n.is_text() && n.text().is_some_and(|t| !is_xml_space(t))))
}

/// The markup of `raw` (a tree with the written forms), with galley's generated
/// citation and cross-reference forms where the printed text is exactly theirs; checked
/// by parsing it back. `at` is where a loss is reported if no form reads back.
fn write(ctx: &mut Ctx<'_, '_>, at: Option<Node<'_, '_>>, raw: Vec<Inline>) -> String {
    let generated = generate(ctx, raw.clone());
    for tree in [&generated, &raw] {
        for full in [false, true] {
            let s = markup(tree, full);
            if reads_back(&s, tree) {
                return s;
            }
        }
    }
    // A nesting the markup cannot say (bold opening an italic span…): the text is kept
    // with its emphasis left out.
    let plain = strip_emphasis(&raw);
    if let Some(n) = at {
        ctx.lose(
            n.parent().unwrap_or(n),
            None,
            "emphasis nested in a way galley's markup cannot write (the text is kept, its italic, bold, superscript and subscript left out)",
        );
    }
    markup(&plain, true)
}

/// Which emphasis spans are open around a node: the same span inside itself cannot be
/// written (`**` is bold, not italic in italic).
#[derive(Debug, Clone, Copy, Default)]
struct Spans {
    italic: bool,
    bold: bool,
    sup: bool,
    sub: bool,
    /// Inside a link or a printed reference, which hold no further link or reference.
    linked: bool,
}

/// One node of mixed content → inline nodes appended to `out`.
fn node(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, st: Spans, out: &mut Vec<Inline>) {
    if n.is_text() {
        if let Some(t) = n.text() {
            out.push(Inline::Text(t.to_string()));
        }
        return;
    }
    if !n.is_element() {
        return;
    }
    let name = n.tag_name().name();
    let kids = |ctx: &mut Ctx<'_, '_>, st: Spans| -> Vec<Inline> {
        let mut v = Vec::new();
        for c in n.children() {
            node(ctx, c, st, &mut v);
        }
        v
    };
    match name {
        "italic" | "bold" | "sup" | "sub" => {
            let (open, mut inner) = match name {
                "italic" => (st.italic, Spans { italic: true, ..st }),
                "bold" => (st.bold, Spans { bold: true, ..st }),
                "sup" => (st.sup, Spans { sup: true, ..st }),
                _ => (st.sub, Spans { sub: true, ..st }),
            };
            inner.linked = st.linked;
            let content = kids(ctx, inner);
            if open {
                ctx.lose(
                    n,
                    None,
                    format!(
                        "{name} inside {name} (galley's markup cannot nest it; the text is kept)"
                    ),
                );
                out.extend(content);
                return;
            }
            out.push(match name {
                "italic" => Inline::Italic(content),
                "bold" => Inline::Bold(content),
                "sup" => Inline::Sup(content),
                _ => Inline::Sub(content),
            });
        }
        "sc" => out.push(Inline::SmallCaps(kids(ctx, st))),
        "named-content" | "styled-content" => {
            let lang = n.attribute((XML, "lang"));
            let content = kids(ctx, st);
            match lang {
                Some(l) if valid_lang(l) => {
                    let galleys = n.attribute("content-type") == Some("lang");
                    if name == "named-content"
                        && !galleys
                        && let Some(ct) = n.attribute("content-type")
                    {
                        ctx.lose(
                            n,
                            Some("content-type"),
                            format!("named-content type `{ct}` (the language span is kept)"),
                        );
                    }
                    out.push(Inline::Lang {
                        lang: l.to_string(),
                        content,
                    });
                }
                _ => {
                    ctx.lose(
                        n,
                        None,
                        format!("{name} (its text is kept, what it names is not)"),
                    );
                    out.extend(content);
                }
            }
        }
        "ext-link" | "uri" => {
            let href = n
                .attribute((XLINK, "href"))
                .map(str::to_string)
                .or_else(|| {
                    (name == "uri").then(|| n.text().unwrap_or_default().trim().to_string())
                });
            let mut content = kids(ctx, Spans { linked: true, ..st });
            // An empty link (BMC's `<ext-link xlink:href="…"/>`) shows its address.
            if content.is_empty()
                && let Some(h) = href.as_deref().filter(|h| valid_url(h))
            {
                // Text the source does not print: reported, so the words galley adds
                // are accounted for.
                ctx.lose(
                    n,
                    None,
                    "an empty link: galley prints its address as its text",
                );
                content.push(Inline::Text(h.to_string()));
            }
            match href.filter(|h| valid_url(h)) {
                Some(url)
                    if !st.linked
                        && !crate::inline::plain_text(&content).is_empty()
                        && !holds_reference(&content) =>
                {
                    // galley's links are plain web links: what kind of link it was (a
                    // `doi`, `pmid`, `ftp`…) is not kept.
                    if let Some(kind) = n
                        .attribute("ext-link-type")
                        .filter(|k| !matches!(*k, "uri" | "url" | "http" | "https"))
                    {
                        ctx.lose(
                            n,
                            Some("ext-link-type"),
                            format!("the link's kind `{kind}` (it stays a web link)"),
                        );
                    }
                    out.push(Inline::Link { url, content })
                }
                _ => {
                    ctx.lose(
                        n,
                        None,
                        format!("{name}: the link's address (its text is kept)"),
                    );
                    out.extend(content);
                }
            }
        }
        "xref" => xref(ctx, n, st, out),
        "inline-formula" => {
            if st.linked {
                ctx.lose(n, None, "an inline formula inside a link or a printed reference (its TeX or characters are kept as text)");
                out.push(Inline::Text(formula_chars(n)));
                return;
            }
            if !formula_may_stand(ctx) {
                ctx.lose(n, None, "an inline formula where galley places none (titles, headings, attributions, abstracts, references, appendices): its TeX or characters are kept as text");
                out.push(Inline::Text(formula_chars(n)));
                return;
            }
            match inline_formula(ctx, n) {
                Some(f) => {
                    out.push(Inline::Formula {
                        id: f.id.to_string(),
                        offset: 0,
                    });
                    ctx.formulas.push(f);
                }
                None => {
                    ctx.lose(n, None, "inline-formula without MathML (its text is kept)");
                    out.push(Inline::Text(formula_chars(n)));
                }
            }
        }
        "fn" => {
            // A footnote written where it is called (NLM and SciELO do so): the note
            // goes to the article's footnotes, a `[^id]` stays here.
            let id = match n.attribute("id") {
                Some(i) => ctx.id(i),
                None => ctx.fresh_id_for(n, "fn"),
            };
            let paras: Vec<Node<'_, '_>> = n.children().filter(|c| c.has_tag_name("p")).collect();
            let text = paragraphs_joined(ctx, n, &paras);
            if let Some(l) = n.children().find(|c| c.has_tag_name("label")) {
                ctx.lose(l, None, "a footnote's own label (galley numbers footnotes)");
            }
            ctx.footnotes.push(Footnote {
                id: id.clone(),
                text,
            });
            if st.linked {
                ctx.lose(
                    n,
                    None,
                    "a footnote inside a link or a printed reference: its mark is not placed",
                );
            } else {
                out.push(Inline::FootnoteRef {
                    id: id.to_string(),
                    offset: 0,
                });
            }
        }
        "break" => {
            ctx.lose(n, None, "a line break inside text (written as a space)");
            out.push(Inline::Text(" ".into()));
        }
        "inline-graphic" | "private-char" | "inline-media" => {
            ctx.lose(n, None, format!("{name} (an image in a line of text)"));
            out.extend(kids(ctx, st));
        }
        // The parts of a printed reference: their facts are the reference's fields.
        _ if super::back::is_citation_part(n) => out.extend(kids(ctx, st)),
        _ => {
            ctx.lose(
                n,
                None,
                format!("{name} (its text is kept, the element is not)"),
            );
            out.extend(kids(ctx, st));
        }
    }
}

/// A footnote's or note's paragraphs as one text (paragraphs after the first joined
/// with a space, and reported).
pub fn paragraphs_joined(
    ctx: &mut Ctx<'_, '_>,
    parent: Node<'_, '_>,
    paras: &[Node<'_, '_>],
) -> Text {
    if paras.is_empty() {
        // A note without `p`: its own mixed content (minus its label).
        let nodes: Vec<Node<'_, '_>> = parent
            .children()
            .filter(|c| !c.has_tag_name("label"))
            .collect();
        return text_of(ctx, &nodes);
    }
    if paras.len() > 1 {
        ctx.lose(paras[1], None, "a note's second and further paragraphs (their text is kept, joined to the first with a space)");
    }
    let mut all: Vec<String> = Vec::new();
    for p in paras {
        all.push(text(ctx, *p).as_str().to_string());
    }
    Text::new(all.join(" "))
}

/// `xref`: footnote marks, citations and cross-references.
fn xref(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, st: Spans, out: &mut Vec<Inline>) {
    let kind = n.attribute("ref-type").unwrap_or("");
    let rids: Vec<&str> = n
        .attribute("rid")
        .unwrap_or("")
        .split_whitespace()
        .collect();
    let content = {
        let mut v = Vec::new();
        for c in n.children() {
            node(ctx, c, Spans { linked: true, ..st }, &mut v);
        }
        tidy(v)
    };
    if st.linked || rids.is_empty() || holds_reference(&content) {
        ctx.lose(
            n,
            None,
            "a cross-reference galley cannot place here (its text is kept)",
        );
        out.extend(content);
        return;
    }
    match kind {
        "fn" => {
            for r in &rids {
                let id = ctx.id(r);
                out.push(Inline::FootnoteRef {
                    id: id.to_string(),
                    offset: 0,
                });
            }
        }
        "bibr" => {
            if crate::inline::plain_text(&content).trim().is_empty() {
                ctx.lose(n, None, "a citation without printed text (left out)");
                return;
            }
            let targets = reference_targets(ctx, &rids);
            out.push(Inline::CiteText { content, targets });
        }
        "table-fn" | "aff" | "corresp" | "author-notes" | "contrib" | "bio" | "kwd" | "list" => {
            ctx.lose(
                n,
                None,
                format!("a cross-reference to {kind} (its text is kept)"),
            );
            out.extend(content);
        }
        _ if rids.iter().any(|r| !xref_target(ctx, r)) => {
            ctx.lose(
                n,
                None,
                format!("a cross-reference to {} (not a figure, table, formula, section, appendix or supplementary file galley maps; its text is kept)", rids.join(" ")),
            );
            out.extend(content);
        }
        _ => {
            let targets: Vec<LinkTarget> = rids
                .iter()
                .map(|r| LinkTarget {
                    id: ctx.id(r).to_string(),
                    offset: 0,
                    range_to: None,
                })
                .collect();
            if crate::inline::plain_text(&content).trim().is_empty() {
                // The source prints nothing here (PLOS places an empty xref to a figure
                // after a sentence); galley's `[#id]` would print the target's label.
                ctx.lose(
                    n,
                    None,
                    "a cross-reference without printed text (left out: galley would print its target's label)",
                );
                return;
            }
            out.push(Inline::XRefText { content, targets });
        }
    }
}

/// Whether the JATS element with id `rid` becomes something galley's `[#id]` can name:
/// a section of the body or back, an appendix, a figure, table or display formula of the
/// body, back, floats or abstract, a supplementary file of the back's supplementary
/// section (or the body's, which the back's mapping takes). Anything else (a
/// `supplementary-material` elsewhere in the body, a
/// `list-item`, an id nothing carries) is no target.
fn xref_target(ctx: &mut Ctx<'_, '_>, rid: &str) -> bool {
    let Some(e) = ctx.by_id(rid) else {
        return false;
    };
    let within = |names: &[&str]| {
        e.ancestors()
            .skip(1)
            .any(|a| a.is_element() && names.contains(&a.tag_name().name()))
    };
    match e.tag_name().name() {
        "sec" => {
            !within(&["front", "front-stub", "abstract", "trans-abstract"])
                && !super::body::supplementary_in_body(e)
        }
        "app" => true,
        "disp-formula" => {
            within(&["body", "back", "floats-group"])
                && !within(&["table-wrap-foot", "ref-list"])
                && ctx.dry(|ctx| math_of(ctx, e, true)).is_some()
        }
        "fig" | "table-wrap" | "graphic" => {
            within(&["body", "back", "floats-group", "abstract"])
                && !within(&["table-wrap-foot", "ref-list"])
        }
        // Only a supplementary section of the back (or one right under the body, which
        // the back's mapping takes) becomes the article's `supplementary`.
        "supplementary-material" => {
            e.parent_element().is_some_and(|p| {
                (p.has_tag_name("sec")
                    && p.attribute("sec-type") == Some("supplementary-material")
                    && p.parent_element().is_some_and(|b| b.has_tag_name("back")))
                    || super::body::supplementary_in_body(p)
            }) && ctx
                .dry(|ctx| super::back::supplementary_item(ctx, e))
                .is_some()
        }
        _ => false,
    }
}

/// Whether an inline formula may stand in the text being mapped (galley's rule, on the
/// YAML path the text is written at).
fn formula_may_stand(ctx: &Ctx<'_, '_>) -> bool {
    crate::validate::formula_may_stand(&ctx.yaml_pointer())
}

/// The galley ids of a citation's references, a run of three or more that follow each
/// other in the reference list written as a range (`@a..@c`), as galley writes `[1]–[3]`.
fn reference_targets(ctx: &mut Ctx<'_, '_>, rids: &[&str]) -> Vec<LinkTarget> {
    let order: Vec<&str> = ctx
        .doc
        .descendants()
        .filter(|d| d.has_tag_name("ref"))
        .filter_map(|d| d.attribute("id"))
        .collect();
    let pos: Vec<Option<usize>> = rids
        .iter()
        .map(|r| order.iter().position(|o| o == r))
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < rids.len() {
        let mut j = i;
        while j + 1 < rids.len() && matches!((pos[j], pos[j + 1]), (Some(a), Some(b)) if b == a + 1)
        {
            j += 1;
        }
        if j >= i + 2 {
            out.push(LinkTarget {
                id: ctx.id(rids[i]).to_string(),
                offset: 0,
                range_to: Some((ctx.id(rids[j]).to_string(), 0)),
            });
            i = j + 1;
        } else {
            out.push(LinkTarget {
                id: ctx.id(rids[i]).to_string(),
                offset: 0,
                range_to: None,
            });
            i += 1;
        }
    }
    out
}

/// An `inline-formula` (or the `mml:math` and `tex-math` of any formula element) → its
/// MathML, TeX and alt text; `None` without MathML.
pub fn inline_formula(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>) -> Option<InlineFormula> {
    let (mathml, tex, alt) = math_of(ctx, n, false)?;
    let id = match n.attribute("id") {
        Some(i) => ctx.id(i),
        None => ctx.fresh_id_for(n, "f"),
    };
    Some(InlineFormula {
        id,
        mathml,
        tex,
        alt,
    })
}

/// The MathML (as galley writes it: `math` in the default namespace, whitespace between
/// elements kept as the source has it, `alttext` taken out as the alt text, and for a
/// display formula `display="block"`, which galley writes itself), the TeX and the alt
/// text of a formula element. Other content of the element is reported.
pub fn math_of(
    ctx: &mut Ctx<'_, '_>,
    n: Node<'_, '_>,
    display: bool,
) -> Option<(String, Option<String>, Option<String>)> {
    let math = n.descendants().find(|d| {
        d.tag_name().name() == "math" && d.tag_name().namespace() == Some(crate::math::MATHML_NS)
    })?;
    let tex = n
        .descendants()
        .find(|d| d.has_tag_name("tex-math"))
        .map(|t| t.text().unwrap_or_default().to_string());
    let alt = math.attribute("alttext").map(str::to_string);
    let mut s = String::new();
    write_math(ctx, math, true, display, &mut s);
    if let Err(e) = crate::math::check(&s) {
        // Content MathML or MathML 3's new elements: galley's JATS cannot carry them.
        ctx.lose(
            math,
            None,
            format!("MathML galley cannot carry ({})", e.message),
        );
        return None;
    }
    for other in n.descendants().filter(|d| {
        d.is_element()
            && !matches!(d.tag_name().name(), "alternatives" | "tex-math" | "label")
            && d.tag_name().namespace() != Some(crate::math::MATHML_NS)
            && *d != n
    }) {
        ctx.lose(
            other,
            None,
            format!("{} beside a formula's MathML", other.tag_name().name()),
        );
    }
    Some((s, tex, alt))
}

/// One MathML element as text, without prefix.
fn write_math(ctx: &mut Ctx<'_, '_>, e: Node<'_, '_>, root: bool, display: bool, s: &mut String) {
    let name = e.tag_name().name();
    s.push('<');
    s.push_str(name);
    if root {
        s.push_str(" xmlns=\"");
        s.push_str(crate::math::MATHML_NS);
        s.push('"');
    }
    for a in e.attributes() {
        if root
            && (a.name() == "alttext" || (display && a.name() == "display" && a.value() == "block"))
        {
            continue;
        }
        if a.namespace().is_some() {
            ctx.lose(
                e,
                Some(a.name()),
                format!("MathML attribute `{}` in another namespace", a.name()),
            );
            continue;
        }
        if a.name() == "id"
            && ctx
                .doc
                .descendants()
                .filter(|d| d.attribute("id") == Some(a.value()))
                .nth(1)
                .is_some()
        {
            // An id the source gives more than one element (an APS file repeats its
            // MathML ids) would make galley's JATS invalid: not written.
            ctx.lose(
                e,
                Some("id"),
                format!(
                    "MathML id `{}`, which the file gives more than one element",
                    a.value()
                ),
            );
            continue;
        }
        if !crate::math::is_mathml2_attribute(a.name()) {
            // JATS carries MathML 2; later attributes (MathML 3's `indentalign`…) are not
            // written, as galley's formula check would refuse them.
            ctx.lose(
                e,
                Some(a.name()),
                format!("MathML attribute `{}` (not MathML 2)", a.name()),
            );
            continue;
        }
        s.push(' ');
        s.push_str(a.name());
        s.push_str("=\"");
        s.push_str(&escape_xml(a.value(), true));
        s.push('"');
    }
    if !e.has_children() {
        s.push_str("/>");
        return;
    }
    s.push('>');
    for c in e.children() {
        if c.is_element() {
            write_math(ctx, c, false, display, s);
        } else if let Some(t) = c.text().filter(|_| c.is_text()) {
            s.push_str(&escape_xml(t, false));
        }
    }
    s.push_str("</");
    s.push_str(name);
    s.push('>');
}

fn escape_xml(t: &str, attr: bool) -> String {
    let mut o = String::with_capacity(t.len());
    for c in t.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' if attr => o.push_str("&quot;"),
            c => o.push(c),
        }
    }
    o
}

/// The text standing for a formula that cannot be placed: its TeX, else its characters.
fn formula_chars(n: Node<'_, '_>) -> String {
    if let Some(t) = n.descendants().find(|d| d.has_tag_name("tex-math")) {
        return t.text().unwrap_or_default().to_string();
    }
    n.descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .map(str::trim)
        .collect()
}

/// Whether inline nodes hold a link or a reference (which a link's or a printed
/// reference's text cannot hold).
fn holds_reference(nodes: &[Inline]) -> bool {
    let mut found = false;
    crate::inline::visit(nodes, &mut |n| {
        found |= matches!(
            n,
            Inline::Link { .. }
                | Inline::FootnoteRef { .. }
                | Inline::Cite { .. }
                | Inline::XRef { .. }
                | Inline::CiteText { .. }
                | Inline::XRefText { .. }
                | Inline::Formula { .. }
        );
    });
    found
}

/// An URL galley's links take: absolute http(s) or mailto, none of the characters the
/// markup or URLs refuse.
pub fn valid_url(u: &str) -> bool {
    (u.starts_with("https://") || u.starts_with("http://") || u.starts_with("mailto:"))
        && !u.chars().any(|c| {
            c.is_whitespace()
                || matches!(
                    c,
                    '<' | '>' | '"' | '{' | '}' | '|' | '\\' | '^' | '`' | ')'
                )
        })
}

/// A BCP 47 tag of the shape galley's language spans take.
pub fn valid_lang(l: &str) -> bool {
    let mut parts = l.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn is_xml_space(t: &str) -> bool {
    t.chars().all(|c| matches!(c, ' ' | '\t' | '\n' | '\r'))
}

// ---------------------------------------------------------------------------------------
// Tidying

/// Adjacent texts merged, runs of XML white space holding a line break made one space,
/// adjacent italic (or bold) spans merged (`*a**b*` would read as bold), empty spans
/// left out.
pub fn tidy(nodes: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(nodes.len());
    for n in nodes {
        let n = match n {
            Inline::Text(t) => Inline::Text(collapse_breaks(&t)),
            Inline::Italic(c) => Inline::Italic(tidy(c)),
            Inline::Bold(c) => Inline::Bold(tidy(c)),
            Inline::Sup(c) => Inline::Sup(tidy(c)),
            Inline::Sub(c) => Inline::Sub(tidy(c)),
            Inline::SmallCaps(c) => Inline::SmallCaps(tidy(c)),
            Inline::Lang { lang, content } => Inline::Lang {
                lang,
                content: tidy(content),
            },
            Inline::Link { url, content } => Inline::Link {
                url,
                content: tidy(content),
            },
            Inline::CiteText { content, targets } => Inline::CiteText {
                content: tidy(content),
                targets,
            },
            Inline::XRefText { content, targets } => Inline::XRefText {
                content: tidy(content),
                targets,
            },
            other => other,
        };
        if n.content().is_some_and(<[Inline]>::is_empty) {
            continue;
        }
        match (out.last_mut(), n) {
            (_, Inline::Text(t)) if t.is_empty() => {}
            (Some(Inline::Text(prev)), Inline::Text(t)) => {
                prev.push_str(&t);
                *prev = collapse_breaks(prev);
            }
            (Some(Inline::Italic(prev)), Inline::Italic(c)) => {
                let merged = tidy(std::mem::take(prev).into_iter().chain(c).collect());
                *prev = merged;
            }
            (Some(Inline::Bold(prev)), Inline::Bold(c)) => {
                let merged = tidy(std::mem::take(prev).into_iter().chain(c).collect());
                *prev = merged;
            }
            (_, n) => out.push(n),
        }
    }
    out
}

/// Runs of XML white space holding a line break → one space.
fn collapse_breaks(t: &str) -> String {
    if !t.contains(['\n', '\r']) {
        return t.to_string();
    }
    let mut out = String::with_capacity(t.len());
    let mut run = String::new();
    for c in t.chars() {
        if matches!(c, ' ' | '\t' | '\n' | '\r') {
            run.push(c);
            continue;
        }
        flush_run(&mut out, &mut run);
        out.push(c);
    }
    flush_run(&mut out, &mut run);
    out
}

fn flush_run(out: &mut String, run: &mut String) {
    if run.contains(['\n', '\r']) {
        out.push(' ');
    } else {
        out.push_str(run);
    }
    run.clear();
}

/// XML white space at the start and end of a block's text left out.
fn trim_block(nodes: &mut Vec<Inline>) {
    let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
    if let Some(Inline::Text(t)) = nodes.first_mut() {
        *t = t.trim_start_matches(ws).to_string();
    }
    if let Some(Inline::Text(t)) = nodes.last_mut() {
        *t = t.trim_end_matches(ws).to_string();
    }
    nodes.retain(|n| !matches!(n, Inline::Text(t) if t.is_empty()));
}

/// The tree without italic, bold, superscript and subscript (their content kept).
fn strip_emphasis(nodes: &[Inline]) -> Vec<Inline> {
    let mut out = Vec::new();
    for n in nodes {
        match n {
            Inline::Italic(c) | Inline::Bold(c) | Inline::Sup(c) | Inline::Sub(c) => {
                out.extend(strip_emphasis(c))
            }
            Inline::SmallCaps(c) => out.push(Inline::SmallCaps(strip_emphasis(c))),
            Inline::Lang { lang, content } => out.push(Inline::Lang {
                lang: lang.clone(),
                content: strip_emphasis(content),
            }),
            Inline::Link { url, content } => out.push(Inline::Link {
                url: url.clone(),
                content: strip_emphasis(content),
            }),
            Inline::CiteText { content, targets } => out.push(Inline::CiteText {
                content: strip_emphasis(content),
                targets: targets.clone(),
            }),
            Inline::XRefText { content, targets } => out.push(Inline::XRefText {
                content: strip_emphasis(content),
                targets: targets.clone(),
            }),
            other => out.push(other.clone()),
        }
    }
    tidy(out)
}

// ---------------------------------------------------------------------------------------
// Generated forms

/// The tree with printed citations and cross-references that print exactly what galley
/// would generate (in its default author–date style) replaced by the generated forms.
fn generate(ctx: &mut Ctx<'_, '_>, nodes: Vec<Inline>) -> Vec<Inline> {
    let nodes: Vec<Inline> = nodes
        .into_iter()
        .map(|n| match n {
            Inline::XRefText { content, targets } if targets.len() == 1 => {
                let id = targets[0].id.clone();
                if generated_xref_text(ctx, &id).is_some_and(|g| same_inlines(&g, &content)) {
                    Inline::XRef { id, offset: 0 }
                } else {
                    Inline::XRefText { content, targets }
                }
            }
            Inline::Italic(c) => Inline::Italic(generate(ctx, c)),
            Inline::Bold(c) => Inline::Bold(generate(ctx, c)),
            Inline::Sup(c) => Inline::Sup(generate(ctx, c)),
            Inline::Sub(c) => Inline::Sub(generate(ctx, c)),
            Inline::SmallCaps(c) => Inline::SmallCaps(generate(ctx, c)),
            Inline::Lang { lang, content } => Inline::Lang {
                lang,
                content: generate(ctx, content),
            },
            other => other,
        })
        .collect();
    tidy(citations(ctx, nodes))
}

/// What galley prints for a citation of a reference, author–date: with the author, the
/// year alone, and narrative.
struct CiteTexts {
    full: String,
    year: String,
    narrative: String,
}

fn cite_texts(ctx: &mut Ctx<'_, '_>, galley_id: &str) -> Option<CiteTexts> {
    let node = ctx
        .doc
        .descendants()
        .filter(|d| d.has_tag_name("ref"))
        .find(|d| {
            d.attribute("id")
                .is_some_and(|i| ctx.ids.get(i).map(String::as_str) == Some(galley_id))
        })?;
    let r = ctx.dry(|ctx| super::back::reference(ctx, node));
    let lang = article_lang(ctx);
    let authors = crate::resolve::cite_authors(&r, &lang);
    let year = crate::resolve::cite_year(&r, &lang).to_string();
    Some(CiteTexts {
        full: format!("{authors} {year}"),
        narrative: format!("{authors} ({year})"),
        year,
    })
}

/// The article's language (the root's `xml:lang`), `en` when it says none.
pub fn article_lang(ctx: &Ctx<'_, '_>) -> String {
    ctx.doc
        .root_element()
        .attribute((XML, "lang"))
        .unwrap_or("en")
        .to_string()
}

/// The single plain text of a printed reference's content, if that is all it holds.
fn only_text(content: &[Inline]) -> Option<&str> {
    match content {
        [Inline::Text(t)] => Some(t),
        _ => None,
    }
}

/// Printed citations that read as galley's generated groups → `Inline::Cite`.
fn citations(ctx: &mut Ctx<'_, '_>, nodes: Vec<Inline>) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::with_capacity(nodes.len());
    let mut i = 0;
    while i < nodes.len() {
        if let Some((consumed, replacement)) = cite_group(ctx, &nodes, i, &out) {
            // The group may take a `(` from the text before it.
            if let Some((strip_open, cite, after)) = replacement {
                if strip_open && let Some(Inline::Text(prev)) = out.last_mut() {
                    prev.pop();
                }
                out.push(cite);
                if !after.is_empty() {
                    out.push(Inline::Text(after));
                }
            }
            i += consumed;
            continue;
        }
        out.push(nodes[i].clone());
        i += 1;
    }
    out
}

/// A generated citation group starting at `nodes[i]`: how many nodes it takes, and
/// (whether the `(` before it is the group's, the citation, the text left after it).
#[allow(clippy::type_complexity)]
fn cite_group(
    ctx: &mut Ctx<'_, '_>,
    nodes: &[Inline],
    i: usize,
    before: &[Inline],
) -> Option<(usize, Option<(bool, Inline, String)>)> {
    let single = |n: &Inline| -> Option<(String, String)> {
        match n {
            Inline::CiteText { content, targets }
                if targets.len() == 1 && targets[0].range_to.is_none() =>
            {
                Some((targets[0].id.clone(), only_text(content)?.to_string()))
            }
            _ => None,
        }
    };
    let (id, printed) = single(&nodes[i])?;
    let texts = cite_texts(ctx, &id)?;
    let prev_text = match before.last() {
        Some(Inline::Text(t)) => t.as_str(),
        Some(_) => "x",
        None => "",
    };
    if printed == texts.narrative {
        let after_word = prev_text
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        if after_word {
            return None;
        }
        let cite = Inline::Cite {
            mode: CiteMode::Narrative,
            items: vec![Citation {
                id,
                locator: None,
                offset: 0,
                suppress_author: false,
            }],
        };
        return Some((1, Some((false, cite, String::new()))));
    }
    let suppress = if printed == texts.full {
        false
    } else if printed == texts.year {
        true
    } else {
        return None;
    };
    let mut items = vec![Citation {
        id,
        locator: None,
        offset: 0,
        suppress_author: suppress,
    }];
    let mut k = i + 1;
    let mut rest = String::new();
    while let Some(Inline::Text(t)) = nodes.get(k) {
        let mut s = t.as_str();
        if let Some(after) = s.strip_prefix(", ") {
            // A locator ends at the group's `;` or `)`; text running on is no locator.
            let Some(end) = after.find([';', ')']) else {
                break;
            };
            let loc = after[..end].trim_end();
            if loc.is_empty() || loc.starts_with(char::is_whitespace) || loc.contains(']') {
                break;
            }
            if let Some(last) = items.last_mut() {
                last.locator = Some(loc.to_string());
            }
            s = &after[loc.len()..];
        }
        if s == "; "
            && let Some((next_id, next_printed)) = nodes.get(k + 1).and_then(single)
            && let Some(next) = cite_texts(ctx, &next_id)
            && next_printed
                == if suppress {
                    next.year.clone()
                } else {
                    next.full.clone()
                }
        {
            items.push(Citation {
                id: next_id,
                locator: None,
                offset: 0,
                suppress_author: suppress,
            });
            k += 2;
            continue;
        }
        rest = s.to_string();
        k += 1;
        break;
    }
    let bracketed = prev_text.ends_with('(') && rest.starts_with(')');
    if suppress && !bracketed {
        return None;
    }
    let after = if bracketed {
        rest[1..].to_string()
    } else {
        rest
    };
    let mode = if bracketed {
        CiteMode::Bracketed
    } else {
        CiteMode::Bare
    };
    Some((
        k - i,
        Some((bracketed, Inline::Cite { mode, items }, after)),
    ))
}

/// What galley prints for `[#id]`, the target being the element whose galley id is `id`.
fn generated_xref_text(ctx: &mut Ctx<'_, '_>, id: &str) -> Option<Vec<Inline>> {
    let node = ctx.doc.descendants().find(|d| {
        d.is_element()
            && d.attribute("id")
                .is_some_and(|i| ctx.ids.get(i).map(String::as_str) == Some(id))
    })?;
    let lang = article_lang(ctx);
    let label = |n: Node<'_, '_>| -> Option<String> {
        n.children()
            .find(|c| c.has_tag_name("label"))
            .map(|l| label_text(l))
            .filter(|l| !l.is_empty())
    };
    let word = |t: crate::l10n::Term| -> Inline {
        let said = crate::l10n::term(&lang, t);
        let w = Inline::Text(said.text.to_string());
        match said.lang {
            Some(l) => Inline::Lang {
                lang: l.to_string(),
                content: vec![w],
            },
            None => w,
        }
    };
    Some(match node.tag_name().name() {
        "fig" => vec![Inline::Text(label(node).unwrap_or_else(|| "figure".into()))],
        "table-wrap" => vec![Inline::Text(label(node).unwrap_or_else(|| "table".into()))],
        "disp-formula" => vec![Inline::Text(label(node)?)],
        "supplementary-material" => match label(node) {
            Some(l) => vec![Inline::Text(l)],
            None => {
                let t = node
                    .children()
                    .find(|c| c.has_tag_name("caption"))?
                    .children()
                    .find(|c| c.has_tag_name("title"))?;
                ctx.dry(|ctx| inlines_of(ctx, &t.children().collect::<Vec<_>>()))
            }
        },
        "sec" | "app" => {
            let (l, t) = ctx.dry(|ctx| super::body::heading(ctx, node));
            match (l, t) {
                (Some(l), _) if node.has_tag_name("sec") => {
                    vec![
                        word(crate::l10n::Term::Section),
                        Inline::Text(format!(" {l}")),
                    ]
                }
                (Some(l), _) => vec![Inline::Text(l)],
                (None, Some(t)) => t.parse().ok()?.to_vec(),
                (None, None) if node.has_tag_name("app") => vec![word(crate::l10n::Term::Appendix)],
                (None, None) => return None,
            }
        }
        _ => return None,
    })
}

/// A label's text, as a plain string (labels take no markup in galley).
pub fn label_text(l: Node<'_, '_>) -> String {
    let t: String = l
        .descendants()
        .filter(|d| d.is_text())
        .filter_map(|d| d.text())
        .collect();
    collapse_breaks(t.trim_matches(|c| matches!(c, ' ' | '\t' | '\n' | '\r')))
}

/// Whether two inline trees say the same (offsets aside, adjacent texts merged).
pub fn same_inlines(a: &[Inline], b: &[Inline]) -> bool {
    normal(a) == normal(b)
}

/// A tree with offsets zeroed and adjacent texts merged, for comparison.
pub fn normal(nodes: &[Inline]) -> Vec<Inline> {
    let mut out: Vec<Inline> = Vec::new();
    for n in nodes {
        let n = match n {
            Inline::Italic(c) => Inline::Italic(normal(c)),
            Inline::Bold(c) => Inline::Bold(normal(c)),
            Inline::Sup(c) => Inline::Sup(normal(c)),
            Inline::Sub(c) => Inline::Sub(normal(c)),
            Inline::SmallCaps(c) => Inline::SmallCaps(normal(c)),
            Inline::Lang { lang, content } => Inline::Lang {
                lang: lang.clone(),
                content: normal(content),
            },
            Inline::Link { url, content } => Inline::Link {
                url: url.clone(),
                content: normal(content),
            },
            Inline::FootnoteRef { id, .. } => Inline::FootnoteRef {
                id: id.clone(),
                offset: 0,
            },
            Inline::XRef { id, .. } => Inline::XRef {
                id: id.clone(),
                offset: 0,
            },
            Inline::Formula { id, .. } => Inline::Formula {
                id: id.clone(),
                offset: 0,
            },
            Inline::Cite { mode, items } => Inline::Cite {
                mode: *mode,
                items: items
                    .iter()
                    .map(|c| Citation {
                        offset: 0,
                        ..c.clone()
                    })
                    .collect(),
            },
            Inline::CiteText { content, targets } => Inline::CiteText {
                content: normal(content),
                targets: normal_targets(targets),
            },
            Inline::XRefText { content, targets } => Inline::XRefText {
                content: normal(content),
                targets: normal_targets(targets),
            },
            Inline::Text(t) => Inline::Text(t.clone()),
        };
        match (out.last_mut(), n) {
            (_, Inline::Text(t)) if t.is_empty() => {}
            (Some(Inline::Text(prev)), Inline::Text(t)) => prev.push_str(&t),
            (_, n) => out.push(n),
        }
    }
    out
}

fn normal_targets(t: &[LinkTarget]) -> Vec<LinkTarget> {
    t.iter()
        .map(|t| LinkTarget {
            id: t.id.clone(),
            offset: 0,
            range_to: t.range_to.as_ref().map(|(id, _)| (id.clone(), 0)),
        })
        .collect()
}

/// Whether `s` parses to the tree `tree`.
fn reads_back(s: &str, tree: &[Inline]) -> bool {
    crate::inline::parse(s).is_ok_and(|parsed| normal(&parsed) == normal(tree))
}

// ---------------------------------------------------------------------------------------
// Writing markup

/// One piece of markup being written: text (escaped as needed) or markup (as is).
#[derive(Debug, Clone, Copy)]
enum Kind {
    /// A character of the text, inside `n` open brackets.
    Text { in_bracket: bool },
    /// A character of markup.
    Markup,
}

/// The markup of an inline tree: minimal escapes, or (`full`) every markup character of
/// the text escaped.
pub fn markup(nodes: &[Inline], full: bool) -> String {
    let mut chars: Vec<(char, Kind)> = Vec::new();
    pieces(nodes, false, &mut chars);
    let mut out = String::with_capacity(chars.len() + 8);
    for (k, &(c, kind)) in chars.iter().enumerate() {
        let Kind::Text { in_bracket } = kind else {
            out.push(c);
            continue;
        };
        let next = chars.get(k + 1).map(|x| x.0);
        let next2 = chars.get(k + 2).map(|x| x.0);
        let prev = k.checked_sub(1).map(|p| chars[p].0);
        // Right after a span's opening bracket, `#`, `$`, `^`, `@`, `-@` and `!@` would
        // turn the span into a reference (`[#x]{lang=…}` is not a language span).
        let opens = k
            .checked_sub(1)
            .is_some_and(|p| matches!(chars[p], ('[', Kind::Markup)));
        if opens && matches!(c, '#' | '$' | '@' | '-' | '!') {
            out.push('\\');
            out.push(c);
            continue;
        }
        let escape = match c {
            '*' | '^' | '~' => true,
            '\\' => full || next.is_some_and(|n| n.is_ascii_punctuation()),
            '@' => {
                full || (!prev.is_some_and(char::is_alphanumeric)
                    && next.is_some_and(|n| n.is_ascii_alphabetic()))
            }
            ']' => full || in_bracket,
            '[' => {
                full || in_bracket
                    || matches!(next, Some('^' | '@' | '#' | '$'))
                    || (matches!(next, Some('-' | '!')) && next2 == Some('@'))
                    || chars[k + 1..]
                        .iter()
                        .position(|x| x.0 == ']')
                        .and_then(|p| chars.get(k + 1 + p + 1))
                        .is_some_and(|x| matches!(x.0, '(' | '{'))
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn push_markup(s: &str, out: &mut Vec<(char, Kind)>) {
    out.extend(s.chars().map(|c| (c, Kind::Markup)));
}

fn pieces(nodes: &[Inline], in_bracket: bool, out: &mut Vec<(char, Kind)>) {
    for n in nodes {
        match n {
            Inline::Text(t) => out.extend(t.chars().map(|c| (c, Kind::Text { in_bracket }))),
            Inline::Italic(c) => wrap("*", c, "*", in_bracket, out),
            Inline::Bold(c) => wrap("**", c, "**", in_bracket, out),
            Inline::Sup(c) => wrap("^", c, "^", in_bracket, out),
            Inline::Sub(c) => wrap("~", c, "~", in_bracket, out),
            Inline::SmallCaps(c) => wrap("[", c, "]{.sc}", true, out),
            Inline::Lang { lang, content } => {
                wrap("[", content, &format!("]{{lang={lang}}}"), true, out)
            }
            Inline::Link { url, content } => wrap("[", content, &format!("]({url})"), true, out),
            Inline::FootnoteRef { id, .. } => push_markup(&format!("[^{id}]"), out),
            Inline::XRef { id, .. } => push_markup(&format!("[#{id}]"), out),
            Inline::Formula { id, .. } => push_markup(&format!("[${id}]"), out),
            Inline::Cite { mode, items } => {
                let list: Vec<String> = items
                    .iter()
                    .map(|c| match &c.locator {
                        Some(l) => format!("@{}, {l}", c.id),
                        None => format!("@{}", c.id),
                    })
                    .collect();
                let s = match mode {
                    CiteMode::Narrative => list.join("; "),
                    CiteMode::Bare => format!("[!{}]", list.join("; ")),
                    CiteMode::Bracketed if items.iter().any(|c| c.suppress_author) => {
                        format!("[-{}]", list.join("; "))
                    }
                    CiteMode::Bracketed => format!("[{}]", list.join("; ")),
                };
                push_markup(&s, out);
            }
            Inline::CiteText { content, targets } => {
                let list: Vec<String> = targets
                    .iter()
                    .map(|t| match &t.range_to {
                        Some((to, _)) => format!("@{}..@{to}", t.id),
                        None => format!("@{}", t.id),
                    })
                    .collect();
                wrap("[", content, &format!("]({})", list.join("; ")), true, out);
            }
            Inline::XRefText { content, targets } => {
                let list: Vec<String> = targets.iter().map(|t| format!("#{}", t.id)).collect();
                wrap("[", content, &format!("]({})", list.join("; ")), true, out);
            }
        }
    }
}

fn wrap(
    open: &str,
    content: &[Inline],
    close: &str,
    in_bracket: bool,
    out: &mut Vec<(char, Kind)>,
) {
    push_markup(open, out);
    pieces(content, in_bracket, out);
    push_markup(close, out);
}

/// The markup of an inline tree, with as few escapes as galley's parser needs to read
/// it back (every markup character escaped when fewer would not do). `None` for a tree
/// the markup cannot say (bold opening an italic span…).
pub fn write_tree(nodes: &[Inline]) -> Option<String> {
    [false, true]
        .into_iter()
        .map(|full| markup(nodes, full))
        .find(|s| reads_back(s, nodes))
}

/// Whether `s` is a valid galley id (re-exported for the block and back mappings).
pub fn is_id(s: &str) -> bool {
    is_galley_id(s)
}

/// The galley id of an element's `id`, or a new one with `prefix`.
pub fn element_id(ctx: &mut Ctx<'_, '_>, n: Node<'_, '_>, prefix: &str) -> Id {
    match n.attribute("id") {
        Some(i) => ctx.id(i),
        None => ctx.fresh_id_for(n, prefix),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Characters that are markup somewhere, and text around them (letters, digits,
    /// spaces of several kinds, a combining mark).
    fn texts() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just('*'),
                Just('^'),
                Just('~'),
                Just('['),
                Just(']'),
                Just('('),
                Just(')'),
                Just('{'),
                Just('}'),
                Just('\\'),
                Just('@'),
                Just('#'),
                Just('$'),
                Just('-'),
                Just('!'),
                Just('.'),
                Just(' '),
                Just('\u{a0}'),
                Just('\u{200a}'),
                Just('\u{301}'),
                Just('a'),
                Just('Z'),
                Just('1'),
                Just('é'),
            ],
            1..24,
        )
        .prop_map(|v| v.into_iter().collect())
    }

    proptest! {
        /// Any text, escaped, reads back as exactly its characters; with every markup
        /// character escaped too.
        #[test]
        fn escaped_text_reads_back_as_its_characters(s in texts()) {
            let tree = vec![Inline::Text(s.clone())];
            let written = write_tree(&tree).expect("text can always be written");
            let parsed = crate::inline::parse(&written).expect("the markup parses");
            prop_assert_eq!(normal(&parsed), tree.clone(), "{}", written);
            let full = markup(&tree, true);
            let parsed = crate::inline::parse(&full).expect("the fully escaped markup parses");
            prop_assert_eq!(normal(&parsed), tree, "{}", full);
        }

        /// Text inside spans, links and printed references reads back inside them (a
        /// printed reference's text is never blank: the importer writes `[#id]` then).
        #[test]
        fn text_in_spans_reads_back(a in texts(), b in texts(), c in texts()) {
            let tree = normal(&[
                Inline::Text(a.clone()),
                Inline::Italic(vec![Inline::Text(b.clone())]),
                Inline::Text(c.clone()),
                Inline::Link { url: "https://example.org/x".into(), content: vec![Inline::Text(a.clone())] },
                Inline::Sup(vec![Inline::Text(c.clone())]),
                Inline::XRefText { content: vec![Inline::Text(format!("x{b}"))], targets: vec![LinkTarget { id: "f1".into(), offset: 0, range_to: None }] },
                Inline::Lang { lang: "zh-Hans".into(), content: vec![Inline::Text(c)] },
            ]);
            let written = write_tree(&tree).expect("spans of text can always be written");
            let parsed = crate::inline::parse(&written).expect("the markup parses");
            prop_assert_eq!(normal(&parsed), tree, "{}", written);
        }
    }

    #[test]
    fn escapes_are_only_those_the_parser_needs() {
        let w = |s: &str| write_tree(&[Inline::Text(s.into())]).unwrap();
        assert_eq!(w("[sic] a@b.org @ 5 x]"), "[sic] a@b.org @ 5 x]");
        assert_eq!(w("*a* ^b^ ~c~"), "\\*a\\* \\^b\\^ \\~c\\~");
        assert_eq!(
            w("@home [@x] [^1] [#f] [$f1] [$5]"),
            "\\@home \\[\\@x] \\[\\^1] \\[#f] \\[$f1] \\[$5]"
        );
        assert_eq!(w("[a](b) [c]{d}"), "\\[a](b) \\[c]{d}");
        assert_eq!(w("a\\b \\*"), "a\\b \\\\\\*");
        // Text opening a span is escaped where it would make the span a reference.
        let lang = |s: &str| {
            write_tree(&[Inline::Lang {
                lang: "en".into(),
                content: vec![Inline::Text(s.into())],
            }])
            .unwrap()
        };
        assert_eq!(lang("#1 x"), "[\\#1 x]{lang=en}");
        assert_eq!(lang("$f"), "[\\$f]{lang=en}");
        assert_eq!(lang("-@a"), "[\\-\\@a]{lang=en}");
        assert_eq!(lang("a#"), "[a#]{lang=en}");
    }

    #[test]
    fn line_breaks_of_the_file_are_one_space_other_spaces_are_kept() {
        assert_eq!(
            collapse_breaks("a \n   b\u{a0}\u{200a}c  d\t"),
            "a b\u{a0}\u{200a}c  d\t"
        );
        let t = tidy(vec![
            Inline::Italic(vec![Inline::Text("a".into())]),
            Inline::Italic(vec![Inline::Text("b".into())]),
            Inline::Bold(vec![]),
            Inline::Text("c".into()),
        ]);
        assert_eq!(
            t,
            vec![
                Inline::Italic(vec![Inline::Text("ab".into())]),
                Inline::Text("c".into())
            ]
        );
    }
}
