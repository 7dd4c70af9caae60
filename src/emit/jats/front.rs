//! `article-meta` (but its `contrib-group`): titles, publication dates, issue and pages,
//! history, permissions, the translation's provenance, abstract, keywords and funding.

use super::{InputFile, Jats, date_parts, opt_attrs};
use crate::model::{PartialDate, TitleKey, Translation};

impl<'a> Jats<'a> {
    /// `article-meta`, its children in the order the Journal Publishing DTD demands.
    pub(super) fn article_meta(&mut self) {
        let art = self.art;
        self.w.open_block("article-meta", &[]);
        if let Some(doi) = &art.doi {
            self.w
                .leaf("article-id", &[("pub-id-type", "doi")], doi.as_str());
        }
        self.article_ids();
        self.article_categories();
        self.title_group();
        self.contrib_group();
        self.unlinked_affs();
        self.author_notes();
        self.pub_dates();
        self.issue_meta();
        self.pages();
        self.history();
        self.permissions();
        if let Some(u) = &art.url {
            self.w
                .leaf("self-uri", &[("xlink:href", u.as_str())], u.as_str());
        }
        if let Some(t) = &art.translation {
            self.related_article(t);
        }
        if !art.abstract_.is_empty() {
            self.w.open_block("abstract", &[]);
            self.given_title(TitleKey::Abstract);
            for p in &art.abstract_ {
                self.para(p);
            }
            self.w.end("abstract");
        }
        self.extra_abstracts();
        if !art.keywords.is_empty() {
            self.w.open_block("kwd-group", &[]);
            self.given_title(TitleKey::Keywords);
            for k in &art.keywords {
                self.w.leaf("kwd", &[], k);
            }
            self.w.end("kwd-group");
        }
        self.keyword_groups();
        self.funding();
        self.w.end("article-meta");
    }

    /// `title-group`: `article-title`, `subtitle` and the short title as
    /// `alt-title alt-title-type="running-head"`.
    fn title_group(&mut self) {
        let art = self.art;
        self.w.open_block("title-group", &[]);
        self.text_element("article-title", &[], &art.title);
        if let Some(s) = &art.subtitle {
            self.text_element("subtitle", &[], s);
        }
        self.trans_titles();
        if let Some(s) = &art.short_title {
            self.w
                .leaf("alt-title", &[("alt-title-type", "running-head")], s);
        }
        self.w.end("title-group");
    }

    /// Publication dates: the article's (`date-type="pub"`) and the issue's
    /// (`date-type="collection"`, the JATS4R term for an issue date). When neither is
    /// stated, JATS's own "not available" form, `pub-date-not-available`, is written and
    /// reported as `missing.jats.pub-date`. Each carries `publication-format` when the
    /// journal states it (`journal.publication_format`), else the date is written without
    /// it and `missing.jats.publication-format` says which key to add.
    fn pub_dates(&mut self) {
        let published = self.art.dates.published.as_ref();
        let issue_date = self.ctx.issue.issue.date.as_ref();
        let format = self.ctx.issue.journal.publication_format;
        let format_attr = format.map(|f| ("publication-format", f.as_str()));
        if let Some(d) = published {
            self.date_with("pub-date", "pub", d, format_attr);
        }
        if let Some(d) = issue_date {
            self.date_with("pub-date", "collection", d, format_attr);
        }
        if format.is_none() && (published.is_some() || issue_date.is_some()) {
            self.missing(
                InputFile::Issue,
                "/journal",
                "publication-format",
                "the journal does not say whether its publication dates are those of its print or its electronic edition (`publication_format: electronic` or `print` under `journal` in issue.yaml); PMC counts a `pub-date` as a publication date only with `publication-format`, which was left out".into(),
            );
        }
        if published.is_none() && issue_date.is_none() {
            self.w.empty("pub-date-not-available", &[]);
            self.missing(
                InputFile::Article,
                "/dates/published",
                "pub-date",
                "neither the article (`dates.published`) nor the issue (`issue.date` in issue.yaml) states a publication date, which JATS Journal Publishing requires; wrote `<pub-date-not-available/>`".into(),
            );
        }
    }

    /// A date element with `day`, `month`, `year` as precise as the source, and the
    /// same date in `iso-8601-date`.
    fn date(&mut self, element: &str, date_type: &str, d: &PartialDate) {
        self.date_with(element, date_type, d, None);
    }

    /// [`Self::date`] with one more attribute (a `pub-date`'s `publication-format`).
    fn date_with(
        &mut self,
        element: &str,
        date_type: &str,
        d: &PartialDate,
        extra: Option<(&str, &str)>,
    ) {
        let mut attrs = vec![("date-type", date_type)];
        attrs.extend(extra);
        attrs.push(("iso-8601-date", d.as_str()));
        self.w.open_block(element, &attrs);
        let (year, month, day) = date_parts(d);
        if let Some(day) = day {
            self.w.leaf("day", &[], day);
        }
        if let Some(m) = month {
            self.w.leaf("month", &[], m);
        }
        self.w.leaf("year", &[], year);
        self.w.end(element);
    }

