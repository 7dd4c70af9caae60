//! `contrib-group`: contributors with their names, roles, degrees, addresses and bios,
//! and the affiliations they share.

use super::{Jats, opt_attrs};
use crate::model::{
    Address, Affiliation, ArticleContributor, Contributor, NameOrder, PersonName, Role,
};

/// The CRediT vocabulary identifier JATS4R requires on `role vocab="credit"`.
const CREDIT_VOCAB: &str = "https://credit.niso.org/";

/// An affiliation as written once in the contrib group, shared by everyone who has it.
#[derive(Debug)]
pub(super) struct AffEntry<'a> {
    aff: &'a Affiliation,
    id: String,
    label: String,
}

impl<'a> Jats<'a> {
    /// One `contrib-group` with every contributor of the article in byline order, then
    /// the affiliations they point to.
    ///
    /// The role goes in `contrib-type` (`author`, `translator`, `reviser`, `editor`):
    /// the attribute JATS4R asks every `contrib` to carry, so a translator or reviser
    /// is never mistaken for an author. JATS 1.3 suggests no value for the reviser of a
    /// translation and the attribute is free text, so `reviser` says exactly what the
    /// source says ("Revised by"); it stays distinct from `translator` and `editor`.
    /// For people who are not authors a `role` element repeats the role in words, for
    /// displays that do not read attributes. CRediT roles follow as `role` elements
    /// with the vocabulary attributes of the JATS4R CRediT recommendation.
    pub(super) fn contrib_group(&mut self) {
        let people: Vec<(&'a ArticleContributor, &'a Contributor)> =
            self.r.byline.iter().map(|b| (b.entry, b.person)).collect();
        if people.is_empty() {
            return;
        }
        // Affiliations first, so that contribs can point at them.
        for (_, c) in &people {
            for a in &c.affiliations {
                self.aff_entry(a);
            }
        }
        self.w.open_block("contrib-group", &[]);
        for (ac, c) in people {
            self.contrib(ac, c);
        }
        for k in 0..self.affs.len() {
            self.aff(k);
        }
        self.w.end("contrib-group");
    }

    /// The shared entry for an affiliation (equal organisation and address = one `aff`).
    fn aff_entry(&mut self, a: &'a Affiliation) -> usize {
        let same = |b: &Affiliation| {
            a.department == b.department
                && a.institution == b.institution
                && a.parent == b.parent
                && a.address == b.address
                && a.ror == b.ror
                && a.printed == b.printed
        };
        if let Some(k) = self.affs.iter().position(|e| same(e.aff)) {
            return k;
        }
        let label = (self.affs.len() + 1).to_string();
        let id = self.fresh_id(&format!("aff{label}"));
        self.affs.push(AffEntry { aff: a, id, label });
        self.affs.len() - 1
    }

