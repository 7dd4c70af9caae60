//! Supplementary material: `back/sec sec-type="supplementary-material"` (JATS4R) holding a
//! `supplementary-material` per item.

use super::Jats;
use crate::l10n::{Term, heading};
use crate::model::{Supplementary, TitleKey};

impl<'a> Jats<'a> {
    /// The supplementary material's `sec`, titled with the heading the YAML gives or the
    /// article's language's (a `sec` is titled: JATS4R), one `supplementary-material` an
    /// item.
    pub(super) fn supplementary(&mut self) {
        let art = self.art;
        if art.supplementary.is_empty() {
            return;
        }
        self.w
            .open_block("sec", &[("sec-type", "supplementary-material")]);
        let (text, lang) = heading(
            art.lang.as_str(),
            TitleKey::Supplementary,
            Term::Supplementary,
            &[&art.titles, &self.ctx.issue.titles],
        );
        self.generated_title(text, lang);
        for s in &art.supplementary {
            self.supplementary_item(s);
        }
        self.w.end("sec");
    }

    /// `supplementary-material`: the file (else the DOI's address) as `xlink:href`, its
    /// media type split into `mimetype` and `mime-subtype`, the DOI as `object-id`, then
    /// `label` and `caption`.
    fn supplementary_item(&mut self, s: &Supplementary) {
        let media = s.media_type();
        let (main, sub) = media
            .as_deref()
            .and_then(|m| m.split_once('/'))
            .map_or((None, None), |(a, b)| (Some(a), Some(b)));
        let doi_url = s
            .doi
            .as_ref()
            .map(|d| crate::emit::xhtml::doi_href(d.as_str()));
        let file = s.file.as_deref().map(|f| self.r.file_href(f));
        let href = file.as_deref().or(doi_url.as_deref());
        let mut attrs = vec![("id", s.id.as_str())];
        attrs.extend(main.map(|m| ("mimetype", m)));
        attrs.extend(sub.map(|m| ("mime-subtype", m)));
        attrs.extend(href.map(|h| ("xlink:href", h)));
        self.w.open_block("supplementary-material", &attrs);
        if let Some(d) = &s.doi {
            self.w
                .leaf("object-id", &[("pub-id-type", "doi")], d.as_str());
        }
        self.label_and_caption(s.label.as_deref(), s.title.as_ref(), s.caption.as_ref());
        self.w.end("supplementary-material");
    }
}
