//! MECA packages (NISO RP-30-2020, Manuscript Exchange Common Approach): a zip with
//! `manifest.xml` at its root listing every other file of the zip as an `item` with its
//! `item-type` and `media-type`: the JATS as `article-metadata`, the EPUB (the article as
//! readers read it) as `manuscript`, the TEI and the files the XML refers to as
//! `article-supporting-file` (a supplementary file by the media type the article states). No `transfer.xml`: it names the sending and the receiving
//! service and publication, and the YAML names no receiver (MECA makes it optional).

use crate::xml::XmlWriter;

/// The manifest's DOCTYPE: MECA's Manifest DTD 1.0 by its public identifier.
pub const MANIFEST_DOCTYPE: &str = "<!DOCTYPE manifest PUBLIC \"-//MECA//DTD Manifest v1.0//en\" \"https://meca.zip/manifest-1.0.dtd\">";

/// The name of the manifest inside the zip.
pub const MANIFEST: &str = "manifest.xml";

/// The media types the article states for files of its own (supplementary material: the
/// type given, else the one its extension names), by path.
pub type MediaTypes = std::collections::BTreeMap<String, String>;

/// The `item-type` and `media-type` of a payload file of the article `slug`: the outputs
/// by what they are, a file the article types by `media`, an image by its content, else
/// `application/octet-stream`.
fn item_type(slug: &str, name: &str, bytes: &[u8], media: &MediaTypes) -> (&'static str, String) {
    let typed = |t: &str| t.to_string();
    if name == format!("{slug}.jats.xml") {
        ("article-metadata", typed("application/xml"))
    } else if name == format!("{slug}.epub") {
        ("manuscript", typed("application/epub+zip"))
    } else if name == format!("{slug}.tei.xml") {
        ("article-supporting-file", typed("application/tei+xml"))
    } else if let Some(m) = media.get(name) {
        ("article-supporting-file", m.clone())
    } else {
        let sniffed = crate::asset::sniff_image(bytes).unwrap_or("application/octet-stream");
        ("article-supporting-file", typed(sniffed))
    }
}

/// The order of the manifest's items: the JATS, the EPUB, the TEI, then the rest by name.
fn rank(item_type: &str, media: &str) -> u8 {
    match (item_type, media) {
        ("article-metadata", _) => 0,
        ("manuscript", _) => 1,
        (_, "application/tei+xml") => 2,
        _ => 3,
    }
}

/// `manifest.xml` for the payload (path in the zip, bytes) of the article `slug`.
pub fn manifest(
    slug: &str,
    payload: &[(String, Vec<u8>)],
    media: &MediaTypes,
) -> Result<Vec<u8>, String> {
    let mut items: Vec<(u8, &str, &str, String)> = payload
        .iter()
        .map(|(name, bytes)| {
            let (t, m) = item_type(slug, name, bytes, media);
            (rank(t, &m), name.as_str(), t, m)
        })
        .collect();
    items.sort();
    let mut w = XmlWriter::new();
    w.declaration();
    w.raw(MANIFEST_DOCTYPE);
    w.raw("\n");
    w.open_block(
        "manifest",
        &[
            ("xmlns", "https://manuscriptexchange.org/schema/manifest"),
            ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
            ("manifest-version", "1"),
        ],
    );
    for (_, name, item_type, media_type) in items {
        w.open_block("item", &[("item-type", item_type)]);
        w.empty(
            "instance",
            &[("media-type", &media_type), ("xlink:href", name)],
        );
        w.end("item");
    }
    w.end("manifest");
    w.finish()
        .map(String::into_bytes)
        .map_err(|e| format!("cannot write manifest.xml: {e}"))
}

/// The MECA zip of the article `slug`: `manifest.xml` first, then the payload in the
/// manifest's order of names; XML deflated, the EPUB and images (compressed already)
/// stored; every entry dated 1980-01-01 00:00 (the zip format's first date, so that the
/// bytes depend on nothing but the files) with permissions 0644.
pub fn package(
    slug: &str,
    payload: &[(String, Vec<u8>)],
    media: &MediaTypes,
) -> Result<Vec<u8>, String> {
    let manifest = manifest(slug, payload, media)?;
    super::zip_of("MECA", (MANIFEST, &manifest), payload, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_lists_the_jats_first_and_every_file() {
        let payload = vec![
            (
                "images/a&b.png".to_string(),
                b"\x89PNG\r\n\x1a\nxxxx".to_vec(),
            ),
            ("s.tei.xml".to_string(), b"<TEI/>".to_vec()),
            ("s.jats.xml".to_string(), b"<article/>".to_vec()),
            ("s.epub".to_string(), b"PK".to_vec()),
            ("data/t.csv".to_string(), b"a,b".to_vec()),
        ];
        let media = MediaTypes::from([("data/t.csv".to_string(), "text/csv".to_string())]);
        let m = String::from_utf8(manifest("s", &payload, &media).unwrap()).unwrap();
        let jats = m.find("xlink:href=\"s.jats.xml\"").unwrap();
        let epub = m.find("xlink:href=\"s.epub\"").unwrap();
        let tei = m.find("xlink:href=\"s.tei.xml\"").unwrap();
        let image = m.find("xlink:href=\"images/a&amp;b.png\"").unwrap();
        assert!(jats < epub && epub < tei && tei < image, "{m}");
        assert!(m.contains("item-type=\"article-metadata\""));
        assert!(m.contains("media-type=\"image/png\""));
        assert!(
            m.contains("media-type=\"text/csv\" xlink:href=\"data/t.csv\""),
            "{m}"
        );
        let zip = package("s", &payload, &media).unwrap();
        assert_eq!(zip, package("s", &payload, &media).unwrap());
    }
}
