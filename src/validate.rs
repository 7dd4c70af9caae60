//! Stage 2, validate: a loaded [`Document`] → JSON Schema check → typed model →
//! semantic checks (ids, cross-references, assets, characters XML forbids). Every
//! problem found becomes a [`Diagnostic`] with its position; nothing stops at the first.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::Path;
use std::sync::OnceLock;

use jsonschema::error::ValidationErrorKind;
use jsonschema::{ValidationError, Validator};
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::diag::{Diagnostic, Severity, Span, did_you_mean};
use crate::inline::{self, Inline};
use crate::model::{
    Article, Block, ContributorsFile, IssueFile, PartialDate, Role, Text, for_each_text,
    walk_blocks,
};
use crate::schema::FileKind;
use crate::xml::xml_char_ok;
use crate::yaml::{self, Document, Limits};

/// A loaded file: its document (for positions) and its typed value.
#[derive(Debug, Clone)]
pub struct Checked<T> {
    /// The YAML as loaded, with positions.
    pub doc: Document,
    /// The typed value. When the file has schema errors this is a best-effort reading
    /// (the values with errors left out, required ones given neutral stand-ins) so that
    /// the semantic checks still run and every problem is reported in one go; such a
    /// value is never converted.
    pub value: T,
    /// Whether the file had no errors at all.
    pub clean: bool,
    /// Pointers of the values a best-effort reading left out or replaced.
    pub pruned: Vec<String>,
}

impl<T> Checked<T> {
    /// Whether the best-effort reading changed anything at or under `pointer` (or one
    /// of its parents): checks for something *missing* there would be unsound.
    pub fn touched(&self, pointer: &str) -> bool {
        self.pruned.iter().any(|p| {
            let within = |a: &str, b: &str| a == b || a.starts_with(&format!("{b}/"));
            within(p, pointer) || within(pointer, p)
        })
    }
}

/// A schema error's place, for best-effort readings.
enum Prune {
    /// An unknown key: always removed.
    Unknown(String),
    /// A value with an error.
    Bad(String),
    /// A required key missing from the object at this pointer.
    Missing(String, String),
}

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

fn validator(kind: FileKind) -> &'static Validator {
    static CELLS: [OnceLock<Validator>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let i = kind as usize;
    CELLS[i].get_or_init(|| {
        // A base URI makes the validator report absolute keyword locations, through which
        // a diagnostic finds the subschema it came from (for its title and keys).
        jsonschema::draft202012::options()
            .with_base_uri(format!("galley:///{}", kind.schema_file()))
            .with_format(PartialDate::FORMAT, |s| {
                PartialDate::calendar_problem(s).is_none()
            })
            .should_validate_formats(true)
            .build(&kind.schema())
            .expect("generated schemas are valid JSON Schema")
    })
}

fn schema_of(kind: FileKind) -> &'static Value {
    static CELLS: [OnceLock<Value>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    CELLS[kind as usize].get_or_init(|| kind.schema())
}

/// Runs the JSON Schema and turns each error into a diagnostic at the right place.
/// Returns what a best-effort reading must leave out.
fn schema_diagnostics(
    doc: &Document,
    kind: FileKind,
    json: &Value,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Prune> {
    let errors: Vec<ValidationError<'static>> = validator(kind)
        .iter_errors(json)
        .map(|e| e.to_owned())
        .collect();
    let mut out = Vec::new();
    let mut prunes = Vec::new();
    for e in &errors {
        convert(doc, kind, e, &mut out);
        let path = e.instance_path().to_string();
        match e.kind() {
            ValidationErrorKind::AdditionalProperties { unexpected } => {
                for k in unexpected {
                    prunes.push(Prune::Unknown(format!(
                        "{path}/{}",
                        k.replace('~', "~0").replace('/', "~1")
                    )));
                }
            }
            ValidationErrorKind::Required { property } => {
                prunes.push(Prune::Missing(
                    path,
                    property.as_str().unwrap_or_default().to_string(),
                ));
            }
            _ => prunes.push(Prune::Bad(path)),
        }
    }
    // One diagnostic per place and code is enough.
    let mut seen = BTreeSet::new();
    for d in out {
        let key = (d.pointer.clone(), d.code.clone(), d.message.clone());
        if seen.insert(key) {
            diags.push(d);
        }
    }
    prunes
}

/// The subschema that a keyword location points into (its parent object).
fn keyword_parent<'a>(kind: FileKind, e: &ValidationError<'_>) -> Option<&'a Value> {
    let loc = e.absolute_keyword_location()?;
    let frag = loc.fragment()?.as_str();
    let frag = frag.rsplit_once('/')?.0;
    schema_of(kind).pointer(frag)
}

/// "the file", "`source`", "item 1 of `contributors`".
fn describe_place(pointer: &str) -> String {
    let mut parts = pointer.rsplit('/');
    match (parts.next(), parts.next()) {
        (None | Some(""), _) => "the file".to_string(),
        (Some(last), parent) => match last.parse::<usize>() {
            Ok(i) => format!("item {} of `{}`", i + 1, parent.unwrap_or("")),
            Err(_) => format!("`{last}`"),
        },
    }
}

