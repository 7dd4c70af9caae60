//! The YAML writer of the importer: model values (`serde::Serialize`) as YAML in the key
//! order of the model, with `# galley: not imported: …` comments at given places.
