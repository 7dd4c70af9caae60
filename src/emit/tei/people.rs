//! People: `persName` in written order, the `person` entries of `listPerson` with their
//! affiliations and addresses, the `author`, `editor` and `respStmt` that point at them,
//! and the names of cited works.

use super::{Emitter, Mode};
use crate::model::{Affiliation, Contributor, NameOrder, PersonName, ReferenceName};
use crate::xml::{Content, XmlWriter};

impl<'a> Emitter<'a> {
    /// `<author ref="#id"><persName>…</persName></author>` (or `editor`).
    pub(super) fn agent_element(
        &mut self,
        name: &str,
        c: &Contributor,
        extra: Option<(&str, &str)>,
    ) {
        let r = self.person_ref(c);
        let mut attrs = vec![("ref", r.as_str())];
        attrs.extend(extra);
        self.w.open_mixed(name, &attrs);
        self.pers_name(Mode::Inline, &c.name, &[], &[]);
        self.w.end(name);
    }

    /// `<respStmt><resp>…</resp>…<persName ref="#id">…</persName></respStmt>`; each resp
    /// may point at a vocabulary term.
    pub(super) fn resp_stmt(
        &mut self,
        resps: &[(&str, Option<&str>)],
        c: &Contributor,
        extra: Option<(&str, &str)>,
    ) {
        self.w.open_block("respStmt", &[]);
        for (resp, target) in resps {
            match target {
                Some(t) => self.w.leaf("resp", &[("ref", t)], resp),
                None => self.w.leaf("resp", &[], resp),
            }
        }
        let r = self.person_ref(c);
        let mut attrs = vec![("ref", r.as_str())];
        attrs.extend(extra);
        self.pers_name(Mode::Block, &c.name, &attrs, &[]);
        self.w.end("respStmt");
    }

    /// A `persName` with its parts in written order: `<surname>Niu</surname>
    /// <forename>Jun</forename>`, solid for CJK scripts, then `genName` for a suffix and
    /// `roleName type="degree"` for each degree.
    pub(super) fn pers_name(
        &mut self,
        mode: Mode,
        name: &PersonName,
        attrs: &[(&str, &str)],
        degrees: &[String],
    ) {
        let mut attrs = attrs.to_vec();
        if let Some(lang) = &name.lang {
            attrs.push(("xml:lang", lang.as_str()));
        }
        self.open(mode, Content::Mixed, "persName", &attrs);
        let family = name.family.as_deref().map(|f| ("surname", f));
        let given = name.given.as_deref().map(|g| ("forename", g));
        let parts = match name.order {
            NameOrder::FamilyFirst => [family, given],
            NameOrder::GivenFirst => [given, family],
        };
        let sep = if written_solid(name) { "" } else { " " };
        let mut first = true;
        for (element, value) in parts.into_iter().flatten() {
            if !first {
                self.w.text(sep);
            }
            first = false;
            self.leaf(Mode::Inline, element, &[], value);
        }
        if let Some(suffix) = &name.suffix {
            self.w.text(", ");
            self.leaf(Mode::Inline, "genName", &[], suffix);
        }
        for d in degrees {
            self.w.text(", ");
            self.leaf(Mode::Inline, "roleName", &[("type", "degree")], d);
        }
        self.w.end("persName");
    }

    /// A contributor's full entry.
    pub(super) fn person(&mut self, c: &Contributor) {
        let id = self.person_ref(c);
        self.w.open_block("person", &[("xml:id", &id[1..])]);
        self.pers_name(Mode::Block, &c.name, &[], &c.degrees);
        if let Some(orig) = &c.original_name {
            self.pers_name(Mode::Block, orig, &[], &[]);
        }
        if let Some(y) = c.birth_year {
            self.w.empty("birth", &[("when", &format!("{y:04}"))]);
        }
        // What this article says of the person (its contributor entries).
        let entries: Vec<&crate::model::ArticleContributor> = self
            .art
            .contributors
            .iter()
            .filter(|ac| ac.contributor == c.id)
            .collect();
        if entries.iter().any(|ac| ac.deceased) {
            // Died before publication; no date is stated.
            self.w.empty("death", &[]);
        }
        for p in &c.positions {
            self.w.open_mixed("occupation", &[]);
            self.words(p);
            self.w.end("occupation");
        }
        for a in &c.affiliations {
            self.affiliation(a);
        }
        if let Some(orcid) = &c.orcid {
            self.w.leaf("idno", &[("type", "ORCID")], orcid.as_str());
        }
        let address = c.address.as_ref().filter(|a| !a.is_empty());
        if address.is_some() || c.email.is_some() {
            // `person` admits no address or e-mail of its own: a contact note holds them.
            self.w.open_block("note", &[("type", "contact")]);
            if let Some(a) = address {
                self.address(Mode::Block, a);
            }
            if let Some(e) = &c.email {
                self.w.leaf("email", &[], e.as_str());
            }
            self.w.end("note");
        }
        if let Some(bio) = &c.bio {
            self.w.open_mixed("note", &[("type", "bio")]);
            self.words(bio);
            self.w.end("note");
        }
        if let Some(inc) = &c.incomplete {
            self.w.leaf("note", &[("type", "incomplete")], &inc.note);
        }
        if entries.iter().any(|ac| ac.equal_contribution) {
            let said = crate::l10n::term(
                self.art.lang.as_str(),
                crate::l10n::Term::EqualContributionNote,
            );
            let mut attrs = vec![("type", "equal-contribution")];
            if let Some(l) = said.lang {
                attrs.push(("xml:lang", l));
            }
            self.w.leaf("note", &attrs, said.text);
        }
        if let Some(t) = entries.iter().find_map(|ac| ac.present_address.as_ref()) {
            self.w.open_mixed("note", &[("type", "present-address")]);
            self.words(t);
            self.w.end("note");
        }
        self.w.end("person");
    }

