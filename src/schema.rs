//! The JSON Schemas (draft 2020-12) of the three input files and of `galley.toml`,
//! generated from the model types so that the schemas and the code cannot drift apart.
//! `galley schema DIR` writes them; a test checks that the committed `schemas/` equal
//! what this module generates.

use std::path::Path;

use schemars::generate::SchemaSettings;
use schemars::transform::{Transform, transform_subschemas};
use schemars::{JsonSchema, Schema};
use serde_json::Value;

use crate::model::{Article, ContributorsFile, IssueFile};

/// The kinds of input file, each with its own schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `issue.yaml`.
    Issue,
    /// `contributors.yaml`.
    Contributors,
    /// `<slug>/article.yaml`.
    Article,
}

impl FileKind {
    /// Every kind, in the order the schemas are written.
    pub const ALL: [FileKind; 3] = [FileKind::Issue, FileKind::Contributors, FileKind::Article];

    /// The schema's file name in `schemas/`.
    pub fn schema_file(self) -> &'static str {
        match self {
            FileKind::Issue => "issue.schema.json",
            FileKind::Contributors => "contributors.schema.json",
            FileKind::Article => "article.schema.json",
        }
    }

    /// The generated schema.
    pub fn schema(self) -> Value {
        let s = match self {
            FileKind::Issue => generate::<IssueFile>(),
            FileKind::Contributors => generate::<ContributorsFile>(),
            FileKind::Article => generate::<Article>(),
        };
        s.to_value()
    }
}

/// Removes `null` from every schema: in galley's YAML an absent value is left out, never
/// written as `~` or an empty key, so `doi:` with nothing after it is an error.
#[derive(Clone)]
struct NoNull;

impl Transform for NoNull {
    fn transform(&mut self, schema: &mut Schema) {
        transform_subschemas(self, schema);
        let Some(obj) = schema.as_object_mut() else {
            return;
        };
        if let Some(Value::Array(types)) = obj.get_mut("type") {
            types.retain(|t| t != "null");
            if types.len() == 1 {
                let only = types[0].clone();
                obj.insert("type".into(), only);
            }
        }
        for key in ["anyOf", "oneOf"] {
            let mut collapse = None;
            if let Some(Value::Array(alts)) = obj.get_mut(key) {
                alts.retain(|a| a.get("type") != Some(&Value::String("null".into())));
                if alts.len() == 1 {
                    collapse = Some(alts.remove(0));
                }
            }
            if let Some(Value::Object(only)) = collapse {
                obj.remove(key);
                for (k, v) in only {
                    obj.entry(k).or_insert(v);
                }
            }
        }
    }
}

fn generate<T: JsonSchema>() -> Schema {
    SchemaSettings::draft2020_12()
        .with_transform(NoNull)
        .into_generator()
        .into_root_schema_for::<T>()
}

/// The text of a schema file: pretty JSON with a final newline.
pub fn schema_text(kind: FileKind) -> String {
    let mut s = serde_json::to_string_pretty(&kind.schema()).unwrap_or_default();
    s.push('\n');
    s
}

/// The file name of `galley.toml`'s schema in `schemas/` (for editors with a TOML
/// language server, such as Taplo or Even Better TOML).
pub const CONFIG_SCHEMA_FILE: &str = "galley-toml.schema.json";

/// Every schema file: its name and its text (the three input files', then
/// `galley.toml`'s).
pub fn schema_files() -> Vec<(&'static str, String)> {
    let mut files: Vec<(&'static str, String)> = FileKind::ALL
        .iter()
        .map(|&k| (k.schema_file(), schema_text(k)))
        .collect();
    let mut config = serde_json::to_string_pretty(&generate::<crate::config::Config>().to_value())
        .unwrap_or_default();
    config.push('\n');
    files.push((CONFIG_SCHEMA_FILE, config));
    files
}

/// Writes every schema into `dir`, creating it if needed.
pub fn write_schemas(dir: &Path) -> std::io::Result<Vec<std::path::PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    for (name, text) in schema_files() {
        let path = dir.join(name);
        std::fs::write(&path, text)?;
        written.push(path);
    }
    Ok(written)
}
