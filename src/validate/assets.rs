//! The files figures name: a regular file inside the article's folder (no way out
//! through `..`, an absolute path or a symbolic link), of a bounded size, in an image
//! format readers and archives take; an SVG well-formed, with nothing active or external.

use std::path::Path;

use super::at;
use crate::diag::{Diagnostic, Severity};
use crate::yaml::Document;

/// The largest image galley puts into its outputs.
pub const MAX_ASSET_BYTES: u64 = 32 * 1024 * 1024;

/// The files of an article's folder that the caller has already read (the build reads
/// each folder once, for its input hash), by path relative to the folder; validation
/// checks their content from these bytes instead of reading them again.
pub trait FolderFiles {
    /// The bytes of the file at `rel`, when read.
    fn file(&self, rel: &Path) -> Option<&[u8]>;
}

/// The largest supplementary file galley writes beside its outputs: larger data belongs
/// in a data repository, cited by its DOI.
pub const MAX_SUPPLEMENTARY_BYTES: u64 = 256 * 1024 * 1024;

/// Checks that an image path names a regular file inside the article's folder, without
/// reading anything outside it, of a bounded size, in a format readers take.
pub(super) fn check_asset(
    doc: &Document,
    dir: &Path,
    pointer: &str,
    rel: &str,
    read: Option<&dyn FolderFiles>,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(target) = check_place(doc, dir, pointer, rel, "image", diags) else {
        return;
    };
    let rel_path = Path::new(rel);
    if target.len() > MAX_ASSET_BYTES {
        diags.push(too_large(
            doc,
            pointer,
            rel,
            MAX_ASSET_BYTES,
            "scale the image down for publication; archives and e-readers refuse very large images",
        ));
    } else if let Some(bytes) = read.and_then(|r| r.file(rel_path)) {
        check_image_bytes(doc, bytes, pointer, rel, diags);
    } else {
        check_image_content(doc, &dir.join(rel_path), pointer, rel, diags);
    }
}

/// Checks that a supplementary file's path names a regular file inside the article's
/// folder, without reading anything outside it, of a bounded size (its content is the
/// source's, whatever it is).
pub(super) fn check_supplementary_file(
    doc: &Document,
    dir: &Path,
    pointer: &str,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) {
    let Some(target) = check_place(doc, dir, pointer, rel, "file", diags) else {
        return;
    };
    if target.len() > MAX_SUPPLEMENTARY_BYTES {
        diags.push(too_large(
            doc,
            pointer,
            rel,
            MAX_SUPPLEMENTARY_BYTES,
            "deposit large data in a data repository and give the item its `doi` instead of a `file`",
        ));
    }
}

/// `asset.too-large`: the file `rel` is larger than `max` bytes.
pub(super) fn too_large(
    doc: &Document,
    pointer: &str,
    rel: &str,
    max: u64,
    hint: &str,
) -> Diagnostic {
    at(
        doc,
        Severity::Error,
        "asset.too-large",
        pointer,
        format!("`{rel}` is larger than {} MiB", max / (1024 * 1024)),
        hint,
    )
}

