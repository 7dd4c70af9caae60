//! Reader text that galley itself writes (headings such as "Abstract", "References",
//! words such as "Section" in a generated cross-reference), in the article's language.
//!
//! Every string here is galley's, never the source's: the source's words are printed as
//! written. A term asked for in a language this table lacks comes back in English with
//! [`Said::lang`] set to `"en"`, so that the emitter can mark it (`lang="en"`) inside a
//! document in another language.
//!
//! Languages: English, Spanish, Portuguese, French, German and simplified Chinese (`zh`,
//! `zh-Hans`, `zh-CN`, `zh-SG`; `zh-Hant`, `zh-TW`, `zh-HK` and `zh-MO` have no entry and
//! fall back to English). A term whose text holds `{}` is a template: the emitter writes
//! the text before it, the value, then the text after it ([`Said::split`]), so a fallback
//! marks only galley's words, never the source's.
//!
//! Where the terms come from (facts of usage, not copied text):
//! - Spanish and Portuguese headings: the section names SciELO and Redalyc journals print
//!   (Resumen / Resumo, Palabras clave / Palavras-chave, Agradecimientos / Agradecimentos,
//!   Financiamiento / Financiamento, Notas, Referencias / Referências); abbreviations from
//!   the RAE's list (s. f., n.º, vol., p./pp., ed./eds.) and ABNT NBR 6023 for Portuguese
//!   (s.d., v., n., p., In:).
//! - French: the headings of OpenEdition and Érudit journals (Résumé, Mots-clés,
//!   Remerciements, Notes, Bibliographie/Références), French typography's space before
//!   a colon, "dir." for editors.
//! - German: Duden abbreviations (Bd., Nr., S., Hrsg., o. J., geb.) and the headings of
//!   German humanities journals (Zusammenfassung, Schlüsselwörter, Danksagung, Literatur).
//! - Chinese: GB/T 7713.2-2022 (the format of academic papers) and CNKI usage: 摘要,
//!   关键词, 致谢, 基金项目, 注释, 参考文献, 收稿日期, 修回日期, 通讯作者; dates as
//!   1996年3月12日, full-width colon and semicolon.

use crate::model::{TitleKey, Titles};

/// A piece of reader text galley generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Term {
    /// The word before a section's label in a generated cross-reference: "Section".
    Section,
    /// The heading of an appendix with neither label nor title, and a cross-reference's
    /// text to one: "Appendix".
    Appendix,
    /// The heading of the abstract: "Abstract".
    Abstract,
    /// The heading of an author summary (JATS `abstract-type="author-summary"`).
    AuthorSummary,
    /// The heading of a digest for non-specialists (`abstract-type="digest"`).
    Digest,
    /// The heading of a short summary (`abstract-type="summary"`).
    Summary,
    /// The heading of a teaser (`abstract-type="teaser"`).
    Teaser,
    /// The heading of an executive summary (`abstract-type="executive-summary"`).
    ExecutiveSummary,
    /// The heading of a graphical abstract (`abstract-type="graphical"`).
    GraphicalAbstract,
    /// The heading of the supplementary material: "Supplementary material".
    Supplementary,
    /// The label before the keywords, with its punctuation: "Keywords:".
    Keywords,
    /// The heading of the acknowledgements: "Acknowledgements".
    Acknowledgements,
    /// The heading of the funding: "Funding".
    Funding,
    /// The heading of the footnotes: "Notes".
    Notes,
    /// The heading of the reference list: "References".
    References,
    /// A landmark to an article's references: "References: {}" (the article's title).
    ReferencesOf,
    /// The heading of the contributors' list of an issue: "About the Contributors".
    AboutContributors,
    /// The heading of the authors' list of an article: "About the Authors".
    AboutAuthors,
    /// The table of contents: "Contents".
    Contents,
    /// The heading of the EPUB landmarks: "Landmarks".
    Landmarks,
    /// The landmark of a title page: "Title page".
    TitlePage,
    /// The landmark of the start of the text: "Start of content".
    StartOfContent,
    /// The label before the corresponding authors: "Corresponding author: ".
    CorrespondingAuthor,
    /// "Translated by {}" (people).
    TranslatedBy,
    /// "Revised by {}" (people).
    RevisedBy,
    /// "Edited by {}" (people).
    EditedBy,
    /// "Reviewed by {}" (peer reviewers).
    ReviewedBy,
    /// "Translated from the {} original": {} is a [`language_name`].
    TranslatedFrom,
    /// "Published in {}" opening a sentence (the journal).
    PublishedIn,
    /// ", published in {}" inside a sentence (the source of a translation).
    PublishedInClause,
    /// "vol. {}".
    Volume,
    /// "no. {}".
    Number,
    /// "Volume {}" in a table of contents.
    VolumeLong,
    /// "Number {}" in a table of contents.
    NumberLong,
    /// "pp. {}" (a page range).
    Pages,
    /// "p. {}" (one page).
    Page,
    /// "(print)" after a print ISSN.
    Print,
    /// "(online)" after an electronic ISSN.
    Online,
    /// "Received {}" (a date), opening the dates' sentence.
    Received,
    /// "revised {}" (a date).
    Revised,
    /// "accepted {}" (a date).
    Accepted,
    /// "published {}" (a date).
    Published,
    /// Between the dates and other clauses of one sentence: "; ".
    DateSeparator,
    /// The end of a sentence galley writes: ".".
    FullStop,
    /// The conjunction before the last of a list: "and".
    And,
    /// After the first author of three or more: "et al.".
    EtAl,
    /// The year of a work without a date: "n.d.".
    NoDate,
    /// ", grant {}" after a funder.
    Grant,
    /// ", awarded to {}" (people).
    AwardedTo,
    /// The label of a footnote reference: "Note {}".
    NoteLabel,
    /// The label of a footnote's back-link: "Back to the reference of note {}".
    BackToNote,
    /// "b. {}" (a birth year).
    Born,
    /// " Address: {}." after a person's facts.
    Address,
    /// "(entry incomplete in the source)".
    EntryIncomplete,
    /// "In this issue: " before the articles a person appears in.
    InThisIssue,
    /// A person's role, as a noun: "author".
    RoleAuthor,
    /// "translator".
    RoleTranslator,
    /// "reviser".
    RoleReviser,
    /// "editor".
    RoleEditor,
    /// "reviewer" (a peer reviewer).
    RoleReviewer,
    /// The heading of the authors in an issue's "About the Authors": "Authors".
    GroupAuthors,
    /// "Translators".
    GroupTranslators,
    /// "Revisers".
    GroupRevisers,
    /// "Editors".
    GroupEditors,
    /// "Reviewers".
    GroupReviewers,
    /// "Other Contributors": people of the list who appear in no article.
    GroupOthers,
    /// JATS `role` of a translator: "Translator".
    RoleTranslatorTitle,
    /// JATS `role` of a reviser: "Reviser".
    RoleReviserTitle,
    /// JATS `role` of an editor: "Editor".
    RoleEditorTitle,
    /// JATS `role` of a peer reviewer: "Reviewer".
    RoleReviewerTitle,
    /// "In {}" before the book a chapter is in.
    In,
    /// "Vol. {}." of a work without a container.
    VolumeSentence,
    /// "Pp. {}." of a work without a container.
    PagesSentence,
    /// "{}, ed" after one editor standing in for authors.
    EditorSuffix,
    /// "{}, eds" after editors standing in for authors.
    EditorsSuffix,
    /// "Edition {}".
    Edition,
    /// "Accessed {}." (a date).
    Accessed,
    /// The `alt` of an image that has no text alternative and no caption: "No text
    /// alternative is available for this image."
    NoTextAlternative,
    /// The heading of a statement: "Competing interests".
    CompetingInterests,
    /// The heading of a statement: "Funding statement".
    FundingStatement,
    /// The heading of a statement: "Data availability".
    DataAvailability,
    /// The heading of a statement: "Ethics statement".
    EthicsStatement,
    /// The heading of a statement: "Author contributions".
    AuthorContributions,
    /// The heading of a statement: "Use of generative AI".
    AiUse,
    /// The heading of a statement: "Publisher’s note".
    PublishersNote,
    /// A person's equal contribution, as a note: "Contributed equally to this work."
    EqualContributionNote,
    /// The authors who contributed equally: "Equal contribution: {}." (names).
    EqualContribution,
    /// Authors who died before publication: "Deceased: {}." (names).
    Deceased,
    /// "Present address of {}: " (a name) before the address.
    PresentAddressOf,
    /// TEI `change` of the received date: "Received by the journal.".
    TeiReceived,
    /// TEI `change` of the revised date: "Revised version received.".
    TeiRevised,
    /// TEI `change` of the accepted date: "Accepted for publication.".
    TeiAccepted,
}