    /// One `contrib`: ids, names, degrees, roles, affiliations, address, e-mail, bio.
    fn contrib(&mut self, ac: &ArticleContributor, c: &'a Contributor) {
        let mut attrs = vec![("contrib-type", ac.role.as_str())];
        if ac.corresponding {
            attrs.push(("corresp", "yes"));
        }
        if ac.equal_contribution {
            attrs.push(("equal-contrib", "yes"));
        }
        if ac.deceased {
            attrs.push(("deceased", "yes"));
        }
        self.w.open_block("contrib", &attrs);
        self.orcid_and_names(c);
        for d in &c.degrees {
            self.w.leaf("degrees", &[], d);
        }
        let role_word = match ac.role {
            Role::Author => None,
            Role::Translator => Some(crate::l10n::Term::RoleTranslatorTitle),
            Role::Reviser => Some(crate::l10n::Term::RoleReviserTitle),
            Role::Editor => Some(crate::l10n::Term::RoleEditorTitle),
            Role::Reviewer => Some(crate::l10n::Term::RoleReviewerTitle),
        };
        if let Some(t) = role_word {
            // The role's word in the article's language; a fallback is marked as such.
            let word = crate::l10n::term(self.art.lang.as_str(), t);
            let mut attrs = vec![("content-type", ac.role.as_str())];
            if let Some(l) = word.lang {
                attrs.push(("xml:lang", l));
            }
            self.w.leaf("role", &attrs, word.text);
        }
        for r in &ac.credit {
            let url = r.url();
            self.w.leaf(
                "role",
                &[
                    ("vocab", "credit"),
                    ("vocab-identifier", CREDIT_VOCAB),
                    ("vocab-term", r.term()),
                    ("vocab-term-identifier", &url),
                ],
                r.term(),
            );
        }
        // JATS4R: with several people and several affiliations, link them by xref with
        // the `aff` label as its text (an empty xref would be an empty element).
        for a in &c.affiliations {
            let k = self.aff_entry(a);
            let (id, label) = (self.affs[k].id.clone(), self.affs[k].label.clone());
            self.w
                .open_mixed("xref", &[("ref-type", "aff"), ("rid", &id)]);
            self.w.text(&label);
            self.w.end("xref");
        }
        if let Some(addr) = c.address.as_ref().filter(|a| !a.is_empty()) {
            self.w.open_block("address", &[]);
            self.address_parts(addr);
            self.w.end("address");
        }
        if let Some(e) = &c.email {
            self.w.leaf("email", &[], e.as_str());
        }
        self.bio(c);
        // The present address is an author note (`fn fn-type="present-address"`,
        // written in `author-notes`), pointed to from here, after the names.
        if let Some(t) = &ac.present_address {
            let rid = self.fresh_id(&format!("fn-address-{}", c.id.as_str()));
            self.w.empty("xref", &[("ref-type", "fn"), ("rid", &rid)]);
            self.present_addresses.push((rid, t.clone()));
        }
        self.w.end("contrib");
    }

    /// A person as `contrib` and `principal-award-recipient` both give them: the ORCID
    /// (`contrib-id`), then the names.
    pub(super) fn orcid_and_names(&mut self, c: &Contributor) {
        if let Some(orcid) = &c.orcid {
            self.w.leaf(
                "contrib-id",
                &[("contrib-id-type", "orcid")],
                orcid.as_str(),
            );
        }
        self.names(c);
    }

    /// The person's name: one `name`, or `name-alternatives` with the Latin-script name
    /// and the name in its original script (with `xml:lang`).
    pub(super) fn names(&mut self, c: &Contributor) {
        match &c.original_name {
            Some(orig) => {
                self.w.open_block("name-alternatives", &[]);
                self.name(&c.name);
                self.name(orig);
                self.w.end("name-alternatives");
            }
            None => self.name(&c.name),
        }
    }

    /// One `name`: `surname`, `given-names`, `suffix`, with `name-style` `eastern` for
    /// family-first names ("Niu Jun", 牛军), `western` for given-first ones, and
    /// `given-only` when there is no family name.
    pub(super) fn name(&mut self, n: &PersonName) {
        let style = match (&n.family, n.order) {
            (None, _) => "given-only",
            (Some(_), NameOrder::FamilyFirst) => "eastern",
            (Some(_), NameOrder::GivenFirst) => "western",
        };
        let lang = n.lang.as_ref().map(|l| l.as_str());
        self.w.open_block(
            "name",
            &opt_attrs(&[("name-style", Some(style)), ("xml:lang", lang)]),
        );
        if let Some(f) = &n.family {
            self.w.leaf("surname", &[], f);
        }
        if let Some(g) = &n.given {
            self.w.leaf("given-names", &[], g);
        }
        if let Some(s) = &n.suffix {
            self.w.leaf("suffix", &[], s);
        }
        self.w.end("name");
    }