/// Checks that `rel` is a plain path to a regular file inside the article's folder (no
/// way out through `..`, an absolute path or a symbolic link); gives the file's metadata.
/// `what` names the file in the hint: `image`, `file`.
fn check_place(
    doc: &Document,
    dir: &Path,
    pointer: &str,
    rel: &str,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<std::fs::Metadata> {
    let rel_path = Path::new(rel);
    let escapes = rel_path.is_absolute()
        || rel.contains('\\')
        || rel_path
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if escapes {
        diags.push(at(
            doc,
            Severity::Error,
            "asset.outside",
            pointer,
            format!("`{rel}` is not a plain path inside the article's folder"),
            "give the path relative to the folder of article.yaml, without `..` or a leading `/`",
        ));
        return None;
    }
    if let Some(output) = output_name(dir, rel) {
        diags.push(at(
            doc,
            Severity::Error,
            "asset.output-name",
            pointer,
            format!(
                "`{rel}` would take the place of `{output}`, which galley writes beside the article's other files in its output folder"
            ),
            "rename the file (or the folder it is in); the outputs' names are `<slug>.jats.xml`, `<slug>.tei.xml`, `<slug>.epub` and `index.html`",
        ));
        return None;
    }
    let full = dir.join(rel_path);
    let meta = match std::fs::symlink_metadata(&full) {
        Ok(m) => m,
        Err(_) => {
            diags.push(at(
                doc,
                Severity::Error,
                "asset.missing",
                pointer,
                format!("`{rel}` does not exist in the article's folder"),
                "check the file name; paths are relative to the folder of article.yaml",
            ));
            return None;
        }
    };
    if !stays_inside(dir, rel, &meta) {
        diags.push(at(
            doc,
            Severity::Error,
            "asset.outside",
            pointer,
            format!("`{rel}` leads outside the article's folder (through a symbolic link)"),
            "copy the file into the article's folder",
        ));
        return None;
    }
    let target = if meta.file_type().is_symlink() {
        std::fs::metadata(&full).ok()
    } else {
        Some(meta)
    };
    let Some(target) = target.filter(std::fs::Metadata::is_file) else {
        diags.push(at(
            doc,
            Severity::Error,
            "asset.not-file",
            pointer,
            format!("`{rel}` is not a regular file"),
            &format!("point at the {what} file itself"),
        ));
        return None;
    };
    Some(target)
}

/// The output the asset `rel` would collide with in the article's output folder, where
/// it is written at the same path (`crate::build`): its first name is an output's file
/// name (the article folder `dir`'s name is the slug) or one of galley's own hidden
/// files (`.galley-…`).
fn output_name(dir: &Path, rel: &str) -> Option<String> {
    let first = rel.split('/').next().unwrap_or(rel);
    let slug = dir.file_name()?.to_str()?;
    let outputs = crate::emit::Format::ALL.map(|f| f.file_name(slug));
    if let Some(o) = outputs.iter().find(|o| o.as_str() == first) {
        return Some(o.clone());
    }
    first
        .starts_with(".galley-")
        .then(|| "galley's own files (`.galley-…`)".to_string())
}

/// Whether the asset `rel` (plain names only, checked), whose own metadata is `meta`,
/// stays inside the article's folder `dir`. A path of plain names with no symbolic link
/// on the way (the file itself or a folder it is in) does, as written; otherwise a link
/// may lead outside, and the real paths are compared.
pub(super) fn stays_inside(dir: &Path, rel: &str, meta: &std::fs::Metadata) -> bool {
    let names: Vec<&str> = rel.split('/').collect();
    let plain = names.iter().all(|n| !n.is_empty() && *n != ".");
    let mut through_link = !plain || meta.file_type().is_symlink();
    let mut on_the_way = dir.to_path_buf();
    for name in &names[..names.len() - 1] {
        if through_link {
            break;
        }
        on_the_way.push(name);
        through_link =
            std::fs::symlink_metadata(&on_the_way).map_or(true, |m| m.file_type().is_symlink());
    }
    if !through_link {
        return true;
    }
    match (
        std::fs::canonicalize(dir),
        std::fs::canonicalize(dir.join(rel)),
    ) {
        (Ok(d), Ok(f)) => f.starts_with(&d),
        _ => false,
    }
}

/// Checks what an image file holds: a format EPUB readers and archives take (by content,
/// not by name), and for an SVG, nothing active or external ([`crate::asset::check_svg`]).
pub(super) fn check_image_content(
    doc: &Document,
    full: &Path,
    pointer: &str,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) {
    use std::io::Read as _;
    // Opened once: the first bytes tell the format, and an SVG is read on to its end.
    let mut head = Vec::new();
    let mut file = match std::fs::File::open(full) {
        Ok(f) => f,
        Err(e) => {
            let msg = format!("cannot read `{rel}`: {e}");
            diags.push(at(doc, Severity::Error, "io.read", pointer, msg, ""));
            return;
        }
    };
    let read = (&mut file).take(4096).read_to_end(&mut head);
    if let Err(e) = read {
        let msg = format!("cannot read `{rel}`: {e}");
        diags.push(at(doc, Severity::Error, "io.read", pointer, msg, ""));
        return;
    }
    if crate::asset::sniff_image(&head) == Some("image/svg+xml") {
        let mut bytes = head;
        let left = MAX_ASSET_BYTES + 1 - bytes.len() as u64;
        let rest = (&mut file).take(left).read_to_end(&mut bytes);
        if rest.is_err() || bytes.len() as u64 > MAX_ASSET_BYTES {
            let msg = format!("cannot read `{rel}`");
            diags.push(at(doc, Severity::Error, "io.read", pointer, msg, ""));
            return;
        }
        check_image_bytes(doc, &bytes, pointer, rel, diags);
    } else {
        check_image_bytes(doc, &head, pointer, rel, diags);
    }
}

/// Checks an image's bytes (all of them for an SVG; the first for other formats): a
/// format EPUB readers and archives take, and for an SVG, nothing active or external.
fn check_image_bytes(
    doc: &Document,
    bytes: &[u8],
    pointer: &str,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) {
    match crate::asset::sniff_image(bytes) {
        None => diags.push(at(
            doc,
            Severity::Error,
            "asset.format",
            pointer,
            format!(
                "`{rel}` is {}, not a PNG, JPEG, GIF, WebP or SVG image",
                crate::asset::describe_format(bytes)
            ),
            "convert the image to PNG (drawings, charts) or JPEG (photographs); EPUB readers and archives take only these, GIF, WebP and SVG",
        )),
        Some("image/svg+xml") => {
            for p in crate::asset::check_svg(bytes) {
                let hint = match p.code {
                    "asset.svg-script" => "remove the scripts and event handlers from the SVG (or export it again as a plain drawing): galley never ships active content to readers or archives",
                    "asset.svg-external" => "embed what the SVG refers to, or remove the reference: an EPUB or an archive package holds only this file, and reading systems must not fetch anything",
                    _ => "export the figure again as an SVG 1.1 file, or as PNG",
                };
                diags.push(at(
                    doc,
                    Severity::Error,
                    p.code,
                    pointer,
                    format!("`{rel}` {}", p.message),
                    hint,
                ));
            }
        }
        Some(_) => {}
    }
}
