//! The zip container: entries in a fixed order with fixed metadata.

use std::io::Write;

use crate::emit::EmitError;

/// Writes the zip: entries in the given order, `mimetype` first and stored, every entry
/// with the same timestamp, Unix permissions 0644 and no extra fields.
pub(super) fn zip_entries(
    entries: &[(String, &[u8], bool)],
    time: zip::DateTime,
    level: u8,
) -> Result<Vec<u8>, EmitError> {
    use zip::write::SimpleFileOptions;
    let err = |e: &dyn std::fmt::Display| {
        EmitError::Unwritable(format!("cannot write the EPUB zip: {e}"))
    };
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let base = SimpleFileOptions::default()
        .last_modified_time(time)
        .unix_permissions(0o644)
        .system(zip::System::Unix);
    for (name, bytes, compress) in entries {
        let opts = if *compress {
            base.compression_method(zip::CompressionMethod::Deflated)
                .compression_level(Some(level.into()))
        } else {
            base.compression_method(zip::CompressionMethod::Stored)
        };
        z.start_file(name.as_str(), opts).map_err(|e| err(&e))?;
        z.write_all(bytes).map_err(|e| err(&e))?;
    }
    let cursor = z.finish().map_err(|e| err(&e))?;
    Ok(cursor.into_inner())
}
