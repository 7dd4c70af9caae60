//! `sourceDesc`: the article as printed in the journal, with the original it translates.

use super::Emitter;
use super::bibl::{Agent, Bib, Part, Words};
use crate::emit::{InputFile, Loss};
use crate::model::{PublicationFormat, Role, Translation};

impl<'a> Emitter<'a> {
    pub(super) fn source_desc(&mut self) {
        let bib = self.printed_article();
        self.w.open_block("sourceDesc", &[]);
        self.bib(&bib);
        self.w.end("sourceDesc");
    }

    /// The article as printed in the journal, with the original it translates.
    fn printed_article(&self) -> Bib<'a> {
        let mut b = Bib {
            analytic: self.printed_analytic(),
            ..Bib::default()
        };
        self.journal_monogr(&mut b);
        self.issue_imprint(&mut b);
        if let Some(tr) = &self.art.translation {
            b.tail
                .push(Part::Related("original", Box::new(self.original(tr))));
        }
        b
    }

    /// The `analytic` of the printed article: its people, titles, own date, DOI and (when
    /// the publication statement is prose) its licence.
    fn printed_analytic(&self) -> Vec<Part<'a>> {
        let art = self.art;
        let issue = &self.ctx.issue.issue;
        let mut a = Vec::new();
        for ac in &art.contributors {
            if let Some(c) = self.r.contributor(&ac.contributor) {
                a.push(match ac.role {
                    Role::Author => Part::Author(Agent::Person(c)),
                    Role::Editor => Part::Editor(Agent::Person(c)),
                    Role::Translator => Part::Resp("translated by", Agent::Person(c)),
                    Role::Reviser => Part::Resp("revised by", Agent::Person(c)),
                    Role::Reviewer => Part::Resp("reviewed by", Agent::Person(c)),
                });
            }
        }
        a.push(Part::Title {
            level: "a",
            kind: Some("main"),
            lang: None,
            text: Words::Marked(&art.title),
        });
        if let Some(sub) = &art.subtitle {
            a.push(Part::Title {
                level: "a",
                kind: Some("sub"),
                lang: None,
                text: Words::Marked(sub),
            });
        }
        // The article's own date, when the issue's date goes into the imprint.
        if let (Some(_), Some(d)) = (&issue.date, &art.dates.published) {
            a.push(Part::Date {
                kind: None,
                when: d.as_str(),
            });
        }
        if let Some(doi) = &art.doi {
            a.push(Part::Idno {
                kind: "DOI",
                subtype: None,
                value: doi.as_str(),
            });
        }
        if let Some(u) = &art.url {
            a.push(Part::Ptr(u.as_str()));
        }
        // The article's other ids, typed by their registry's name (`PMID`) or kind
        // (`publisher-id`). TEI's `idno/@type` is one word, so who assigned an id
        // cannot be said there (nor anywhere else in the `analytic`): reported.
        // (See `id_losses`.)
        for id in &art.ids {
            a.push(Part::Idno {
                kind: id.kind.name().unwrap_or(id.kind.as_str()),
                subtype: None,
                value: &id.value,
            });
        }
        // Without a publisher the publication statement is prose: the licence is here.
        if let Some(l) = art.license.as_ref().filter(|_| !self.has_publisher()) {
            a.push(Part::Availability(l));
        }
        a
    }

    /// The `monogr`'s titles and identifiers: the journal's and the issue's.
    fn journal_monogr(&self, b: &mut Bib<'a>) {
        let issue = &self.ctx.issue.issue;
        let journal = &self.ctx.issue.journal;
        b.heads.push(Part::Title {
            level: "j",
            kind: None,
            lang: journal.lang.as_ref().map(|l| l.as_str()),
            text: Words::Plain(&journal.title),
        });
        if let Some(abbrev) = &journal.abbrev_title {
            b.heads.push(Part::Title {
                level: "j",
                kind: Some("abbrev"),
                lang: None,
                text: Words::Plain(abbrev),
            });
        }
        if let Some(t) = &issue.title {
            b.heads.push(Part::Title {
                level: "j",
                kind: Some("issue"),
                lang: None,
                text: Words::Plain(t),
            });
        }
        for issn in &journal.issn {
            let subtype = match issn.format {
                PublicationFormat::Print => "print",
                PublicationFormat::Electronic => "electronic",
            };
            b.ids.push(Part::Idno {
                kind: "ISSN",
                subtype: Some(subtype),
                value: issn.value.as_str(),
            });
        }
        for id in &journal.ids {
            b.ids.push(Part::Idno {
                kind: id.kind.as_str(),
                subtype: None,
                value: &id.value,
            });
        }
        if let Some(id) = &journal.publisher_id {
            b.ids.push(Part::Idno {
                kind: "publisher-id",
                subtype: None,
                value: id,
            });
        }
        if let Some(doi) = &issue.doi {
            b.ids.push(Part::Idno {
                kind: "DOI",
                subtype: None,
                value: doi.as_str(),
            });
        }
        if let Some(url) = &journal.url {
            b.ids.push(Part::Ptr(url.as_str()));
        }
    }

    /// The `imprint` (place, publisher, date) and the scopes (volume, issue, pages,
    /// electronic location) of the printed article.
    fn issue_imprint(&self, b: &mut Bib<'a>) {
        let art = self.art;
        let issue = &self.ctx.issue.issue;
        if let Some(p) = &self.ctx.issue.journal.publisher {
            if let Some(place) = &p.location {
                b.imprint.push(Part::PubPlace(place));
            }
            b.imprint.push(Part::Publisher(&p.name));
        }
        match (&issue.date, &art.dates.published) {
            (Some(d), _) | (None, Some(d)) => b.imprint.push(Part::Date {
                kind: None,
                when: d.as_str(),
            }),
            (None, None) => {}
        }
        if let Some(v) = &issue.volume {
            b.scopes.push(Part::scope("volume", v));
        }
        if let Some(n) = &issue.number {
            b.scopes.push(Part::scope("issue", n));
        }
        if let Some(p) = &art.pages {
            b.scopes.push(Part::Pages(&p.first, p.last.as_deref()));
        }
        if let Some(e) = &art.elocation {
            b.scopes.push(Part::scope("elocation-id", e));
        }
    }

    /// The original a translation was made from: its authors (the article's), title,
    /// DOI and language, then the periodical it appeared in.
    fn original(&self, tr: &'a Translation) -> Bib<'a> {
        let src = &tr.source;
        let mut o = Bib::default();
        for ac in self
            .art
            .contributors
            .iter()
            .filter(|c| c.role == Role::Author)
        {
            if let Some(c) = self.r.contributor(&ac.contributor) {
                o.analytic.push(Part::Author(Agent::Person(c)));
            }
        }
        if let Some(t) = &tr.original_title {
            o.analytic.push(Part::Title {
                level: "a",
                kind: None,
                lang: None,
                text: Words::Marked(t),
            });
        }
        if let Some(doi) = &src.doi {
            o.analytic.push(Part::Idno {
                kind: "DOI",
                subtype: None,
                value: doi.as_str(),
            });
        }
        o.analytic.push(Part::TextLang(tr.original_lang.as_str()));
        o.heads.push(Part::Title {
            level: "j",
            kind: None,
            lang: None,
            text: Words::Plain(&src.title),
        });
        if let Some(t) = &src.title_original {
            o.heads.push(Part::Title {
                level: "j",
                kind: None,
                lang: Some(tr.original_lang.as_str()),
                text: Words::Plain(t),
            });
        }
        if let Some(y) = src.year {
            o.imprint.push(Part::Year(y));
        }
        if let Some(v) = &src.volume {
            o.scopes.push(Part::scope("volume", v));
        }
        if let Some(n) = &src.issue {
            o.scopes.push(Part::scope("issue", n));
        }
        if let Some(p) = &src.pages {
            o.scopes.push(Part::scope("page", p));
        }
        o
    }

    /// Who assigned each of the article's other ids is lost: TEI's `idno/@type` is one
    /// word (it carries the id's kind), and nothing else in the `analytic` can say it.
    pub(super) fn id_losses(&mut self) {
        for (i, id) in self.art.ids.iter().enumerate() {
            if id.authority.is_some() {
                self.losses.push(Loss {
                    file: InputFile::Article,
                    pointer: format!("/ids/{i}/authority"),
                    code: "loss.tei.id-authority".into(),
                    message: format!(
                        "who assigned the id `{}` is not carried by TEI (its type is)",
                        id.value
                    ),
                });
            }
        }
    }
}