fn describe(v: &Value) -> &'static str {
    match v {
        Value::Null => "nothing (null)",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "a mapping",
    }
}

fn convert(doc: &Document, kind: FileKind, e: &ValidationError<'_>, out: &mut Vec<Diagnostic>) {
    let pointer = e.instance_path().to_string();
    let located = doc.locate(&pointer);
    let value_span = located
        .map(|l| l.value)
        .or_else(|| doc.span_or_parent(&pointer));
    let key_span = located.and_then(|l| l.key).or(value_span);
    let base = |code: &str, msg: String| {
        Diagnostic::error(code, msg)
            .in_file(&doc.path)
            .pointer(pointer.clone())
    };
    let field = pointer.rsplit('/').next().unwrap_or("");
    let instance = e.instance();
    match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let allowed: Vec<String> = keyword_parent(kind, e)
                .and_then(|s| s.get("properties"))
                .and_then(Value::as_object)
                .map(|m| m.keys().cloned().collect())
                .unwrap_or_default();
            for key in unexpected {
                let p = format!("{pointer}/{}", key.replace('~', "~0").replace('/', "~1"));
                let span = doc.locate(&p).and_then(|l| l.key).or(value_span);
                let hint = match did_you_mean(key, allowed.iter().map(String::as_str)) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None if allowed.is_empty() => "remove this key".to_string(),
                    None => format!("the keys allowed here are: {}", allowed.join(", ")),
                };
                out.push(
                    Diagnostic::error("schema.unknown-key", format!("unknown key `{key}`"))
                        .in_file(&doc.path)
                        .pointer(p)
                        .at(span)
                        .hint(hint),
                );
            }
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or("?");
            let what = describe_place(&pointer);
            out.push(
                base(
                    "schema.required",
                    format!("missing required key `{name}` in {what}"),
                )
                .at(key_span)
                .hint(format!("add `{name}:` here")),
            );
        }
        ValidationErrorKind::Type { kind: expected } => {
            let expected = format!("{expected:?}")
                .to_lowercase()
                .replace("single(", "")
                .replace("multiple(", "")
                .replace(')', "");
            let hint = match (instance.as_ref(), expected.as_str()) {
                (Value::Null, _) => "give a value, or remove the key altogether".to_string(),
                (Value::Number(_) | Value::Bool(_), s) if s.contains("string") => {
                    "quote the value to make it text: \"…\"".to_string()
                }
                (Value::String(s), e) if e.contains("integer") || e.contains("number") => {
                    format!("write `{s}` as a plain decimal number, without quotes")
                }
                (Value::Object(_), e) if e.contains("string") => {
                    "put the text in quotes: unquoted, YAML reads a `: ` inside it as a key"
                        .to_string()
                }
                (Value::String(_), e) if e.contains("array") => {
                    "write a list: put `- ` before each item on its own line".to_string()
                }
                _ => format!(
                    "write {} here",
                    expected
                        .replace("object", "a mapping")
                        .replace("array", "a list")
                ),
            };
            let expected_words = expected
                .replace("object", "mapping")
                .replace("array", "list");
            // An empty value has no extent of its own: point at its key.
            let span = if instance.is_null() {
                key_span
            } else {
                value_span
            };
            out.push(
                base(
                    "schema.type",
                    format!("expected {expected_words}, found {}", describe(instance)),
                )
                .at(span)
                .hint(hint),
            );
        }
        ValidationErrorKind::Enum { options } => {
            let opts: Vec<&str> = options
                .as_array()
                .map(|a| a.iter().filter_map(Value::as_str).collect())
                .unwrap_or_default();
            let got = instance.as_str().unwrap_or("");
            let hint = match did_you_mean(got, opts.iter().copied()) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("one of: {}", opts.join(", ")),
            };
            out.push(
                base(
                    "schema.enum",
                    format!("`{}` is not an allowed value", short(instance)),
                )
                .at(value_span)
                .hint(hint),
            );
        }
        ValidationErrorKind::Constant { .. } => {
            out.push(
                base(
                    "schema.enum",
                    format!("`{}` is not allowed here", short(instance)),
                )
                .at(value_span),
            );
        }
        ValidationErrorKind::Pattern { .. } => {
            let sub = keyword_parent(kind, e);
            let title = sub
                .and_then(|s| s.get("title"))
                .and_then(Value::as_str)
                .unwrap_or("the expected format");
            let desc = sub
                .and_then(|s| s.get("description"))
                .and_then(Value::as_str);
            let mut d = base(
                "schema.pattern",
                format!(
                    "`{}` is not a valid {}",
                    short(instance),
                    title.to_lowercase()
                ),
            )
            .at(value_span);
            if let Some(desc) = desc {
                d = d.hint(desc.to_string());
            }
            out.push(d);
        }
        ValidationErrorKind::Format { format } if format == PartialDate::FORMAT => {
            let text = instance.as_str().unwrap_or_default();
            let why = PartialDate::calendar_problem(text).unwrap_or_default();
            out.push(
                base(
                    "date.impossible",
                    format!("`{text}` is not a date of the calendar: {why}"),
                )
                .at(value_span)
                .hint("write the date as the source prints it; if the source gives no day (or month), leave it out: '2021-02' or '2021'"),
            );
        }
        ValidationErrorKind::MinLength { .. } => {
            out.push(
                base("schema.empty", format!("`{field}` is empty"))
                    .at(value_span)
                    .hint("give a value, or remove the key"),
            );
        }
        ValidationErrorKind::MinItems { limit } => {
            out.push(
                base(
                    "schema.min-items",
                    format!("`{field}` needs at least {limit} item(s)"),
                )
                .at(value_span),
            );
        }
        ValidationErrorKind::Minimum { .. } | ValidationErrorKind::Maximum { .. } => {
            out.push(base("schema.range", e.to_string()).at(value_span));
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            one_of(doc, kind, e, context, &pointer, key_span, out);
        }
        _ => out.push(base("schema.invalid", e.to_string()).at(value_span)),
    }
}

