//! The issue file (`issue.yaml`): the articles it lists exist, once each, and none is
//! left out.

use std::collections::BTreeSet;

use super::{Checked, at};
use crate::diag::{Diagnostic, Severity, did_you_mean};
use crate::model::IssueFile;

/// Semantic checks on the issue file: the listed articles exist, once each.
pub fn check_issue(i: &Checked<IssueFile>, found: &[String], diags: &mut Vec<Diagnostic>) {
    let doc = &i.doc;
    super::titles::check_titles(doc, &i.value.titles, None, diags);
    check_csl_style(i, diags);
    check_cover(i, diags);
    let mut seen = BTreeSet::new();
    for (k, slug) in i.value.issue.articles.iter().enumerate() {
        let p = format!("/issue/articles/{k}");
        if !seen.insert(slug.as_str()) {
            diags.push(at(
                doc,
                Severity::Error,
                "issue.duplicate-article",
                &p,
                format!("`{slug}` is listed twice"),
                "list each article once",
            ));
        } else if !found.iter().any(|f| f == slug) {
            let hint = match did_you_mean(slug, found.iter().map(String::as_str)) {
                Some(m) => format!("did you mean `{m}`?"),
                None => "each entry names a folder beside issue.yaml that holds an article.yaml"
                    .to_string(),
            };
            diags.push(at(
                doc,
                Severity::Error,
                "issue.unknown-article",
                &p,
                format!("no article folder `{slug}`"),
                &hint,
            ));
        }
    }
    if !i.value.issue.articles.is_empty() {
        for slug in found {
            if !seen.contains(slug.as_str()) {
                diags.push(at(
                    doc,
                    Severity::Warning,
                    "issue.unlisted-article",
                    "/issue/articles",
                    format!("article folder `{slug}` is not listed in `issue.articles`"),
                    "add it to the list in its place in the issue (it is put last until then)",
                ));
            }
        }
    }
}

/// A named CSL style (`citation_style: {csl: NAME}`) is one hayagriva's archive carries,
/// and writes its citations in the text (a note style's would be footnotes, which galley
/// does not make of citations).
fn check_csl_style(i: &Checked<IssueFile>, diags: &mut Vec<Diagnostic>) {
    let Some(name) = i.value.journal.citation_style.csl_name() else {
        return;
    };
    let p = "/journal/citation_style/csl";
    match crate::resolve::csl::archived_style(name) {
        None => {
            let hint = match did_you_mean(name, crate::resolve::csl::archived_names()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => "name a CSL style hayagriva carries: `apa`, `vancouver`, `ieee`, `chicago-author-date`, `modern-language-association`…".to_string(),
            };
            diags.push(at(
                &i.doc,
                Severity::Error,
                "citation-style.unknown",
                p,
                format!("no CSL style named `{name}`"),
                &hint,
            ));
        }
        Some(style) if crate::resolve::csl::is_note_style(&style) => diags.push(at(
            &i.doc,
            Severity::Error,
            "citation-style.note",
            p,
            format!("the CSL style `{name}` writes its citations as footnotes"),
            "galley writes generated citations in the text: choose an author–date or numeric style (`chicago-author-date` rather than a note style)",
        )),
        Some(_) => {}
    }
}

/// The cover image (`issue.cover.image`) is a plain path to a regular file inside the
/// issue folder, of a bounded size, in a format EPUB readers take (checked as a figure's
/// image is, by [`super::assets`]).
fn check_cover(i: &Checked<IssueFile>, diags: &mut Vec<Diagnostic>) {
    let Some(cover) = &i.value.issue.cover else {
        return;
    };
    let doc = &i.doc;
    let p = "/issue/cover/image";
    let rel = cover.image.as_str();
    let dir = doc.path.parent().unwrap_or(std::path::Path::new("."));
    let fault =
        |code: &str, message: String, hint: &str| at(doc, Severity::Error, code, p, message, hint);
    let rel_path = std::path::Path::new(rel);
    let plain = !rel_path.is_absolute()
        && !rel.contains('\\')
        && rel_path
            .components()
            .all(|c| matches!(c, std::path::Component::Normal(_)));
    if !plain || rel.is_empty() {
        let hint =
            "give the path relative to the folder of issue.yaml, without `..` or a leading `/`";
        diags.push(fault(
            "asset.outside",
            format!("`{rel}` is not a plain path inside the issue folder"),
            hint,
        ));
        return;
    }
    let full = dir.join(rel_path);
    let Ok(meta) = std::fs::symlink_metadata(&full) else {
        let hint = "check the file name; the path is relative to the folder of issue.yaml";
        diags.push(fault(
            "asset.missing",
            format!("`{rel}` does not exist in the issue folder"),
            hint,
        ));
        return;
    };
    if !super::assets::stays_inside(dir, rel, &meta) {
        let hint = "copy the image into the issue folder";
        diags.push(fault(
            "asset.outside",
            format!("`{rel}` leads outside the issue folder (through a symbolic link)"),
            hint,
        ));
        return;
    }
    let Some(target) = std::fs::metadata(&full)
        .ok()
        .filter(std::fs::Metadata::is_file)
    else {
        diags.push(fault(
            "asset.not-file",
            format!("`{rel}` is not a regular file"),
            "point at the image file itself",
        ));
        return;
    };
    let max = super::assets::MAX_ASSET_BYTES;
    if target.len() > max {
        let hint = "scale the image down for publication; e-readers refuse very large images";
        diags.push(super::assets::too_large(doc, p, rel, max, hint));
        return;
    }
    super::assets::check_image_content(doc, &full, p, rel, diags);
}
