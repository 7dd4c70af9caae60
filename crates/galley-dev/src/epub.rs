//! Reading an EPUB package back: its entries in zip order, and the structural check every
//! package must pass.

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use crate::xml::{check_xml, parse};

/// An unzipped EPUB: the raw bytes, the entry names in zip order and each entry's bytes.
#[derive(Debug, Clone)]
pub struct Epub {
    /// The package as written.
    pub raw: Vec<u8>,
    /// The entries' names, in the order they stand in the zip.
    pub names: Vec<String>,
    /// The entries' (inflated) bytes by name.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Epub {
    /// Unzips a package.
    pub fn read(raw: Vec<u8>) -> Result<Epub, String> {
        let mut zip =
            zip::ZipArchive::new(Cursor::new(&raw)).map_err(|e| format!("not a zip: {e}"))?;
        let mut names = Vec::new();
        let mut files = BTreeMap::new();
        for i in 0..zip.len() {
            let mut f = zip.by_index(i).map_err(|e| e.to_string())?;
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).map_err(|e| e.to_string())?;
            let name = f.name().map_err(|e| e.to_string())?.to_string();
            names.push(name.clone());
            files.insert(name, bytes);
        }
        drop(zip);
        Ok(Epub { raw, names, files })
    }

    /// Reads and unzips the package at `path`; panics if it cannot.
    pub fn open(path: &Path) -> Epub {
        let raw =
            std::fs::read(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
        Epub::read(raw).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }

    /// An entry as UTF-8 text; panics if there is no such entry.
    pub fn text(&self, name: &str) -> String {
        let bytes = self
            .files
            .get(name)
            .unwrap_or_else(|| panic!("no {name} in the EPUB"));
        String::from_utf8(bytes.clone()).unwrap_or_else(|e| panic!("{name}: {e}"))
    }

    /// The package document, `EPUB/package.opf`.
    pub fn opf(&self) -> String {
        self.text("EPUB/package.opf")
    }

    /// The XHTML entries (content documents and the navigation document), in zip order.
    pub fn xhtml(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.names
            .iter()
            .filter(|n| n.ends_with(".xhtml"))
            .map(|n| (n.as_str(), self.files[n].as_slice()))
    }
}

/// Checks an EPUB's structure: `mimetype` first and stored, the container pointing at a
/// package document, every manifest item present, every spine item in the manifest,
/// every XML entry well-formed.
pub fn check_epub(bytes: &[u8]) -> Result<(), String> {
    {
        let mut zip =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a zip: {e}"))?;
        let first = zip.by_index(0).map_err(|e| e.to_string())?;
        let name = first.name().map_err(|e| e.to_string())?;
        if name != "mimetype" || first.compression() != zip::CompressionMethod::Stored {
            return Err("the first entry must be `mimetype`, stored".into());
        }
    }
    let entries = Epub::read(bytes.to_vec())?.files;
    if entries.get("mimetype").map(Vec::as_slice) != Some(b"application/epub+zip") {
        return Err("wrong mimetype".into());
    }
    for (name, data) in &entries {
        if name.ends_with(".xhtml")
            || name.ends_with(".opf")
            || name.ends_with(".xml")
            || name.ends_with(".ncx")
        {
            check_xml(data).map_err(|e| format!("{name}: {e}"))?;
        }
    }
    let container = entries
        .get("META-INF/container.xml")
        .ok_or("no META-INF/container.xml")?;
    let container = std::str::from_utf8(container).map_err(|e| e.to_string())?;
    let doc = parse(container).map_err(|e| e.to_string())?;
    let opf_path = doc
        .descendants()
        .find(|n| n.has_tag_name("rootfile"))
        .and_then(|n| n.attribute("full-path"))
        .ok_or("container names no rootfile")?
        .to_string();
    let opf = entries
        .get(&opf_path)
        .ok_or("the package document is missing")?;
    let opf = std::str::from_utf8(opf).map_err(|e| e.to_string())?;
    let doc = parse(opf).map_err(|e| e.to_string())?;
    let base = opf_path.rsplit_once('/').map_or("", |(d, _)| d);
    let mut ids = Vec::new();
    for item in doc.descendants().filter(|n| n.has_tag_name("item")) {
        let href = item.attribute("href").ok_or("item without href")?;
        let full = if base.is_empty() {
            href.to_string()
        } else {
            format!("{base}/{href}")
        };
        if !entries.contains_key(&full) {
            return Err(format!("manifest item {full} is not in the zip"));
        }
        ids.push(item.attribute("id").unwrap_or_default().to_string());
    }
    let spine: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("itemref"))
        .map(|n| n.attribute("idref").unwrap_or_default())
        .collect();
    if let Some(idref) = spine.iter().find(|idref| !ids.iter().any(|i| i == *idref)) {
        return Err(format!("spine item {idref} is not in the manifest"));
    }
    if spine.is_empty() {
        return Err("empty spine".into());
    }
    Ok(())
}