/// A value matched none of the alternatives (an enum variant, say). Reports the errors
/// of the alternative that came closest; if none came close (the mapping's key names no
/// variant at all), says which keys are possible.
fn one_of(
    doc: &Document,
    kind: FileKind,
    e: &ValidationError<'_>,
    context: &[Vec<ValidationError<'static>>],
    pointer: &str,
    key_span: Option<Span>,
    out: &mut Vec<Diagnostic>,
) {
    let instance = e.instance();
    // "Wrong alternative" errors sit at the value itself: a missing or unknown key, a wrong type.
    let at_top = |err: &ValidationError<'_>| {
        err.instance_path().to_string() == pointer
            && matches!(
                err.kind(),
                ValidationErrorKind::Required { .. }
                    | ValidationErrorKind::AdditionalProperties { .. }
                    | ValidationErrorKind::Type { .. }
                    | ValidationErrorKind::Constant { .. }
                    | ValidationErrorKind::Enum { .. }
            )
    };
    let best = context
        .iter()
        .filter(|errs| !errs.is_empty() && !errs.iter().any(at_top))
        .min_by_key(|errs| errs.len());
    if let Some(errs) = best {
        for err in errs {
            convert(doc, kind, err, out);
        }
        return;
    }
    // No alternative came close: list what each wanted.
    let mut names = Vec::new();
    for errs in context {
        for err in errs {
            if let ValidationErrorKind::Required { property } = err.kind()
                && let Some(p) = property.as_str()
            {
                names.push(p.to_string());
            }
            if let ValidationErrorKind::Constant { expected_value } = err.kind()
                && let Some(p) = expected_value.as_str()
            {
                names.push(p.to_string());
            }
        }
    }
    names.dedup();
    let all_const = context.iter().all(|errs| {
        errs.iter()
            .any(|e| matches!(e.kind(), ValidationErrorKind::Constant { .. }))
    });
    if all_const && !names.is_empty() {
        let got = instance.as_str().unwrap_or_default();
        let hint = match did_you_mean(got, names.iter().map(String::as_str)) {
            Some(m) => format!("did you mean `{m}`?"),
            None => format!("one of: {}", names.join(", ")),
        };
        out.push(
            Diagnostic::error(
                "schema.enum",
                format!("`{}` is not an allowed value", short(instance)),
            )
            .in_file(&doc.path)
            .pointer(pointer.to_string())
            .at(doc.locate(pointer).map(|l| l.value))
            .hint(hint),
        );
        return;
    }
    let (code, msg, span, hint) = match instance.as_ref() {
        Value::Object(m) if m.len() == 1 && !names.is_empty() => {
            let key = m.keys().next().cloned().unwrap_or_default();
            let p = format!("{pointer}/{key}");
            let span = doc.locate(&p).and_then(|l| l.key).or(key_span);
            let hint = match did_you_mean(&key, names.iter().map(String::as_str)) {
                Some(m) => format!("did you mean `{m}`?"),
                None => format!("write one of: {}", names.join(", ")),
            };
            (
                "schema.unknown-key",
                format!("unknown key `{key}`"),
                span,
                hint,
            )
        }
        Value::Object(m) if m.len() > 1 && !names.is_empty() => (
            "schema.variant",
            format!(
                "expected exactly one of the keys {}, found {}",
                names.join(", "),
                m.len()
            ),
            key_span,
            "write each block as its own list item: `- p: …`".to_string(),
        ),
        _ if !names.is_empty() => (
            "schema.variant",
            format!(
                "expected a mapping with one of the keys {}, found {}",
                names.join(", "),
                describe(instance)
            ),
            key_span,
            format!("write e.g. `- {}: …`", names[0]),
        ),
        _ => ("schema.invalid", e.to_string(), key_span, String::new()),
    };
    let mut d = Diagnostic::error(code, msg)
        .in_file(&doc.path)
        .pointer(pointer.to_string())
        .at(span);
    if !hint.is_empty() {
        d = d.hint(hint);
    }
    out.push(d);
}

fn short(v: &Value) -> String {
    let s = match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    if s.chars().count() > 60 {
        format!("{}…", s.chars().take(60).collect::<String>())
    } else {
        s
    }
}