/// A term in a language: its text and, when the language asked for had no entry, the
/// language the text is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Said {
    /// The text.
    pub text: &'static str,
    /// `Some(lang)` when the text is a fallback in a language other than the one asked for.
    pub lang: Option<&'static str>,
}

impl Said {
    /// A template's text before and after its `{}` (the whole text and "" when it has none).
    pub fn split(&self) -> (&'static str, &'static str) {
        self.text.split_once("{}").unwrap_or((self.text, ""))
    }

    /// The template with `{}` replaced by `value`.
    pub fn fill(&self, value: &str) -> String {
        let (a, b) = self.split();
        format!("{a}{value}{b}")
    }
}

/// The languages galley has reader text for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tongue {
    En,
    Es,
    Pt,
    Fr,
    De,
    ZhHans,
}

/// The language of `lang` (a BCP 47 tag) galley has an entry for, if any.
fn tongue(lang: &str) -> Option<Tongue> {
    let lower = lang.to_ascii_lowercase();
    let mut subtags = lower.split(['-', '_']);
    let primary = subtags.next().unwrap_or("");
    Some(match primary {
        "en" => Tongue::En,
        "es" => Tongue::Es,
        "pt" => Tongue::Pt,
        "fr" => Tongue::Fr,
        "de" => Tongue::De,
        "zh" | "cmn" => {
            // Traditional characters (by script, or by the regions that use them) have
            // no entry of their own: their text would differ from the simplified one.
            let rest: Vec<&str> = subtags.collect();
            let traditional = rest
                .iter()
                .any(|s| matches!(*s, "hant" | "tw" | "hk" | "mo"))
                && !rest.contains(&"hans");
            if traditional {
                return None;
            }
            Tongue::ZhHans
        }
        _ => return None,
    })
}

/// Whether galley has reader text of its own for `lang`.
pub fn has_entry(lang: &str) -> bool {
    tongue(lang).is_some()
}

/// `term` in the language `lang` (a BCP 47 tag; matched by its primary subtag, and by
/// script for Chinese), else in English, marked as such.
pub fn term(lang: &str, term: Term) -> Said {
    match tongue(lang) {
        Some(t) => Said {
            text: text(t, term),
            lang: None,
        },
        // Punctuation and Latin are no one language's: not marked.
        None if matches!(term, Term::FullStop | Term::DateSeparator | Term::EtAl) => Said {
            text: english(term),
            lang: None,
        },
        None => Said {
            text: english(term),
            lang: Some("en"),
        },
    }
}

fn text(t: Tongue, term: Term) -> &'static str {
    match t {
        Tongue::En => english(term),
        Tongue::Es => spanish(term),
        Tongue::Pt => portuguese(term),
        Tongue::Fr => french(term),
        Tongue::De => german(term),
        Tongue::ZhHans => chinese(term),
    }
}

/// "A", "A and B", "A, B and C" in `lang`; in a language without an entry, the items
/// joined by commas alone (no English word inside text in another language).
pub fn join_and(lang: &str, items: &[String]) -> String {
    let Some(t) = tongue(lang) else {
        return items.join(", ");
    };
    let (comma, and) = match t {
        Tongue::ZhHans => ("、", "和"),
        _ => (", ", text(t, Term::And)),
    };
    match items {
        [] => String::new(),
        [a] => a.clone(),
        [init @ .., last] if t == Tongue::ZhHans => format!("{}{and}{last}", init.join(comma)),
        [init @ .., last] => format!("{} {and} {last}", init.join(comma)),
    }
}

