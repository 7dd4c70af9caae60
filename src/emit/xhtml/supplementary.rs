//! Supplementary material: a back-matter section listing each item with its label,
//! caption, file name and DOI. The EPUB names the file without linking it (EPUB readers
//! open no CSV, zip or spreadsheet, and EPUBCheck refuses a link to one); the preview
//! links it, as it stands beside the preview in the output folder.

use super::body::Caption;
use super::document::open_heading;
use super::inline::doi_link;
use super::{Renderer, Target, TocEntry};
use crate::l10n::Term;
use crate::model::{Paragraphs, Supplementary, TitleKey};
use crate::xml::XmlWriter;

/// The id of the supplementary material's section.
const SECTION_ID: &str = "_supplementary";

impl Renderer<'_> {
    /// The supplementary material's section, after the appendices.
    pub(super) fn supplementary(&mut self, w: &mut XmlWriter) {
        let art = self.article;
        if art.supplementary.is_empty() {
            return;
        }
        let hid = format!("{SECTION_ID}-h");
        w.open_block(
            "section",
            &[
                ("class", "supplementary"),
                ("id", SECTION_ID),
                ("aria-labelledby", &hid),
            ],
        );
        let h = open_heading(w, self.level, &[("id", &hid)]);
        self.write_part_heading(w, TitleKey::Supplementary, Term::Supplementary);
        w.end(h);
        for s in &art.supplementary {
            self.supplementary_item(w, s);
        }
        w.end("section");
    }

    fn supplementary_item(&mut self, w: &mut XmlWriter, s: &Supplementary) {
        w.open_block(
            "div",
            &[("class", "supplementary-item"), ("id", s.id.as_str())],
        );
        let caption = Caption {
            label: s.label.as_deref(),
            title: s.title.as_ref(),
            paragraphs: s
                .caption
                .as_ref()
                .map(Paragraphs::as_slice)
                .unwrap_or_default(),
            credit: None,
        };
        self.caption(w, "div", &caption);
        w.open_mixed("p", &[("class", "supplementary-file")]);
        if let (Some(file), Some(name)) = (&s.file, s.file_name()) {
            // The media type rides on the link (HTML's `type`), or on the name in the
            // EPUB, which cannot link the file.
            let media = s.media_type().unwrap_or_default();
            if self.target == Target::Html {
                let href = crate::emit::file_href(file);
                w.open_inline("a", &[("href", href.as_str()), ("type", media.as_str())]);
                w.text(name);
                w.end("a");
            } else {
                w.open_inline(
                    "span",
                    &[("class", "file"), ("data-media-type", media.as_str())],
                );
                w.text(name);
                w.end("span");
            }
            if s.doi.is_some() {
                w.text(" ");
            }
        }
        if let Some(d) = &s.doi {
            doi_link(w, d.as_str());
        }
        w.end("p");
        w.end("div");
    }

    /// The supplementary material's entry of the table of contents.
    pub(super) fn supplementary_toc(&self, out: &mut Vec<TocEntry>) {
        if self.article.supplementary.is_empty() {
            return;
        }
        let heading = self.part_heading(TitleKey::Supplementary, Term::Supplementary);
        out.push(super::body::part_entry(SECTION_ID, heading));
    }
}
