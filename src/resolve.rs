//! Stage 3, resolve: a validated [`Article`] and its issue → a [`Resolved`] article, with
//! every fact the emitters need computed once, in one place.
//!
//! Before this stage each emitter re-derived the same facts (footnote numbers, the
//! article's id set, cross-reference targets, contributors looked up by linear search,
//! image media types) and had its own policy for markup that does not parse. Here:
//!
//! - every marked-up text is parsed (the parse is cached in the [`Text`]), and one that
//!   does not parse stops the article with an [`EmitError`]; validation refuses such text
//!   first, so emitters read [`Text::inlines`] and never meet a parse failure;
//! - contributors are found by id once, in a map, and listed in byline order with their
//!   roles; people (byline, then funding recipients) are listed once each;
//! - footnotes are numbered, references labelled (author–date) and numbered (their
//!   `label` or place), cross-reference targets and the id set collected;
//! - the text of generated citations and cross-references, and the references a range
//!   of a printed citation stands for, are decided in one place ([`cite`]);
//! - every figure's bytes are looked up and their media type sniffed.
//!
//! Emitters take a [`Resolved`] and write bytes: they decide how a fact is printed in
//! their format, never what the fact is.

mod cite;
pub mod csl;

use std::collections::{BTreeMap, BTreeSet, HashMap};

pub use cite::CitePiece;
/// The names and year a generated author–date citation prints (the importer recognises
/// them in the text it reads).
pub(crate) use cite::{authors as cite_authors, year as cite_year};

use crate::emit::{Context, EmitError};
use crate::model::{
    Article, ArticleContributor, Block, Contributor, Figure, Id, InlineFormula, Reference, Role,
    Text, for_each_figure, for_each_text, walk_article_blocks,
};

/// A contributor of the article as the byline lists them: the article's entry (id,
/// role, corresponding…) and the person in `contributors.yaml`.
#[derive(Debug, Clone, Copy)]
pub struct Byline<'a> {
    /// The article's entry.
    pub entry: &'a ArticleContributor,
    /// The person.
    pub person: &'a Contributor,
}

/// What a cross-reference (`[#id]`) can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TargetKind {
    /// A section with a label or a title.
    Section,
    /// A figure.
    Figure,
    /// A table.
    Table,
    /// A display formula (with an id).
    Formula,
    /// An appendix (with an id).
    Appendix,
    /// A supplementary item.
    Supplementary,
}

/// A cross-reference target: its kind, and the label and title as written.
#[derive(Debug, Clone, Copy)]
pub struct XrefTarget<'a> {
    /// Section, figure or table.
    pub kind: TargetKind,
    /// The printed label (`2.1`, `Figure 1`, `(1)`), when the source gives one.
    pub label: Option<&'a str>,
    /// The title (sections), or the caption's title or else its first paragraph
    /// (figures, tables), when given.
    pub title: Option<&'a Text>,
}

/// A figure with its image: the bytes read by the driver and their media type.
#[derive(Debug, Clone, Copy)]
pub struct FigureImage<'a> {
    /// The figure.
    pub figure: &'a Figure,
    /// The image file's bytes.
    pub bytes: &'a [u8],
    /// The media type sniffed from the first bytes (`image/png`, … `image/svg+xml`).
    pub media_type: &'static str,
}

impl FigureImage<'_> {
    /// The usual file extension of the media type.
    pub fn extension(&self) -> &'static str {
        match self.media_type {
            "image/png" => "png",
            "image/jpeg" => "jpg",
            "image/gif" => "gif",
            "image/webp" => "webp",
            _ => "svg",
        }
    }
}

/// An article with everything the emitters need, computed once.
#[derive(Debug)]
pub struct Resolved<'a> {
    /// The article.
    pub article: &'a Article,
    /// The issue, contributor list, slug, image bytes and options.
    pub ctx: Context<'a>,
    /// Contributors of the issue by id, with their index in `contributors.yaml`.
    by_id: HashMap<&'a str, (usize, &'a Contributor)>,
    /// The byline: every contributor entry of the article, in order, with the person.
    pub byline: Vec<Byline<'a>>,
    /// Everyone the article names, once each: byline people in order, then funding
    /// recipients who are not in the byline.
    pub people: Vec<&'a Contributor>,
    /// How many of `people` are the byline's.
    in_byline: usize,
    /// Footnote id → its number (its place in `footnotes`, from 1).
    footnotes: HashMap<&'a str, usize>,
    /// Reference id → its index in `references`.
    references: HashMap<&'a str, usize>,
    /// The number a numeric style prints for each reference (its `label` or its place),
    /// in the order of `references`.
    pub reference_numbers: Vec<String>,
    /// Cross-reference targets by id.
    targets: HashMap<&'a str, XrefTarget<'a>>,
    /// Every id the article defines (sections, figures, tables, footnotes, references).
    pub ids: BTreeSet<&'a str>,
    /// Every figure in reading order, with its image.
    pub figures: Vec<FigureImage<'a>>,
    /// Inline formulas by id.
    formulas: HashMap<&'a str, &'a InlineFormula>,
    /// What a named CSL style generated (citation texts, reference list), computed once;
    /// `None` in galley's own styles.
    pub csl: Option<csl::Csl>,
    /// New names of the article's files (figures' images, supplementary files), by the
    /// path the YAML gives, for a package whose rules name files its own way (PubMed
    /// Central's, [`crate::deposit::pmc`]); empty for the build's outputs, which point
    /// to the files under their own paths.
    renamed: BTreeMap<String, String>,
}

