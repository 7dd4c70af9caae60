//! The zip container: entries in a fixed order with fixed metadata.

use std::io::{Cursor, Write};

use ::zip::write::SimpleFileOptions;
use ::zip::{CompressionMethod, DateTime, System, ZipArchive, ZipWriter};

use crate::emit::EmitError;

/// One entry of the package.
pub(super) enum Entry<'a> {
    /// Name, bytes, whether to deflate them.
    Write(String, &'a [u8], bool),
    /// Name, another zip, and the name of the entry copied from it as it is stored
    /// (compressed bytes, CRC, timestamp), without inflating and deflating it again.
    Copy(String, &'a [u8], &'a str),
}

/// Writes the zip: entries in the given order, `mimetype` first and stored, every
/// written entry with the same timestamp, Unix permissions 0644 and no extra fields.
pub(super) fn zip_entries(
    entries: &[Entry<'_>],
    time: DateTime,
    level: u8,
) -> Result<Vec<u8>, EmitError> {
    let err = |e: &dyn std::fmt::Display| {
        EmitError::Unwritable(format!("cannot write the EPUB zip: {e}"))
    };
    let mut z = ZipWriter::new(Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(time)
        .unix_permissions(0o644)
        .system(System::Unix);
    // The archives copied from, opened once each (keyed by address: the same article
    // EPUB serves all of its entries).
    let mut sources: Vec<(*const u8, ZipArchive<Cursor<&[u8]>>)> = Vec::new();
    for entry in entries {
        match entry {
            Entry::Write(name, bytes, compress) => {
                let opts = if *compress {
                    base.compression_method(CompressionMethod::Deflated)
                        .compression_level(Some(level.into()))
                } else {
                    base.compression_method(CompressionMethod::Stored)
                };
                z.start_file(name.as_str(), opts).map_err(|e| err(&e))?;
                z.write_all(bytes).map_err(|e| err(&e))?;
            }
            Entry::Copy(name, from, source_name) => {
                let key = from.as_ptr();
                let at = match sources.iter().position(|(k, _)| *k == key) {
                    Some(i) => i,
                    None => {
                        let archive = ZipArchive::new(Cursor::new(*from)).map_err(|e| err(&e))?;
                        sources.push((key, archive));
                        sources.len() - 1
                    }
                };
                let file = sources[at]
                    .1
                    .by_name_raw(source_name.as_bytes())
                    .map_err(|e| err(&format!("{source_name} of an article EPUB: {e}")))?;
                z.raw_copy_file_rename(file, name).map_err(|e| err(&e))?;
            }
        }
    }
    let cursor = z.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}
