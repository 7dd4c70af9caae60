//! Running the JSON Schema, and turning each of its errors into a diagnostic at the line
//! and column of the key or value at fault, in words about YAML (a mapping, a list), with
//! a hint: "did you mean …?", the keys allowed, how to write the value.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use jsonschema::error::{TypeKind, ValidationErrorKind};
use jsonschema::{ValidationError, Validator};
use serde_json::Value;

use super::document::{Prune, escape};
use crate::diag::{Diagnostic, Span, did_you_mean};
use crate::model::PartialDate;
use crate::schema::FileKind;
use crate::yaml::Document;

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
pub(super) fn schema_diagnostics(
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
                    prunes.push(Prune::Unknown(format!("{path}/{}", escape(k))));
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

/// Where a schema error is: the value's pointer and its positions in the file.
struct Place<'a> {
    doc: &'a Document,
    pointer: String,
    /// The value's position; its parent's, should the value be missing.
    value: Option<Span>,
    /// The key's position, else the value's.
    key: Option<Span>,
}

impl<'a> Place<'a> {
    fn of(doc: &'a Document, pointer: String) -> Self {
        let located = doc.locate(&pointer);
        let value = located
            .map(|l| l.value)
            .or_else(|| doc.span_or_parent(&pointer));
        let key = located.and_then(|l| l.key).or(value);
        Place {
            doc,
            pointer,
            value,
            key,
        }
    }

    /// An error about the value here (its position is set by the caller).
    fn error(&self, code: &str, msg: String) -> Diagnostic {
        Diagnostic::error(code, msg)
            .in_file(&self.doc.path)
            .pointer(self.pointer.clone())
    }

    /// The value's key (or index) in its parent.
    fn field(&self) -> &str {
        self.pointer.rsplit('/').next().unwrap_or("")
    }
}

/// Turns one schema error into diagnostics: one arm (and where it takes more than a few
/// lines, one function) an error kind.
fn convert(doc: &Document, kind: FileKind, e: &ValidationError<'_>, out: &mut Vec<Diagnostic>) {
    let place = Place::of(doc, e.instance_path().to_string());
    let instance = e.instance();
    match e.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            unknown_keys(&place, kind, e, unexpected, out);
        }
        ValidationErrorKind::Required { property } => {
            let name = property.as_str().unwrap_or("?");
            let what = describe_place(&place.pointer);
            out.push(
                place
                    .error(
                        "schema.required",
                        format!("missing required key `{name}` in {what}"),
                    )
                    .at(place.key)
                    .hint(format!("add `{name}:` here")),
            );
        }
        ValidationErrorKind::Type { kind: expected } => {
            out.push(wrong_type(&place, instance, expected));
        }
        ValidationErrorKind::Enum { options } => out.push(not_an_option(&place, instance, options)),
        ValidationErrorKind::Constant { .. } => {
            out.push(
                place
                    .error(
                        "schema.enum",
                        format!("`{}` is not allowed here", short(instance)),
                    )
                    .at(place.value),
            );
        }
        // A date of the right shape that the calendar lacks (`2023-10-32`) is reported once,
        // by `date.impossible` below, which says what is wrong with it.
        ValidationErrorKind::Pattern { .. } if impossible_date(kind, e) => {}
        ValidationErrorKind::Pattern { .. } => out.push(bad_pattern(&place, kind, e)),
        ValidationErrorKind::Format { format } if format == PartialDate::FORMAT => {
            let text = instance.as_str().unwrap_or_default();
            let why = PartialDate::calendar_problem(text).unwrap_or_default();
            out.push(
                place
                    .error(
                        "date.impossible",
                        format!("`{text}` is not a date of the calendar: {why}"),
                    )
                    .at(place.value)
                    .hint("write the date as the source prints it; if the source gives no day (or month), leave it out: '2021-02' or '2021'"),
            );
        }
        ValidationErrorKind::MinLength { .. } => {
            out.push(
                place
                    .error("schema.empty", format!("`{}` is empty", place.field()))
                    .at(place.value)
                    .hint("give a value, or remove the key"),
            );
        }
        ValidationErrorKind::MinItems { limit } => {
            out.push(
                place
                    .error(
                        "schema.min-items",
                        format!("`{}` needs at least {limit} item(s)", place.field()),
                    )
                    .at(place.value),
            );
        }
        ValidationErrorKind::Minimum { .. } | ValidationErrorKind::Maximum { .. } => {
            out.push(place.error("schema.range", e.to_string()).at(place.value));
        }
        ValidationErrorKind::OneOfNotValid { context } | ValidationErrorKind::AnyOf { context } => {
            one_of(&place, kind, e, context, out);
        }
        _ => out.push(place.error("schema.invalid", e.to_string()).at(place.value)),
    }
}