    /// `bio`: birth year ("b. 1954", as the contributor list prints it), positions
    /// (with the affiliation they are held at), the free biography, and the note on
    /// an entry the source gives only in part. Each kind of paragraph is named by its
    /// `content-type`.
    fn bio(&mut self, c: &'a Contributor) {
        let has_positions =
            !c.positions.is_empty() || c.affiliations.iter().any(|a| !a.positions.is_empty());
        if c.birth_year.is_none() && !has_positions && c.bio.is_none() && c.incomplete.is_none() {
            return;
        }
        self.w.open_block("bio", &[]);
        if let Some(y) = c.birth_year {
            self.w
                .leaf("p", &[("content-type", "birth-year")], &format!("b. {y}"));
        }
        for p in &c.positions {
            self.w.open_mixed("p", &[("content-type", "position")]);
            self.inline_text(p);
            self.w.end("p");
        }
        for a in &c.affiliations {
            if a.positions.is_empty() {
                continue;
            }
            let k = self.aff_entry(a);
            let id = self.affs[k].id.clone();
            self.w.open_mixed("p", &[("content-type", "position")]);
            for (i, p) in a.positions.iter().enumerate() {
                if i > 0 {
                    self.w.text(", ");
                }
                self.inline_text(p);
            }
            let org = a
                .printed
                .clone()
                .or_else(|| org_name(a))
                .unwrap_or_else(|| self.affs[k].label.clone());
            self.w.text(", ");
            self.w
                .open_inline("xref", &[("ref-type", "aff"), ("rid", &id)]);
            self.w.text(&org);
            self.w.end("xref");
            self.w.end("p");
        }
        if let Some(b) = &c.bio {
            self.para(b);
        }
        if let Some(inc) = &c.incomplete {
            self.w
                .leaf("p", &[("content-type", "incomplete")], &inc.note);
        }
        self.w.end("bio");
    }

    /// One `aff`: its label, the organisation in `institution-wrap` (ROR id, department
    /// as `institution content-type="dept"`, the institution, the parent body as
    /// `institution content-type="parent"`), then its address parts.
    ///
    /// An affiliation with a printed form is written by `aff_printed`
    /// (`affiliations.rs`).
    fn aff(&mut self, k: usize) {
        let (a, id, label) = {
            let e = &self.affs[k];
            (e.aff, e.id.clone(), e.label.clone())
        };
        if let Some(printed) = &a.printed {
            self.aff_printed(a, Some(&id), Some(&label), printed);
            return;
        }
        self.aff_structured(a, Some(&id), Some(&label));
    }

    /// The structured `aff` of [`Self::aff`], with or without its id and label.
    pub(super) fn aff_structured(
        &mut self,
        a: &Affiliation,
        id: Option<&str>,
        label: Option<&str>,
    ) {
        self.w.open_block("aff", &opt_attrs(&[("id", id)]));
        if let Some(label) = label {
            self.w.leaf("label", &[], label);
        }
        let has_org = a.department.is_some()
            || a.institution.is_some()
            || a.parent.is_some()
            || a.ror.is_some();
        if has_org {
            self.w.open_block("institution-wrap", &[]);
            if let Some(ror) = &a.ror {
                self.w
                    .leaf("institution-id", &[("institution-id-type", "ror")], ror);
            }
            if let Some(d) = &a.department {
                self.w.leaf("institution", &[("content-type", "dept")], d);
            }
            if let Some(i) = &a.institution {
                self.w.leaf("institution", &[], i);
            }
            if let Some(p) = &a.parent {
                self.w.leaf("institution", &[("content-type", "parent")], p);
            }
            self.w.end("institution-wrap");
        }
        if let Some(addr) = &a.address {
            self.address_parts(addr);
        }
        self.w.end("aff");
    }

    /// Address parts, in `aff` or `address`: `addr-line` (street, district), `city`,
    /// `state`, `postal-code`, `country` (with `@country` from the ISO code).
    pub(super) fn address_parts(&mut self, a: &Address) {
        if let Some(s) = &a.street {
            self.w.leaf("addr-line", &[("content-type", "street")], s);
        }
        if let Some(d) = &a.district {
            self.w.leaf("addr-line", &[("content-type", "district")], d);
        }
        if let Some(c) = &a.city {
            self.w.leaf("city", &[], c);
        }
        if let Some(r) = &a.region {
            self.w.leaf("state", &[], r);
        }
        if let Some(p) = &a.postal_code {
            self.w.leaf("postal-code", &[], p);
        }
        match (&a.country, &a.country_code) {
            (Some(c), code) => {
                let code = code.as_deref();
                self.w.leaf("country", &opt_attrs(&[("country", code)]), c);
            }
            // Only the code is given: it is also the most honest text for the element.
            (None, Some(code)) => self.w.leaf("country", &[("country", code)], code),
            (None, None) => {}
        }
    }
}

/// The organisation of an affiliation as one phrase: "Institute of History, CASS".
fn org_name(a: &Affiliation) -> Option<String> {
    let parts: Vec<&str> = [&a.department, &a.institution, &a.parent]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}