impl<'a> Resolved<'a> {
    /// The contributor of the issue with this id.
    pub fn contributor(&self, id: &Id) -> Option<&'a Contributor> {
        self.by_id.get(id.as_str()).map(|&(_, c)| c)
    }

    /// The index of a contributor in `contributors.yaml`, for loss pointers.
    pub fn contributor_index(&self, id: &Id) -> Option<usize> {
        self.by_id.get(id.as_str()).map(|&(i, _)| i)
    }

    /// The byline people with `role`, in byline order.
    pub fn with_role(&self, role: Role) -> impl Iterator<Item = &'a Contributor> + '_ {
        self.byline
            .iter()
            .filter(move |b| b.entry.role == role)
            .map(|b| b.person)
    }

    /// The byline's people once each, in order of first appearance.
    pub fn byline_people(&self) -> &[&'a Contributor] {
        &self.people[..self.in_byline]
    }

    /// A footnote's number.
    pub fn footnote_number(&self, id: &str) -> Option<usize> {
        self.footnotes.get(id).copied()
    }

    /// A reference by id.
    pub fn reference(&self, id: &str) -> Option<&'a Reference> {
        let i = *self.references.get(id)?;
        Some(&self.article.references[i])
    }

    /// A cross-reference target by id.
    pub fn target(&self, id: &str) -> Option<&XrefTarget<'a>> {
        self.targets.get(id)
    }

    /// An inline formula (`[$id]`) by id.
    pub fn formula(&self, id: &str) -> Option<&'a InlineFormula> {
        self.formulas.get(id).copied()
    }

    /// The relative URL an output points to a file of the article with (a figure's image,
    /// a supplementary file), by the path the YAML gives: its new name when the file was
    /// renamed ([`Resolved::rename_files`]), else that path, percent-encoded
    /// ([`crate::emit::file_href`]).
    pub fn file_href(&self, path: &str) -> String {
        let name = self.renamed.get(path).map_or(path, String::as_str);
        crate::emit::file_href(name)
    }

    /// Points the outputs emitted from here on at new names of the article's files
    /// (YAML path → name in the package), as a package that renames them asks.
    pub fn rename_files(&mut self, renamed: BTreeMap<String, String>) {
        self.renamed = renamed;
    }

    /// The image of a figure, by the image path written in the YAML.
    pub fn image(&self, path: &str) -> Option<&FigureImage<'a>> {
        self.figures.iter().find(|f| f.figure.image == path)
    }
}

/// Resolves a validated article. Fails only on what validation refuses (markup that does
/// not parse, a contributor id not in the list, an image not read or not an image), so
/// an error here means the article skipped validation.
pub fn resolve<'a>(article: &'a Article, ctx: &Context<'a>) -> Result<Resolved<'a>, EmitError> {
    check_markup(article)?;
    let by_id: HashMap<&'a str, (usize, &'a Contributor)> = ctx
        .contributors
        .contributors
        .iter()
        .enumerate()
        .map(|(i, c)| (c.id.as_str(), (i, c)))
        .collect();
    let find = |id: &Id| {
        by_id.get(id.as_str()).map(|&(_, c)| c).ok_or_else(|| {
            EmitError::Unwritable(format!("no contributor with id `{id}` in the list"))
        })
    };
    let mut byline = Vec::with_capacity(article.contributors.len());
    for entry in &article.contributors {
        byline.push(Byline {
            entry,
            person: find(&entry.contributor)?,
        });
    }
    // A sub-article's people are looked up where they are written: each must be known.
    for c in article.sub_articles.iter().flat_map(|s| &s.contributors) {
        find(&c.contributor)?;
    }
    let mut people: Vec<&'a Contributor> = Vec::new();
    let add = |people: &mut Vec<&'a Contributor>, person: &'a Contributor| {
        if !people.iter().any(|p| p.id == person.id) {
            people.push(person);
        }
    };
    for b in &byline {
        add(&mut people, b.person);
    }
    let in_byline = people.len();
    for id in article.funding.iter().flat_map(|f| f.recipients.iter()) {
        add(&mut people, find(id)?);
    }
    let footnotes = article
        .footnotes
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.as_str(), i + 1))
        .collect();
    let references = article
        .references
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.as_str(), i))
        .collect();
    let reference_numbers = cite::reference_numbers(&article.references);
    let (targets, mut ids) = targets(article);
    ids.extend(article.footnotes.iter().map(|f| f.id.as_str()));
    ids.extend(article.references.iter().map(|r| r.id.as_str()));
    ids.extend(article.formulas.iter().map(|f| f.id.as_str()));
    let formulas = article
        .formulas
        .iter()
        .map(|f| (f.id.as_str(), f))
        .collect();
    let figures = figure_images(article, ctx)?;
    let csl = match ctx.issue.journal.citation_style.csl_name() {
        Some(name) => Some(csl::render(article, name).ok_or_else(|| {
            EmitError::Unwritable(format!(
                "no CSL style named `{name}` (validation refuses it)"
            ))
        })?),
        None => None,
    };
    Ok(Resolved {
        article,
        ctx: *ctx,
        by_id,
        byline,
        people,
        in_byline,
        footnotes,
        references,
        reference_numbers,
        targets,
        ids,
        figures,
        formulas,
        csl,
        renamed: BTreeMap::new(),
    })
}