/// Keys the schema does not allow here, each at its key, with the nearest allowed key
/// or the list of them.
fn unknown_keys(
    place: &Place<'_>,
    kind: FileKind,
    e: &ValidationError<'_>,
    unexpected: &[String],
    out: &mut Vec<Diagnostic>,
) {
    let doc = place.doc;
    let allowed: Vec<String> = keyword_parent(kind, e)
        .and_then(|s| s.get("properties"))
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    for key in unexpected {
        let p = format!("{}/{}", place.pointer, escape(key));
        let span = doc.locate(&p).and_then(|l| l.key).or(place.value);
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

/// A value of the wrong type, with a hint for the likely slip (a number that should be
/// quoted, text that YAML read as a mapping, one item where a list belongs).
fn wrong_type(place: &Place<'_>, instance: &Value, expected: &TypeKind) -> Diagnostic {
    let expected = format!("{expected:?}")
        .to_lowercase()
        .replace("single(", "")
        .replace("multiple(", "")
        .replace(')', "");
    let hint = match (instance, expected.as_str()) {
        (Value::Null, _) => "give a value, or remove the key altogether".to_string(),
        (Value::Number(_) | Value::Bool(_), s) if s.contains("string") => {
            "quote the value to make it text: \"…\"".to_string()
        }
        (Value::String(s), e) if e.contains("integer") || e.contains("number") => {
            format!("write `{s}` as a plain decimal number, without quotes")
        }
        (Value::Object(_), e) if e.contains("string") => {
            "put the text in quotes: unquoted, YAML reads a `: ` inside it as a key".to_string()
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
        place.key
    } else {
        place.value
    };
    place
        .error(
            "schema.type",
            format!("expected {expected_words}, found {}", describe(instance)),
        )
        .at(span)
        .hint(hint)
}

/// A value that is none of the allowed ones.
fn not_an_option(place: &Place<'_>, instance: &Value, options: &Value) -> Diagnostic {
    let opts: Vec<&str> = options
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let got = instance.as_str().unwrap_or("");
    let hint = match did_you_mean(got, opts.iter().copied()) {
        Some(m) => format!("did you mean `{m}`?"),
        None => format!("one of: {}", opts.join(", ")),
    };
    place
        .error(
            "schema.enum",
            format!("`{}` is not an allowed value", short(instance)),
        )
        .at(place.value)
        .hint(hint)
}

/// Whether a pattern error is that of a partial date written in the date's shape
/// (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`, digits) but not in the calendar: the date check
/// (`date.impossible`) reports it.
fn impossible_date(kind: FileKind, e: &ValidationError<'_>) -> bool {
    let is_date = keyword_parent(kind, e)
        .and_then(|s| s.get("format"))
        .and_then(Value::as_str)
        == Some(PartialDate::FORMAT);
    let text = e.instance().as_str().unwrap_or_default();
    let shaped = matches!(text.len(), 4 | 7 | 10)
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    is_date && shaped && PartialDate::calendar_problem(text).is_some()
}

/// A string that does not match its pattern, named by the subschema's title and
/// explained by its description.
fn bad_pattern(place: &Place<'_>, kind: FileKind, e: &ValidationError<'_>) -> Diagnostic {
    let sub = keyword_parent(kind, e);
    let title = sub
        .and_then(|s| s.get("title"))
        .and_then(Value::as_str)
        .unwrap_or("the expected format");
    let desc = sub
        .and_then(|s| s.get("description"))
        .and_then(Value::as_str);
    let mut d = place
        .error(
            "schema.pattern",
            format!(
                "`{}` is not a valid {}",
                short(e.instance()),
                title.to_lowercase()
            ),
        )
        .at(place.value);
    if let Some(desc) = desc {
        d = d.hint(desc.to_string());
    }
    d
}

/// A value matched none of the alternatives (an enum variant, say). Reports the errors
/// of the alternative that came closest; if none came close (the mapping's key names no
/// variant at all), says which keys are possible.
fn one_of(
    place: &Place<'_>,
    kind: FileKind,
    e: &ValidationError<'_>,
    context: &[Vec<ValidationError<'static>>],
    out: &mut Vec<Diagnostic>,
) {
    // "Wrong alternative" errors sit at the value itself: a missing or unknown key, a wrong type.
    let at_top = |err: &ValidationError<'_>| {
        err.instance_path().to_string() == place.pointer
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
    match best {
        Some(errs) => {
            for err in errs {
                convert(place.doc, kind, err, out);
            }
        }
        None => out.push(no_alternative(place, e, context)),
    }
}

/// What each alternative wanted: the keys they require and the constants they are.
fn wanted(context: &[Vec<ValidationError<'static>>]) -> Vec<String> {
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
    names
}

/// No alternative came close: says what each wanted.
fn no_alternative(
    place: &Place<'_>,
    e: &ValidationError<'_>,
    context: &[Vec<ValidationError<'static>>],
) -> Diagnostic {
    let doc = place.doc;
    let pointer = place.pointer.as_str();
    let instance = e.instance();
    let names = wanted(context);
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
        return place
            .error(
                "schema.enum",
                format!("`{}` is not an allowed value", short(instance)),
            )
            .at(doc.locate(pointer).map(|l| l.value))
            .hint(hint);
    }
    let (code, msg, span, hint) = match instance.as_ref() {
        Value::Object(m) if m.len() == 1 && !names.is_empty() => {
            let key = m.keys().next().cloned().unwrap_or_default();
            let p = format!("{pointer}/{key}");
            let span = doc.locate(&p).and_then(|l| l.key).or(place.key);
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
            place.key,
            "write each block as its own list item: `- p: …`".to_string(),
        ),
        _ if !names.is_empty() => (
            "schema.variant",
            format!(
                "expected a mapping with one of the keys {}, found {}",
                names.join(", "),
                describe(instance)
            ),
            place.key,
            format!("write e.g. `- {}: …`", names[0]),
        ),
        _ => ("schema.invalid", e.to_string(), place.key, String::new()),
    };
    let mut d = place.error(code, msg).at(span);
    if !hint.is_empty() {
        d = d.hint(hint);
    }
    d
}