/// Reports every character XML 1.0 cannot carry, in every string and key; and warns
/// about text that is not in Unicode Normalization Form C.
///
/// Normalisation policy: galley writes text exactly as written, without normalising it,
/// so that outputs are faithful to the source byte for byte (NFC would, for instance,
/// replace CJK compatibility ideographs with their unified forms). Because archives and
/// search expect NFC (W3C Character Model), text that is not NFC gets a `text.not-nfc`
/// warning pointing at the first character that differs, with the fix as a hint.
fn check_characters(doc: &Document, v: &Value, pointer: &str, diags: &mut Vec<Diagnostic>) {
    let bad_in = |s: &str| s.chars().enumerate().find(|(_, c)| !xml_char_ok(*c));
    match v {
        Value::String(s) => {
            if let Some((i, c)) = bad_in(s) {
                diags.push(
                    Diagnostic::error(
                        "text.forbidden-char",
                        format!("the character U+{:04X} cannot appear in XML", c as u32),
                    )
                    .in_file(&doc.path)
                    .pointer(pointer.to_string())
                    .at(doc.string_char_span(pointer, i, 1))
                    .hint("remove it: control characters other than tab and line breaks, and U+FFFE/U+FFFF, are not allowed"),
                );
            } else if !unicode_normalization::is_nfc(s) {
                // The first character from which the NFC form differs.
                let nfc: String =
                    unicode_normalization::UnicodeNormalization::nfc(s.as_str()).collect();
                let i = s
                    .chars()
                    .zip(nfc.chars())
                    .take_while(|(a, b)| a == b)
                    .count();
                diags.push(
                    Diagnostic::warning(
                        "text.not-nfc",
                        "text is not in Unicode Normalization Form C (a base letter followed by a separate combining mark, say)",
                    )
                    .in_file(&doc.path)
                    .pointer(pointer.to_string())
                    .at(doc.string_char_span(pointer, i, 2))
                    .hint("galley keeps text as written; convert the file to NFC (e.g. `uconv -x NFC`) so that archives and search match it"),
                );
            }
        }
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_characters(doc, item, &format!("{pointer}/{i}"), diags);
            }
        }
        Value::Object(m) => {
            for (k, item) in m {
                let p = format!("{pointer}/{}", k.replace('~', "~0").replace('/', "~1"));
                if bad_in(k).is_some() {
                    diags.push(
                        Diagnostic::error(
                            "text.forbidden-char",
                            "a key holds a character that cannot appear in XML",
                        )
                        .in_file(&doc.path)
                        .pointer(p.clone())
                        .at(doc.locate(&p).and_then(|l| l.key)),
                    );
                }
                check_characters(doc, item, &p, diags);
            }
        }
        _ => {}
    }
}

/// A diagnostic for the value at `pointer` of `doc`.
fn at(
    doc: &Document,
    severity: Severity,
    code: &str,
    pointer: &str,
    message: String,
    hint: &str,
) -> Diagnostic {
    let mut d = Diagnostic::new(severity, code, message)
        .in_file(&doc.path)
        .pointer(pointer.to_string())
        .at(doc.span_or_parent(pointer));
    if !hint.is_empty() {
        d = d.hint(hint);
    }
    d
}

/// Semantic checks on the contributor list: unique ids, names, ORCID check digits.
pub fn check_contributors(c: &Checked<ContributorsFile>, diags: &mut Vec<Diagnostic>) {
    let doc = &c.doc;
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, person) in c.value.contributors.iter().enumerate() {
        let p = format!("/contributors/{i}");
        if let Some(first) = seen.insert(person.id.as_str(), i) {
            let first_line = doc
                .locate(&format!("/contributors/{first}/id"))
                .map_or(0, |l| l.value.line);
            diags.push(at(
                doc,
                Severity::Error,
                "contributor.duplicate-id",
                &format!("{p}/id"),
                format!("contributor id `{}` is used twice", person.id),
                &format!("the first use is at line {first_line}; ids must be unique in the issue"),
            ));
        }
        for (which, name) in [
            ("name", Some(&person.name)),
            ("original_name", person.original_name.as_ref()),
        ] {
            if let Some(name) = name
                && name.family.is_none()
                && name.given.is_none()
                && !c.touched(&format!("{p}/{which}"))
            {
                diags.push(at(
                    doc,
                    Severity::Error,
                    "name.empty",
                    &format!("{p}/{which}"),
                    "a name needs a `family` or a `given` part".into(),
                    "add `family:` (and `given:` if the person has one)",
                ));
            }
        }
        if let Some(orcid) = &person.orcid
            && !orcid_checksum_ok(orcid.as_str())
        {
            diags.push(at(
                doc,
                Severity::Error,
                "orcid.checksum",
                &format!("{p}/orcid"),
                format!("`{orcid}` fails the ORCID check digit"),
                "copy the iD again from the person's ORCID record",
            ));
        }
        let mut addresses: Vec<(String, &crate::model::Address)> = Vec::new();
        if let Some(a) = &person.address {
            addresses.push((format!("{p}/address"), a));
        }
        for (j, aff) in person.affiliations.iter().enumerate() {
            if let Some(a) = &aff.address {
                addresses.push((format!("{p}/affiliations/{j}/address"), a));
            }
        }
        for (ptr, a) in addresses {
            if a.is_empty() && !c.touched(&ptr) {
                diags.push(at(
                    doc,
                    Severity::Error,
                    "address.empty",
                    &ptr,
                    "an address needs at least one part".into(),
                    "give `street`, `city`, `postal_code`, `country`… or remove `address`",
                ));
            }
        }
        for (j, aff) in person.affiliations.iter().enumerate() {
            if aff.institution.is_none()
                && aff.department.is_none()
                && aff.parent.is_none()
                && !c.touched(&format!("{p}/affiliations/{j}"))
            {
                diags.push(at(
                    doc,
                    Severity::Error,
                    "affiliation.empty",
                    &format!("{p}/affiliations/{j}"),
                    "an affiliation needs an `institution`, `department` or `parent`".into(),
                    "put positions held at no named organisation in the contributor's `positions`",
                ));
            }
            for (k, pos) in aff.positions.iter().enumerate() {
                check_text(
                    doc,
                    &format!("{p}/affiliations/{j}/positions/{k}"),
                    pos,
                    None,
                    diags,
                );
            }
        }
        for (k, pos) in person.positions.iter().enumerate() {
            check_text(doc, &format!("{p}/positions/{k}"), pos, None, diags);
        }
        if let Some(bio) = &person.bio {
            check_text(doc, &format!("{p}/bio"), bio, None, diags);
        }
    }
}

