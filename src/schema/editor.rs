//! What editors read from the schemas beyond validation: yaml-language-server's
//! extensions (`markdownDescription`, `patternErrorMessage`, `markdownEnumDescriptions`,
//! `defaultSnippets`) and the per-issue schema that lists an issue's contributor ids.
//!
//! The schema is post-processed here rather than annotated on every model type, so that
//! doc comments stay plain prose and each rule is written once.

use serde_json::{Map, Value, json};

/// Adds the editor extensions to a generated schema: unwrapped Markdown descriptions,
/// a sentence for each `pattern`, per-value descriptions of enumerations, and snippets;
/// drops `examples` that would offer facts of real people or works as values.
pub fn enrich(schema: &mut Value) {
    drop_fact_examples(schema);
    walk(schema);
    add_snippets(schema);
}

fn walk(v: &mut Value) {
    match v {
        Value::Object(obj) => {
            consts_to_enum(obj);
            for child in obj.values_mut() {
                walk(child);
            }
            if let Some(Value::String(d)) = obj.get("description") {
                let md = unwrap_markdown(d);
                obj.insert("markdownDescription".into(), Value::String(md));
            }
            if let Some(Value::String(p)) = obj.get("pattern") {
                let msg = pattern_message(p);
                obj.insert("patternErrorMessage".into(), Value::String(msg.into()));
            }
        }
        Value::Array(items) => items.iter_mut().for_each(walk),
        _ => {}
    }
}

/// Joins the hard-wrapped lines of a doc comment into paragraphs: a blank line still
/// breaks a paragraph, a list item or an indented or fenced code line keeps its line.
pub fn unwrap_markdown(text: &str) -> String {
    text.split("\n\n")
        .map(unwrap_paragraph)
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn unwrap_paragraph(par: &str) -> String {
    if par.contains("```") {
        return par.to_string();
    }
    let mut out = String::new();
    for (i, line) in par.lines().enumerate() {
        if i > 0 {
            out.push(if keeps_its_line(line) { '\n' } else { ' ' });
        }
        out.push_str(if keeps_its_line(line) {
            line
        } else {
            line.trim_start()
        });
    }
    out
}

fn keeps_its_line(line: &str) -> bool {
    if line.starts_with("    ") || line.starts_with('\t') {
        return true;
    }
    let t = line.trim_start();
    if t.starts_with("- ") || t.starts_with("* ") || t.starts_with("+ ") {
        return true;
    }
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && (t[digits..].starts_with(". ") || t[digits..].starts_with(") "))
}

/// What a value that does not match `pattern` should look like, as a sentence with an
/// example (never the regular expression itself).
pub fn pattern_message(pattern: &str) -> &'static str {
    match pattern {
        p if p.starts_with("^[0-9]{4}(-") => {
            "A date: the year, the year and month, or the full date, as `1996`, `1996-06` or `1996-06-15`."
        }
        p if p.contains("orcid\\.org") => {
            "An ORCID iD written as its full URL: `https://orcid.org/` and four groups of four digits joined by hyphens, the last character a digit or `X` (shape: `https://orcid.org/0000-0000-0000-000X`)."
        }
        p if p.contains("ror\\.org") => {
            "A ROR id written as its full URL: `https://ror.org/` and nine lower-case letters or digits beginning with `0`."
        }
        p if p.starts_with("^10\\.") => {
            "A bare DOI: `10.`, the registrant's digits, a slash and the suffix, with no `https://doi.org/` in front and no spaces."
        }
        p if p.starts_with("^[0-9]{4}-[0-9]{3}") => {
            "An ISSN: four digits, a hyphen, three digits and a check character (a digit or `X`), such as `1234-567X`."
        }
        p if p.starts_with("^https?://") => {
            "A web address beginning with `https://` (or `http://`), with no spaces or angle brackets."
        }
        p if p.contains('@') => "An e-mail address such as `name@example.org`.",
        "^[A-Z]{2}$" => "A two-letter country code (ISO 3166-1) in capitals, such as `CN` or `BR`.",
        p if p.starts_with("^[A-Za-z][A-Za-z0-9._-]") => {
            "An id: a letter, then letters, digits, `.`, `_` or `-`, with no spaces, such as `fig-map` or `fn1`."
        }
        p if p.starts_with("^[A-Za-z]{2,3}") => {
            "A language tag (BCP 47): a two- or three-letter language code, then optional subtags joined by hyphens, such as `en`, `zh-Hans` or `pt-BR`."
        }
        p if p.starts_with("^[a-z0-9]") && p.contains('/') => {
            "A media type in lower case, type and subtype joined by a slash, such as `text/csv` or `image/png`."
        }
        _ => "This value is not in the form galley expects; see the description of the key.",
    }
}

/// Turns `oneOf` alternatives that are each a documented constant into `enum` with
/// `enumDescriptions` and `markdownEnumDescriptions`: editors then show the key's own
/// description on hover, followed by the chosen value's, and each value's in completion.
fn consts_to_enum(obj: &mut Map<String, Value>) {
    let Some(Value::Array(alts)) = obj.get("oneOf") else {
        return;
    };
    let mut values = Vec::new();
    let mut plain = Vec::new();
    let mut markdown = Vec::new();
    for alt in alts {
        let (Some(c), Some(Value::String(d))) = (alt.get("const"), alt.get("description")) else {
            return;
        };
        if alt.as_object().is_some_and(|o| {
            o.keys()
                .any(|k| !["const", "description", "type"].contains(&k.as_str()))
        }) {
            return;
        }
        values.push(c.clone());
        plain.push(Value::String(unwrap_markdown(d).replace('`', "")));
        markdown.push(Value::String(unwrap_markdown(d)));
    }
    obj.remove("oneOf");
    obj.insert("type".into(), "string".into());
    obj.insert("enum".into(), Value::Array(values));
    obj.insert("enumDescriptions".into(), Value::Array(plain));
    obj.insert("markdownEnumDescriptions".into(), Value::Array(markdown));
}

