//! The HTML preview emitter: one self-contained page per article.

use super::about::{AboutEntry, about_list};
use super::document::open_document;
use super::{ImageRef, Places, Renderer, Target};
use crate::emit::{EmitError, Emitted, plain};
use crate::resolve::Resolved;
use crate::xml::XmlWriter;

/// The HTML preview `<slug>/index.html`: title page, body, notes, references and the
/// article's contributors on one self-contained page (stylesheet inline, images as
/// `data:` URIs), from the same renderer as the EPUB.
pub fn emit_preview(resolved: &Resolved<'_>) -> Result<Emitted, EmitError> {
    let article = resolved.article;
    let images = resolved
        .figures
        .iter()
        .map(|f| {
            let src = format!("data:{};base64,{}", f.media_type, base64(f.bytes));
            let image = ImageRef {
                src,
                media_type: f.media_type,
            };
            (f.figure.image.clone(), image)
        })
        .collect();
    let places = Places {
        title: String::new(),
        body: String::new(),
        about: String::new(),
    };
    let mut r = Renderer::new(resolved, Target::Html, places, 2, images);
    let mut w = XmlWriter::new();
    open_document(
        &mut w,
        Target::Html,
        article.lang.as_str(),
        &plain(&article.title),
        "",
    );
    w.open_block("body", &[]);
    w.open_block("main", &[]);
    w.open_block("article", &[("aria-labelledby", "_title")]);
    r.title_page(&mut w, 1);
    r.body(&mut w);
    w.end("article");
    for i in 0..article.sub_articles.len() {
        r.sub_article(&mut w, i);
    }
    w.end("main");
    let entries = resolved
        .byline_people()
        .iter()
        .map(|&c| AboutEntry {
            contributor: c,
            appearances: Vec::new(),
        })
        .collect::<Vec<_>>();
    w.open_block("footer", &[("class", "document-part")]);
    let lang = article.lang.as_str();
    let heading = crate::l10n::heading(
        lang,
        crate::model::TitleKey::Contributors,
        crate::l10n::Term::AboutContributors,
        &[&article.titles, &resolved.ctx.issue.titles],
    );
    about_list(&mut w, Target::Html, 2, lang, heading, &entries);
    w.end("footer");
    w.end("body");
    w.end("html");
    // A writer fault is an emitter bug: it fails the emit rather than writing other HTML.
    let html = w
        .finish()
        .map_err(|fault| EmitError::Unwritable(format!("{fault}")))?;
    Ok(Emitted {
        bytes: html.into_bytes(),
        losses: Vec::new(),
        missing: Vec::new(),
    })
}

/// Standard base64 (RFC 4648) with padding, for `data:` URIs.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 {
            A[(n >> 6) as usize & 63] as char
        } else {
            '='
        });
        out.push(if chunk.len() > 2 {
            A[n as usize & 63] as char
        } else {
            '='
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_rfc4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
