//! Affiliations with a printed form (`printed`): the printed text inside `affiliation`,
//! the structured parts tagged where they stand in it.

use super::{Emitter, Mode};
use crate::affil::{Part, Piece, split};
use crate::model::Affiliation;

impl Emitter<'_> {
    /// The printed form of an affiliation, inside its `affiliation` (after the
    /// positions).
    ///
    /// When every structured part appears in it word for word, the printed text with
    /// each part tagged in place: `orgName` (`type` department, institution with the ROR
    /// id in `ref`, parent), `street`, `district`, `settlement`, `region`, `postCode`,
    /// `country` (`key` the ISO code). Otherwise `choice` with the printed text as
    /// `orig` (the form in the source) and the structured parts as `reg` (the same
    /// affiliation regularised), so the printed text is never rewritten.
    pub(super) fn affiliation_printed(&mut self, a: &Affiliation, printed: &str) {
        let (pieces, missing) = split(printed, a);
        let code_only = a
            .address
            .as_ref()
            .is_some_and(|ad| ad.country.is_none() && ad.country_code.is_some());
        if missing.is_empty() && !code_only {
            for piece in &pieces {
                self.affiliation_piece(a, piece);
            }
            return;
        }
        self.w.open_inline("choice", &[]);
        self.leaf(Mode::Inline, "orig", &[], printed);
        self.w.open_inline("reg", &[]);
        self.org_parts(a, true);
        self.w.end("reg");
        self.w.end("choice");
    }

    /// The article's own affiliations, linked to nobody: `listOrg` in `particDesc`, one
    /// `org` each, whose `p` holds the affiliation as a person's `affiliation` would (the
    /// printed form with its parts tagged, `choice`, or the parts); a ROR id that has no
    /// institution to go on follows as `ptr type="ror"`.
    pub(super) fn unlinked_orgs(&mut self) {
        let art = self.art;
        if art.affiliations.is_empty() {
            return;
        }
        self.w.open_block("listOrg", &[]);
        for a in &art.affiliations {
            self.w.open_block("org", &[]);
            self.w.open_mixed("p", &[]);
            match &a.printed {
                Some(printed) => self.affiliation_printed(a, printed),
                None => self.org_parts(a, true),
            }
            self.w.end("p");
            if let Some(ror) = a.ror.as_ref().filter(|_| a.institution.is_none()) {
                self.w.empty("ptr", &[("type", "ror"), ("target", ror)]);
            }
            self.w.end("org");
        }
        self.w.end("listOrg");
    }

    /// One piece of a printed affiliation: text, or a part tagged where it stands.
    fn affiliation_piece(&mut self, a: &Affiliation, piece: &Piece) {
        let (part, text) = match piece {
            Piece::Text(t) => {
                self.w.text(t);
                return;
            }
            Piece::Part(p, t) => (*p, *t),
        };
        let ror = a.ror.as_deref();
        let code = a.address.as_ref().and_then(|ad| ad.country_code.as_deref());
        let (name, attrs): (&str, Vec<(&str, &str)>) = match part {
            Part::Department => ("orgName", vec![("type", "department")]),
            Part::Institution => {
                let mut v = vec![("type", "institution")];
                v.extend(ror.map(|r| ("ref", r)));
                ("orgName", v)
            }
            Part::Parent => ("orgName", vec![("type", "parent")]),
            Part::Street => ("street", vec![]),
            Part::District => ("district", vec![]),
            Part::City => ("settlement", vec![]),
            Part::Region => ("region", vec![]),
            Part::PostalCode => ("postCode", vec![]),
            Part::Country => ("country", code.map(|c| ("key", c)).into_iter().collect()),
        };
        self.leaf(Mode::Inline, name, &attrs, text);
    }
}