/// The ISO 7064 11,2 check of an ORCID iD URL.
fn orcid_checksum_ok(url: &str) -> bool {
    let digits: Vec<char> = url
        .rsplit('/')
        .next()
        .unwrap_or("")
        .chars()
        .filter(|c| *c != '-')
        .collect();
    if digits.len() != 16 {
        return false;
    }
    let mut total = 0u32;
    for c in &digits[..15] {
        let Some(d) = c.to_digit(10) else {
            return false;
        };
        total = (total + d) * 2;
    }
    let check = (12 - total % 11) % 11;
    let expected = if check == 10 {
        'X'
    } else {
        char::from_digit(check, 10).unwrap_or('?')
    };
    digits[15] == expected
}

/// What an article's text refers to and defines, gathered while checking it.
#[derive(Default)]
struct Refs {
    /// Footnote references: id → where it is first referred to.
    footnotes: BTreeMap<String, Site>,
    /// Citations: id → where it is first cited.
    cites: BTreeMap<String, Site>,
    /// Cross-references: (id, where).
    xrefs: Vec<(String, Site)>,
}

/// Where a reference is written: the string's pointer and the byte offset of the id in
/// it, as the inline parser found it.
#[derive(Debug, Clone)]
struct Site {
    pointer: String,
    offset: usize,
}

impl Site {
    /// The position of the id (`len` bytes) in the file; the string's, should the id not
    /// map onto its source.
    fn span(&self, doc: &Document, len: usize) -> Option<Span> {
        doc.string_byte_span(&self.pointer, self.offset, len)
            .or_else(|| doc.span_or_parent(&self.pointer))
    }
}

/// What a reference refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RefKind {
    Footnote,
    Citation,
    CrossReference,
}

/// The references in inline content, in order: kind, id, byte offset of the id.
fn references(nodes: &[Inline]) -> Vec<(RefKind, &str, usize)> {
    let mut found = Vec::new();
    inline::visit(nodes, &mut |n| match n {
        Inline::FootnoteRef { id, offset } => found.push((RefKind::Footnote, id.as_str(), *offset)),
        Inline::XRef { id, offset } => found.push((RefKind::CrossReference, id.as_str(), *offset)),
        Inline::Cite(cs) => {
            found.extend(
                cs.iter()
                    .map(|c| (RefKind::Citation, c.id.as_str(), c.offset)),
            );
        }
        _ => {}
    });
    found
}

/// Parses a marked-up text; reports markup errors at the character where they start,
/// and records what it refers to.
fn check_text(
    doc: &Document,
    pointer: &str,
    text: &Text,
    refs: Option<&mut Refs>,
    diags: &mut Vec<Diagnostic>,
) {
    match inline::parse(text.as_str()) {
        Ok(nodes) => {
            let found = references(&nodes);
            let site = |offset| Site {
                pointer: pointer.to_string(),
                offset,
            };
            if let Some(refs) = refs {
                for (kind, id, offset) in found {
                    match kind {
                        RefKind::Footnote => {
                            refs.footnotes
                                .entry(id.to_string())
                                .or_insert_with(|| site(offset));
                        }
                        RefKind::Citation => {
                            refs.cites
                                .entry(id.to_string())
                                .or_insert_with(|| site(offset));
                        }
                        RefKind::CrossReference => refs.xrefs.push((id.to_string(), site(offset))),
                    }
                }
            } else if let Some(&(_, id, offset)) = found.first() {
                diags.push(
                    Diagnostic::error(
                        "markup.reference-here",
                        "footnote, citation and cross-reference markup can only be used in an article",
                    )
                    .in_file(&doc.path)
                    .pointer(pointer.to_string())
                    .at(site(offset).span(doc, id.len()))
                    .hint("remove the reference from this field"),
                );
            }
        }
        Err(e) => {
            diags.push(
                Diagnostic::error(e.code, e.message)
                    .in_file(&doc.path)
                    .pointer(pointer.to_string())
                    .at(doc.string_char_span(pointer, e.offset, e.len))
                    .hint(e.hint),
            );
        }
    }
}

