//! The document shell: the namespaces, the stylesheet shared by the EPUB and the preview,
//! the start of a document up to `<body>`, and headings.

use super::Target;
use crate::xml::XmlWriter;

/// The XHTML namespace.
pub const XHTML_NS: &str = "http://www.w3.org/1999/xhtml";
/// The EPUB structural semantics namespace (`epub:type`).
pub const EPUB_NS: &str = "http://www.idpf.org/2007/ops";

/// The stylesheet shared by the EPUB and the preview: a readable serif text face with a
/// CJK-safe fallback chain (system fonts only; nothing is embedded).
///
/// The CJK rules (fonts, no hyphenation, no synthesised italic, upright text in italic
/// blocks) select `:lang(zh)`, `:lang(ja)` and `:lang(ko)` but not the same languages
/// tagged as written in Latin script (`zh-Latn`, `zh-Latn-pinyin`, `ja-Latn`, `ko-Latn`),
/// which `:lang()` would otherwise match by prefix, and romanised text inside CJK text
/// gets the Latin faces back: it is drawn like any Latin text. Only the script the
/// user's tag states is used; none is guessed.
///
/// It holds no `<`, `>` or `&`, so it can sit verbatim inside an HTML `<style>`.
pub const CSS: &str = r#"/* galley: one stylesheet for the EPUB and the HTML preview. */
html { font-size: 100%; }
body {
  font-family: "Noto Serif", "Source Serif 4", "Source Serif Pro", Georgia, Cambria,
    "Times New Roman", "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong,
    SimSun, serif;
  line-height: 1.6;
  color: #1a1a1a;
  background-color: #ffffff;
  margin: 0 4%;
  hyphens: auto;
  -webkit-hyphens: auto;
}
:lang(zh):not(:lang(zh-Latn)), :lang(ja):not(:lang(ja-Latn)), :lang(ko):not(:lang(ko-Latn)) {
  font-family: "Noto Serif CJK SC", "Source Han Serif SC", "Songti SC", STSong, SimSun,
    "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Hiragino Sans GB",
    "Microsoft YaHei", serif;
  hyphens: none;
  -webkit-hyphens: none;
}
:lang(zh-Latn), :lang(ja-Latn), :lang(ko-Latn) {
  font-family: "Noto Serif", "Source Serif 4", "Source Serif Pro", Georgia, Cambria,
    "Times New Roman", serif;
  hyphens: auto;
  -webkit-hyphens: auto;
  font-synthesis: weight style;
}
h1, h2, h3, h4, h5, h6, .heading-deep {
  font-family: "Noto Sans", "Source Sans 3", "Helvetica Neue", Arial, "Noto Sans CJK SC",
    "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif;
  line-height: 1.25;
  font-weight: bold;
  hyphens: none;
  -webkit-hyphens: none;
  page-break-after: avoid;
  break-after: avoid;
}
h1 { font-size: 1.6em; margin: 1.2em 0 0.6em; }
h2 { font-size: 1.3em; margin: 1.4em 0 0.5em; }
h3 { font-size: 1.15em; margin: 1.2em 0 0.4em; }
h4, h5, h6, .heading-deep { font-size: 1em; margin: 1em 0 0.3em; }
p { margin: 0 0 0.8em; text-align: left; }
a { color: #0b4f9c; text-decoration: underline; }
.sc { font-variant: small-caps; }
.title-page { margin-bottom: 2em; }
.title-page .section-heading { text-transform: uppercase; letter-spacing: 0.08em; font-size: 0.85em; color: #444444; }
.title-page .title { font-size: 1.8em; margin-top: 0.5em; }
.subtitle { font-size: 1.2em; font-style: italic; margin-top: -0.3em; }
.trans-title { font-size: 1.1em; color: #444; margin: 0.2em 0; }
.trans-subtitle { font-style: italic; color: #444; margin-top: -0.2em; }
.byline { font-size: 1.1em; font-weight: bold; }
.contributor-roles, .translation-note, .journal, .dates, .license, .keywords { font-size: 0.95em; }
.translation-note { font-style: italic; }
.abstract { margin: 1.5em 0; padding: 0.8em 1em; border-left: 0.25em solid #8a8a8a; background-color: #f5f5f5; }
.abstract :first-child { margin-top: 0; }
.abstract :last-child { margin-bottom: 0; }
.label { font-weight: bold; }
blockquote { margin: 1em 2em; }
figure { margin: 1.5em 0; text-align: center; page-break-inside: avoid; break-inside: avoid; }
img { max-width: 100%; height: auto; }
figure img { max-width: 100%; height: auto; }
.cover { text-align: center; }
.cover img { display: block; margin: 0 auto; max-height: 90vh; width: auto; }
figcaption { font-size: 0.9em; margin-top: 0.4em; text-align: left; }
figure.quote { text-align: left; }
i i, cite i, i cite, .translation-note cite { font-style: normal; }
figure.quote figcaption { text-align: right; font-style: italic; }
.credit { color: #444444; }
.table-wrap { margin: 1.5em 0; overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
caption { caption-side: top; font-size: 0.9em; margin-bottom: 0.4em; text-align: left; }
th, td { border: 1px solid #8a8a8a; padding: 0.2em 0.6em; vertical-align: top; }
th { background-color: #eeeeee; }
.table-foot, .table-notes p { font-size: 0.85em; }
.caption-title { font-weight: bold; }
.align-left { text-align: left; }
.align-center { text-align: center; }
.align-right { text-align: right; }
.align-justify { text-align: justify; }
.formula { display: flex; align-items: center; margin: 1em 0; }
.formula math { flex: 1; }
.formula .label { font-weight: normal; }
.end-notes { margin-top: 2em; font-style: italic; }
.footnotes, .references, .acknowledgements, .funding { margin-top: 2em; border-top: 1px solid #8a8a8a; }
.footnotes aside, .references li { font-size: 0.9em; }
.references ul { list-style: none; padding-left: 0; }
.references li { padding-left: 2em; text-indent: -2em; margin-bottom: 0.5em; }
.about ul { list-style: none; padding-left: 0; }
.about li { margin-bottom: 1em; }
.about .name { font-weight: bold; }
.incomplete, .note { font-style: italic; color: #444444; }
.contents li { margin-bottom: 0.6em; }
nav ol { list-style: none; padding-left: 0; }
nav ol ol { padding-left: 1.2em; }
.subtitle i, .trans-subtitle i, .translation-note i, figure.quote figcaption i,
.end-notes i, .incomplete i, .note i { font-style: normal; }
:lang(zh):not(:lang(zh-Latn)), :lang(ja):not(:lang(ja-Latn)), :lang(ko):not(:lang(ko-Latn)) { font-synthesis: none; }
.subtitle :lang(zh):not(:lang(zh-Latn)), .subtitle :lang(ja):not(:lang(ja-Latn)), .subtitle :lang(ko):not(:lang(ko-Latn)),
.trans-subtitle :lang(zh):not(:lang(zh-Latn)), .trans-subtitle :lang(ja):not(:lang(ja-Latn)), .trans-subtitle :lang(ko):not(:lang(ko-Latn)),
.translation-note :lang(zh):not(:lang(zh-Latn)), .translation-note :lang(ja):not(:lang(ja-Latn)), .translation-note :lang(ko):not(:lang(ko-Latn)),
figure.quote figcaption :lang(zh):not(:lang(zh-Latn)), figure.quote figcaption :lang(ja):not(:lang(ja-Latn)),
figure.quote figcaption :lang(ko):not(:lang(ko-Latn)), .end-notes :lang(zh):not(:lang(zh-Latn)), .end-notes :lang(ja):not(:lang(ja-Latn)),
.end-notes :lang(ko):not(:lang(ko-Latn)), .incomplete :lang(zh):not(:lang(zh-Latn)), .incomplete :lang(ja):not(:lang(ja-Latn)), .incomplete :lang(ko):not(:lang(ko-Latn)),
.note :lang(zh):not(:lang(zh-Latn)), .note :lang(ja):not(:lang(ja-Latn)), .note :lang(ko):not(:lang(ko-Latn)),
i :lang(zh):not(:lang(zh-Latn)), i :lang(ja):not(:lang(ja-Latn)), i :lang(ko):not(:lang(ko-Latn)), i:lang(zh):not(:lang(zh-Latn)), i:lang(ja):not(:lang(ja-Latn)), i:lang(ko):not(:lang(ko-Latn)),
cite :lang(zh):not(:lang(zh-Latn)), cite :lang(ja):not(:lang(ja-Latn)), cite :lang(ko):not(:lang(ko-Latn)), cite:lang(zh):not(:lang(zh-Latn)), cite:lang(ja):not(:lang(ja-Latn)),
cite:lang(ko):not(:lang(ko-Latn)) { font-style: normal; }
"#;

/// Extra rules for the browser preview only: a centred column of comfortable width.
pub(super) const PREVIEW_CSS: &str = r#"
body { max-width: 42em; margin: 2em auto; padding: 0 1.5em; }
.document-part { border-top: 2px solid #cccccc; margin-top: 3em; padding-top: 1em; }
"#;

/// The document's `title`, marked with its language when it is not the document's.
fn write_title(w: &mut XmlWriter, target: Target, title: (&str, Option<&str>)) {
    match title.1 {
        Some(l) => {
            let la = super::inline::lang_attrs(target, l);
            w.leaf("title", &super::inline::as_refs(&la), title.0);
        }
        None => w.leaf("title", &[], title.0),
    }
}

/// The heading elements, `h1` to `h6`.
const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

/// Opens a heading of `level` (mixed content); levels past 6 become `p role="heading"
/// aria-level`. Gives the element's name, for [`XmlWriter::end`].
pub(super) fn open_heading(
    w: &mut XmlWriter,
    level: usize,
    attrs: &[(&str, &str)],
) -> &'static str {
    if let Some(h) = HEADINGS.get(level.max(1) - 1) {
        w.open_mixed(h, attrs);
        h
    } else {
        let lvl = level.to_string();
        let mut a: Vec<(&str, &str)> = attrs.to_vec();
        a.extend([
            ("class", "heading-deep"),
            ("role", "heading"),
            ("aria-level", lvl.as_str()),
        ]);
        w.open_mixed("p", &a);
        "p"
    }
}

/// Opens an XHTML (EPUB) or HTML (preview) document up to the start of `<body>`, leaving
/// `html` open: the caller writes the body, ends `html` and calls [`XmlWriter::finish`].
pub fn open_document(
    w: &mut XmlWriter,
    target: Target,
    lang: &str,
    title: &str,
    stylesheet_href: &str,
) {
    open_document_titled(w, target, lang, (title, None), stylesheet_href);
}

/// [`open_document`] with a title that may be in another language than the document
/// (`title.1`, for a heading galley falls back to English for): the `title` element is
/// marked with it.
pub fn open_document_titled(
    w: &mut XmlWriter,
    target: Target,
    lang: &str,
    title: (&str, Option<&str>),
    stylesheet_href: &str,
) {
    match target {
        Target::Epub => {
            w.declaration();
            w.raw("<!DOCTYPE html>\n");
            w.open_block(
                "html",
                &[
                    ("xmlns", XHTML_NS),
                    ("xmlns:epub", EPUB_NS),
                    ("lang", lang),
                    ("xml:lang", lang),
                ],
            );
            w.open_block("head", &[]);
            w.empty("meta", &[("charset", "utf-8")]);
            write_title(w, target, title);
            w.empty(
                "link",
                &[
                    ("rel", "stylesheet"),
                    ("type", "text/css"),
                    ("href", stylesheet_href),
                ],
            );
            w.end("head");
        }
        Target::Html => {
            w.raw("<!DOCTYPE html>\n");
            w.open_block("html", &[("lang", lang)]);
            w.open_block("head", &[]);
            w.empty("meta", &[("charset", "utf-8")]);
            w.empty(
                "meta",
                &[
                    ("name", "viewport"),
                    ("content", "width=device-width, initial-scale=1"),
                ],
            );
            write_title(w, target, title);
            w.open_mixed("style", &[]);
            // A constant without `<`, `>` or `&` (see [`CSS`]): safe as raw text.
            w.raw(CSS);
            w.raw(PREVIEW_CSS);
            w.end("style");
            w.end("head");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_is_safe_as_raw_text() {
        for s in [CSS, PREVIEW_CSS] {
            assert!(!s.contains('<') && !s.contains('>') && !s.contains('&'));
        }
    }
}
