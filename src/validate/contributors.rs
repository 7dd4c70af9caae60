//! The contributor list (`contributors.yaml`): unique ids, names, ORCID check digits,
//! addresses and affiliations with something in them, and the marked-up texts.

use std::collections::HashMap;

use super::text::check_text;
use super::{Checked, at};
use crate::diag::{Diagnostic, Severity};
use crate::model::{Address, Contributor, ContributorsFile};

/// Semantic checks on the contributor list: unique ids, names, ORCID check digits.
pub fn check_contributors(c: &Checked<ContributorsFile>, diags: &mut Vec<Diagnostic>) {
    let doc = &c.doc;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, person) in c.value.contributors.iter().enumerate() {
        let p = format!("/contributors/{i}");
        if let Some(first) = seen.insert(person.id.as_str(), i) {
            let first_line = doc
                .locate(&format!("/contributors/{first}/id"))
                .map_or(0, |l| l.value.line);
            diags.push(at(
                doc,
                Severity::Error,
                "contributor.duplicate-id",
                &format!("{p}/id"),
                format!("contributor id `{}` is used twice", person.id),
                &format!("the first use is at line {first_line}; ids must be unique in the issue"),
            ));
        }
        check_names(c, &p, person, diags);
        if let Some(orcid) = &person.orcid
            && !orcid_checksum_ok(orcid.as_str())
        {
            diags.push(at(
                doc,
                Severity::Error,
                "orcid.checksum",
                &format!("{p}/orcid"),
                format!("`{orcid}` fails the ORCID check digit"),
                "copy the iD again from the person's ORCID record",
            ));
        }
        if person.publish_email && person.email.is_none() {
            diags.push(at(
                doc,
                Severity::Warning,
                "contributor.publish-email",
                &format!("{p}/publish_email"),
                "`publish_email` is set but the entry gives no `email`".to_string(),
                "add the address the source prints, or remove `publish_email`",
            ));
        }
        check_addresses(c, &p, person, diags);
        check_affiliations(c, &p, person, diags);
        for (k, pos) in person.positions.iter().enumerate() {
            check_text(doc, &format!("{p}/positions/{k}"), pos, None, diags);
        }
        if let Some(bio) = &person.bio {
            check_text(doc, &format!("{p}/bio"), bio, None, diags);
        }
    }
}

/// The name and the original-script name each have a family or a given part.
fn check_names(
    c: &Checked<ContributorsFile>,
    p: &str,
    person: &Contributor,
    diags: &mut Vec<Diagnostic>,
) {
    for (which, name) in [
        ("name", Some(&person.name)),
        ("original_name", person.original_name.as_ref()),
    ] {
        if let Some(name) = name
            && name.family.is_none()
            && name.given.is_none()
            && !c.touched(&format!("{p}/{which}"))
        {
            diags.push(at(
                &c.doc,
                Severity::Error,
                "name.empty",
                &format!("{p}/{which}"),
                "a name needs a `family` or a `given` part".into(),
                "add `family:` (and `given:` if the person has one)",
            ));
        }
    }
}

/// Every address, the person's and their affiliations', has at least one part.
fn check_addresses(
    c: &Checked<ContributorsFile>,
    p: &str,
    person: &Contributor,
    diags: &mut Vec<Diagnostic>,
) {
    let mut addresses: Vec<(String, &Address)> = Vec::new();
    if let Some(a) = &person.address {
        addresses.push((format!("{p}/address"), a));
    }
    for (j, aff) in person.affiliations.iter().enumerate() {
        if let Some(a) = &aff.address {
            addresses.push((format!("{p}/affiliations/{j}/address"), a));
        }
    }
    for (ptr, a) in addresses {
        if a.is_empty() && !c.touched(&ptr) {
            diags.push(at(
                &c.doc,
                Severity::Error,
                "address.empty",
                &ptr,
                "an address needs at least one part".into(),
                "give `street`, `city`, `postal_code`, `country`… or remove `address`",
            ));
        }
    }
}

/// Each affiliation names or prints an organisation; the positions held there are
/// checked as marked-up text (`super::affiliations`).
fn check_affiliations(
    c: &Checked<ContributorsFile>,
    p: &str,
    person: &Contributor,
    diags: &mut Vec<Diagnostic>,
) {
    for (j, aff) in person.affiliations.iter().enumerate() {
        super::affiliations::check_affiliation(c, &format!("{p}/affiliations/{j}"), aff, diags);
    }
}

/// The ISO 7064 11,2 check of an ORCID iD URL.
fn orcid_checksum_ok(url: &str) -> bool {
    let digits: Vec<char> = url
        .rsplit('/')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| *c != '-')
        .collect();
    if digits.len() != 16 {
        return false;
    }
    let mut total = 0u32;
    for c in &digits[..15] {
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        total = (total + d) * 2;
    }
    let check = (12 - total % 11) % 11;
    let expected = if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10).unwrap_or('?')
    };
    digits[15] == expected
}