/// The author–date "and" and "et al." of a reference label in `lang`; in a language
/// without an entry, "&" and "et al." (neither is English).
pub fn label_words(lang: &str) -> (&'static str, &'static str) {
    match tongue(lang) {
        Some(Tongue::ZhHans) => ("和", "等"),
        Some(t) => (text(t, Term::And), text(t, Term::EtAl)),
        None => ("&", "et al."),
    }
}

/// The year of an undated work in a reference label: "n.d." in `lang`; in a language
/// without an entry, the Latin "s.a." (*sine anno*), which is no one language's.
pub fn no_date(lang: &str) -> &'static str {
    match tongue(lang) {
        Some(t) => text(t, Term::NoDate),
        None => "s.a.",
    }
}

/// Writes the name of the language `tag` for readers of `lang`, in the form that fits
/// [`Term::TranslatedFrom`] ("Chinese", "chino", "Chinesischen", "中文"); a language
/// galley cannot name is given as its tag.
pub fn language_name(lang: &str, tag: &str) -> String {
    const NAMES: [(&str, [&str; 6]); 14] = [
        (
            "zh",
            [
                "Chinese",
                "chino",
                "chinês",
                "chinois",
                "Chinesischen",
                "中文",
            ],
        ),
        (
            "en",
            [
                "English",
                "inglés",
                "inglês",
                "anglais",
                "Englischen",
                "英文",
            ],
        ),
        (
            "ru",
            ["Russian", "ruso", "russo", "russe", "Russischen", "俄文"],
        ),
        (
            "ja",
            [
                "Japanese",
                "japonés",
                "japonês",
                "japonais",
                "Japanischen",
                "日文",
            ],
        ),
        (
            "ko",
            [
                "Korean",
                "coreano",
                "coreano",
                "coréen",
                "Koreanischen",
                "韩文",
            ],
        ),
        (
            "fr",
            [
                "French",
                "francés",
                "francês",
                "français",
                "Französischen",
                "法文",
            ],
        ),
        (
            "de",
            [
                "German",
                "alemán",
                "alemão",
                "allemand",
                "Deutschen",
                "德文",
            ],
        ),
        (
            "es",
            [
                "Spanish",
                "español",
                "espanhol",
                "espagnol",
                "Spanischen",
                "西班牙文",
            ],
        ),
        (
            "it",
            [
                "Italian",
                "italiano",
                "italiano",
                "italien",
                "Italienischen",
                "意大利文",
            ],
        ),
        (
            "pt",
            [
                "Portuguese",
                "portugués",
                "português",
                "portugais",
                "Portugiesischen",
                "葡萄牙文",
            ],
        ),
        (
            "vi",
            [
                "Vietnamese",
                "vietnamita",
                "vietnamita",
                "vietnamien",
                "Vietnamesischen",
                "越南文",
            ],
        ),
        (
            "mn",
            [
                "Mongolian",
                "mongol",
                "mongol",
                "mongol",
                "Mongolischen",
                "蒙古文",
            ],
        ),
        (
            "bo",
            [
                "Tibetan",
                "tibetano",
                "tibetano",
                "tibétain",
                "Tibetischen",
                "藏文",
            ],
        ),
        (
            "ar",
            [
                "Arabic",
                "árabe",
                "árabe",
                "arabe",
                "Arabischen",
                "阿拉伯文",
            ],
        ),
    ];
    let primary = tag.split('-').next().unwrap_or(tag).to_ascii_lowercase();
    let column = match tongue(lang).unwrap_or(Tongue::En) {
        Tongue::En => 0,
        Tongue::Es => 1,
        Tongue::Pt => 2,
        Tongue::Fr => 3,
        Tongue::De => 4,
        Tongue::ZhHans => 5,
    };
    NAMES
        .iter()
        .find(|(t, _)| *t == primary)
        .map_or_else(|| tag.to_string(), |(_, n)| n[column].to_string())
}

/// A date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`) for readers of `lang`: "12 March 1996",
/// "12 de marzo de 1996", "12 mars 1996", "12. März 1996", "1996年3月12日". In a language
/// without an entry, or for a value of another shape, the date as written (ISO 8601,
/// which is no one language's).
pub fn date(lang: &str, iso: &str) -> String {
    let mut parts = iso.split('-');
    let year = parts
        .next()
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()));
    let month = parts
        .next()
        .map(|m| m.parse::<usize>().ok().filter(|m| (1..=12).contains(m)));
    let day = parts
        .next()
        .map(|d| d.parse::<u32>().ok().filter(|d| (1..=31).contains(d)));
    let (Some(t), Some(y)) = (tongue(lang), year) else {
        return iso.to_string();
    };
    if parts.next().is_some() || month == Some(None) || day == Some(None) {
        return iso.to_string();
    }
    let (month, day) = (month.flatten(), day.flatten());
    let name = |m: usize| month_name(t, m);
    match (t, month, day) {
        (Tongue::ZhHans, None, _) => format!("{y}年"),
        (Tongue::ZhHans, Some(m), None) => format!("{y}年{m}月"),
        (Tongue::ZhHans, Some(m), Some(d)) => format!("{y}年{m}月{d}日"),
        (_, None, _) => y.to_string(),
        (Tongue::Es | Tongue::Pt, Some(m), None) => format!("{} de {y}", name(m)),
        (_, Some(m), None) => format!("{} {y}", name(m)),
        (Tongue::En, Some(m), Some(d)) => format!("{d} {} {y}", name(m)),
        (Tongue::Es | Tongue::Pt, Some(m), Some(d)) => format!("{d} de {} de {y}", name(m)),
        (Tongue::Fr, Some(m), Some(1)) => format!("1er {} {y}", name(m)),
        (Tongue::Fr, Some(m), Some(d)) => format!("{d} {} {y}", name(m)),
        (Tongue::De, Some(m), Some(d)) => format!("{d}. {} {y}", name(m)),
    }
}