/// Parses every marked-up text once (filling each text's cache).
fn check_markup(article: &Article) -> Result<(), EmitError> {
    let mut first = None;
    for_each_text(article, &mut |pointer, t| {
        if first.is_none()
            && let Err(e) = t.parse()
        {
            first = Some(format!(
                "inline markup at {pointer} (“{}”): {} (at byte {})",
                t.as_str(),
                e.message,
                e.offset
            ));
        }
    });
    first.map_or(Ok(()), |m| Err(EmitError::Unwritable(m)))
}

/// The cross-reference targets of the body and the ids of its sections, figures and
/// tables. A section with neither label nor title is no target (emitters write it
/// without a heading of its own), but its id is still the article's.
fn targets(article: &Article) -> (HashMap<&str, XrefTarget<'_>>, BTreeSet<&str>) {
    let mut targets = HashMap::new();
    let mut ids = BTreeSet::new();
    walk_article_blocks(article, &mut |_, b| {
        let (id, target) = match b {
            Block::Section(s) => {
                let Some(id) = &s.id else { return };
                let heading = s.label.is_some() || s.title.is_some();
                let target = heading.then_some(XrefTarget {
                    kind: TargetKind::Section,
                    label: s.label.as_deref(),
                    title: s.title.as_ref(),
                });
                (id, target)
            }
            Block::Figure(_) => return,
            Block::Table(t) => (
                &t.id,
                Some(XrefTarget {
                    kind: TargetKind::Table,
                    label: t.label.as_deref(),
                    title: t
                        .title
                        .as_ref()
                        .or(t.caption.as_ref().and_then(|c| c.first())),
                }),
            ),
            Block::Formula(f) => {
                let Some(id) = &f.id else { return };
                let target = XrefTarget {
                    kind: TargetKind::Formula,
                    label: f.label.as_deref(),
                    title: None,
                };
                (id, Some(target))
            }
            Block::P(_) | Block::Quote(_) | Block::List(_) => return,
        };
        ids.insert(id.as_str());
        if let Block::Table(t) = b {
            ids.extend(t.notes.iter().map(|n| n.id.as_str()));
        }
        if let Some(t) = target {
            targets.insert(id.as_str(), t);
        }
    });
    for_each_figure(article, &mut |_, f| {
        ids.insert(f.id.as_str());
        let title = f
            .title
            .as_ref()
            .or(f.caption.as_ref().and_then(|c| c.first()));
        let target = XrefTarget {
            kind: TargetKind::Figure,
            label: f.label.as_deref(),
            title,
        };
        targets.insert(f.id.as_str(), target);
    });
    for s in &article.supplementary {
        ids.insert(s.id.as_str());
        let target = XrefTarget {
            kind: TargetKind::Supplementary,
            label: s.label.as_deref(),
            title: s.title.as_ref(),
        };
        targets.insert(s.id.as_str(), target);
    }
    for a in &article.appendices {
        if let Some(id) = &a.id {
            ids.insert(id.as_str());
            targets.insert(
                id.as_str(),
                XrefTarget {
                    kind: TargetKind::Appendix,
                    label: a.label.as_deref(),
                    title: a.title.as_ref(),
                },
            );
        }
    }
    (targets, ids)
}

/// Every figure in reading order with its image bytes and media type.
fn figure_images<'a>(
    article: &'a Article,
    ctx: &Context<'a>,
) -> Result<Vec<FigureImage<'a>>, EmitError> {
    let mut figures = Vec::new();
    for_each_figure(article, &mut |_, f| figures.push(f));
    figures
        .into_iter()
        .map(|figure| {
            let bytes = ctx.assets.get(&figure.image).ok_or_else(|| {
                EmitError::Unwritable(format!("the image `{}` was not read", figure.image))
            })?;
            let media_type = crate::asset::sniff_image(bytes).ok_or_else(|| {
                EmitError::Unwritable(format!(
                    "`{}` (figure `{}`) is not a PNG, JPEG, GIF, WebP or SVG image",
                    figure.image, figure.id
                ))
            })?;
            Ok(FigureImage {
                figure,
                bytes,
                media_type,
            })
        })
        .collect()
}
