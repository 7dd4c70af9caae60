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

pub mod editor;

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
        let mut v = s.to_value();
        editor::enrich(&mut v);
        v
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
    let mut config_schema = generate::<crate::config::Config>().to_value();
    editor::enrich(&mut config_schema);
    let mut config = serde_json::to_string_pretty(&config_schema).unwrap_or_default();
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

/// Where `galley schema --issue DIR` writes the issue's article schema, relative to DIR;
/// an article's modeline points at it with `$schema=../.galley/article.schema.json`.
pub const ISSUE_SCHEMA_PATH: &str = ".galley/article.schema.json";

/// Writes `DIR/.galley/article.schema.json`: the article schema with the contributor ids
/// of `DIR/contributors.yaml` as the values `contributor:` accepts. Returns the path, or
/// a message saying why the file could not be read or written.
pub fn write_issue_schema(dir: &Path) -> Result<std::path::PathBuf, String> {
    let file = dir.join("contributors.yaml");
    let doc = crate::yaml::load_file(&file, &crate::yaml::Limits::default()).map_err(|d| {
        let first = d.first().map(|d| d.message.clone()).unwrap_or_default();
        format!("cannot read {}: {first}", file.display())
    })?;
    let people = contributor_ids(&doc.to_json());
    let schema = editor::issue_article_schema(FileKind::Article.schema(), &people);
    let path = dir.join(ISSUE_SCHEMA_PATH);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    }
    std::fs::write(&path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    Ok(path)
}

/// The ids and printed names of the people in a `contributors.yaml` read as JSON, in
/// their order; entries without a text id are skipped (validation reports them).
pub fn contributor_ids(file: &Value) -> Vec<(String, String)> {
    let Some(list) = file.get("contributors").and_then(Value::as_array) else {
        return Vec::new();
    };
    list.iter()
        .filter_map(|c| {
            let id = c.get("id")?.as_str()?.to_string();
            let part = |k: &str| {
                c.pointer(&format!("/name/{k}"))
                    .and_then(Value::as_str)
                    .unwrap_or("")
            };
            let family_first =
                c.pointer("/name/order").and_then(Value::as_str) == Some("family-first");
            let (a, b) = if family_first {
                (part("family"), part("given"))
            } else {
                (part("given"), part("family"))
            };
            let name = [a, b]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" ");
            Some((id, name))
        })
        .collect()
}