fn month_name(t: Tongue, m: usize) -> &'static str {
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    const ES: [&str; 12] = [
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
    ];
    const PT: [&str; 12] = [
        "janeiro",
        "fevereiro",
        "março",
        "abril",
        "maio",
        "junho",
        "julho",
        "agosto",
        "setembro",
        "outubro",
        "novembro",
        "dezembro",
    ];
    const FR: [&str; 12] = [
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
    ];
    const DE: [&str; 12] = [
        "Januar",
        "Februar",
        "März",
        "April",
        "Mai",
        "Juni",
        "Juli",
        "August",
        "September",
        "Oktober",
        "November",
        "Dezember",
    ];
    let table = match t {
        Tongue::Es => &ES,
        Tongue::Pt => &PT,
        Tongue::Fr => &FR,
        Tongue::De => &DE,
        Tongue::En | Tongue::ZhHans => &EN,
    };
    table.get(m.wrapping_sub(1)).copied().unwrap_or("")
}

/// The heading of a part galley titles itself: the first of `overrides` (the article's
/// `titles`, then the issue's) that gives one, as written (no language mark: it is the
/// user's text), else `fallback` in `lang`.
pub fn heading<'t>(
    lang: &str,
    key: TitleKey,
    fallback: Term,
    overrides: &[&'t Titles],
) -> (&'t str, Option<&'static str>) {
    match overrides.iter().find_map(|t| t.get(key)) {
        Some(h) => (h, None),
        None => {
            let s = term(lang, fallback);
            (s.text, s.lang)
        }
    }
}

/// The heading of a statement ([`crate::model::Statements`]).
pub fn statement_term(kind: crate::model::StatementKind) -> Term {
    use crate::model::StatementKind as K;
    match kind {
        K::Correspondence => Term::CorrespondingAuthor,
        K::CompetingInterests => Term::CompetingInterests,
        K::Funding => Term::FundingStatement,
        K::DataAvailability => Term::DataAvailability,
        K::Ethics => Term::EthicsStatement,
        K::AuthorContributions => Term::AuthorContributions,
        K::AiUse => Term::AiUse,
        K::PublishersNote => Term::PublishersNote,
    }
}

/// `s` with its first letter in upper case (for a term that opens a sentence).
pub fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `s` with its first letter in lower case (for a term inside a sentence).
pub fn decapitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn english(term: Term) -> &'static str {
    use Term as T;
    match term {
        T::Section => "Section",
        T::Appendix => "Appendix",
        T::Abstract => "Abstract",
        T::AuthorSummary => "Author summary",
        T::Digest => "Digest",
        T::Summary => "Summary",
        T::Teaser => "In brief",
        T::ExecutiveSummary => "Executive summary",
        T::GraphicalAbstract => "Graphical abstract",
        T::Supplementary => "Supplementary material",
        T::Keywords => "Keywords:",
        T::Acknowledgements => "Acknowledgements",
        T::Funding => "Funding",
        T::Notes => "Notes",
        T::References => "References",
        T::ReferencesOf => "References: {}",
        T::AboutContributors => "About the Contributors",
        T::AboutAuthors => "About the Authors",
        T::Contents => "Contents",
        T::Landmarks => "Landmarks",
        T::TitlePage => "Title page",
        T::StartOfContent => "Start of content",
        T::CorrespondingAuthor => "Corresponding author: ",
        T::TranslatedBy => "Translated by {}",
        T::RevisedBy => "Revised by {}",
        T::EditedBy => "Edited by {}",
        T::ReviewedBy => "Reviewed by {}",
        T::TranslatedFrom => "Translated from the {} original",
        T::PublishedIn => "Published in {}",
        T::PublishedInClause => " published in {}",
        T::Volume => "vol. {}",
        T::Number => "no. {}",
        T::VolumeLong => "Volume {}",
        T::NumberLong => "Number {}",
        T::Pages => "pp. {}",
        T::Page => "p. {}",
        T::Print => "print",
        T::Online => "online",
        T::Received => "Received {}",
        T::Revised => "revised {}",
        T::Accepted => "accepted {}",
        T::Published => "published {}",
        T::DateSeparator => "; ",
        T::FullStop => ".",
        T::And => "and",
        T::EtAl => "et al.",
        T::NoDate => "n.d.",
        T::Grant => ", grant {}",
        T::AwardedTo => ", awarded to {}",
        T::NoteLabel => "Note {}",
        T::BackToNote => "Back to the reference of note {}",
        T::Born => "b. {}",
        T::Address => " Address: {}.",
        T::EntryIncomplete => "(entry incomplete in the source)",
        T::InThisIssue => "In this issue: ",
        T::RoleAuthor => "author",
        T::RoleTranslator => "translator",
        T::RoleReviser => "reviser",
        T::RoleEditor => "editor",
        T::RoleReviewer => "reviewer",
        T::RoleTranslatorTitle => "Translator",
        T::RoleReviserTitle => "Reviser",
        T::RoleEditorTitle => "Editor",
        T::RoleReviewerTitle => "Reviewer",
        T::GroupAuthors => "Authors",
        T::GroupTranslators => "Translators",
        T::GroupRevisers => "Revisers",
        T::GroupEditors => "Editors",
        T::GroupReviewers => "Reviewers",
        T::GroupOthers => "Other Contributors",
        T::In => "In {}",
        T::VolumeSentence => "Vol. {}.",
        T::PagesSentence => "Pp. {}.",
        T::EditorSuffix => "{}, ed",
        T::EditorsSuffix => "{}, eds",
        T::Edition => "Edition {}",
        T::Accessed => "Accessed {}.",
        T::NoTextAlternative => "No text alternative is available for this image.",
        T::CompetingInterests => "Competing interests",
        T::FundingStatement => "Funding statement",
        T::DataAvailability => "Data availability",
        T::EthicsStatement => "Ethics statement",
        T::AuthorContributions => "Author contributions",
        T::AiUse => "Use of generative AI",
        T::PublishersNote => "Publisher’s note",
        T::EqualContributionNote => "Contributed equally to this work.",
        T::EqualContribution => "Equal contribution: {}.",
        T::Deceased => "Deceased: {}.",
        T::PresentAddressOf => "Present address of {}: ",
        T::TeiReceived => "Received by the journal.",
        T::TeiRevised => "Revised version received.",
        T::TeiAccepted => "Accepted for publication.",
    }
}

