//! BagIt bags (RFC 8493, BagIt 1.0): a payload under `data/` with its SHA-256 and
//! SHA-512 manifests, the tag files `bagit.txt` and `bag-info.txt`, and tag manifests
//! over them. Everything in a bag is derived from its payload and the facts given, so
//! the same inputs give the same bytes (no clock, no host name).

use sha2::{Digest, Sha256, Sha512};

/// The facts `bag-info.txt` records besides the payload's size (RFC 8493 §2.2.2).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BagInfo {
    /// `Source-Organization`: the publisher, when the issue states one.
    pub source_organization: Option<String>,
    /// `External-Identifier`: the DOI of the article (or of the issue), when stated.
    pub external_identifier: Option<String>,
    /// `Bagging-Date` (`YYYY-MM-DD`): from the article or issue date, or
    /// `SOURCE_DATE_EPOCH`; never the clock.
    pub bagging_date: Option<String>,
    /// `Bag-Group-Identifier`: the issue an article's bag belongs to.
    pub group: Option<String>,
}

/// The `Bag-Software-Agent` of every bag galley makes.
pub fn software_agent() -> String {
    format!("galley {}", env!("CARGO_PKG_VERSION"))
}

/// The files of a bag (path inside the bag, bytes) holding `payload` (paths relative to
/// `data/`), sorted by path: `bagit.txt`, `bag-info.txt`, the payload, the manifests and
/// the tag manifests.
pub fn bag(payload: &[(String, Vec<u8>)], info: &BagInfo) -> Vec<(String, Vec<u8>)> {
    let mut payload: Vec<(String, &[u8])> = payload
        .iter()
        .map(|(p, b)| (format!("data/{p}"), b.as_slice()))
        .collect();
    payload.sort_by(|a, b| a.0.cmp(&b.0));
    let octets: u64 = payload.iter().map(|(_, b)| b.len() as u64).sum();
    let bagit = b"BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n".to_vec();
    let bag_info = bag_info(info, octets, payload.len()).into_bytes();
    let manifest_256 = manifest::<Sha256>(&payload);
    let manifest_512 = manifest::<Sha512>(&payload);
    let tags: Vec<(String, &[u8])> = vec![
        ("bag-info.txt".into(), &bag_info),
        ("bagit.txt".into(), &bagit),
        ("manifest-sha256.txt".into(), &manifest_256),
        ("manifest-sha512.txt".into(), &manifest_512),
    ];
    let tag_256 = manifest::<Sha256>(&tags);
    let tag_512 = manifest::<Sha512>(&tags);
    let mut files: Vec<(String, Vec<u8>)> = tags
        .iter()
        .map(|(p, b)| (p.clone(), b.to_vec()))
        .chain(payload.iter().map(|(p, b)| (p.clone(), b.to_vec())))
        .collect();
    files.push(("tagmanifest-sha256.txt".into(), tag_256));
    files.push(("tagmanifest-sha512.txt".into(), tag_512));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// `bag-info.txt`: one `Label: value` line per fact known, in the order RFC 8493 §2.2.2
/// lists the labels, `Payload-Oxum` (octets.streams) always.
fn bag_info(info: &BagInfo, octets: u64, streams: usize) -> String {
    let fields = [
        ("Source-Organization", info.source_organization.clone()),
        ("External-Identifier", info.external_identifier.clone()),
        ("Bagging-Date", info.bagging_date.clone()),
        ("Payload-Oxum", Some(format!("{octets}.{streams}"))),
        ("Bag-Group-Identifier", info.group.clone()),
        ("Bag-Software-Agent", Some(software_agent())),
    ];
    let mut out = String::new();
    for (label, value) in fields {
        if let Some(v) = value {
            out.push_str(label);
            out.push_str(": ");
            out.push_str(&folded(&v));
            out.push('\n');
        }
    }
    out
}

/// A value on one logical line: a line break inside it continues on a line that starts
/// with a space (RFC 8493 §2.2.2), so the words are kept as written.
fn folded(value: &str) -> String {
    value
        .lines()
        .map(str::trim_end)
        .collect::<Vec<_>>()
        .join("\n ")
}

/// Lower-case hexadecimal, as manifests write checksums.
fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A manifest: one `checksum path` line per file, in the files' order, the path with
/// `%`, CR and LF percent-encoded (RFC 8493 §2.1.3).
fn manifest<D: Digest>(files: &[(String, &[u8])]) -> Vec<u8> {
    let mut out = String::new();
    for (path, bytes) in files {
        let sum = hex(&D::digest(bytes));
        let path = path
            .replace('%', "%25")
            .replace('\r', "%0D")
            .replace('\n', "%0A");
        out.push_str(&format!("{sum}  {path}\n"));
    }
    out.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text<'a>(files: &'a [(String, Vec<u8>)], name: &str) -> &'a str {
        let (_, b) = files.iter().find(|(n, _)| n == name).unwrap();
        std::str::from_utf8(b).unwrap()
    }

    #[test]
    fn a_bag_lists_its_payload_and_tag_files_with_their_sums() {
        let payload = vec![
            ("b.xml".to_string(), b"<b/>".to_vec()),
            ("images/a 100%.png".to_string(), b"png".to_vec()),
        ];
        let info = BagInfo {
            source_organization: Some("Example Press\nBeijing".into()),
            external_identifier: Some("10.1234/x".into()),
            bagging_date: Some("1996-03-12".into()),
            group: None,
        };
        let files = bag(&payload, &info);
        let names: Vec<&str> = files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(
            names,
            [
                "bag-info.txt",
                "bagit.txt",
                "data/b.xml",
                "data/images/a 100%.png",
                "manifest-sha256.txt",
                "manifest-sha512.txt",
                "tagmanifest-sha256.txt",
                "tagmanifest-sha512.txt"
            ]
        );
        let m = text(&files, "manifest-sha256.txt");
        assert!(m.contains("  data/images/a 100%25.png\n"), "{m}");
        assert!(m.starts_with(&format!("{}  data/b.xml\n", hex(&Sha256::digest(b"<b/>")))));
        let i = text(&files, "bag-info.txt");
        assert!(
            i.starts_with("Source-Organization: Example Press\n Beijing\n"),
            "{i}"
        );
        assert!(i.contains("Payload-Oxum: 7.2\n"), "{i}");
        assert!(i.contains("Bagging-Date: 1996-03-12\n"));
        assert!(text(&files, "tagmanifest-sha512.txt").contains("  bag-info.txt\n"));
        assert_eq!(bag(&payload, &info), files, "the same bytes again");
    }
}
