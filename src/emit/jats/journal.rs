//! `journal-meta`: the journal as `issue.yaml` states it, with the honest forms of the
//! `journal-id` and `issn` that Journal Publishing requires when the source gives none.

use super::{InputFile, Jats, opt_attrs};
use crate::model::{IssnEntry, Journal, PublicationFormat};

impl<'a> Jats<'a> {
    /// `journal-meta`, with only what `issue.yaml` states about the journal.
    pub(super) fn journal_meta(&mut self) {
        let j = &self.ctx.issue.journal;
        self.w.open_block("journal-meta", &[]);
        self.journal_id(j);
        self.w.open_block("journal-title-group", &[]);
        let lang = j.lang.as_ref().map(|l| l.as_str());
        self.w
            .leaf("journal-title", &opt_attrs(&[("xml:lang", lang)]), &j.title);
        if let Some(abbrev) = &j.abbrev_title {
            self.w.leaf(
                "abbrev-journal-title",
                &[("abbrev-type", "publisher")],
                abbrev,
            );
        }
        self.w.end("journal-title-group");
        self.issns(&j.issn);
        if let Some(p) = &j.publisher {
            self.w.open_block("publisher", &[]);
            self.w.leaf("publisher-name", &[], &p.name);
            if let Some(loc) = &p.location {
                self.w.leaf("publisher-loc", &[], loc);
            }
            self.w.end("publisher");
        }
        if let Some(url) = &j.url {
            // The link text names what the link leads to (JATS4R accessibility: a link
            // whose text is its own URL says nothing).
            self.w
                .leaf("self-uri", &[("xlink:href", url.as_str())], &j.title);
        }
        self.w.end("journal-meta");
    }

    /// `journal-id`, which Journal Publishing requires (`journal-id+`).
    ///
    /// The publisher's id when `issue.yaml` gives one. Otherwise no identifier is
    /// stated, and none is invented: the journal is identified by its abbreviated title
    /// (or its title), with a `journal-id-type` that says exactly that
    /// (`abbrev-journal-title`, `journal-title`) rather than claiming a registry
    /// (`nlm-ta`, `iso-abbrev`) it does not come from; the substitution is reported as
    /// `missing.jats.journal-id`.
    fn journal_id(&mut self, j: &Journal) {
        for id in &j.ids {
            self.w.leaf(
                "journal-id",
                &[("journal-id-type", id.kind.as_str())],
                &id.value,
            );
        }
        if let Some(id) = &j.publisher_id {
            self.w
                .leaf("journal-id", &[("journal-id-type", "publisher-id")], id);
        }
        if j.publisher_id.is_some() || !j.ids.is_empty() {
            return;
        }
        let (kind, value) = match &j.abbrev_title {
            Some(a) => ("abbrev-journal-title", a.as_str()),
            None => ("journal-title", j.title.as_str()),
        };
        self.w
            .leaf("journal-id", &[("journal-id-type", kind)], value);
        self.missing(
            InputFile::Issue,
            "/journal",
            "journal-id",
            format!(
                "the journal states no identifier (`publisher_id`, `ids`), which JATS Journal Publishing requires; wrote its {} as `journal-id journal-id-type=\"{kind}\"`",
                if kind == "journal-title" { "title" } else { "abbreviated title" }
            ),
        );
    }

    /// `issn`, which Journal Publishing requires (`issn+`).
    ///
    /// When `issue.yaml` states none: JATS has no "not available" form for an ISSN (it
    /// has one for the publication date only, `pub-date-not-available`), and JATS4R and
    /// the PMC tagging guidelines give none either; the placeholder some exporters use,
    /// `0000-0000`, is an invented ISSN that Crossref even associates with a journal. So
    /// the required element says in words that the ISSN is not available, and marks that
    /// for software with `content-type="not-available"` (modelled on
    /// `pub-date-not-available`); no `publication-format` is claimed. It is valid under
    /// the DTD, not an empty element, cannot be mistaken for a real ISSN (it does not
    /// match the ISSN pattern), and is reported as `missing.jats.issn`.
    fn issns(&mut self, issns: &[IssnEntry]) {
        for e in issns {
            let format = match e.format {
                PublicationFormat::Print => "print",
                PublicationFormat::Electronic => "electronic",
            };
            self.w
                .leaf("issn", &[("publication-format", format)], e.value.as_str());
        }
        if issns.is_empty() {
            self.w.leaf(
                "issn",
                &[("content-type", "not-available")],
                "not available",
            );
            self.missing(
                InputFile::Issue,
                "/journal",
                "issn",
                "the journal states no ISSN (`issn: [{value: …, format: print}]` under `journal` in issue.yaml), which JATS Journal Publishing requires; wrote `<issn content-type=\"not-available\">not available</issn>`".into(),
            );
        }
    }
}
