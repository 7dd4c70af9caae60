//! Supplementary material: files published with the article (data, code, extra
//! figures, questionnaires) that are not part of its text.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::Paragraphs;
use super::common::{Doi, Id, Text};

/// A supplementary file: its label and caption as printed, and the file, kept in the
/// article's folder (like a figure's image) and written beside the JATS and TEI under the
/// same path.
///
/// JATS: `supplementary-material` (`xlink:href`, `mimetype`, `mime-subtype`) with
/// `object-id pub-id-type="doi"`, `label` and `caption` (`title`, `p`), in a `back/sec
/// sec-type="supplementary-material"` (JATS4R); TEI: a `div` (`xml:id`, `@n` the label)
/// inside `back/div type="supplementary"`, with `head`, the caption's `p`, and a `p`
/// holding `media` (`url`, `mimeType`) and the DOI as `idno type="DOI"`; EPUB and preview:
/// a back-matter section listing each item (label, title, caption, the file's name, its
/// DOI linked). An EPUB cannot carry a file readers cannot open (EPUBCheck refuses a
/// link to one), so the file is not in the EPUB: an item without a DOI is reported
/// (`loss.epub.supplementary-file`); the preview links the file beside it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Supplementary {
    /// An id, for cross-references (`[#s1]`); unique among the article's ids.
    #[schemars(example = &"s1")]
    pub id: Id,
    /// The label as printed, which is also what `[#s1]` prints: `S1 Dataset`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"S1 Dataset")]
    pub label: Option<String>,
    /// The caption's title: `Survey responses`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Text>,
    /// The caption's paragraphs: one string or a list.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caption: Option<Paragraphs>,
    /// The file, relative to the article's folder: `supplementary/survey.csv`. It must
    /// lie inside the folder. An item kept elsewhere (a data repository) has its `doi`
    /// instead; it needs one or the other.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"supplementary/survey.csv")]
    pub file: Option<String>,
    /// The file's media type, when its name does not tell it: `text/csv`. Without it,
    /// the type comes from the file name's extension (validation says when it cannot).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schemars(example = &"text/csv", regex(pattern = r"^[a-z0-9][a-z0-9!#$&^_.+-]*/[a-z0-9][a-z0-9!#$&^_.+-]*$"))]
    pub media_type: Option<String>,
    /// The file's own DOI, when it has one (or where it is kept, when the article's
    /// folder does not hold it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doi: Option<Doi>,
}

impl Supplementary {
    /// The file's media type: the one given, else the one its extension names.
    pub fn media_type(&self) -> Option<String> {
        self.media_type.clone().or_else(|| {
            let file = self.file.as_deref()?;
            mime_guess::from_path(file)
                .first()
                .map(|m| m.essence_str().to_string())
        })
    }

    /// The file's name, without its folders: `survey.csv`.
    pub fn file_name(&self) -> Option<&str> {
        let file = self.file.as_deref()?;
        file.rsplit('/').next()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(file: &str, media_type: Option<&str>) -> Supplementary {
        Supplementary {
            id: Id("s1".into()),
            label: None,
            title: None,
            caption: None,
            file: Some(file.into()),
            media_type: media_type.map(str::to_string),
            doi: None,
        }
    }

    #[test]
    fn the_media_type_is_the_given_one_else_the_extensions() {
        assert_eq!(
            item("a/b.csv", None).media_type().as_deref(),
            Some("text/csv")
        );
        assert_eq!(
            item("b.PDF", None).media_type().as_deref(),
            Some("application/pdf")
        );
        let given = item("b.dat", Some("application/x-netcdf"));
        assert_eq!(given.media_type().as_deref(), Some("application/x-netcdf"));
        assert_eq!(item("b.unknownext", None).media_type(), None);
        assert_eq!(item("data/b.csv", None).file_name(), Some("b.csv"));
    }
}