fn spanish(term: Term) -> &'static str {
    use Term as T;
    match term {
        T::Section => "Sección",
        T::Appendix => "Apéndice",
        T::Abstract => "Resumen",
        T::AuthorSummary => "Resumen de los autores",
        T::Digest => "Resumen divulgativo",
        T::Summary => "Síntesis",
        T::Teaser => "En breve",
        T::ExecutiveSummary => "Resumen ejecutivo",
        T::GraphicalAbstract => "Resumen gráfico",
        T::Supplementary => "Material complementario",
        T::Keywords => "Palabras clave:",
        T::Acknowledgements => "Agradecimientos",
        T::Funding => "Financiamiento",
        T::Notes => "Notas",
        T::References => "Referencias",
        T::ReferencesOf => "Referencias: {}",
        T::AboutContributors => "Sobre los colaboradores",
        T::AboutAuthors => "Sobre los autores",
        T::Contents => "Índice",
        T::Landmarks => "Puntos de referencia",
        T::TitlePage => "Portada",
        T::StartOfContent => "Inicio del contenido",
        T::CorrespondingAuthor => "Autor de correspondencia: ",
        T::TranslatedBy => "Traducido por {}",
        T::RevisedBy => "Revisado por {}",
        T::EditedBy => "Editado por {}",
        T::ReviewedBy => "Evaluado por {}",
        T::TranslatedFrom => "Traducido del original en {}",
        T::PublishedIn => "Publicado en {}",
        T::PublishedInClause => " publicado en {}",
        T::Volume => "vol. {}",
        T::Number => "n.º {}",
        T::VolumeLong => "Volumen {}",
        T::NumberLong => "Número {}",
        T::Pages => "pp. {}",
        T::Page => "p. {}",
        T::Print => "impreso",
        T::Online => "en línea",
        T::Received => "Recibido el {}",
        T::Revised => "revisado el {}",
        T::Accepted => "aceptado el {}",
        T::Published => "publicado el {}",
        T::DateSeparator => "; ",
        T::FullStop => ".",
        T::And => "y",
        T::EtAl => "et al.",
        T::NoDate => "s. f.",
        T::Grant => ", subvención {}",
        T::AwardedTo => ", otorgada a {}",
        T::NoteLabel => "Nota {}",
        T::BackToNote => "Volver a la llamada de la nota {}",
        T::Born => "n. {}",
        T::Address => " Dirección: {}.",
        T::EntryIncomplete => "(entrada incompleta en la fuente)",
        T::InThisIssue => "En este número: ",
        T::RoleAuthor => "autoría",
        T::RoleTranslator => "traducción",
        T::RoleReviser => "revisión",
        T::RoleEditor => "edición",
        T::RoleReviewer => "evaluación",
        T::RoleTranslatorTitle => "Traducción",
        T::RoleReviserTitle => "Revisión",
        T::RoleEditorTitle => "Edición",
        T::RoleReviewerTitle => "Evaluación",
        T::GroupAuthors => "Autoría",
        T::GroupTranslators => "Traducción",
        T::GroupRevisers => "Revisión",
        T::GroupEditors => "Edición",
        T::GroupReviewers => "Evaluación",
        T::GroupOthers => "Otras contribuciones",
        T::In => "En {}",
        T::VolumeSentence => "Vol. {}.",
        T::PagesSentence => "Pp. {}.",
        T::EditorSuffix => "{} (ed.)",
        T::EditorsSuffix => "{} (eds.)",
        T::Edition => "Edición {}",
        T::Accessed => "Consultado el {}.",
        T::NoTextAlternative => "No hay texto alternativo disponible para esta imagen.",
        T::CompetingInterests => "Conflicto de intereses",
        T::FundingStatement => "Declaración de financiamiento",
        T::DataAvailability => "Disponibilidad de datos",
        T::EthicsStatement => "Declaración ética",
        T::AuthorContributions => "Contribución de los autores",
        T::AiUse => "Uso de IA generativa",
        T::PublishersNote => "Nota del editor",
        T::EqualContributionNote => "Contribuyó por igual a este trabajo.",
        T::EqualContribution => "Contribuyeron por igual: {}.",
        T::Deceased => "In memoriam: {}.",
        T::PresentAddressOf => "Dirección actual de {}: ",
        T::TeiReceived => "Recibido por la revista.",
        T::TeiRevised => "Recibida la versión revisada.",
        T::TeiAccepted => "Aceptado para su publicación.",
    }
}