/// Semantic checks on an article against the issue's contributor list and its folder.
pub fn check_article(
    a: &Checked<Article>,
    known_contributors: Option<&BTreeSet<String>>,
    article_dir: &Path,
    diags: &mut Vec<Diagnostic>,
) {
    let doc = &a.doc;
    let art = &a.value;
    let mut refs = Refs::default();

    // Contributors: known ids, each (person, role) once.
    if let Some(known) = known_contributors {
        let known: BTreeSet<&str> = known.iter().map(String::as_str).collect();
        let mut pairs = BTreeSet::new();
        for (i, c) in art.contributors.iter().enumerate() {
            let p = format!("/contributors/{i}/contributor");
            if !known.contains(c.contributor.as_str()) {
                let hint = match did_you_mean(c.contributor.as_str(), known.iter().copied()) {
                    Some(m) => format!("did you mean `{m}`? ids come from contributors.yaml"),
                    None => "add the person to contributors.yaml, or fix the id".to_string(),
                };
                diags.push(at(
                    doc,
                    Severity::Error,
                    "contributor.unknown-id",
                    &p,
                    format!(
                        "no contributor with id `{}` in contributors.yaml",
                        c.contributor
                    ),
                    &hint,
                ));
            }
            if !pairs.insert((c.contributor.as_str(), c.role)) {
                diags.push(at(
                    doc,
                    Severity::Error,
                    "contributor.duplicate-role",
                    &p,
                    format!("`{}` is listed twice as {}", c.contributor, c.role.as_str()),
                    "list each person once per role",
                ));
            }
        }
        for (i, f) in art.funding.iter().enumerate() {
            for (j, r) in f.recipients.iter().enumerate() {
                if !known.contains(r.as_str()) {
                    diags.push(at(
                        doc,
                        Severity::Error,
                        "contributor.unknown-id",
                        &format!("/funding/{i}/recipients/{j}"),
                        format!("no contributor with id `{r}` in contributors.yaml"),
                        "recipients are contributor ids",
                    ));
                }
            }
        }
    }
    // Warnings about something missing are only sound on a clean reading: a
    // best-effort one has dropped the parts that had errors.
    let warn_absence = a.clean;
    let has_role = |r: Role| art.contributors.iter().any(|c| c.role == r);
    if !a.touched("/contributors") && !has_role(Role::Author) {
        diags.push(at(
            doc,
            Severity::Warning,
            "contributor.no-author",
            "/contributors",
            "the article names no author".into(),
            "give at least one contributor `role: author`",
        ));
    }
    if !a.touched("/contributors") && art.translation.is_some() && !has_role(Role::Translator) {
        diags.push(at(
            doc,
            Severity::Warning,
            "translation.no-translator",
            "/translation",
            "the article is a translation but names no translator".into(),
            "add the translator to `contributors` with `role: translator`, if the source names one",
        ));
    }

    if let Some(l) = &art.license
        && l.url.is_none()
        && l.text.is_none()
        && l.copyright.is_none()
        && !a.touched("/license")
    {
        diags.push(at(
            doc,
            Severity::Error,
            "license.empty",
            "/license",
            "a licence needs a `url`, a `text` or a `copyright` statement".into(),
            "state the licence, or remove `license`",
        ));
    }

    // Every marked-up text, with what it refers to.
    for_each_text(art, &mut |p, t| {
        check_text(doc, p, t, Some(&mut refs), diags)
    });

    // Ids defined in the article share one namespace (they become XML ids).
    let mut ids: BTreeMap<String, String> = BTreeMap::new();
    let mut define = |id: &str, p: String, diags: &mut Vec<Diagnostic>| {
        if let Some(first) = ids.get(id) {
            let line = doc.span_or_parent(first).map_or(0, |s| s.line);
            diags.push(at(
                doc,
                Severity::Error,
                "id.duplicate",
                &p,
                format!("id `{id}` is defined twice in this article"),
                &format!("the first definition is at line {line}; ids of sections, figures, tables, footnotes and references must all differ"),
            ));
        } else {
            ids.insert(id.to_string(), p);
        }
    };
    let mut targets = BTreeSet::new();
    let mut figures = Vec::new();
    walk_blocks(&art.body, "/body", &mut |p, b| match b {
        Block::Section(s) => {
            if let Some(id) = &s.id {
                define(id.as_str(), format!("{p}/section/id"), diags);
                targets.insert(id.as_str().to_string());
            }
        }
        Block::Figure(f) => {
            define(f.id.as_str(), format!("{p}/figure/id"), diags);
            targets.insert(f.id.as_str().to_string());
            figures.push((format!("{p}/figure"), f));
        }
        Block::Table(t) => {
            define(t.id.as_str(), format!("{p}/table/id"), diags);
            targets.insert(t.id.as_str().to_string());
            let width = t.head.first().or(t.rows.first()).map_or(0, Vec::len);
            for (kind, rows) in [("head", &t.head), ("rows", &t.rows)] {
                for (r, row) in rows.iter().enumerate() {
                    if row.len() != width {
                        diags.push(at(
                            doc,
                            Severity::Error,
                            "table.ragged",
                            &format!("{p}/table/{kind}/{r}"),
                            format!("this row has {} cells; the table's first row has {width}", row.len()),
                            "give every row the same number of cells (merged cells are not supported)",
                        ));
                    }
                }
            }
        }
        _ => {}
    });
    for (i, f) in art.footnotes.iter().enumerate() {
        define(f.id.as_str(), format!("/footnotes/{i}/id"), diags);
    }
    for (i, r) in art.references.iter().enumerate() {
        define(r.id.as_str(), format!("/references/{i}/id"), diags);
    }

    // References resolve.
    let footnote_ids: BTreeSet<&str> = art.footnotes.iter().map(|f| f.id.as_str()).collect();
    let reference_ids: BTreeSet<&str> = art.references.iter().map(|r| r.id.as_str()).collect();
    for (id, p) in &refs.footnotes {
        if !footnote_ids.contains(id.as_str()) {
            diags.push(unresolved(
                doc,
                "footnote.unknown",
                p,
                id,
                "footnote",
                footnote_ids.iter().copied(),
            ));
        }
    }
    for (id, p) in &refs.cites {
        if !reference_ids.contains(id.as_str()) {
            diags.push(unresolved(
                doc,
                "citation.unknown",
                p,
                id,
                "reference",
                reference_ids.iter().copied(),
            ));
        }
    }
    for (id, p) in &refs.xrefs {
        if !targets.contains(id) {
            diags.push(unresolved(
                doc,
                "xref.unknown",
                p,
                id,
                "figure, table or section",
                targets.iter().map(String::as_str),
            ));
        }
    }
    for (i, f) in art.footnotes.iter().enumerate() {
        if warn_absence && !refs.footnotes.contains_key(f.id.as_str()) {
            diags.push(at(
                doc,
                Severity::Warning,
                "footnote.unused",
                &format!("/footnotes/{i}/id"),
                format!("footnote `{}` is never referred to", f.id),
                &format!(
                    "put `[^{}]` where its marker belongs, or remove the note",
                    f.id
                ),
            ));
        }
    }
    for (i, r) in art.references.iter().enumerate() {
        if warn_absence && !refs.cites.contains_key(r.id.as_str()) {
            diags.push(at(
                doc,
                Severity::Warning,
                "reference.uncited",
                &format!("/references/{i}/id"),
                format!("reference `{}` is never cited", r.id),
                &format!(
                    "cite it with `[@{}]`; uncited works still appear in the reference list",
                    r.id
                ),
            ));
        }
    }

    // Figures: the image is a file inside the article's folder; alternative text.
    for (p, f) in figures {
        check_asset(doc, article_dir, &format!("{p}/image"), &f.image, diags);
        if f.alt.is_none() {
            diags.push(at(
                doc,
                Severity::Warning,
                "figure.no-alt",
                &p,
                format!("figure `{}` has no alternative text", f.id),
                "add `alt:` describing the image for readers who cannot see it (leave it out only for decorative images)",
            ));
        }
    }
}

