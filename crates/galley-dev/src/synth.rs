//! Valid issues and articles generated from unstructured bytes, for the `emit_all` fuzz
//! target and the property tests. The structural checks their outputs must pass are in
//! [`crate::xml::check_xml`] and [`crate::epub::check_epub`].
//!
//! The generator builds *valid* input by construction (ids defined before they are
//! referred to, tables rectangular, identifiers well-formed) while reaching for the
//! awkward: markup-like text (`<b>`, `&`, `]]>`, quotes), CJK and right-to-left scripts,
//! combining marks, long words, nested sections, every block and inline kind.

use std::collections::BTreeMap;

use arbitrary::{Result, Unstructured};
use galley::model::*;

/// The images a generated article may use, relative to its folder.
pub const IMAGES: [&str; 2] = ["images/a.png", "images/b.png"];

/// The supplementary file a generated article may list, relative to its folder.
pub const SUPPLEMENTARY: &str = "supplementary/data <1> & 2.csv";

/// A generated issue with one article.
#[derive(Debug, Clone)]
pub struct Generated {
    /// The issue file.
    pub issue: IssueFile,
    /// The contributor list.
    pub contributors: ContributorsFile,
    /// The article.
    pub article: Article,
}

/// The bytes of every image a generated article may use ([`IMAGES`]), by path: the
/// assets to emit it with.
pub fn assets() -> BTreeMap<String, Vec<u8>> {
    let mut files: BTreeMap<String, Vec<u8>> =
        IMAGES.iter().map(|i| (i.to_string(), tiny_png())).collect();
    files.insert(SUPPLEMENTARY.into(), b"a,b\n1,2\n".to_vec());
    files
}

/// A valid 1×1 PNG.
pub fn tiny_png() -> Vec<u8> {
    vec![
        0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44,
        0x52, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90,
        0x77, 0x53, 0xDE, 0x00, 0x00, 0x00, 0x0C, 0x49, 0x44, 0x41, 0x54, 0x08, 0xD7, 0x63, 0xF8,
        0xCF, 0xC0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18, 0xDD, 0x8D, 0xB0, 0x00, 0x00, 0x00,
        0x00, 0x49, 0x45, 0x4E, 0x44, 0xAE, 0x42, 0x60, 0x82,
    ]
}

/// Words to build text from, the awkward ones included.
const WORDS: &[&str] = &[
    "the",
    "Sino-Soviet",
    "alliance",
    "of",
    "1950",
    "Mao",
    "Stalin",
    "treaty",
    "<b>bold?</b>",
    "&",
    "AT&T",
    "]]>",
    "<!--",
    "-->",
    "\"straight\"",
    "'single'",
    "“curly”",
    "it’s",
    "牛军",
    "中苏同盟",
    "العربية",
    "עברית",
    "café",
    "naïve",
    "Ångström",
    "x\u{2060}y",
    "emoji\u{1F600}",
    "tab\there",
    "line\nbreak",
    "{braces}",
    "(parens)",
    "50%",
    "$100",
    "#hash",
    "@at",
    "a/b",
    "C:\\path",
];

const LANGS: &[&str] = &["en", "zh", "zh-Hans", "ru", "ar", "he", "fr"];

fn pick<'a, T>(u: &mut Unstructured, items: &'a [T]) -> Result<&'a T> {
    u.choose(items)
}

fn word(u: &mut Unstructured) -> Result<String> {
    if u.ratio(1, 40)? {
        // A very long word.
        let n = u.int_in_range(100..=3000)?;
        return Ok("w".repeat(n));
    }
    Ok((*pick(u, WORDS)?).to_string())
}

/// Escapes the characters that are markup in galley's inline syntax.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '*' | '^' | '~' | '[' | ']' | '\\' | '@' | '#') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

fn plain(u: &mut Unstructured, max_words: usize) -> Result<String> {
    let n = u.int_in_range(1..=max_words.max(1))?;
    let mut words = Vec::with_capacity(n);
    for _ in 0..n {
        words.push(word(u)?);
    }
    Ok(words.join(" "))
}

/// Ids an article's text may refer to.
#[derive(Default)]
struct Targets {
    footnotes: Vec<String>,
    references: Vec<String>,
    xrefs: Vec<String>,
}

/// Marked-up text: escaped words and inline markup, nested up to `depth`.
fn text(u: &mut Unstructured, t: &Targets, depth: u32, refs: bool) -> Result<Text> {
    Ok(Text::new(marked(u, t, depth, refs)?))
}

