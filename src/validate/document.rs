//! Loading a file: YAML → JSON Schema check → typed value, and when the file has
//! errors, a best-effort reading of what is left so that the semantic checks still run.

use std::path::Path;

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::Checked;
use super::schema_errors::schema_diagnostics;
use super::text::check_characters;
use crate::diag::{Diagnostic, Severity};
use crate::schema::FileKind;
use crate::yaml::{self, Document, Limits};

/// Loads a YAML file and checks it against its schema, then deserializes it.
///
/// Returns `None` only when the YAML itself cannot be read or no best-effort reading
/// fits the model; otherwise a [`Checked`] whose `clean` says whether it had errors.
pub fn load_checked<T: DeserializeOwned>(
    path: &Path,
    kind: FileKind,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Checked<T>> {
    match yaml::load_file(path, limits) {
        Ok(doc) => check_document(doc, kind, diags),
        Err(errs) => {
            diags.extend(errs);
            None
        }
    }
}

/// [`load_checked`] for bytes already in memory (`path` names them in diagnostics).
pub fn load_checked_bytes<T: DeserializeOwned>(
    path: &Path,
    bytes: &[u8],
    kind: FileKind,
    limits: &Limits,
    diags: &mut Vec<Diagnostic>,
) -> Option<Checked<T>> {
    match yaml::load_bytes(path, bytes, limits) {
        Ok(doc) => check_document(doc, kind, diags),
        Err(errs) => {
            diags.extend(errs);
            None
        }
    }
}

/// Checks a loaded document against its schema and deserializes it; see [`load_checked`].
pub fn check_document<T: DeserializeOwned>(
    mut doc: Document,
    kind: FileKind,
    diags: &mut Vec<Diagnostic>,
) -> Option<Checked<T>> {
    let path = doc.path.clone();
    let path = path.as_path();
    let before = diags.len();
    diags.append(&mut doc.diagnostics);
    let json = doc.to_json();
    check_characters(&doc, &json, "", diags);
    let prunes = schema_diagnostics(&doc, kind, &json, diags);
    let clean = !diags[before..]
        .iter()
        .any(|d| d.severity == Severity::Error);
    if clean {
        return match serde_json::from_value::<T>(json) {
            Ok(value) => Some(Checked {
                doc,
                value,
                clean,
                pruned: Vec::new(),
            }),
            Err(e) => {
                diags.push(
                    Diagnostic::error(
                        "internal.model",
                        format!("the file passed the schema but does not fit the model: {e}"),
                    )
                    .in_file(path)
                    .hint("this is a bug in galley: the schema and the model disagree; please report it"),
                );
                None
            }
        };
    }
    // First the finest reading (drop just the values with errors), then a coarser one.
    for coarse in [false, true] {
        let mut attempt = json.clone();
        let pruned = prune(&mut attempt, kind, &prunes, coarse);
        if let Ok(value) = serde_json::from_value::<T>(attempt) {
            return Some(Checked {
                doc,
                value,
                clean,
                pruned,
            });
        }
    }
    None
}

/// Neutral stand-ins for required top-level keys, for best-effort readings only.
fn neutral(kind: FileKind, key: &str) -> Option<Value> {
    use serde_json::json;
    Some(match (kind, key) {
        (FileKind::Article, "type") => json!("other"),
        (FileKind::Article, "lang") => json!("en"),
        (FileKind::Article, "title") => json!("untitled"),
        (FileKind::Article, "contributors" | "body") => json!([]),
        (FileKind::Contributors, "contributors") => json!([]),
        (FileKind::Issue, "journal") => json!({"title": "untitled"}),
        _ => return None,
    })
}

/// A key as a JSON pointer segment.
pub(super) fn escape(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A JSON pointer segment as the key it names.
fn unescape(seg: &str) -> String {
    seg.replace("~1", "/").replace("~0", "~")
}

/// Removes what the schema objected to. Fine: the values themselves, where they are
/// object members. Coarse: the whole top-level key holding each error (with a neutral
/// stand-in if the key is required). Returns the pointers changed.
fn prune(json: &mut Value, kind: FileKind, prunes: &[Prune], coarse: bool) -> Vec<String> {
    let mut changed = Vec::new();
    let remove = |json: &mut Value, ptr: &str, changed: &mut Vec<String>| {
        let Some((parent, key)) = ptr.rsplit_once('/') else {
            return;
        };
        if let Some(Value::Object(m)) = json.pointer_mut(parent)
            && m.remove(&unescape(key)).is_some()
        {
            changed.push(ptr.to_string());
        }
    };
    for p in prunes {
        let (Prune::Unknown(ptr) | Prune::Bad(ptr) | Prune::Missing(ptr, _)) = p;
        match p {
            Prune::Unknown(_) => remove(json, ptr, &mut changed),
            _ if !coarse => {
                if let Prune::Bad(_) = p {
                    remove(json, ptr, &mut changed);
                }
            }
            _ => {
                let top = match p {
                    Prune::Missing(obj, key) if obj.is_empty() => key.clone(),
                    _ => unescape(ptr.trim_start_matches('/').split('/').next().unwrap_or("")),
                };
                if let Value::Object(m) = json {
                    match neutral(kind, &top) {
                        Some(v) => {
                            m.insert(top.clone(), v);
                        }
                        None => {
                            m.remove(&top);
                        }
                    }
                    changed.push(format!("/{top}"));
                }
            }
        }
    }
    changed
}

/// A schema error's place, for best-effort readings.
pub(super) enum Prune {
    /// An unknown key: always removed.
    Unknown(String),
    /// A value with an error.
    Bad(String),
    /// A required key missing from the object at this pointer.
    Missing(String, String),
}