/// A reference whose id names nothing, reported at the id inside its string.
fn unresolved<'a>(
    doc: &Document,
    code: &str,
    site: &Site,
    id: &str,
    what: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let known: Vec<&str> = known.into_iter().collect();
    let hint = match did_you_mean(id, known.iter().copied()) {
        Some(m) => format!("did you mean `{m}`?"),
        None if known.is_empty() => format!("the article defines no {what}s"),
        None => format!("defined {what} ids: {}", known.join(", ")),
    };
    Diagnostic::error(
        code,
        format!("`{id}` does not name a {what} of this article"),
    )
    .in_file(&doc.path)
    .pointer(site.pointer.clone())
    .at(site.span(doc, id.len()))
    .hint(hint)
}

/// The largest image galley puts into its outputs.
pub const MAX_ASSET_BYTES: u64 = 32 * 1024 * 1024;

/// Checks that an asset path names a regular file inside the article's folder, without
/// reading anything outside it.
fn check_asset(doc: &Document, dir: &Path, pointer: &str, rel: &str, diags: &mut Vec<Diagnostic>) {
    let rel_path = Path::new(rel);
    let escapes = rel_path.is_absolute()
        || rel.contains('\\')
        || rel_path
            .components()
            .any(|c| !matches!(c, std::path::Component::Normal(_)));
    if escapes {
        diags.push(at(
            doc,
            Severity::Error,
            "asset.outside",
            pointer,
            format!("`{rel}` is not a plain path inside the article's folder"),
            "give the path relative to the folder of article.yaml, without `..` or a leading `/`",
        ));
        return;
    }
    let full = dir.join(rel_path);
    let meta = match std::fs::symlink_metadata(&full) {
        Ok(m) => m,
        Err(_) => {
            diags.push(at(
                doc,
                Severity::Error,
                "asset.missing",
                pointer,
                format!("`{rel}` does not exist in the article's folder"),
                "check the file name; paths are relative to the folder of article.yaml",
            ));
            return;
        }
    };
    // A symbolic link anywhere on the way may lead outside: compare real paths.
    let inside = match (std::fs::canonicalize(dir), std::fs::canonicalize(&full)) {
        (Ok(d), Ok(f)) => f.starts_with(&d),
        _ => false,
    };
    if !inside {
        diags.push(at(
            doc,
            Severity::Error,
            "asset.outside",
            pointer,
            format!("`{rel}` leads outside the article's folder (through a symbolic link)"),
            "copy the file into the article's folder",
        ));
        return;
    }
    let is_file = if meta.file_type().is_symlink() {
        std::fs::metadata(&full).is_ok_and(|m| m.is_file())
    } else {
        meta.is_file()
    };
    if !is_file {
        diags.push(at(
            doc,
            Severity::Error,
            "asset.not-file",
            pointer,
            format!("`{rel}` is not a regular file"),
            "point at the image file itself",
        ));
    } else if std::fs::metadata(&full).is_ok_and(|m| m.len() > MAX_ASSET_BYTES) {
        diags.push(at(
            doc,
            Severity::Error,
            "asset.too-large",
            pointer,
            format!(
                "`{rel}` is larger than {} MiB",
                MAX_ASSET_BYTES / (1024 * 1024)
            ),
            "scale the image down for publication; archives and e-readers refuse very large images",
        ));
    } else {
        check_image_content(doc, &full, pointer, rel, diags);
    }
}