fn marked(u: &mut Unstructured, t: &Targets, depth: u32, refs: bool) -> Result<String> {
    let pieces = u.int_in_range(1..=6)?;
    let mut s = String::new();
    for i in 0..pieces {
        if i > 0 {
            s.push(' ');
        }
        let kind = if depth == 0 {
            0
        } else {
            u.int_in_range(0..=12)?
        };
        let inner = |u: &mut Unstructured| -> Result<String> {
            if depth > 1 && u.ratio(1, 3)? {
                marked(u, t, depth - 1, false)
            } else {
                Ok(escape(&plain(u, 4)?))
            }
        };
        // Emphasis holds plain text: `**` inside `**…**` would close it (and mean nothing).
        let flat = |u: &mut Unstructured| -> Result<String> { Ok(escape(&plain(u, 4)?)) };
        match kind {
            1 => s.push_str(&format!("*{}*", flat(u)?)),
            2 => s.push_str(&format!("**{}**", flat(u)?)),
            3 => s.push_str(&format!("^{}^", escape(&plain(u, 1)?))),
            4 => s.push_str(&format!("~{}~", escape(&plain(u, 1)?))),
            5 => s.push_str(&format!("[{}]{{.sc}}", inner(u)?)),
            6 => s.push_str(&format!("[{}]{{lang={}}}", inner(u)?, pick(u, LANGS)?)),
            // A link's text holds no link or reference.
            7 => s.push_str(&format!(
                "[{}](https://example.org/p?a=1&b=%3C2%3E)",
                flat(u)?
            )),
            8 if refs && !t.footnotes.is_empty() => {
                s.push_str(&format!("[^{}]", pick(u, &t.footnotes)?))
            }
            9 if refs && !t.references.is_empty() => s.push_str(&citation(u, t)?),
            10 if refs && !t.xrefs.is_empty() => s.push_str(&cross_reference(u, t)?),
            11 => s.push_str(&format!(
                "[{}]",
                escape(&plain(u, 2)?).replace(['[', ']'], "")
            )),
            _ => s.push_str(&escape(&plain(u, 8)?)),
        }
    }
    Ok(s)
}

/// A citation in one of its forms: generated (`[@a, p. 3]`, `[-@a]`, `[!@a; @b]`, a
/// narrative `@a`) or printed (`[text](@a)`, `[text](@a; @b)`, a range `[text](@a..@b)`).
fn citation(u: &mut Unstructured, t: &Targets) -> Result<String> {
    let id = pick(u, &t.references)?.clone();
    let other = pick(u, &t.references)?.clone();
    let printed = |u: &mut Unstructured| -> Result<String> { Ok(escape(&plain(u, 3)?)) };
    Ok(match u.int_in_range(0..=6)? {
        0 => format!("[@{id}, p. {}]", u.int_in_range(1..=999u32)?),
        1 => format!("[-@{id}]"),
        2 => format!("[!@{id}; @{other}]"),
        3 => format!("@{id}"),
        4 => format!("[{}](@{id})", printed(u)?),
        5 if t.references.len() > 1 => {
            let last = t.references.last().cloned().unwrap_or_default();
            format!("[{}](@{}..@{last})", printed(u)?, t.references[0])
        }
        5 => format!("[{}](@{id}; @{other})", printed(u)?),
        _ => format!("[@{id}]"),
    })
}

/// A cross-reference: generated (`[#fig1]`) or printed, to one or two targets.
fn cross_reference(u: &mut Unstructured, t: &Targets) -> Result<String> {
    let id = pick(u, &t.xrefs)?.clone();
    let other = pick(u, &t.xrefs)?.clone();
    Ok(match u.int_in_range(0..=2)? {
        0 => format!("[{}](#{id})", escape(&plain(u, 3)?)),
        1 => format!("[{}](#{id}; #{other})", escape(&plain(u, 3)?)),
        _ => format!("[#{id}]"),
    })
}

fn id(prefix: &str, n: usize) -> Id {
    Id(format!("{prefix}{n}"))
}

fn name(u: &mut Unstructured, original: bool) -> Result<PersonName> {
    let (family, given, lang) = if original {
        (
            pick(u, &["牛", "欧阳", "王"])?.to_string(),
            pick(u, &["军", "芳", "小明"])?.to_string(),
            Some(Lang("zh-Hans".into())),
        )
    } else {
        (
            pick(u, &["Niu", "O'Brien", "Müller", "Smith & Sons", "<Li>"])?.to_string(),
            pick(u, &["Jun", "Ann-Marie", "Zoë", "\"Q\""])?.to_string(),
            None,
        )
    };
    Ok(PersonName {
        family: Some(family),
        given: if u.ratio(1, 5)? { None } else { Some(given) },
        order: if u.arbitrary()? {
            NameOrder::FamilyFirst
        } else {
            NameOrder::GivenFirst
        },
        lang,
        suffix: if u.ratio(1, 8)? {
            Some("Jr.".into())
        } else {
            None
        },
    })
}

fn opt<T>(
    u: &mut Unstructured,
    f: impl FnOnce(&mut Unstructured) -> Result<T>,
) -> Result<Option<T>> {
    if u.arbitrary()? {
        f(u).map(Some)
    } else {
        Ok(None)
    }
}