fn portuguese(term: Term) -> &'static str {
    use Term as T;
    match term {
        T::Section => "Seção",
        T::Appendix => "Apêndice",
        T::Abstract => "Resumo",
        T::AuthorSummary => "Resumo dos autores",
        T::Digest => "Resumo para não especialistas",
        T::Summary => "Síntese",
        T::Teaser => "Em resumo",
        T::ExecutiveSummary => "Resumo executivo",
        T::GraphicalAbstract => "Resumo gráfico",
        T::Supplementary => "Material suplementar",
        T::Keywords => "Palavras-chave:",
        T::Acknowledgements => "Agradecimentos",
        T::Funding => "Financiamento",
        T::Notes => "Notas",
        T::References => "Referências",
        T::ReferencesOf => "Referências: {}",
        T::AboutContributors => "Sobre os colaboradores",
        T::AboutAuthors => "Sobre os autores",
        T::Contents => "Sumário",
        T::Landmarks => "Pontos de referência",
        T::TitlePage => "Folha de rosto",
        T::StartOfContent => "Início do conteúdo",
        T::CorrespondingAuthor => "Autor correspondente: ",
        T::TranslatedBy => "Traduzido por {}",
        T::RevisedBy => "Revisado por {}",
        T::EditedBy => "Editado por {}",
        T::ReviewedBy => "Avaliado por {}",
        T::TranslatedFrom => "Traduzido do original em {}",
        T::PublishedIn => "Publicado em {}",
        T::PublishedInClause => " publicado em {}",
        T::Volume => "v. {}",
        T::Number => "n. {}",
        T::VolumeLong => "Volume {}",
        T::NumberLong => "Número {}",
        T::Pages => "p. {}",
        T::Page => "p. {}",
        T::Print => "impresso",
        T::Online => "online",
        T::Received => "Recebido em {}",
        T::Revised => "revisado em {}",
        T::Accepted => "aceito em {}",
        T::Published => "publicado em {}",
        T::DateSeparator => "; ",
        T::FullStop => ".",
        T::And => "e",
        T::EtAl => "et al.",
        T::NoDate => "s.d.",
        T::Grant => ", processo {}",
        T::AwardedTo => ", concedido a {}",
        T::NoteLabel => "Nota {}",
        T::BackToNote => "Voltar à chamada da nota {}",
        T::Born => "n. {}",
        T::Address => " Endereço: {}.",
        T::EntryIncomplete => "(entrada incompleta na fonte)",
        T::InThisIssue => "Neste número: ",
        T::RoleAuthor => "autoria",
        T::RoleTranslator => "tradução",
        T::RoleReviser => "revisão",
        T::RoleEditor => "edição",
        T::RoleReviewer => "avaliação",
        T::RoleTranslatorTitle => "Tradução",
        T::RoleReviserTitle => "Revisão",
        T::RoleEditorTitle => "Edição",
        T::RoleReviewerTitle => "Avaliação",
        T::GroupAuthors => "Autoria",
        T::GroupTranslators => "Tradução",
        T::GroupRevisers => "Revisão",
        T::GroupEditors => "Edição",
        T::GroupReviewers => "Avaliação",
        T::GroupOthers => "Outras contribuições",
        T::In => "In: {}",
        T::VolumeSentence => "V. {}.",
        T::PagesSentence => "P. {}.",
        T::EditorSuffix => "{} (ed.)",
        T::EditorsSuffix => "{} (eds.)",
        T::Edition => "Edição {}",
        T::Accessed => "Acesso em {}.",
        T::NoTextAlternative => "Não há texto alternativo disponível para esta imagem.",
        T::CompetingInterests => "Conflito de interesses",
        T::FundingStatement => "Declaração de financiamento",
        T::DataAvailability => "Disponibilidade de dados",
        T::EthicsStatement => "Declaração de ética",
        T::AuthorContributions => "Contribuição dos autores",
        T::AiUse => "Uso de IA generativa",
        T::PublishersNote => "Nota da editora",
        T::EqualContributionNote => "Contribuiu igualmente para este trabalho.",
        T::EqualContribution => "Contribuíram igualmente: {}.",
        T::Deceased => "In memoriam: {}.",
        T::PresentAddressOf => "Endereço atual de {}: ",
        T::TeiReceived => "Recebido pela revista.",
        T::TeiRevised => "Versão revisada recebida.",
        T::TeiAccepted => "Aceito para publicação.",
    }
}

fn french(term: Term) -> &'static str {
    use Term as T;
    match term {
        T::Section => "Section",
        T::Appendix => "Annexe",
        T::Abstract => "Résumé",
        T::AuthorSummary => "Résumé des auteurs",
        T::Digest => "Résumé grand public",
        T::Summary => "Synthèse",
        T::Teaser => "En bref",
        T::ExecutiveSummary => "Résumé analytique",
        T::GraphicalAbstract => "Résumé graphique",
        T::Supplementary => "Matériel supplémentaire",
        T::Keywords => "Mots-clés :",
        T::Acknowledgements => "Remerciements",
        T::Funding => "Financement",
        T::Notes => "Notes",
        T::References => "Références",
        T::ReferencesOf => "Références : {}",
        T::AboutContributors => "À propos des contributeurs",
        T::AboutAuthors => "À propos des auteurs",
        T::Contents => "Table des matières",
        T::Landmarks => "Repères",
        T::TitlePage => "Page de titre",
        T::StartOfContent => "Début du contenu",
        T::CorrespondingAuthor => "Auteur correspondant : ",
        T::TranslatedBy => "Traduit par {}",
        T::RevisedBy => "Révisé par {}",
        T::EditedBy => "Édité par {}",
        T::ReviewedBy => "Évalué par {}",
        T::TranslatedFrom => "Traduit de l’original en {}",
        T::PublishedIn => "Publié dans {}",
        T::PublishedInClause => " publié dans {}",
        T::Volume => "vol. {}",
        T::Number => "no {}",
        T::VolumeLong => "Volume {}",
        T::NumberLong => "Numéro {}",
        T::Pages => "p. {}",
        T::Page => "p. {}",
        T::Print => "imprimé",
        T::Online => "en ligne",
        T::Received => "Reçu le {}",
        T::Revised => "révisé le {}",
        T::Accepted => "accepté le {}",
        T::Published => "publié le {}",
        T::DateSeparator => " ; ",
        T::FullStop => ".",
        T::And => "et",
        T::EtAl => "et al.",
        T::NoDate => "s.d.",
        T::Grant => ", subvention {}",
        T::AwardedTo => ", attribuée à {}",
        T::NoteLabel => "Note {}",
        T::BackToNote => "Retour à l’appel de la note {}",
        T::Born => "né·e en {}",
        T::Address => " Adresse : {}.",
        T::EntryIncomplete => "(notice incomplète dans la source)",
        T::InThisIssue => "Dans ce numéro : ",
        T::RoleAuthor => "auteur",
        T::RoleTranslator => "traduction",
        T::RoleReviser => "révision",
        T::RoleEditor => "édition",
        T::RoleReviewer => "évaluation",
        T::RoleTranslatorTitle => "Traduction",
        T::RoleReviserTitle => "Révision",
        T::RoleEditorTitle => "Édition",
        T::RoleReviewerTitle => "Évaluation",
        T::GroupAuthors => "Auteurs",
        T::GroupTranslators => "Traduction",
        T::GroupRevisers => "Révision",
        T::GroupEditors => "Édition",
        T::GroupReviewers => "Évaluation",
        T::GroupOthers => "Autres contributions",
        T::In => "Dans {}",
        T::VolumeSentence => "Vol. {}.",
        T::PagesSentence => "P. {}.",
        T::EditorSuffix => "{} (dir.)",
        T::EditorsSuffix => "{} (dir.)",
        T::Edition => "Édition {}",
        T::Accessed => "Consulté le {}.",
        T::NoTextAlternative => "Aucun texte de remplacement n’est disponible pour cette image.",
        T::CompetingInterests => "Conflits d’intérêts",
        T::FundingStatement => "Déclaration de financement",
        T::DataAvailability => "Disponibilité des données",
        T::EthicsStatement => "Déclaration éthique",
        T::AuthorContributions => "Contributions des auteurs",
        T::AiUse => "Utilisation de l’IA générative",
        T::PublishersNote => "Note de l’éditeur",
        T::EqualContributionNote => "A contribué à parts égales à ce travail.",
        T::EqualContribution => "Contribution égale : {}.",
        T::Deceased => "In memoriam : {}.",
        T::PresentAddressOf => "Adresse actuelle de {} : ",
        T::TeiReceived => "Reçu par la revue.",
        T::TeiRevised => "Version révisée reçue.",
        T::TeiAccepted => "Accepté pour publication.",
    }
}

