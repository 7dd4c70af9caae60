//! The issue-level contributor list (`input/contributors.yaml`): every person who
//! appears in the issue, with a stable id that articles refer to.
//!
//! The list mirrors a journal's "About the Authors" page: most people in it are not
//! authors of any one article. An article names its contributors by id and role
//! ([`crate::model::ArticleContributor`]); the entry here gives everything else.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::common::{Address, Email, Id, Lang, Orcid, Text};

/// The contents of `contributors.yaml`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "galley contributor list")]
pub struct ContributorsFile {
    /// Everyone who appears in the issue, in the order of the printed list.
    ///
    /// The order is kept in the issue-level EPUB's "About the Authors".
    pub contributors: Vec<Contributor>,
}

/// One person in the issue's contributor list.
///
/// JATS: `contrib` (with `name`, `name-alternatives`, `contrib-id`, `aff`, `address`,
/// `email`, `bio`); TEI: a `person` in `listPerson` (`persName` in each script, `birth`,
/// `affiliation`, `occupation`, `address`, `email`, `idno`, `note`); EPUB: `dc:creator`
/// or `dc:contributor` with `alternate-script`, and an entry in "About the Authors".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Contributor {
    /// A stable id that articles use to refer to this person: `niu-jun`.
    #[schemars(example = &"niu-jun")]
    pub id: Id,
    /// The name in Latin script, as printed.
    pub name: PersonName,
    /// The name in its original script, when the source gives it: 牛军 as family 牛, given 军.
    ///
    /// JATS: a second `name` inside `name-alternatives` with `xml:lang`; TEI: a second
    /// `persName` with `xml:lang`; EPUB: the `alternate-script` refinement.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_name: Option<PersonName>,
    /// Year of birth, as printed ("b. 1954").
    ///
    /// JATS: in `bio`; TEI: `birth/@when`; EPUB: in "About the Authors".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(range(min = 1000, max = 2100), example = 1954)]
    pub birth_year: Option<u16>,
    /// Degrees and titles that are not positions: `Doctor of Arts`.
    ///
    /// JATS: `degrees`; TEI: `roleName type="degree"`; EPUB: in "About the Authors".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub degrees: Vec<String>,
    /// Positions held that belong to no named organisation: `Minister of Construction`.
    ///
    /// Positions held at an organisation go in that affiliation's `positions`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Text>,
    /// Organisations the person belongs to, each with the positions held there.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub affiliations: Vec<Affiliation>,
    /// Postal address, as printed after "Address:".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// ORCID iD.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub orcid: Option<Orcid>,
    /// E-mail address.
    ///
    /// JATS: `email` in the `contrib`; TEI: `email` in the `person`; EPUB and preview:
    /// only when `publish_email` is true (else a loss, `loss.epub.email`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<Email>,
    /// Whether readers are shown the e-mail address: `publish_email: true` prints it as a
    /// `mailto:` link in the EPUB's and the preview's "About the Authors". Left out, the
    /// address stays in the archival formats only (JATS, TEI). Setting it without an
    /// `email` is a warning.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub publish_email: bool,
    /// A free biography.
    ///
    /// JATS: a paragraph of `bio`; TEI: `note type="bio"`; EPUB: in "About the Authors".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bio: Option<Text>,
    /// Marks an entry that the source gives only in part (cut off in print, say).
    ///
    /// Keep what the source has, set this, and say what is missing; never complete it
    /// by guesswork. JATS and TEI: a note on the entry; EPUB: "(entry incomplete in the
    /// source)" after it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incomplete: Option<Incomplete>,
}

/// A person's name in one script.
///
/// JATS: `name` with `surname`, `given-names` and `name-style` (`eastern` for
/// family-first names, `western` otherwise); TEI: `persName` with `surname` and
/// `forename` in display order; EPUB: the display name and `file-as`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonName {
    /// Family name (surname): `Niu`, `牛`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Niu")]
    pub family: Option<String>,
    /// Given name(s): `Jun`, `军`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Jun")]
    pub given: Option<String>,
    /// The order in which the name is written: `family-first` for Chinese, Japanese,
    /// Korean and Hungarian names ("Niu Jun"), `given-first` otherwise.
    #[serde(default, skip_serializing_if = "NameOrder::is_default")]
    pub order: NameOrder,
    /// The language and script of this form of the name: `zh-Hans` for 牛军.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<Lang>,
    /// A suffix such as `Jr.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub suffix: Option<String>,
}