    /// `volume`, `issue`, `issue-id` (the issue's DOI) and `issue-title`.
    fn issue_meta(&mut self) {
        let issue = &self.ctx.issue.issue;
        if let Some(v) = &issue.volume {
            self.w.leaf("volume", &[], v);
        }
        if let Some(n) = &issue.number {
            self.w.leaf("issue", &[], n);
        }
        if let Some(doi) = &issue.doi {
            self.w
                .leaf("issue-id", &[("pub-id-type", "doi")], doi.as_str());
        }
        if let Some(t) = &issue.title {
            self.w.leaf("issue-title", &[], t);
        }
    }

    /// `fpage`/`lpage`, or `elocation-id`. Journal Publishing allows one or the other,
    /// not both: when both are given, the pages are written and the e-location is
    /// reported as a loss. When neither is given, none is invented: PMC's rule ("fpage
    /// or elocation-id") is not met and `missing.jats.pages` says what to add.
    fn pages(&mut self) {
        let art = self.art;
        match (&art.pages, &art.elocation) {
            (Some(p), e) => {
                self.w.leaf("fpage", &[], &p.first);
                if let Some(l) = &p.last {
                    self.w.leaf("lpage", &[], l);
                }
                if let Some(e) = e {
                    self.loss(
                        InputFile::Article,
                        "/elocation",
                        "elocation",
                        format!("JATS Journal Publishing takes page numbers or an e-location, not both: the pages are written and the e-location `{e}` is not"),
                    );
                }
            }
            (None, Some(e)) => self.w.leaf("elocation-id", &[], e),
            (None, None) => self.missing(
                InputFile::Article,
                "/pages",
                "pages",
                "the article states neither pages (`pages: {first: …, last: …}`) nor an e-location (`elocation: …`); PMC asks for `fpage` or `elocation-id`, and neither was written".into(),
            ),
        }
    }

    /// `history`: received, revised (`rev-recd`) and accepted dates.
    fn history(&mut self) {
        let d = &self.art.dates;
        let dates = [
            ("received", d.received.as_ref()),
            ("rev-recd", d.revised.as_ref()),
            ("accepted", d.accepted.as_ref()),
        ];
        if dates.iter().all(|(_, d)| d.is_none()) {
            return;
        }
        self.w.open_block("history", &[]);
        for (kind, date) in dates {
            if let Some(date) = date {
                self.date("date", kind, date);
            }
        }
        self.w.end("history");
    }

    /// `permissions`: `copyright-statement` and `license` with `ali:license_ref` (and
    /// the same URL in `xlink:href`, as JATS4R allows when both match) and
    /// `license-p`.
    ///
    /// The model holds the copyright as one statement; `copyright-year` and
    /// `copyright-holder`, which JATS4R also asks for, are not split out of it by
    /// guesswork.
    ///
    /// Without a licence URL (`ali:license_ref`, which JATS4R's permissions
    /// recommendation asks for) the element holds only what is stated, or is left out
    /// when nothing is (an empty `permissions` would claim nothing and say nothing), and
    /// `missing.jats.license` names the key to add.
    fn permissions(&mut self) {
        let l = self.art.license.as_ref();
        if l.is_none_or(|l| l.url.is_none()) {
            self.missing(
                InputFile::Article,
                "/license",
                "license",
                "the article states no licence URL (`license: {url: https://creativecommons.org/licenses/by/4.0/}`), which JATS4R's permissions recommendation asks for as `ali:license_ref`; none was written".into(),
            );
        }
        let Some(l) = l else { return };
        if l.url.is_none() && l.text.is_none() && l.copyright.is_none() {
            return;
        }
        self.w.open_block("permissions", &[]);
        if let Some(c) = &l.copyright {
            self.w.leaf("copyright-statement", &[], c);
        }
        if l.url.is_some() || l.text.is_some() {
            let url = l.url.as_ref().map(|u| u.as_str());
            self.w
                .open_block("license", &opt_attrs(&[("xlink:href", url)]));
            if let Some(u) = url {
                self.w.leaf("ali:license_ref", &[], u);
            }
            if let Some(t) = &l.text {
                self.text_element("license-p", &[], t);
            }
            self.w.end("license");
        }
        self.w.end("permissions");
    }

