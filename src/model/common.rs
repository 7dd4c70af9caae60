//! Small value types shared by the issue, contributor and article files: identifiers,
//! language tags, partial dates, DOIs, ORCIDs, postal addresses and marked-up text.
//!
//! Each type carries its own JSON Schema (pattern, description, examples), so the
//! generated schemas check the shape of a value and yaml-language-server can explain it.

use std::borrow::Cow;
use std::sync::OnceLock;

use crate::inline::{Inline, MarkupError};

use schemars::{JsonSchema, Schema, SchemaGenerator, json_schema};
use serde::{Deserialize, Serialize};

/// Declares a string newtype whose JSON Schema is a string with a pattern, a
/// description and examples. Written as a macro because the six types differ only in
/// those four facts.
macro_rules! pattern_string {
    ($(#[$doc:meta])* $name:ident, $title:literal, $pattern:literal, $desc:literal, [$($ex:literal),*]) => {
        pattern_string!($(#[$doc])* $name, $title, $pattern, $desc, [$($ex),*], {});
    };
    ($(#[$doc:meta])* $name:ident, $title:literal, $pattern:literal, $desc:literal, [$($ex:literal),*], {$($extra:tt)*}) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);

        impl $name {
            /// The value as written in the YAML.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut SchemaGenerator) -> Schema {
                json_schema!({
                    "title": $title,
                    "type": "string",
                    "pattern": $pattern,
                    "description": $desc,
                    "examples": [$($ex),*]
                    $($extra)*
                })
            }
        }
    };
}

pattern_string!(
    /// A stable identifier: a letter, then letters, digits, `-`, `_` or `.`.
    ///
    /// Identifiers become XML `id`/`xml:id` attributes (so they must be XML names) and
    /// are how one part of the YAML refers to another (contributors, footnotes,
    /// references, figures, tables, sections).
    Id,
    "Identifier",
    "^[A-Za-z][A-Za-z0-9._-]*$",
    "A stable identifier: a letter, then letters, digits, '-', '_' or '.'. Used in XML id attributes and in references from other parts of the YAML.",
    ["niu-jun", "fn1", "fig-map"]
);

pattern_string!(
    /// A BCP 47 language tag such as `en`, `zh`, `zh-Hans`.
    ///
    /// JATS and TEI: `xml:lang`; EPUB: `dc:language` and `xml:lang`/`lang` in XHTML.
    Lang,
    "Language tag",
    "^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$",
    "A BCP 47 language tag: 'en', 'zh', 'zh-Hans' (simplified Chinese characters), 'ru'.",
    ["en", "zh", "zh-Hans"]
);

pattern_string!(
    /// A calendar date, as precise as the source allows: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    ///
    /// JATS: `pub-date`/`date` with `year`, `month`, `day` and `iso-8601-date`; TEI:
    /// `date/@when`; EPUB: `dc:date` and the basis of `dcterms:modified`.
    PartialDate,
    "Date (YYYY, YYYY-MM or YYYY-MM-DD)",
    "^[0-9]{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12][0-9]|3[01]))?)?$",
    "A date as precise as the source allows: '1996', '1996-04' or '1996-04-15', a real calendar date (no 30 February). Never guess a month or day the source does not give.",
    ["1996", "1996-04", "1996-04-15"],
    {, "format": PartialDate::FORMAT}
);

impl PartialDate {
    /// The JSON Schema `format` of a date: the validator checks it with
    /// [`PartialDate::calendar_problem`]; editors that do not know it ignore it.
    pub const FORMAT: &'static str = "galley-date";

    /// Why a value of the date's shape (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`) is not a date of
    /// the calendar, if it is not: a day past the end of its month (30 February, 29 February
    /// outside a leap year, 31 April), a month 00 or over 12, a day 00. `None` for a real
    /// date and for anything not of the date's shape (the pattern reports that).
    pub fn calendar_problem(s: &str) -> Option<String> {
        let mut parts = s.split('-');
        let year: u32 = parts.next()?.parse().ok()?;
        let month: u32 = parts.next()?.parse().ok()?;
        if !(1..=12).contains(&month) {
            return Some(format!("there is no month {month:02}"));
        }
        let day: u32 = parts.next()?.parse().ok()?;
        // The rule of the Gregorian calendar, written as it is usually stated.
        #[allow(clippy::manual_is_multiple_of)]
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            2 if leap => 29,
            2 => 28,
            4 | 6 | 9 | 11 => 30,
            _ => 31,
        };
        if day == 0 {
            Some("there is no day 00".to_string())
        } else if day > days {
            // The month as diagnostics (in English) write it: "February 1996".
            let month = crate::l10n::date("en", &format!("{year:04}-{month:02}"));
            Some(format!("{month} has {days} days"))
        } else {
            None
        }
    }
}

pattern_string!(
    /// A DOI, without the resolver prefix: `10.1234/abc`.
    ///
    /// JATS: `article-id pub-id-type="doi"` / `pub-id`; TEI: `idno type="DOI"`; EPUB:
    /// `dc:identifier` (`urn:doi:`).
    Doi,
    "DOI",
    "^10\\.[0-9]{4,9}/[^\\s]+$",
    "A DOI without 'https://doi.org/': '10.1234/ssc.1996.2.5'.",
    ["10.1234/ssc.1996.2.5"]
);

pattern_string!(
    /// An ORCID iD as its full URL; the check digit is verified too.
    ///
    /// JATS: `contrib-id contrib-id-type="orcid"`; TEI: `idno type="ORCID"`; EPUB and
    /// preview: the iD's URL, linked, in "About the Authors" (ORCID's display guidelines).
    Orcid,
    "ORCID iD",
    "^https://orcid\\.org/[0-9]{4}-[0-9]{4}-[0-9]{4}-[0-9]{3}[0-9X]$",
    "An ORCID iD as a full https URL, e.g. 'https://orcid.org/0000-0002-1825-0097'. The last character is a check digit.",
    ["https://orcid.org/0000-0002-1825-0097"]
);

pattern_string!(
    /// An ISSN: four digits, a hyphen, three digits and a check character.
    ///
    /// JATS: `issn` with `pub-type`; TEI: `idno type="ISSN"`; EPUB: `dc:source` detail.
    Issn,
    "ISSN",
    "^[0-9]{4}-[0-9]{3}[0-9X]$",
    "An ISSN such as '0252-9203'. Quote it or not: it is always read as a string.",
    ["0252-9203"]
);

pattern_string!(
    /// An absolute `http(s)` URL.
    Url,
    "URL",
    "^https?://[^\\s<>\"{}|\\\\^`]+$",
    "An absolute http or https URL, with characters URLs cannot hold (spaces, < > \" { } | \\ ^ `) percent-encoded.",
    ["https://creativecommons.org/licenses/by/4.0/"]
);

pattern_string!(
    /// An e-mail address.
    ///
    /// JATS: `email`; TEI: `email`; EPUB: not carried (reported as a loss).
    Email,
    "E-mail address",
    "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
    "An e-mail address.",
    ["niu.jun@example.org"]
);

/// Text with galley's inline markup, kept as written; parsed by [`crate::inline`].
///
/// The markup: `*italic*`, `**bold**`, `^superscript^`, `~subscript~`, `[text]{.sc}`
/// (small caps), `[牛军]{lang=zh-Hans}` (a language span), `[text](https://…)` (a link),
/// `[^fn1]` (a footnote reference), `[@ref1]` or `[@ref1, p. 12; @ref2]` (citations),
/// `[#fig1]` (a cross-reference to a figure, table or section). A backslash makes the
/// next punctuation character literal: `\*`. Quotation marks are plain text and are kept
/// exactly as written, curly or straight.
///
/// The parsed form is kept with the text: the first parse (validation's markup check, or
/// the resolve stage) fills it, and every emitter reads it from there, so markup is parsed
/// once per text in a build whatever the number of formats.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Text {
    raw: String,
    #[serde(skip)]
    parsed: OnceLock<Result<Vec<Inline>, MarkupError>>,
}

impl Text {
    /// Text as written, markup included.
    pub fn new(raw: impl Into<String>) -> Self {
        Text {
            raw: raw.into(),
            parsed: OnceLock::new(),
        }
    }

    /// The text as written, markup included.
    pub fn as_str(&self) -> &str {
        &self.raw
    }

    /// The parsed markup (parsed on the first call, then kept).
    pub fn parse(&self) -> Result<&[Inline], &MarkupError> {
        self.parsed
            .get_or_init(|| crate::inline::parse(&self.raw))
            .as_deref()
    }

    /// The parsed markup of text that parses; for text that does not (which validation
    /// and the resolve stage refuse, so no emitter meets it), its characters as plain text.
    pub fn inlines(&self) -> Cow<'_, [Inline]> {
        match self.parse() {
            Ok(nodes) => Cow::Borrowed(nodes),
            Err(_) => Cow::Owned(vec![Inline::Text(self.raw.clone())]),
        }
    }

    /// What a reader reads: the text without markup, references left out.
    pub fn plain(&self) -> String {
        crate::inline::plain_text(&self.inlines())
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.raw == other.raw
    }
}

