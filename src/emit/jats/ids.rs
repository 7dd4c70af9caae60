//! The article's identifiers besides its DOI, and its subject headings.

use super::{InputFile, Jats, opt_attrs};
use crate::model::{FunderId, Funding};

impl<'a> Jats<'a> {
    /// `article-id pub-id-type` for each further id, with its `assigning-authority`.
    pub(super) fn article_ids(&mut self) {
        for id in &self.art.ids {
            let attrs = opt_attrs(&[
                ("pub-id-type", Some(id.kind.as_str())),
                ("assigning-authority", id.authority.as_deref()),
            ]);
            self.w.leaf("article-id", &attrs, &id.value);
        }
    }

    /// `article-categories`: the issue section's heading (`subj-group-type="heading"`),
    /// then each group of subject headings with its type; without a heading,
    /// `missing.jats.subject`.
    pub(super) fn article_categories(&mut self) {
        let art = self.art;
        if art.heading.is_none() {
            // PMC's Tagging Guidelines ask every article for `article-categories` with
            // a `subj-group subj-group-type="heading"`; the section of the issue is not
            // guessed from the article type.
            self.missing(
                InputFile::Article,
                "/heading",
                "subject",
                "the article states no `heading` (the section of the issue it appears under, e.g. `heading: Articles`), which PMC takes as `subj-group subj-group-type=\"heading\"` in `article-categories`; none was written".into(),
            );
        }
        if art.heading.is_none() && art.subjects.is_empty() {
            return;
        }
        self.w.open_block("article-categories", &[]);
        if let Some(h) = &art.heading {
            self.w
                .open_block("subj-group", &[("subj-group-type", "heading")]);
            self.w.leaf("subject", &[], h);
            self.w.end("subj-group");
        }
        for g in &art.subjects {
            let attrs = opt_attrs(&[("subj-group-type", g.kind.as_deref())]);
            self.w.open_block("subj-group", &attrs);
            for s in &g.subjects {
                self.w.leaf("subject", &[], s);
            }
            self.w.end("subj-group");
        }
        self.w.end("article-categories");
    }

    /// `funding-source` with its `institution-wrap` (JATS4R's recommendation): the
    /// funder's id, when given, as an `institution-id` (a Crossref Funder Registry DOI,
    /// with the registry named as its `vocab`; or a ROR id), then its name.
    pub(super) fn funding_source(&mut self, f: &Funding) {
        self.w.open_block("funding-source", &[]);
        self.w.open_block("institution-wrap", &[]);
        match f.funder_id.as_ref().and_then(FunderId::parse) {
            Some(FunderId::Crossref(doi)) => self.w.leaf(
                "institution-id",
                &[
                    ("institution-id-type", "doi"),
                    ("vocab", "open-funder-registry"),
                    ("vocab-identifier", "10.13039/open_funder_registry"),
                ],
                doi,
            ),
            Some(FunderId::Ror(url)) => {
                self.w
                    .leaf("institution-id", &[("institution-id-type", "ror")], url)
            }
            None => {}
        }
        self.w.leaf("institution", &[], &f.funder);
        self.w.end("institution-wrap");
        self.w.end("funding-source");
    }
}
