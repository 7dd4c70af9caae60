//! The article's own affiliations (linked to nobody) on the title page.

use super::Renderer;
use super::about::address_text;
use crate::model::Affiliation;
use crate::xml::XmlWriter;

impl Renderer<'_> {
    /// The article's own affiliations, under the byline: one paragraph
    /// (`class="affiliations"`), the affiliations separated by semicolons, each its
    /// printed form as it is or, without one, its parts as "About the Authors" gives
    /// them ("Department, Institution, Parent (address)").
    pub(super) fn unlinked_affiliations(&mut self, w: &mut XmlWriter) {
        let affs = &self.article.affiliations;
        if affs.is_empty() {
            return;
        }
        w.open_mixed("p", &[("class", "affiliations")]);
        for (i, a) in affs.iter().enumerate() {
            if i > 0 {
                w.text("; ");
            }
            w.text(&affiliation_line(a));
        }
        w.end("p");
    }
}

/// One affiliation on a line: the printed form, or the parts.
fn affiliation_line(a: &Affiliation) -> String {
    if let Some(p) = &a.printed {
        return p.clone();
    }
    let org: Vec<&str> = [&a.department, &a.institution, &a.parent]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let mut s = org.join(", ");
    if let Some(addr) = &a.address {
        let t = address_text(addr);
        if !t.is_empty() {
            s.push_str(&format!(" ({t})"));
        }
    }
    s
}