/// `examples` that name real people, works or organisations: offered as values by an
/// editor, they would put one person's id or a licence URL into every file.
const FACT_EXAMPLES: &[(&str, Option<&str>)] = &[
    ("ArticleContributor", Some("contributor")),
    ("Contributor", Some("id")),
    ("Contributor", Some("birth_year")),
    ("PersonName", Some("family")),
    ("PersonName", Some("given")),
    ("Address", Some("street")),
    ("Address", Some("postal_code")),
    ("Affiliation", Some("institution")),
    ("Affiliation", Some("parent")),
    ("Funding", Some("funder_id")),
    ("Reference", Some("PMCID")),
    ("Reference", Some("PMID")),
    ("SourcePublication", Some("title")),
    ("TitleTranslation", Some("title")),
    ("Journal", Some("title")),
    ("Doi", None),
    ("Url", None),
    ("Orcid", None),
    ("Email", None),
];

fn drop_fact_examples(schema: &mut Value) {
    if let Some(Value::Object(props)) = schema.get_mut("properties") {
        for key in ["title", "url"] {
            if let Some(Value::Object(p)) = props.get_mut(key) {
                p.remove("examples");
            }
        }
    }
    let Some(Value::Object(defs)) = schema.get_mut("$defs") else {
        return;
    };
    for (def, prop) in FACT_EXAMPLES {
        let Some(d) = defs.get_mut(*def) else {
            continue;
        };
        let target = match prop {
            Some(p) => d.get_mut("properties").and_then(|ps| ps.get_mut(*p)),
            None => Some(d),
        };
        if let Some(Value::Object(t)) = target {
            t.remove("examples");
        }
    }
    // An id's examples would be offered for every id, a footnote's for a contributor's.
    if let Some(Value::Object(id)) = defs.get_mut("Id") {
        id.remove("examples");
    }
}

/// Shapes offered by completion (`defaultSnippets`), with placeholders instead of values.
fn add_snippets(schema: &mut Value) {
    let Some(Value::Object(defs)) = schema.get_mut("$defs") else {
        return;
    };
    let snippets = [
        (
            "ArticleContributor",
            json!([{
                "label": "contributor with a role",
                "description": "An id from contributors.yaml and what the person did.",
                "body": {"contributor": "$1", "role": "${2|author,translator,reviser,editor,reviewer|}"}
            }]),
        ),
        (
            "Contributor",
            json!([{
                "label": "contributor",
                "description": "An id and the name as printed.",
                "body": {"id": "$1", "name": {"family": "$2", "given": "$3"}}
            }]),
        ),
    ];
    for (def, s) in snippets {
        if let Some(Value::Object(d)) = defs.get_mut(def) {
            d.insert("defaultSnippets".into(), s);
        }
    }
}

/// The article schema of one issue: the general article schema with `enum`s of the
/// contributor ids that `contributors.yaml` lists (with each person's name as its
/// description), so that an editor completes `contributor:` and flags an unknown id.
pub fn issue_article_schema(mut general: Value, people: &[(String, String)]) -> Value {
    let ids: Vec<Value> = people
        .iter()
        .map(|(id, _)| Value::String(id.clone()))
        .collect();
    let names: Vec<Value> = people
        .iter()
        .map(|(_, n)| Value::String(n.clone()))
        .collect();
    if let Some(Value::Object(p)) =
        general.pointer_mut("/$defs/ArticleContributor/properties/contributor")
    {
        p.insert("enum".into(), Value::Array(ids));
        p.insert("enumDescriptions".into(), Value::Array(names.clone()));
        p.insert("markdownEnumDescriptions".into(), Value::Array(names));
    }
    if let Value::Object(root) = &mut general {
        root.insert(
            "$comment".into(),
            "Generated by `galley schema --issue`: the article schema with this issue's contributor ids.".into(),
        );
    }
    general
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unwraps_lines_but_keeps_paragraphs_lists_and_code() {
        let doc = "One sentence broken\nacross two lines.\n\nA list:\n- first item\n  continued\n- second\n\n```yaml\na: 1\nb: 2\n```";
        assert_eq!(
            unwrap_markdown(doc),
            "One sentence broken across two lines.\n\nA list:\n- first item continued\n- second\n\n```yaml\na: 1\nb: 2\n```"
        );
    }

    #[test]
    fn documented_constants_become_an_enum_with_descriptions() {
        let mut v = json!({"oneOf": [
            {"const": "a", "description": "The first\nvalue.", "type": "string"},
            {"const": "b", "description": "The `second`.", "type": "string"}
        ]});
        walk(&mut v);
        assert_eq!(v["enum"], json!(["a", "b"]));
        assert_eq!(
            v["markdownEnumDescriptions"],
            json!(["The first value.", "The `second`."])
        );
        assert_eq!(
            v["enumDescriptions"],
            json!(["The first value.", "The second."])
        );
        assert!(v.get("oneOf").is_none());
    }

    #[test]
    fn alternatives_that_are_not_all_constants_stay() {
        let mut v = json!({"oneOf": [{"const": "a", "description": "A."}, {"type": "object"}]});
        walk(&mut v);
        assert!(v.get("oneOf").is_some() && v.get("enum").is_none());
    }
}
