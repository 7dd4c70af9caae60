//! Affiliations with a printed form (`printed`), as the JATS4R affiliations
//! recommendation allows: the string as printed, with the structured parts tagged.

use super::{Jats, opt_attrs};
use crate::affil::{Part, Piece, split};
use crate::model::Affiliation;

impl Jats<'_> {
    /// One affiliation that has a printed form.
    ///
    /// When every structured part appears word for word in the printed string (or there
    /// are none), one `aff` holds the printed string as mixed content with each part
    /// tagged where it stands (`institution content-type="dept"`, `institution`, the
    /// parent as `institution content-type="parent"`, `addr-line`, `city`, `state`,
    /// `postal-code`, `country`); the ROR id, which the printed text does not hold, comes
    /// first in an `institution-wrap` of its own (`institution-id`), so that the text of
    /// the `aff` after its label is the printed text exactly. This is the form JATS4R
    /// recommends for affiliations: the text reads as printed, punctuation included, and
    /// the parts stay machine-readable.
    ///
    /// When some part is not in the printed string (the source abbreviates it, or the
    /// parts were given in another language), tagging in place would have to rewrite the
    /// printed text, so `aff-alternatives` (the JATS element for several representations
    /// of one affiliation) holds the structured `aff` and the printed `aff`
    /// (`content-type="printed"`), the id on the `aff-alternatives` that the `xref`s of
    /// the contributors point to.
    pub(super) fn aff_printed(
        &mut self,
        a: &Affiliation,
        id: Option<&str>,
        label: Option<&str>,
        printed: &str,
    ) {
        let (pieces, missing) = split(printed, a);
        let code_only = a
            .address
            .as_ref()
            .is_some_and(|ad| ad.country.is_none() && ad.country_code.is_some());
        if missing.is_empty() && !code_only {
            self.w.open_mixed("aff", &opt_attrs(&[("id", id)]));
            if let Some(label) = label {
                self.w.leaf("label", &[], label);
            }
            // The ROR id first, so that the text of the `aff` is the printed text and
            // nothing else (an id inside it would break the printed words apart).
            if let Some(ror) = &a.ror {
                self.w.open_inline("institution-wrap", &[]);
                self.w
                    .leaf("institution-id", &[("institution-id-type", "ror")], ror);
                self.w.end("institution-wrap");
            }
            for piece in &pieces {
                self.aff_piece(a, piece);
            }
            self.w.end("aff");
            return;
        }
        self.w
            .open_block("aff-alternatives", &opt_attrs(&[("id", id)]));
        self.aff_structured(a, None, label);
        self.w.open_mixed("aff", &[("content-type", "printed")]);
        if let Some(label) = label {
            self.w.leaf("label", &[], label);
        }
        self.w.text(printed);
        self.w.end("aff");
        self.w.end("aff-alternatives");
    }

    /// The article's own affiliations, linked to nobody: each an `aff` (or
    /// `aff-alternatives`) in `article-meta` after the `contrib-group`, as JATS 1.3
    /// allows, without label or id since no `xref` points at it.
    pub(super) fn unlinked_affs(&mut self) {
        let art = self.art;
        for a in &art.affiliations {
            match &a.printed {
                Some(printed) => self.aff_printed(a, None, None, printed),
                None => self.aff_structured(a, None, None),
            }
        }
    }

    /// One piece of a printed affiliation: text, or a part tagged where it stands.
    fn aff_piece(&mut self, a: &Affiliation, piece: &Piece) {
        let (part, text) = match piece {
            Piece::Text(t) => {
                self.w.text(t);
                return;
            }
            Piece::Part(p, t) => (*p, *t),
        };
        let code = a.address.as_ref().and_then(|ad| ad.country_code.as_deref());
        match part {
            Part::Institution => self.w.leaf("institution", &[], text),
            Part::Department => self
                .w
                .leaf("institution", &[("content-type", "dept")], text),
            Part::Parent => self
                .w
                .leaf("institution", &[("content-type", "parent")], text),
            Part::Street => self
                .w
                .leaf("addr-line", &[("content-type", "street")], text),
            Part::District => self
                .w
                .leaf("addr-line", &[("content-type", "district")], text),
            Part::City => self.w.leaf("city", &[], text),
            Part::Region => self.w.leaf("state", &[], text),
            Part::PostalCode => self.w.leaf("postal-code", &[], text),
            Part::Country => match code {
                Some(c) => self.w.leaf("country", &[("country", c)], text),
                None => self.w.leaf("country", &[], text),
            },
        }
    }
}