impl PersonName {
    /// The name as it is displayed, parts in their written order: "Niu Jun", "牛军".
    ///
    /// Parts are joined by a space, except in CJK scripts, which write names solid.
    pub fn display(&self) -> String {
        let parts: Vec<&str> = match self.order {
            NameOrder::FamilyFirst => [self.family.as_deref(), self.given.as_deref()],
            NameOrder::GivenFirst => [self.given.as_deref(), self.family.as_deref()],
        }
        .into_iter()
        .flatten()
        .collect();
        let cjk = self.lang.as_ref().is_some_and(|l| {
            let l = l.as_str().to_ascii_lowercase();
            l.starts_with("zh") || l.starts_with("ja") || l.starts_with("ko")
        });
        let mut s = parts.join(if cjk { "" } else { " " });
        if let Some(suffix) = &self.suffix {
            s.push_str(", ");
            s.push_str(suffix);
        }
        s
    }

    /// The name for sorting: "Niu, Jun".
    pub fn sort_form(&self) -> String {
        match (&self.family, &self.given) {
            (Some(f), Some(g)) => format!("{f}, {g}"),
            (Some(f), None) => f.clone(),
            (None, Some(g)) => g.clone(),
            (None, None) => String::new(),
        }
    }
}

/// The written order of a name's parts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum NameOrder {
    /// Given name first: "Albert Wedemeyer". JATS `name-style="western"`.
    #[default]
    GivenFirst,
    /// Family name first: "Niu Jun" (family Niu, given Jun). JATS `name-style="eastern"`.
    FamilyFirst,
}

impl NameOrder {
    fn is_default(&self) -> bool {
        *self == NameOrder::GivenFirst
    }
}

/// An organisation a person belongs to, with the positions held there.
///
/// An affiliation gives its structured parts (`department`, `institution`, `parent`,
/// `address`, `ror`), the string `printed` as the source prints it, or both (JATS4R
/// allows both forms). Without `printed`: JATS `aff` with `institution-wrap`
/// (`institution content-type="dept"`, the institution, and the parent body) and
/// address parts; TEI: `affiliation` with `orgName` parts and `roleName` for positions;
/// EPUB: "About the Authors". With `printed`, see that field.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Affiliation {
    /// Positions held here, as printed: `Research Fellow`, `Director`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub positions: Vec<Text>,
    /// Department or other sub-unit: `Department of History`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Department of History")]
    pub department: Option<String>,
    /// The institution: `Institute of American Studies`, `Fujian University`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Institute of American Studies")]
    pub institution: Option<String>,
    /// The parent body the institution belongs to, as printed: `CASS`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"CASS")]
    pub parent: Option<String>,
    /// The organisation's address, when it differs from the person's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<Address>,
    /// The organisation's ROR id, as a URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^https://ror\.org/0[a-z0-9]{8}$"))]
    pub ror: Option<String>,
    /// The affiliation exactly as the source prints it, punctuation and order kept:
    /// `Departamento de História, Universidade de São Paulo, São Paulo, Brasil`.
    ///
    /// Beside the structured parts, or instead of them when they are unknown. When every
    /// part given appears in it word for word: JATS `aff` holding the printed text with
    /// those parts tagged where they stand; TEI `affiliation` the same way (`orgName`,
    /// `street`, `settlement`, `country`…). When some part does not appear in it: JATS
    /// `aff-alternatives` (the structured `aff` and the printed one), TEI
    /// `choice` with the printed form as `orig` and the parts as `reg`. EPUB and the
    /// preview print it as it is; parts not in it are reported lost there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(
        example = &"Departamento de História, Universidade de São Paulo, São Paulo, Brasil"
    )]
    pub printed: Option<String>,
}

/// What is missing from an entry the source gives only in part.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incomplete {
    /// What is missing and why: `The entry breaks off in the source after "Department of Economics,".`
    pub note: String,
}
