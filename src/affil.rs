//! An affiliation's printed form read against its structured parts: where each part
//! stands in the printed string, so that every emitter can tag the parts in place
//! (JATS `aff`, TEI `affiliation`) or know which parts the printed form does not hold.

use crate::model::Affiliation;

/// Which structured part of an affiliation a piece of the printed text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// `department`.
    Department,
    /// `institution`.
    Institution,
    /// `parent`.
    Parent,
    /// `address.street`.
    Street,
    /// `address.district`.
    District,
    /// `address.city`.
    City,
    /// `address.region`.
    Region,
    /// `address.postal_code`.
    PostalCode,
    /// `address.country`.
    Country,
}

impl Part {
    /// The part's key under the affiliation (a JSON pointer tail): `department`,
    /// `address/city`.
    pub fn pointer(self) -> &'static str {
        match self {
            Part::Department => "department",
            Part::Institution => "institution",
            Part::Parent => "parent",
            Part::Street => "address/street",
            Part::District => "address/district",
            Part::City => "address/city",
            Part::Region => "address/region",
            Part::PostalCode => "address/postal_code",
            Part::Country => "address/country",
        }
    }
}

/// A piece of the printed form: plain text between parts, or a part where it stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text that is no structured part (punctuation, words the parts do not give).
    Text(&'a str),
    /// A structured part, as it stands in the printed text.
    Part(Part, &'a str),
}

/// The structured parts an affiliation gives, with their text, in model order.
pub fn parts(a: &Affiliation) -> Vec<(Part, &str)> {
    let mut out: Vec<(Part, &str)> = Vec::new();
    let org = [
        (Part::Department, &a.department),
        (Part::Institution, &a.institution),
        (Part::Parent, &a.parent),
    ];
    for (p, v) in org {
        if let Some(v) = v {
            out.push((p, v.as_str()));
        }
    }
    if let Some(ad) = &a.address {
        let addr = [
            (Part::Street, &ad.street),
            (Part::District, &ad.district),
            (Part::City, &ad.city),
            (Part::Region, &ad.region),
            (Part::PostalCode, &ad.postal_code),
            (Part::Country, &ad.country),
        ];
        for (p, v) in addr {
            if let Some(v) = v {
                out.push((p, v.as_str()));
            }
        }
    }
    out
}

/// Where the parts stand in the printed text: the printed text cut into pieces, each
/// part found word for word (the first place not taken by another part), and the parts
/// that are not in it.
///
/// Parts are placed longest first, so that a city named inside the institution's name
/// ("Universidade de São Paulo, São Paulo") is found in its own place.
pub fn split<'a>(printed: &'a str, a: &'a Affiliation) -> (Vec<Piece<'a>>, Vec<Part>) {
    let mut wanted = parts(a);
    wanted.sort_by_key(|(_, v)| std::cmp::Reverse(v.len()));
    let mut taken: Vec<(usize, usize, Part)> = Vec::new();
    let mut missing: Vec<Part> = Vec::new();
    for (part, value) in wanted {
        let found = (!value.is_empty())
            .then(|| {
                printed.match_indices(value).map(|(i, _)| i).find(|&i| {
                    let end = i + value.len();
                    taken.iter().all(|&(s, e, _)| end <= s || i >= e)
                })
            })
            .flatten();
        match found {
            Some(i) => taken.push((i, i + value.len(), part)),
            None => missing.push(part),
        }
    }
    taken.sort_by_key(|&(s, _, _)| s);
    let mut pieces = Vec::new();
    let mut at = 0;
    for (s, e, part) in taken {
        if s > at {
            pieces.push(Piece::Text(&printed[at..s]));
        }
        pieces.push(Piece::Part(part, &printed[s..e]));
        at = e;
    }
    if at < printed.len() {
        pieces.push(Piece::Text(&printed[at..]));
    }
    // Model order for the missing parts, whatever order they were searched in.
    let order = parts(a);
    missing.sort_by_key(|m| order.iter().position(|(p, _)| p == m));
    (pieces, missing)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Address;

    fn aff(printed: &str) -> Affiliation {
        Affiliation {
            positions: vec![],
            department: Some("Departamento de História".into()),
            institution: Some("Universidade de São Paulo".into()),
            parent: None,
            address: Some(Address {
                city: Some("São Paulo".into()),
                country: Some("Brasil".into()),
                ..Address::default()
            }),
            ror: None,
            printed: Some(printed.into()),
        }
    }

    #[test]
    fn parts_are_found_in_place() {
        let p = "Universidade de São Paulo, Departamento de História, São Paulo, Brasil";
        let a = aff(p);
        let (pieces, missing) = split(p, &a);
        assert!(missing.is_empty());
        assert_eq!(
            pieces,
            vec![
                Piece::Part(Part::Institution, "Universidade de São Paulo"),
                Piece::Text(", "),
                Piece::Part(Part::Department, "Departamento de História"),
                Piece::Text(", "),
                Piece::Part(Part::City, "São Paulo"),
                Piece::Text(", "),
                Piece::Part(Part::Country, "Brasil"),
            ]
        );
    }

    #[test]
    fn a_part_not_printed_is_missing() {
        let p = "Depto. de História, USP, Brasil";
        let a = aff(p);
        let (pieces, missing) = split(p, &a);
        assert_eq!(
            missing,
            vec![Part::Department, Part::Institution, Part::City]
        );
        let text: String = pieces
            .iter()
            .map(|x| match x {
                Piece::Text(t) | Piece::Part(_, t) => *t,
            })
            .collect();
        assert_eq!(text, p);
    }
}