    /// `<affiliation>` with the positions held there (`roleName`) and the organisation's
    /// parts (`orgName` department, institution, parent), comma-separated; with a
    /// printed form, that form (`affiliations.rs`).
    fn affiliation(&mut self, a: &Affiliation) {
        let ror_on_affiliation = a.institution.is_none();
        let attrs: Vec<(&str, &str)> = a
            .ror
            .iter()
            .filter(|_| ror_on_affiliation)
            .map(|r| ("ref", r.as_str()))
            .collect();
        self.w.open_mixed("affiliation", &attrs);
        let mut first = true;
        let mut sep = |w: &mut XmlWriter| {
            if !first {
                w.text(", ");
            }
            first = false;
        };
        for p in &a.positions {
            sep(&mut self.w);
            self.w.open_inline("roleName", &[("type", "position")]);
            self.words(p);
            self.w.end("roleName");
        }
        if let Some(printed) = &a.printed {
            sep(&mut self.w);
            self.affiliation_printed(a, printed);
            self.w.end("affiliation");
            return;
        }
        self.org_parts(a, first);
        self.w.end("affiliation");
    }

    /// The organisation's parts (`orgName` department, institution, parent, then the
    /// address inline), comma-separated, the first without a comma before it when
    /// `first`.
    pub(super) fn org_parts(&mut self, a: &Affiliation, mut first: bool) {
        let mut sep = |w: &mut XmlWriter| {
            if !first {
                w.text(", ");
            }
            first = false;
        };
        if let Some(d) = &a.department {
            sep(&mut self.w);
            self.leaf(Mode::Inline, "orgName", &[("type", "department")], d);
        }
        if let Some(i) = &a.institution {
            sep(&mut self.w);
            let mut attrs = vec![("type", "institution")];
            if let Some(r) = &a.ror {
                attrs.push(("ref", r.as_str()));
            }
            self.leaf(Mode::Inline, "orgName", &attrs, i);
        }
        if let Some(p) = &a.parent {
            sep(&mut self.w);
            self.leaf(Mode::Inline, "orgName", &[("type", "parent")], p);
        }
        if let Some(addr) = a.address.as_ref().filter(|a| !a.is_empty()) {
            sep(&mut self.w);
            self.address(Mode::Inline, addr);
        }
    }

    /// `<address>` with its parts in postal order; inside running text (an
    /// affiliation) its parts are written inline too.
    pub(super) fn address(&mut self, mode: Mode, a: &crate::model::Address) {
        // Placed as a block, the address holds its parts as blocks; inline, as phrases.
        let content = match mode {
            Mode::Block => Content::Block,
            Mode::Inline => Content::Mixed,
        };
        self.open(mode, content, "address", &[]);
        let parts = [
            ("street", &a.street),
            ("district", &a.district),
            ("settlement", &a.city),
            ("region", &a.region),
            ("postCode", &a.postal_code),
        ];
        for (element, value) in parts {
            if let Some(v) = value {
                self.leaf(mode, element, &[], v);
            }
        }
        match (&a.country, &a.country_code) {
            (Some(name), Some(code)) => self.leaf(mode, "country", &[("key", code)], name),
            (Some(name), None) => self.leaf(mode, "country", &[], name),
            (None, Some(code)) => self.leaf(mode, "country", &[("key", code)], code),
            (None, None) => {}
        }
        self.w.end("address");
    }

    /// A name from a reference: `persName` with `surname`, `forename` in sorting form,
    /// and/or `name` for a literal (an organisation or an unsplittable name).
    pub(super) fn cited_name(&mut self, mode: Mode, n: &ReferenceName) {
        if n.family.is_some() || n.given.is_some() {
            self.open(mode, Content::Mixed, "persName", &[]);
            if let Some(f) = &n.family {
                self.leaf(Mode::Inline, "surname", &[], f);
            }
            if let Some(g) = &n.given {
                if n.family.is_some() {
                    self.w.text(", ");
                }
                self.leaf(Mode::Inline, "forename", &[], g);
            }
            self.w.end("persName");
        }
        if let Some(l) = &n.literal {
            self.leaf(mode, "name", &[], l);
        }
    }
}

/// Whether a name is written without spaces between its parts (CJK scripts).
fn written_solid(name: &PersonName) -> bool {
    name.lang.as_ref().is_some_and(|l| {
        let l = l.as_str().as_bytes();
        l.len() >= 2
            && matches!(
                [l[0].to_ascii_lowercase(), l[1].to_ascii_lowercase()],
                [b'z', b'h'] | [b'j', b'a'] | [b'k', b'o']
            )
    })
}