impl Eq for Text {}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Text::new(s)
    }
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        Text::new(s)
    }
}

impl JsonSchema for Text {
    fn schema_name() -> Cow<'static, str> {
        "Text".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "title": "Text with inline markup",
            "type": "string",
            "minLength": 1,
            "description": "Text with inline markup: *italic*, **bold**, ^sup^, ~sub~, [text]{.sc} small caps, [牛军]{lang=zh-Hans} language span, [text](https://…) link, [^fn1] footnote, [@ref1] or [@ref1, p. 12; @ref2] citation, [#fig1] cross-reference, [$f1] inline formula (from the article's `formulas`). A backslash escapes punctuation: \\*. Quotation marks are kept as written.",
            "examples": ["Mao said the diplomacy of New China would “lean to one side.”", "Translated from *Zhongguo shehui kexue*"]
        })
    }
}

/// A postal address, in parts.
///
/// JATS: `address` with `addr-line content-type="street"`, `city`, `postal-code`, `state`,
/// `country` (`@country` from `country_code`); TEI: `address` with `street`, `settlement`,
/// `postCode`, `region`, `country`; EPUB: the "About the Authors" entry.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Address {
    /// Street and number, as printed: `#5 Jianguomennei Street`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"#5 Jianguomennei Street")]
    pub street: Option<String>,
    /// District or other line between street and city: `Xiacheng District`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub district: Option<String>,
    /// City: `Beijing`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"Beijing")]
    pub city: Option<String>,
    /// Province, state or region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Postal code, as a string: `100732`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"100732")]
    pub postal_code: Option<String>,
    /// Country name as printed: `China`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"China")]
    pub country: Option<String>,
    /// ISO 3166-1 alpha-2 country code: `CN`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(regex(pattern = r"^[A-Z]{2}$"), example = &"CN")]
    pub country_code: Option<String>,
}