fn german(term: Term) -> &'static str {
    use Term as T;
    match term {
        T::Section => "Abschnitt",
        T::Appendix => "Anhang",
        T::Abstract => "Zusammenfassung",
        T::AuthorSummary => "Zusammenfassung der Autorinnen und Autoren",
        T::Digest => "Allgemeinverständliche Zusammenfassung",
        T::Summary => "Kurzfassung",
        T::Teaser => "In Kürze",
        T::ExecutiveSummary => "Management Summary",
        T::GraphicalAbstract => "Grafische Zusammenfassung",
        T::Supplementary => "Zusatzmaterial",
        T::Keywords => "Schlüsselwörter:",
        T::Acknowledgements => "Danksagung",
        T::Funding => "Förderung",
        T::Notes => "Anmerkungen",
        T::References => "Literatur",
        T::ReferencesOf => "Literatur: {}",
        T::AboutContributors => "Über die Beitragenden",
        T::AboutAuthors => "Über die Autorinnen und Autoren",
        T::Contents => "Inhalt",
        T::Landmarks => "Orientierungspunkte",
        T::TitlePage => "Titelseite",
        T::StartOfContent => "Beginn des Inhalts",
        T::CorrespondingAuthor => "Korrespondenz: ",
        T::TranslatedBy => "Übersetzt von {}",
        T::RevisedBy => "Überarbeitet von {}",
        T::EditedBy => "Herausgegeben von {}",
        T::ReviewedBy => "Begutachtet von {}",
        T::TranslatedFrom => "Aus dem {} übersetzt",
        T::PublishedIn => "Erschienen in {}",
        T::PublishedInClause => " erschienen in {}",
        T::Volume => "Bd. {}",
        T::Number => "Nr. {}",
        T::VolumeLong => "Band {}",
        T::NumberLong => "Heft {}",
        T::Pages => "S. {}",
        T::Page => "S. {}",
        T::Print => "Druck",
        T::Online => "online",
        T::Received => "Eingegangen am {}",
        T::Revised => "überarbeitet am {}",
        T::Accepted => "angenommen am {}",
        T::Published => "veröffentlicht am {}",
        T::DateSeparator => "; ",
        T::FullStop => ".",
        T::And => "und",
        T::EtAl => "et al.",
        T::NoDate => "o. J.",
        T::Grant => ", Förderkennzeichen {}",
        T::AwardedTo => ", vergeben an {}",
        T::NoteLabel => "Anmerkung {}",
        T::BackToNote => "Zurück zum Verweis auf Anmerkung {}",
        T::Born => "geb. {}",
        T::Address => " Adresse: {}.",
        T::EntryIncomplete => "(Eintrag in der Quelle unvollständig)",
        T::InThisIssue => "In diesem Heft: ",
        T::RoleAuthor => "Autorschaft",
        T::RoleTranslator => "Übersetzung",
        T::RoleReviser => "Überarbeitung",
        T::RoleEditor => "Herausgabe",
        T::RoleReviewer => "Begutachtung",
        T::RoleTranslatorTitle => "Übersetzung",
        T::RoleReviserTitle => "Überarbeitung",
        T::RoleEditorTitle => "Herausgabe",
        T::RoleReviewerTitle => "Begutachtung",
        T::GroupAuthors => "Autorschaft",
        T::GroupTranslators => "Übersetzung",
        T::GroupRevisers => "Überarbeitung",
        T::GroupEditors => "Herausgabe",
        T::GroupReviewers => "Begutachtung",
        T::GroupOthers => "Weitere Beiträge",
        T::In => "In: {}",
        T::VolumeSentence => "Bd. {}.",
        T::PagesSentence => "S. {}.",
        T::EditorSuffix => "{} (Hrsg.)",
        T::EditorsSuffix => "{} (Hrsg.)",
        T::Edition => "{}. Auflage",
        T::Accessed => "Abgerufen am {}.",
        T::NoTextAlternative => "Für dieses Bild ist kein Alternativtext verfügbar.",
        T::CompetingInterests => "Interessenkonflikte",
        T::FundingStatement => "Förderhinweis",
        T::DataAvailability => "Datenverfügbarkeit",
        T::EthicsStatement => "Ethikerklärung",
        T::AuthorContributions => "Beiträge der Autorinnen und Autoren",
        T::AiUse => "Einsatz generativer KI",
        T::PublishersNote => "Hinweis des Verlags",
        T::EqualContributionNote => "Gleichberechtigter Beitrag zu dieser Arbeit.",
        T::EqualContribution => "Gleichberechtigte Beiträge: {}.",
        T::Deceased => "In memoriam: {}.",
        T::PresentAddressOf => "Aktuelle Adresse von {}: ",
        T::TeiReceived => "Bei der Zeitschrift eingegangen.",
        T::TeiRevised => "Überarbeitete Fassung eingegangen.",
        T::TeiAccepted => "Zur Veröffentlichung angenommen.",
    }
}