fn date(u: &mut Unstructured) -> Result<PartialDate> {
    let y = u.int_in_range(1900..=2030u32)?;
    Ok(PartialDate(match u.int_in_range(0..=2)? {
        0 => format!("{y}"),
        1 => format!("{y}-{:02}", u.int_in_range(1..=12u32)?),
        _ => format!(
            "{y}-{:02}-{:02}",
            u.int_in_range(1..=12u32)?,
            u.int_in_range(1..=28u32)?
        ),
    }))
}

fn address(u: &mut Unstructured) -> Result<Address> {
    Ok(Address {
        street: opt(u, |_| Ok("#5 Jianguomennei Street".to_string()))?,
        district: None,
        city: opt(u, |u| {
            Ok(pick(u, &["Beijing", "Москва", "Tel Aviv"])?.to_string())
        })?,
        region: None,
        postal_code: opt(u, |_| Ok("100732".to_string()))?,
        country: Some("China".to_string()),
        country_code: opt(u, |_| Ok("CN".to_string()))?,
    })
}

fn contributor(u: &mut Unstructured, n: usize) -> Result<Contributor> {
    let affiliations = (0..u.int_in_range(0..=2)?)
        .map(|_| {
            Ok(Affiliation {
                positions: (0..u.int_in_range(0..=2)?)
                    .map(|_| text(u, &Targets::default(), 1, false))
                    .collect::<Result<_>>()?,
                department: opt(u, |_| Ok("Department of History".to_string()))?,
                institution: Some(
                    pick(
                        u,
                        &[
                            "Institute of <Philosophy>",
                            "Fujian University",
                            "CASS & Co",
                        ],
                    )?
                    .to_string(),
                ),
                parent: opt(u, |_| Ok("CASS".to_string()))?,
                address: opt(u, address)?,
                ror: opt(u, |_| Ok("https://ror.org/05xjqgd36".to_string()))?,
                printed: opt(u, |u| {
                    Ok(pick(
                        u,
                        &["Institute of <Philosophy>, CASS", "Dept. & Co, Beijing"],
                    )?
                    .to_string())
                })?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(Contributor {
        id: id("p", n),
        name: name(u, false)?,
        original_name: opt(u, |u| name(u, true))?,
        birth_year: opt(u, |u| u.int_in_range(1900..=2000))?,
        degrees: if u.ratio(1, 4)? {
            vec!["PhD".into()]
        } else {
            vec![]
        },
        positions: if u.ratio(1, 4)? {
            vec![Text::new("Minister of *Everything*")]
        } else {
            vec![]
        },
        affiliations,
        address: opt(u, address)?,
        orcid: opt(u, |_| {
            Ok(Orcid("https://orcid.org/0000-0002-1825-0097".into()))
        })?,
        email: opt(u, |_| Ok(Email(format!("p{n}@example.org"))))?,
        publish_email: false,
        bio: opt(u, |u| text(u, &Targets::default(), 2, false))?,
        incomplete: opt(u, |_| {
            Ok(Incomplete {
                note: "Cut off in the source & <elsewhere>.".into(),
            })
        })?,
    })
}

fn blocks(
    u: &mut Unstructured,
    t: &Targets,
    figures: &mut Vec<String>,
    tables: &mut usize,
    depth: u32,
) -> Result<Vec<Block>> {
    let n = u.int_in_range(1..=5)?;
    let mut out = Vec::with_capacity(n);
    for _ in 0..n {
        let kind = u.int_in_range(0..=9)?;
        out.push(match kind {
            5 if depth < 3 => Block::Section(Section {
                id: None,
                sec_type: opt(u, |u| {
                    Ok(pick(u, &["methods", "materials|methods"])?.to_string())
                })?,
                label: opt(u, |u| Ok(pick(u, &["I", "II", "2.1", "<A>"])?.to_string()))?,
                title: opt(u, |u| text(u, t, 2, false))?,
                content: blocks(u, t, figures, tables, depth + 1)?,
            }),
            6 => Block::Quote(Quote {
                paragraphs: (0..u.int_in_range(1..=2)?)
                    .map(|_| text(u, t, 2, true))
                    .collect::<Result<_>>()?,
                attribution: opt(u, |u| text(u, t, 1, false))?,
            }),
            7 => Block::List(List {
                ordered: u.arbitrary()?,
                items: (0..u.int_in_range(1..=3)?)
                    .map(|_| text(u, t, 2, true))
                    .collect::<Result<_>>()?,
            }),
            8 => {
                let fid = format!("fig{}", figures.len() + 1);
                figures.push(fid.clone());
                let label = opt(u, |_| Ok("Figure 1".to_string()))?;
                let caption = opt(u, |u| paragraphs(u, t))?;
                let image = pick(u, &IMAGES)?.to_string();
                // Alt text given, decorative, or none available (never both).
                let alt = opt(u, |u| plain(u, 6))?;
                let decorative = alt.is_none() && u.arbitrary()?;
                Block::Figure(Figure {
                    id: Id(fid),
                    label,
                    title: opt(u, |u| text(u, t, 1, false))?,
                    caption,
                    image,
                    alt,
                    decorative,
                    credit: opt(u, |u| text(u, t, 1, false))?,
                })
            }
            9 => {
                *tables += 1;
                Block::Table(table(u, t, *tables)?)
            }
            _ => Block::P(text(u, t, 3, true)?),
        });
    }
    Ok(out)
}

fn reference(u: &mut Unstructured, n: usize) -> Result<Reference> {
    let person = |u: &mut Unstructured| -> Result<ReferenceName> {
        Ok(if u.ratio(1, 4)? {
            ReferenceName {
                family: None,
                given: None,
                literal: Some("Central Committee & <Co>".into()),
            }
        } else {
            ReferenceName {
                family: Some("Shen".into()),
                given: opt(u, |_| Ok("Zhihua".to_string()))?,
                literal: None,
            }
        })
    };
    let t = Targets::default();
    let mut r = Reference {
        id: id("ref", n),
        kind: *pick(
            u,
            &[
                ReferenceType::ArticleJournal,
                ReferenceType::Book,
                ReferenceType::Chapter,
                ReferenceType::Webpage,
                ReferenceType::Report,
                ReferenceType::Thesis,
                ReferenceType::Dataset,
                ReferenceType::Manuscript,
                ReferenceType::Document,
                ReferenceType::PaperConference,
                ReferenceType::ArticleNewspaper,
                ReferenceType::ArticleMagazine,
            ],
        )?,
        printed: opt(u, |u| text(u, &t, 2, false))?,
        author: (0..u.int_in_range(0..=2)?)
            .map(|_| person(u))
            .collect::<Result<_>>()?,
        et_al: u.arbitrary()?,
        editor: (0..u.int_in_range(0..=1)?)
            .map(|_| person(u))
            .collect::<Result<_>>()?,
        translator: (0..u.int_in_range(0..=1)?)
            .map(|_| person(u))
            .collect::<Result<_>>()?,
        title: opt(u, |u| text(u, &t, 1, false))?,
        container_title: opt(u, |u| text(u, &t, 1, false))?,
        collection_title: opt(u, |u| text(u, &t, 1, false))?,
        issued: opt(u, date)?,
        issued_text: opt(u, |u| {
            Ok(pick(u, &["19--", "s.d.", "1995-1996"])?.to_string())
        })?,
        volume: opt(u, |_| Ok("12".to_string()))?,
        issue: opt(u, |_| Ok("3".to_string()))?,
        label: opt(u, |_| Ok(format!("{n}a")))?,
        page: opt(u, |u| Ok(pick(u, &["45-67", "12", "e5"])?.to_string()))?,
        edition: opt(u, |_| Ok("2".to_string()))?,
        publisher: opt(u, |_| Ok("People's Press & Sons".to_string()))?,
        publisher_place: opt(u, |_| Ok("Beijing".to_string()))?,
        doi: opt(u, |_| Ok(Doi("10.1234/x<y>&z".to_string())))?,
        url: opt(u, |_| Ok(Url("https://example.org/?a=1&b=2".to_string())))?,
        isbn: opt(u, |_| Ok("978-7-218-00000-0".to_string()))?,
        pmid: opt(u, |_| Ok("31138704".to_string()))?,
        pmcid: opt(u, |_| Ok("PMC6542340".to_string()))?,
        accessed: opt(u, date)?,
        language: opt(u, |u| Ok(Lang(pick(u, LANGS)?.to_string())))?,
        note: opt(u, |u| text(u, &t, 1, false))?,
    };
    // A reference states something (validation refuses one that does not).
    if !r.states_something() {
        r.title = Some(Text::new("A work"));
    }
    Ok(r)
}

/// MathML with characters to escape, for the generated formulas.
const MATHML: &str = "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>a</mi><mo>&lt;</mo><msup><mi>b</mi><mn>2</mn></msup><mo>&amp;</mo><mi>c</mi></math>";

/// Maybe a display formula (numbered or not, with TeX and alt text or without) and an
/// inline formula, with a paragraph that places the inline one and refers to the display
/// one; gives the article's `formulas` list.
fn formulas(u: &mut Unstructured, body: &mut Vec<Block>) -> Result<Vec<InlineFormula>> {
    if !u.arbitrary()? {
        return Ok(vec![]);
    }
    let (label, tex, alt): (bool, bool, bool) = (u.arbitrary()?, u.arbitrary()?, u.arbitrary()?);
    let tex = tex.then(|| "a < b^2 & c".to_string());
    body.push(Block::P(Text::new(if label {
        "By [#eq-gen], [$f-gen] & <x> hold."
    } else {
        "Then [$f-gen] & <x>, and [the formula below](#eq-gen)."
    })));
    body.push(Block::Formula(Formula {
        id: Some(Id("eq-gen".into())),
        label: label.then(|| "(1)".to_string()),
        mathml: MATHML.into(),
        tex: tex.clone(),
        alt: alt.then(|| "a is less than b squared & c".to_string()),
    }));
    Ok(vec![InlineFormula {
        id: Id("f-gen".into()),
        mathml: MATHML.into(),
        tex,
        alt: None,
    }])
}

/// Generates a valid issue with one article.
pub fn generate(u: &mut Unstructured) -> Result<Generated> {
    let people = u.int_in_range(1..=4)?;
    let contributors = ContributorsFile {
        contributors: (1..=people)
            .map(|n| contributor(u, n))
            .collect::<Result<_>>()?,
    };
    let mut t = Targets {
        footnotes: (1..=u.int_in_range(0..=3)?)
            .map(|n| format!("fn{n}"))
            .collect(),
        references: (1..=u.int_in_range(0..=3)?)
            .map(|n| format!("ref{n}"))
            .collect(),
        xrefs: Vec::new(),
    };
    // Figures and tables get ids as they are generated; text may refer to the first
    // two of each, which the generator then makes sure exist.
    t.xrefs = vec!["fig1".into(), "tab1".into()];
    let mut figures = Vec::new();
    let mut tables = 0usize;
    let mut body = blocks(u, &t, &mut figures, &mut tables, 0)?;
    // Appendices, with blocks like the body's (their figures and tables numbered on).
    let mut appendices = Vec::new();
    for i in 0..u.int_in_range(0..=2)? {
        appendices.push(Appendix {
            id: opt(u, |_| Ok(Id(format!("app{}", i + 1))))?,
            label: opt(u, |u| Ok(pick(u, &["Appendix A", "<B> & C"])?.to_string()))?,
            title: opt(u, |u| text(u, &t, 2, false))?,
            content: blocks(u, &t, &mut figures, &mut tables, 1)?,
        });
    }
    // Sub-articles, with blocks like the body's: a translation (in Italian, a language
    // with no reader text of galley's: English fallbacks), a decision letter, a reply.
    let mut sub_articles = Vec::new();
    for i in 0..u.int_in_range(0..=2)? {
        let kind = *pick(
            u,
            &[
                SubArticleType::Translation,
                SubArticleType::DecisionLetter,
                SubArticleType::Reply,
            ],
        )?;
        sub_articles.push(SubArticle {
            id: Id(format!("sa{}", i + 1)),
            kind,
            lang: match kind {
                SubArticleType::Translation => Some(Lang("it".into())),
                _ => opt(u, |_| Ok(Lang("en".into())))?,
            },
            doi: opt(u, |_| Ok(Doi(format!("10.1234/sa{}", i + 1))))?,
            title: text(u, &t, 2, false)?,
            subtitle: opt(u, |u| text(u, &t, 2, false))?,
            contributors: vec![ArticleContributor {
                contributor: id("p", 1),
                role: *pick(
                    u,
                    &[Role::Author, Role::Editor, Role::Reviewer, Role::Translator],
                )?,
                credit: vec![],
                corresponding: false,
                equal_contribution: false,
                deceased: false,
                present_address: None,
            }],
            abstract_: opt(u, |u| text(u, &t, 2, false))?.into_iter().collect(),
            body: blocks(u, &t, &mut figures, &mut tables, 1)?,
        });
    }
    if figures.is_empty() {
        figures.push("fig1".into());
        body.push(Block::Figure(dot_figure("fig1")));
    }
    if tables == 0 {
        body.push(Block::Table(Table {
            id: Id("tab1".into()),
            label: None,
            title: None,
            caption: None,
            align: vec![],
            head: vec![],
            rows: vec![vec![Cell::Text(Text::new("1"))]],
            notes: vec![],
            foot: None,
        }));
    }
    let formulas = formulas(u, &mut body)?;
    let mut roles = vec![ArticleContributor {
        contributor: id("p", 1),
        role: Role::Author,
        credit: if u.arbitrary()? {
            vec![
                CreditRole::Conceptualization,
                CreditRole::WritingReviewEditing,
            ]
        } else {
            vec![]
        },
        corresponding: u.arbitrary()?,
        equal_contribution: u.arbitrary()?,
        deceased: u.arbitrary()?,
        present_address: opt(u, |u| text(u, &Targets::default(), 1, false))?,
    }];
    for n in 2..=people {
        roles.push(ArticleContributor {
            contributor: id("p", n),
            role: *pick(
                u,
                &[
                    Role::Author,
                    Role::Translator,
                    Role::Reviser,
                    Role::Editor,
                    Role::Reviewer,
                ],
            )?,
            credit: vec![],
            corresponding: false,
            equal_contribution: u.arbitrary()?,
            deceased: false,
            present_address: None,
        });
    }
    let translation = opt(u, |u| {
        Ok(Translation {
            original_lang: Lang("zh".into()),
            original_title: opt(u, |u| text(u, &Targets::default(), 1, false))?,
            source: SourcePublication {
                title: "Zhongguo shehui kexue".into(),
                title_original: opt(u, |_| Ok("中国社会科学".to_string()))?,
                year: opt(u, |u| u.int_in_range(1950..=2020))?,
                volume: opt(u, |_| Ok("17".to_string()))?,
                issue: opt(u, |_| Ok("2".to_string()))?,
                pages: opt(u, |_| Ok("4-20".to_string()))?,
                doi: opt(u, |_| Ok(Doi("10.1234/orig".into())))?,
            },
        })
    })?;
    if translation.is_some() && !roles.iter().any(|r| r.role == Role::Translator) && people >= 2 {
        roles[people - 1].role = Role::Translator;
    }
    let nt = Targets::default();
    let article = Article {
        article_type: *pick(
            u,
            &[
                ArticleType::ResearchArticle,
                ArticleType::Editorial,
                ArticleType::BookReview,
                ArticleType::Other,
            ],
        )?,
        // Languages with galley's own reader text and without (English fallbacks).
        lang: Lang(
            pick(
                u,
                &[
                    "en", "en", "es", "pt", "fr", "de", "zh-Hans", "ru", "zh-Hant",
                ],
            )?
            .to_string(),
        ),
        heading: opt(u, |_| Ok("Articles & <Essays>".to_string()))?,
        subjects: opt(u, |_| {
            Ok(SubjectGroup {
                kind: Some("discipline".to_string()),
                subjects: vec!["History & <Theory>".to_string()],
            })
        })?
        .into_iter()
        .collect(),
        title: text(u, &nt, 2, false)?,
        subtitle: opt(u, |u| text(u, &nt, 1, false))?,
        short_title: opt(u, |u| plain(u, 3))?,
        title_translations: opt(u, |u| {
            Ok(TitleTranslation {
                lang: Lang("it".into()),
                title: text(u, &nt, 2, false)?,
                subtitle: opt(u, |u| text(u, &nt, 1, false))?,
            })
        })?
        .into_iter()
        .collect(),
        contributors: roles,
        affiliations: if u.ratio(1, 4)? {
            vec![Affiliation {
                positions: vec![],
                department: None,
                institution: opt(u, |_| Ok("CASS & Co".to_string()))?,
                parent: None,
                address: None,
                ror: None,
                printed: Some("Institute of <Philosophy>, CASS & Co".to_string()),
            }]
        } else {
            vec![]
        },
        translation,
        doi: opt(u, |_| Ok(Doi("10.1234/a&b<c>".into())))?,
        url: opt(u, |_| Ok(Url("https://example.org/a?b=1&c=2".into())))?,
        ids: opt(u, |_| {
            Ok(ArticleId {
                kind: ArticleIdType::PublisherId,
                value: "a<1>&2".to_string(),
                authority: Some("Press & <Co>".to_string()),
            })
        })?
        .into_iter()
        .collect(),
        pages: opt(u, |_| {
            Ok(Pages {
                first: "45".into(),
                last: Some("67".into()),
            })
        })?,
        elocation: opt(u, |_| Ok("e123".to_string()))?,
        dates: Dates {
            received: opt(u, date)?,
            revised: opt(u, date)?,
            accepted: opt(u, date)?,
            published: opt(u, date)?,
        },
        license: opt(u, |u| {
            let mut l = License {
                url: opt(u, |_| {
                    Ok(Url("https://creativecommons.org/licenses/by/4.0/".into()))
                })?,
                text: opt(u, |u| text(u, &nt, 1, false))?,
                copyright: opt(u, |_| Ok("© 1996 <Press> & Co".to_string()))?,
            };
            // A licence states something (validation refuses an empty one).
            if l.url.is_none() && l.text.is_none() && l.copyright.is_none() {
                l.copyright = Some("© 1996".into());
            }
            Ok(l)
        })?,
        abstract_: (0..u.int_in_range(0..=2)?)
            .map(|_| text(u, &nt, 2, false))
            .collect::<Result<_>>()?,
        abstracts: opt(u, |u| {
            // Now and then a graphical abstract, with its figure.
            let graphical = u.ratio(1, 4)?;
            let kind = match graphical {
                true => Some(AbstractType::Graphical),
                false => opt(u, |_| Ok(AbstractType::AuthorSummary))?,
            };
            Ok(ExtraAbstract {
                lang: opt(u, |_| Ok(Lang("pt".into())))?,
                kind,
                title: opt(u, |u| text(u, &nt, 1, false))?,
                paragraphs: vec![text(u, &nt, 2, false)?],
                sections: opt(u, |u| {
                    Ok(AbstractSection {
                        title: text(u, &nt, 1, false)?,
                        paragraphs: vec![text(u, &nt, 2, false)?],
                    })
                })?
                .into_iter()
                .collect(),
                figure: graphical.then(|| dot_figure("graphical")),
            })
        })?
        .into_iter()
        .collect(),
        keywords: (0..u.int_in_range(0..=3)?)
            .map(|_| plain(u, 2))
            .collect::<Result<_>>()?,
        keyword_groups: opt(u, |u| {
            Ok(KeywordGroup {
                lang: Lang("pt".into()),
                title: opt(u, |_| Ok("Palavras-chave".to_string()))?,
                keywords: vec![plain(u, 2)?],
            })
        })?
        .into_iter()
        .collect(),
        funding: (0..u.int_in_range(0..=2)?)
            .map(|_| {
                Ok(Funding {
                    funder: "Fund & <Foundation>".into(),
                    funder_id: opt(u, |_| {
                        Ok(Url("https://doi.org/10.13039/501100001809".to_string()))
                    })?,
                    award_id: opt(u, |_| Ok("96BZS012".to_string()))?,
                    recipients: if u.arbitrary()? {
                        vec![id("p", 1)]
                    } else {
                        vec![]
                    },
                })
            })
            .collect::<Result<_>>()?,
        acknowledgements: (0..u.int_in_range(0..=1)?)
            .map(|_| text(u, &nt, 2, false))
            .collect::<Result<_>>()?,
        body,
        end_notes: (0..u.int_in_range(0..=2)?)
            .map(|_| text(u, &nt, 2, false))
            .collect::<Result<_>>()?,
        footnotes: t
            .footnotes
            .iter()
            .map(|f| {
                // A footnote may cite, but not refer to another footnote.
                let only_refs = Targets {
                    footnotes: vec![],
                    references: t.references.clone(),
                    xrefs: vec![],
                };
                Ok(Footnote {
                    id: Id(f.clone()),
                    text: text(u, &only_refs, 2, true)?,
                })
            })
            .collect::<Result<_>>()?,
        references: (1..=t.references.len())
            .map(|n| reference(u, n))
            .collect::<Result<_>>()?,
        statements: Statements {
            correspondence: opt(u, |u| text(u, &nt, 1, false))?,
            competing_interests: opt(u, |u| text(u, &nt, 2, false))?,
            data_availability: opt(u, |u| text(u, &nt, 2, false))?,
            ..Statements::default()
        },
        titles: Titles {
            references: opt(u, |_| Ok("Works <cited> & read".to_string()))?,
            notes: opt(u, |_| Ok("注释".to_string()))?,
            ..Titles::default()
        },
        formulas,
        appendices,
        supplementary: opt(u, |u| {
            Ok(Supplementary {
                id: Id("supp1".into()),
                label: opt(u, |_| Ok("S1 <Data> & more".to_string()))?,
                title: opt(u, |u| text(u, &nt, 1, false))?,
                caption: opt(u, |u| paragraphs(u, &nt))?,
                file: Some(SUPPLEMENTARY.into()),
                media_type: opt(u, |_| Ok("text/csv".to_string()))?,
                doi: opt(u, |_| Ok(Doi("10.1234/data.s001".into())))?,
            })
        })?
        .into_iter()
        .collect(),
        sub_articles,
    };
    let issue = IssueFile {
        journal: Journal {
            title: "Journal of <Tests> & Fuzz".into(),
            // galley's two styles, and two named CSL styles (author–date and numeric).
            citation_style: match u.int_in_range(0..=3u8)? {
                0 => CitationStyle::Numeric,
                1 => CitationStyle::Csl("apa".into()),
                2 => CitationStyle::Csl("ieee".into()),
                _ => CitationStyle::AuthorDate,
            },
            abbrev_title: opt(u, |_| Ok("J. Tests".to_string()))?,
            publication_format: opt(u, |u| {
                Ok(if u.arbitrary()? {
                    PublicationFormat::Print
                } else {
                    PublicationFormat::Electronic
                })
            })?,
            publisher_id: opt(u, |_| Ok("jt".to_string()))?,
            ids: opt(u, |_| {
                Ok(JournalId {
                    kind: JournalIdType::NlmTa,
                    value: "J Tests & <Fuzz>".to_string(),
                })
            })?
            .into_iter()
            .collect(),
            issn: if u.arbitrary()? {
                vec![IssnEntry {
                    value: Issn("0252-9203".into()),
                    format: PublicationFormat::Print,
                }]
            } else {
                vec![]
            },
            publisher: opt(u, |_| {
                Ok(Publisher {
                    name: "Press & <Co>".into(),
                    location: Some("Beijing".into()),
                })
            })?,
            lang: None,
            url: None,
            crossref: opt(u, |_| {
                Ok(CrossrefAccount {
                    depositor: CrossrefDepositor {
                        name: "Press & <Co>".into(),
                        email: Email("doi@example.org".into()),
                    },
                    registrant: "Press & <Co>".into(),
                })
            })?,
        },
        issue: Issue {
            volume: opt(u, |_| Ok("17".to_string()))?,
            number: opt(u, |_| Ok("2".to_string()))?,
            title: opt(u, |_| Ok("An <Issue>".to_string()))?,
            date: opt(u, date)?,
            doi: None,
            epub_name: None,
            cover: None,
            articles: vec![],
        },
        titles: Titles {
            acknowledgements: opt(u, |_| Ok("Thanks & <more>".to_string()))?,
            ..Titles::default()
        },
    };
    Ok(Generated {
        issue,
        contributors,
        article,
    })
}

/// A caption: one paragraph or a list of one to three.
fn paragraphs(u: &mut Unstructured, t: &Targets) -> Result<Paragraphs> {
    Ok(if u.arbitrary()? {
        Paragraphs::One(text(u, t, 2, false)?)
    } else {
        Paragraphs::Many(
            (0..u.int_in_range(1..=3)?)
                .map(|_| text(u, t, 1, false))
                .collect::<Result<_>>()?,
        )
    })
}

/// A table of one to four columns whose rows may join two cells (`colspan`), whose
/// first column may span two rows (`rowspan`), with empty cells, cells of several
/// lines, row headers, alignments and notes: rectangular once spans are counted.
fn table(u: &mut Unstructured, t: &Targets, n: usize) -> Result<Table> {
    let width: usize = u.int_in_range(1..=4)?;
    let with_note = u.arbitrary::<bool>()?;
    let note_id = Id(format!("tab{n}-n1"));
    let cell = |u: &mut Unstructured, colspan: usize| -> Result<Cell> {
        Ok(match u.int_in_range(0..=4)? {
            0 if colspan == 1 => Cell::Text(Text::new("")),
            1 | 2 if colspan == 1 => Cell::Text(text(u, t, 1, false)?),
            _ => Cell::Full(CellSpec {
                text: if u.arbitrary()? {
                    Some(text(u, t, 1, false)?)
                } else {
                    None
                },
                lines: Vec::new(),
                colspan: (colspan > 1).then_some(colspan as u16),
                rowspan: None,
                align: if u.arbitrary()? {
                    Some(Align::Right)
                } else {
                    None
                },
                header: u.arbitrary()?,
                notes: if with_note && u.arbitrary()? {
                    vec![note_id.clone()]
                } else {
                    vec![]
                },
            }),
        })
    };
    let rows_of = |u: &mut Unstructured, count: usize| -> Result<Vec<Vec<Cell>>> {
        let mut rows = Vec::new();
        let mut spanned = false;
        for r in 0..count {
            let mut row = Vec::new();
            let mut col = 0;
            if spanned {
                col = 1;
                spanned = false;
            } else if r + 1 < count && width > 1 && u.arbitrary()? {
                row.push(Cell::Full(CellSpec {
                    lines: vec![text(u, t, 1, false)?, text(u, t, 1, false)?],
                    rowspan: Some(2),
                    ..CellSpec::default()
                }));
                col = 1;
                spanned = true;
            }
            while col < width {
                let span = if col + 1 < width && u.arbitrary()? {
                    2
                } else {
                    1
                };
                row.push(cell(u, span)?);
                col += span;
            }
            rows.push(row);
        }
        Ok(rows)
    };
    let head_rows = u.int_in_range(0..=2)?;
    let head = rows_of(u, head_rows)?;
    let body_rows = u.int_in_range(1..=3)?;
    let rows = rows_of(u, body_rows)?;
    Ok(Table {
        id: Id(format!("tab{n}")),
        label: opt(u, |_| Ok("Table 1".to_string()))?,
        title: opt(u, |u| text(u, t, 1, false))?,
        caption: opt(u, |u| paragraphs(u, t))?,
        align: if u.arbitrary()? {
            vec![Align::Left; width]
        } else {
            vec![]
        },
        head,
        rows,
        notes: if with_note {
            vec![TableNote {
                id: note_id,
                label: "a".into(),
                text: text(u, t, 1, false)?,
            }]
        } else {
            vec![]
        },
        foot: opt(u, |u| text(u, t, 1, false))?,
    })
}

/// A figure with the first sample image and alt text, nothing more.
fn dot_figure(id: &str) -> Figure {
    Figure {
        id: Id(id.into()),
        label: None,
        title: None,
        caption: None,
        image: IMAGES[0].to_string(),
        alt: Some("A dot.".into()),
        decorative: false,
        credit: None,
    }
}