impl Address {
    /// Whether no part of the address is given.
    pub fn is_empty(&self) -> bool {
        *self == Address::default()
    }
}

#[cfg(test)]
mod date_tests {
    use super::PartialDate;

    #[test]
    fn calendar_problem_knows_month_lengths_and_leap_years() {
        for ok in [
            "1996",
            "1996-02",
            "2000-02-29",
            "2024-02-29",
            "1996-01-31",
            "1996-04-30",
            "1996-12-31",
        ] {
            assert_eq!(PartialDate::calendar_problem(ok), None, "{ok}");
        }
        for (bad, why) in [
            ("2021-02-30", "February 2021 has 28 days"),
            ("1900-02-29", "February 1900 has 28 days"),
            ("2023-02-29", "February 2023 has 28 days"),
            ("2000-02-30", "February 2000 has 29 days"),
            ("2021-04-31", "April 2021 has 30 days"),
            ("2021-11-31", "November 2021 has 30 days"),
            ("2021-00", "there is no month 00"),
            ("2021-13-01", "there is no month 13"),
            ("2021-01-00", "there is no day 00"),
        ] {
            assert_eq!(
                PartialDate::calendar_problem(bad).as_deref(),
                Some(why),
                "{bad}"
            );
        }
    }
}

pattern_string!(
    /// A file name without its extension, chosen by the user: letters, digits, `-`, `_`
    /// and `.`, starting with a letter or digit, at most 100 characters.
    FileStem,
    "File name (without extension)",
    "^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$",
    "A file name without its extension: letters, digits, '-', '_' or '.', starting with a letter or digit, at most 100 characters.",
    ["ssc-1996-2"]
);

impl FileStem {
    /// Whether `s` matches the pattern of a file stem.
    pub fn is_valid(s: &str) -> bool {
        let mut chars = s.chars();
        chars.next().is_some_and(|c| c.is_ascii_alphanumeric())
            && s.chars().count() <= 100
            && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
    }
}