fn chinese(term: Term) -> &'static str {
    use Term as T;
    match term {
        T::Section => "章节",
        T::Appendix => "附录",
        T::Abstract => "摘要",
        T::AuthorSummary => "作者摘要",
        T::Digest => "通俗摘要",
        T::Summary => "概要",
        T::Teaser => "导读",
        T::ExecutiveSummary => "执行摘要",
        T::GraphicalAbstract => "图文摘要",
        T::Supplementary => "补充材料",
        T::Keywords => "关键词：",
        T::Acknowledgements => "致谢",
        T::Funding => "基金项目",
        T::Notes => "注释",
        T::References => "参考文献",
        T::ReferencesOf => "参考文献：{}",
        T::AboutContributors => "作者简介",
        T::AboutAuthors => "作者简介",
        T::Contents => "目录",
        T::Landmarks => "导航",
        T::TitlePage => "扉页",
        T::StartOfContent => "正文",
        T::CorrespondingAuthor => "通讯作者：",
        T::TranslatedBy => "{}译",
        T::RevisedBy => "{}校",
        T::EditedBy => "{}编",
        T::ReviewedBy => "{}审稿",
        T::TranslatedFrom => "译自{}原文",
        T::PublishedIn => "刊于{}",
        T::PublishedInClause => "，刊于{}",
        T::Volume => "第{}卷",
        T::Number => "第{}期",
        T::VolumeLong => "第{}卷",
        T::NumberLong => "第{}期",
        T::Pages => "第{}页",
        T::Page => "第{}页",
        T::Print => "印刷版",
        T::Online => "网络版",
        T::Received => "收稿日期：{}",
        T::Revised => "修回日期：{}",
        T::Accepted => "录用日期：{}",
        T::Published => "出版日期：{}",
        T::DateSeparator => "；",
        T::FullStop => "。",
        T::And => "和",
        T::EtAl => "等",
        T::NoDate => "出版年不详",
        T::Grant => "，资助编号{}",
        T::AwardedTo => "，获资助者：{}",
        T::NoteLabel => "注释{}",
        T::BackToNote => "返回注释{}的引用处",
        T::Born => "{}年生",
        T::Address => "地址：{}。",
        T::EntryIncomplete => "（原始资料中的条目不完整）",
        T::InThisIssue => "本期：",
        T::RoleAuthor => "作者",
        T::RoleTranslator => "译者",
        T::RoleReviser => "校者",
        T::RoleEditor => "编者",
        T::RoleReviewer => "审稿人",
        T::RoleTranslatorTitle => "译者",
        T::RoleReviserTitle => "校者",
        T::RoleEditorTitle => "编者",
        T::RoleReviewerTitle => "审稿人",
        T::GroupAuthors => "作者",
        T::GroupTranslators => "译者",
        T::GroupRevisers => "校者",
        T::GroupEditors => "编者",
        T::GroupReviewers => "审稿人",
        T::GroupOthers => "其他贡献者",
        T::In => "载于{}",
        T::VolumeSentence => "第{}卷。",
        T::PagesSentence => "第{}页。",
        T::EditorSuffix => "{}编",
        T::EditorsSuffix => "{}编",
        T::Edition => "第{}版",
        T::Accessed => "访问日期：{}。",
        T::NoTextAlternative => "此图片无替代文本。",
        T::CompetingInterests => "利益冲突声明",
        T::FundingStatement => "基金资助声明",
        T::DataAvailability => "数据可用性声明",
        T::EthicsStatement => "伦理声明",
        T::AuthorContributions => "作者贡献",
        T::AiUse => "生成式人工智能使用声明",
        T::PublishersNote => "出版者声明",
        T::EqualContributionNote => "对本文有同等贡献。",
        T::EqualContribution => "同等贡献：{}。",
        T::Deceased => "已故：{}。",
        T::PresentAddressOf => "{}现地址：",
        T::TeiReceived => "编辑部收稿。",
        T::TeiRevised => "收到修改稿。",
        T::TeiAccepted => "录用。",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_tags_match_simplified_and_traditional_falls_back() {
        for tag in ["zh", "zh-Hans", "zh-CN", "zh-SG", "zh-Hans-TW", "ZH-hans"] {
            assert_eq!(term(tag, Term::References).text, "参考文献", "{tag}");
            assert_eq!(term(tag, Term::References).lang, None);
        }
        for tag in ["zh-Hant", "zh-TW", "zh-HK", "zh-Hant-CN"] {
            assert_eq!(term(tag, Term::References).lang, Some("en"), "{tag}");
        }
    }

    #[test]
    fn a_language_without_entry_falls_back_to_english_marked() {
        let s = term("ru", Term::Abstract);
        assert_eq!((s.text, s.lang), ("Abstract", Some("en")));
        assert_eq!(term("es-MX", Term::Abstract).text, "Resumen");
        assert_eq!(term("pt-BR", Term::References).text, "Referências");
        assert_eq!(join_and("ru", &["A".into(), "B".into()]), "A, B");
        assert_eq!(no_date("ru"), "s.a.");
    }

    #[test]
    fn dates_per_language() {
        assert_eq!(date("en", "1996-03-12"), "12 March 1996");
        assert_eq!(date("es", "1996-03-12"), "12 de marzo de 1996");
        assert_eq!(date("pt", "1996-03"), "março de 1996");
        assert_eq!(date("fr", "1996-03-01"), "1er mars 1996");
        assert_eq!(date("de", "1996-03-12"), "12. März 1996");
        assert_eq!(date("zh-Hans", "1996-03-12"), "1996年3月12日");
        assert_eq!(date("zh", "1996"), "1996年");
        assert_eq!(date("ru", "1996-03-12"), "1996-03-12");
        assert_eq!(date("en", "1996-13-12"), "1996-13-12");
    }

    #[test]
    fn lists_and_templates() {
        let v = vec!["A".to_string(), "B".into(), "C".into()];
        assert_eq!(join_and("en", &v), "A, B and C");
        assert_eq!(join_and("es", &v), "A, B y C");
        assert_eq!(join_and("zh", &v), "A、B和C");
        assert_eq!(term("zh", Term::TranslatedBy).fill("牛军"), "牛军译");
        assert_eq!(term("en", Term::Abstract).split(), ("Abstract", ""));
        assert_eq!(language_name("de", "zh-Hans"), "Chinesischen");
        assert_eq!(capitalise("révisé"), "Révisé");
    }

    #[test]
    fn every_language_has_every_term_without_stray_braces() {
        for lang in ["en", "es", "pt", "fr", "de", "zh"] {
            for t in [
                Term::Abstract,
                Term::TranslatedBy,
                Term::Received,
                Term::Section,
                Term::Appendix,
            ] {
                let s = term(lang, t).text;
                assert!(s.matches("{}").count() <= 1, "{lang} {t:?}");
            }
        }
    }
}