    /// The translation provenance, as
    /// `related-article related-article-type="translated-from"` with the original's
    /// language in `xml:lang`, its title, source (in both scripts), year, volume, issue,
    /// pages and DOI as child elements.
    ///
    /// Why this element: the original is a separately published journal article, and
    /// `related-article` is JATS's element for exactly that ("a journal article related
    /// to the content but published separately"); in `article-meta` it is metadata, and
    /// its content model takes the citation elements (`source`, `year`, `issue`, …), so
    /// the provenance is structured rather than a sentence. `related-object` is for
    /// non-article objects, and `sub-article article-type="translation"` for a
    /// translation carried inside the same document, so neither fits. JATS 1.3 suggests
    /// no `related-article-type` value for translations (the attribute is free text);
    /// `translated-from` states the direction (this article is the translation; the
    /// related one the original) and is what the project's other outputs call it.
    /// SciELO's `translated-article` was considered but reads both ways.
    /// Translator and reviser are `contrib`s (see [`Jats::contrib_group`]).
    fn related_article(&mut self, t: &Translation) {
        let s = &t.source;
        let id = self.fresh_id("translated-from");
        let mut attrs = vec![
            ("related-article-type", "translated-from"),
            ("id", id.as_str()),
            ("xml:lang", t.original_lang.as_str()),
        ];
        if let Some(doi) = &s.doi {
            attrs.push(("ext-link-type", "doi"));
            attrs.push(("xlink:href", doi.as_str()));
        }
        self.w.open_block("related-article", &attrs);
        if let Some(title) = &t.original_title {
            self.text_element("article-title", &[], title);
        }
        self.w.leaf("source", &[], &s.title);
        if let Some(orig) = &s.title_original {
            // The source's title in its original script: a second `source`, marked as
            // such, since `trans-source` is for a title in another language.
            self.w.leaf(
                "source",
                &[
                    ("content-type", "original-script"),
                    ("xml:lang", t.original_lang.as_str()),
                ],
                orig,
            );
        }
        if let Some(y) = s.year {
            self.w.leaf("year", &[], &y.to_string());
        }
        if let Some(v) = &s.volume {
            self.w.leaf("volume", &[], v);
        }
        if let Some(i) = &s.issue {
            self.w.leaf("issue", &[], i);
        }
        if let Some(p) = &s.pages {
            self.page_range(p);
        }
        if let Some(doi) = &s.doi {
            self.w
                .leaf("pub-id", &[("pub-id-type", "doi")], doi.as_str());
        }
        self.w.end("related-article");
    }

    /// `funding-group` with one `award-group` per funder: `funding-source`, `award-id`
    /// and each funded contributor as a `principal-award-recipient` (ORCID and name,
    /// [`Jats::award_recipient`]).
    fn funding(&mut self) {
        let art = self.art;
        if art.funding.is_empty() && art.statements.funding.is_none() {
            return;
        }
        self.w.open_block("funding-group", &[]);
        for f in &art.funding {
            self.w.open_block("award-group", &[]);
            self.funding_source(f);
            if let Some(id) = &f.award_id {
                self.w.leaf("award-id", &[], id);
            }
            for r in &f.recipients {
                if let Some(c) = self.r.contributor(r) {
                    self.award_recipient(c);
                }
            }
            self.w.end("award-group");
        }
        if let Some(t) = &art.statements.funding {
            self.text_element("funding-statement", &[], t);
        }
        self.w.end("funding-group");
    }

    /// One `principal-award-recipient`: the ORCID and the person's one name. JATS4R's
    /// funding recommendation reads each `name` inside the element as one recipient, so
    /// the name in another script (`name-alternatives`) is not repeated here; it is in
    /// the person's `contrib`.
    fn award_recipient(&mut self, c: &crate::model::Contributor) {
        self.w.open_block("principal-award-recipient", &[]);
        if let Some(orcid) = &c.orcid {
            self.w.leaf(
                "contrib-id",
                &[("contrib-id-type", "orcid")],
                orcid.as_str(),
            );
        }
        self.name(&c.name);
        self.w.end("principal-award-recipient");
    }

    /// `author-notes`: the correspondence (`corresp`), the competing interests (`fn
    /// fn-type="coi-statement"`), the authors' contributions in free text (`fn
    /// fn-type="con"`) and present addresses (`fn fn-type="present-address"`, pointed
    /// to from the `contrib`), as JATS4R recommends.
    fn author_notes(&mut self) {
        let st = &self.art.statements;
        let notes = [
            ("coi-statement", &st.competing_interests),
            ("con", &st.author_contributions),
        ];
        if notes.iter().all(|(_, t)| t.is_none())
            && st.correspondence.is_none()
            && self.present_addresses.is_empty()
        {
            return;
        }
        self.w.open_block("author-notes", &[]);
        if let Some(t) = &st.correspondence {
            self.text_element("corresp", &[], t);
        }
        for (id, t) in std::mem::take(&mut self.present_addresses) {
            self.w
                .open_block("fn", &[("id", &id), ("fn-type", "present-address")]);
            self.para(&t);
            self.w.end("fn");
        }
        for (kind, text) in notes {
            if let Some(t) = text {
                self.w.open_block("fn", &[("fn-type", kind)]);
                self.para(t);
                self.w.end("fn");
            }
        }
        self.w.end("author-notes");
    }
}