/// Checks what an image file holds: a format EPUB readers and archives take (by content,
/// not by name), and for an SVG, nothing active or external ([`crate::asset::check_svg`]).
fn check_image_content(
    doc: &Document,
    full: &Path,
    pointer: &str,
    rel: &str,
    diags: &mut Vec<Diagnostic>,
) {
    use std::io::Read as _;
    let mut head = Vec::new();
    let read = std::fs::File::open(full).and_then(|f| f.take(4096).read_to_end(&mut head));
    if let Err(e) = read {
        let msg = format!("cannot read `{rel}`: {e}");
        diags.push(at(doc, Severity::Error, "io.read", pointer, msg, ""));
        return;
    }
    match crate::asset::sniff_image(&head) {
        None => diags.push(at(
            doc,
            Severity::Error,
            "asset.format",
            pointer,
            format!(
                "`{rel}` is {}, not a PNG, JPEG, GIF, WebP or SVG image",
                crate::asset::describe_format(&head)
            ),
            "convert the image to PNG (drawings, charts) or JPEG (photographs); EPUB readers and archives take only these, GIF, WebP and SVG",
        )),
        Some("image/svg+xml") => {
            let bytes = match crate::yaml::read_file(full, MAX_ASSET_BYTES as usize) {
                Ok(b) => b,
                Err(_) => {
                    let msg = format!("cannot read `{rel}`");
                    diags.push(at(doc, Severity::Error, "io.read", pointer, msg, ""));
                    return;
                }
            };
            for p in crate::asset::check_svg(&bytes) {
                let hint = match p.code {
                    "asset.svg-script" => "remove the scripts and event handlers from the SVG (or export it again as a plain drawing): galley never ships active content to readers or archives",
                    "asset.svg-external" => "embed what the SVG refers to, or remove the reference: an EPUB or an archive package holds only this file, and reading systems must not fetch anything",
                    _ => "export the figure again as an SVG 1.1 file, or as PNG",
                };
                diags.push(at(
                    doc,
                    Severity::Error,
                    p.code,
                    pointer,
                    format!("`{rel}` {}", p.message),
                    hint,
                ));
            }
        }
        Some(_) => {}
    }
}

/// Semantic checks on the issue file: the listed articles exist, once each.
pub fn check_issue(i: &Checked<IssueFile>, found: &[String], diags: &mut Vec<Diagnostic>) {
    let doc = &i.doc;
    let mut seen = BTreeSet::new();
    for (k, slug) in i.value.issue.articles.iter().enumerate() {
        let p = format!("/issue/articles/{k}");
        if !seen.insert(slug.as_str()) {
            diags.push(at(
                doc,
                Severity::Error,
                "issue.duplicate-article",
                &p,
                format!("`{slug}` is listed twice"),
                "list each article once",
            ));
        } else if !found.iter().any(|f| f == slug) {
            let hint = match did_you_mean(slug, found.iter().map(String::as_str)) {
                Some(m) => format!("did you mean `{m}`?"),
                None => "each entry names a folder beside issue.yaml that holds an article.yaml"
                    .to_string(),
            };
            diags.push(at(
                doc,
                Severity::Error,
                "issue.unknown-article",
                &p,
                format!("no article folder `{slug}`"),
                &hint,
            ));
        }
    }
    if !i.value.issue.articles.is_empty() {
        for slug in found {
            if !seen.contains(slug.as_str()) {
                diags.push(at(
                    doc,
                    Severity::Warning,
                    "issue.unlisted-article",
                    "/issue/articles",
                    format!("article folder `{slug}` is not listed in `issue.articles`"),
                    "add it to the list in its place in the issue (it is put last until then)",
                ));
            }
        }
    }
}
