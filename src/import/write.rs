//! The YAML writer of the importer: model values (`serde::Serialize`) as YAML in the key
//! order of the model, with `# galley: not imported: …` comments at given places.
//!
//! Values are first serialized into a small ordered tree ([`Node`]) by a serde
//! `Serializer` of its own: `serde_json::Value` sorts its keys (and switching serde_json
//! to `preserve_order` would reorder the committed schemas), and no YAML serializer puts
//! comments at chosen places. The tree is then written in block style: mappings and
//! sequences one entry a line, strings plain where YAML reads them back as the same
//! string, double-quoted otherwise (numbers, booleans, `null`, `NO`, `0252-9203`, leading
//! indicators, `: `, ` #`), and long prose as folded block scalars (`>-`) wrapped at
//! single spaces. Galley's own loader must read every string back unchanged: a property
//! test in `tests/it/import.rs` checks it.

use serde::ser::{self, Serialize};

use super::jats::YamlStep;

/// An ordered value tree: what the YAML will say.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// No value (left out of mappings).
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A whole number.
    Int(i128),
    /// A number with a fraction.
    Float(f64),
    /// A string.
    Str(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, keys in the order serialized.
    Map(Vec<(String, Node)>),
}

/// A comment to place in the YAML, before the value at `path` (or the nearest value
/// that exists above it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// Where it goes.
    pub path: Vec<YamlStep>,
    /// Its text (one line; without `# `).
    pub text: String,
}

/// Serializes `value` into a [`Node`].
pub fn to_node<T: Serialize + ?Sized>(value: &T) -> Result<Node, String> {
    value.serialize(NodeSer).map_err(|e| e.0)
}

/// The YAML text of `value`: `header` lines first (each already a comment, such as the
/// modeline), then the document, `comments` before the values they are attached to.
pub fn to_yaml<T: Serialize + ?Sized>(
    value: &T,
    header: &[String],
    comments: &[Comment],
) -> Result<String, String> {
    let node = to_node(value)?;
    let mut out = String::new();
    for h in header {
        out.push_str(h);
        out.push('\n');
    }
    // Comments are attached to the deepest existing value on their path.
    let mut placed: Vec<(Vec<YamlStep>, &str)> = Vec::new();
    for c in comments {
        placed.push((existing_prefix(&node, &c.path), &c.text));
    }
    let mut w = Writer {
        out,
        comments: placed,
        path: Vec::new(),
    };
    w.top(&node);
    Ok(w.out)
}

/// The longest prefix of `path` that names a value present in `node`.
fn existing_prefix(node: &Node, path: &[YamlStep]) -> Vec<YamlStep> {
    let mut cur = node;
    let mut out = Vec::new();
    for step in path {
        let next = match (cur, step) {
            (Node::Map(m), YamlStep::Key(k)) => m
                .iter()
                .find(|(key, v)| key == k && !matches!(v, Node::Null))
                .map(|(_, v)| v),
            (Node::Seq(s), YamlStep::Index(i)) => s.get(*i),
            _ => None,
        };
        match next {
            Some(n) => {
                out.push(step.clone());
                cur = n;
            }
            None => break,
        }
    }
    out
}

/// Where the text is being written.
struct Writer<'c> {
    out: String,
    comments: Vec<(Vec<YamlStep>, &'c str)>,
    path: Vec<YamlStep>,
}

/// Width the folded scalars are wrapped to (the indentation included).
const WIDTH: usize = 88;

impl Writer<'_> {
    /// The comments attached exactly at the current path, written at `indent`.
    fn comments_here(&mut self, indent: usize) {
        let here: Vec<String> = self
            .comments
            .iter()
            .filter(|(p, _)| *p == self.path)
            .map(|(_, t)| t.to_string())
            .collect();
        for t in here {
            self.out.push_str(&" ".repeat(indent));
            self.out.push_str("# ");
            self.out.push_str(&t.replace(['\n', '\r'], " "));
            self.out.push('\n');
        }
    }

    fn top(&mut self, node: &Node) {
        self.comments_here(0);
        match node {
            Node::Map(m) if !m.iter().all(|(_, v)| matches!(v, Node::Null)) => {
                self.map_entries(m, 0)
            }
            Node::Seq(s) if !s.is_empty() => self.seq_items(s, 0),
            Node::Map(_) => self.out.push_str("{}\n"),
            Node::Seq(_) => self.out.push_str("[]\n"),
            other => {
                self.scalar(other, 0);
            }
        }
    }

    /// The entries of a mapping, each `key: value` at `indent`.
    fn map_entries(&mut self, m: &[(String, Node)], indent: usize) {
        for (k, v) in m.iter().filter(|(_, v)| !matches!(v, Node::Null)) {
            self.path.push(YamlStep::Key(k.clone()));
            self.comments_here(indent);
            self.out.push_str(&" ".repeat(indent));
            self.out.push_str(&key_text(k));
            self.out.push(':');
            self.value_after_key(v, indent);
            self.path.pop();
        }
    }

    /// A value after `key:` (on the line, or below it indented).
    fn value_after_key(&mut self, v: &Node, indent: usize) {
        match v {
            Node::Map(m) if !m.iter().all(|(_, v)| matches!(v, Node::Null)) => {
                self.out.push('\n');
                self.map_entries(m, indent + 2);
            }
            Node::Seq(s) if !s.is_empty() => {
                self.out.push('\n');
                self.seq_items(s, indent + 2);
            }
            Node::Map(_) => self.out.push_str(" {}\n"),
            Node::Seq(_) => self.out.push_str(" []\n"),
            scalar => {
                self.out.push(' ');
                self.scalar(scalar, indent + 2);
            }
        }
    }

    /// The items of a sequence, each `- item` at `indent`.
    fn seq_items(&mut self, s: &[Node], indent: usize) {
        for (i, item) in s.iter().enumerate() {
            self.path.push(YamlStep::Index(i));
            self.comments_here(indent);
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            match item {
                Node::Map(m) if !m.iter().all(|(_, v)| matches!(v, Node::Null)) => {
                    // The first entry on the dash's line, the others below it.
                    self.out.push(' ');
                    let entries: Vec<&(String, Node)> =
                        m.iter().filter(|(_, v)| !matches!(v, Node::Null)).collect();
                    for (j, (k, v)) in entries.into_iter().enumerate() {
                        self.path.push(YamlStep::Key(k.clone()));
                        if j > 0 {
                            self.comments_here(indent + 2);
                            self.out.push_str(&" ".repeat(indent + 2));
                        } else if self.has_comment_here() {
                            // A comment at the first key goes above the item.
                            self.out.push('\n');
                            self.comments_here(indent + 2);
                            self.out.push_str(&" ".repeat(indent + 2));
                        }
                        self.out.push_str(&key_text(k));
                        self.out.push(':');
                        self.value_after_key(v, indent + 2);
                        self.path.pop();
                    }
                }
                Node::Seq(inner) if !inner.is_empty() => {
                    self.out.push('\n');
                    self.seq_items(inner, indent + 2);
                }
                Node::Map(_) => self.out.push_str(" {}\n"),
                Node::Seq(_) => self.out.push_str(" []\n"),
                scalar => {
                    self.out.push(' ');
                    self.scalar(scalar, indent + 2);
                }
            }
            self.path.pop();
        }
    }

    fn has_comment_here(&self) -> bool {
        self.comments.iter().any(|(p, _)| *p == self.path)
    }

    /// A scalar, its first line already begun; `indent` for a block scalar's lines.
    fn scalar(&mut self, n: &Node, indent: usize) {
        match n {
            Node::Null => self.out.push_str("null\n"),
            Node::Bool(b) => {
                self.out.push_str(if *b { "true" } else { "false" });
                self.out.push('\n');
            }
            Node::Int(i) => {
                self.out.push_str(&i.to_string());
                self.out.push('\n');
            }
            Node::Float(f) => {
                self.out.push_str(&f.to_string());
                self.out.push('\n');
            }
            Node::Str(s) => {
                if let Some(lines) = folded(s, WIDTH.saturating_sub(indent).max(40)) {
                    self.out.push_str(">-\n");
                    for l in lines {
                        self.out.push_str(&" ".repeat(indent));
                        self.out.push_str(l);
                        self.out.push('\n');
                    }
                } else if plain_ok(s) {
                    self.out.push_str(s);
                    self.out.push('\n');
                } else {
                    self.out.push_str(&quoted(s));
                    self.out.push('\n');
                }
            }
            Node::Seq(_) | Node::Map(_) => {
                // Not reached: collections are written by their callers.
                self.out.push_str("null\n");
            }
        }
    }
}

/// A mapping key: plain when safe, else quoted.
fn key_text(k: &str) -> String {
    let word = k.starts_with(|c: char| c.is_ascii_alphabetic())
        && k.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
    if word { k.to_string() } else { quoted(k) }
}

/// Whether `s` can be written as a plain scalar that every YAML reader (galley's,
/// yaml-language-server's, YAML 1.1's) reads as this same string.
pub fn plain_ok(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let last = s.chars().next_back().unwrap_or(first);
    if first.is_whitespace() || last.is_whitespace() || last == ':' {
        return false;
    }
    // Indicators that start something else, and digits, signs and dots that could start
    // a number.
    if "-?:,[]{}#&*!|>'\"%@`~+.0123456789".contains(first) {
        return false;
    }
    if s.contains(": ") || s.contains(" #") || s.contains(":\t") {
        return false;
    }
    if s.chars().any(|c| {
        c.is_control()
            || matches!(
                c,
                '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
            )
    }) {
        return false;
    }
    // Words YAML 1.1 or 1.2 read as booleans or null.
    const WORDS: [&str; 13] = [
        "true", "false", "yes", "no", "y", "n", "on", "off", "null", "nan", "inf", "none", "=",
    ];
    let lower = s.to_ascii_lowercase();
    if WORDS.contains(&lower.as_str()) {
        return false;
    }
    true
}

/// `s` double-quoted, with YAML escapes for what cannot stand in it.
pub fn quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}') => {
                let n = u32::from(c);
                if n <= 0xFF {
                    out.push_str(&format!("\\x{n:02X}"));
                } else {
                    out.push_str(&format!("\\u{n:04X}"));
                }
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The lines of `s` as a folded block scalar (`>-`) wrapped at `width`, or `None` when
/// it is short or a folded scalar would not read back as `s`: breaks only at a single
/// space between two other characters, no line starting with a space, no line break,
/// tab or control character in the text.
pub fn folded(s: &str, width: usize) -> Option<Vec<&str>> {
    if s.chars().count() <= width || !plain_ok_in_block(s) {
        return None;
    }
    let mut lines = Vec::new();
    let mut start = 0;
    let bytes = s.as_bytes();
    while s[start..].chars().count() > width {
        // The last single space within the width, else the first after it.
        let mut best = None;
        for (count, (i, c)) in s[start..].char_indices().enumerate() {
            let at = start + i;
            if c == ' '
                && at > start
                && bytes.get(at - 1).is_some_and(|b| *b != b' ')
                && bytes.get(at + 1).is_some_and(|b| *b != b' ')
            {
                if count <= width || best.is_none() {
                    best = Some(at);
                }
                if count > width {
                    break;
                }
            }
        }
        match best {
            Some(at) => {
                lines.push(&s[start..at]);
                start = at + 1;
            }
            None => break,
        }
    }
    lines.push(&s[start..]);
    Some(lines)
}

/// Whether the text can be the content of a block scalar unchanged.
fn plain_ok_in_block(s: &str) -> bool {
    let first = s.chars().next();
    let last = s.chars().next_back();
    !s.is_empty()
        && !first.is_some_and(char::is_whitespace)
        && !last.is_some_and(char::is_whitespace)
        && !s.chars().any(|c| {
            c.is_control()
                || matches!(
                    c,
                    '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
                )
        })
}

/// An error of [`NodeSer`].
#[derive(Debug)]
pub struct SerError(String);

impl std::fmt::Display for SerError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SerError {}

impl ser::Error for SerError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        SerError(msg.to_string())
    }
}

/// The serializer into [`Node`].
struct NodeSer;

/// A sequence being serialized.
struct SeqSer(Vec<Node>);

/// A mapping (or struct) being serialized.
struct MapSer {
    entries: Vec<(String, Node)>,
    key: Option<String>,
    /// For a struct or tuple variant: the variant's name, wrapping the value.
    variant: Option<&'static str>,
}

/// A tuple variant being serialized.
struct VariantSeqSer(&'static str, Vec<Node>);

fn key_of(n: Node) -> Result<String, SerError> {
    match n {
        Node::Str(s) => Ok(s),
        Node::Int(i) => Ok(i.to_string()),
        Node::Bool(b) => Ok(b.to_string()),
        other => Err(SerError(format!(
            "a mapping key that is not a string: {other:?}"
        ))),
    }
}

impl ser::Serializer for NodeSer {
    type Ok = Node;
    type Error = SerError;
    type SerializeSeq = SeqSer;
    type SerializeTuple = SeqSer;
    type SerializeTupleStruct = SeqSer;
    type SerializeTupleVariant = VariantSeqSer;
    type SerializeMap = MapSer;
    type SerializeStruct = MapSer;
    type SerializeStructVariant = MapSer;

    fn serialize_bool(self, v: bool) -> Result<Node, SerError> {
        Ok(Node::Bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Node, SerError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i16(self, v: i16) -> Result<Node, SerError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i32(self, v: i32) -> Result<Node, SerError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_i64(self, v: i64) -> Result<Node, SerError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u8(self, v: u8) -> Result<Node, SerError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u16(self, v: u16) -> Result<Node, SerError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u32(self, v: u32) -> Result<Node, SerError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_u64(self, v: u64) -> Result<Node, SerError> {
        Ok(Node::Int(v.into()))
    }
    fn serialize_f32(self, v: f32) -> Result<Node, SerError> {
        Ok(Node::Float(v.into()))
    }
    fn serialize_f64(self, v: f64) -> Result<Node, SerError> {
        Ok(Node::Float(v))
    }
    fn serialize_char(self, v: char) -> Result<Node, SerError> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_str(self, v: &str) -> Result<Node, SerError> {
        Ok(Node::Str(v.to_string()))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Node, SerError> {
        Ok(Node::Seq(
            v.iter().map(|b| Node::Int((*b).into())).collect(),
        ))
    }
    fn serialize_none(self) -> Result<Node, SerError> {
        Ok(Node::Null)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Node, SerError> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Node, SerError> {
        Ok(Node::Null)
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<Node, SerError> {
        Ok(Node::Null)
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Node, SerError> {
        Ok(Node::Str(variant.to_string()))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Node, SerError> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<Node, SerError> {
        Ok(Node::Map(vec![(
            variant.to_string(),
            value.serialize(self)?,
        )]))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<SeqSer, SerError> {
        Ok(SeqSer(Vec::with_capacity(len.unwrap_or(0))))
    }
    fn serialize_tuple(self, len: usize) -> Result<SeqSer, SerError> {
        Ok(SeqSer(Vec::with_capacity(len)))
    }
    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<SeqSer, SerError> {
        Ok(SeqSer(Vec::with_capacity(len)))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<VariantSeqSer, SerError> {
        Ok(VariantSeqSer(variant, Vec::new()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<MapSer, SerError> {
        Ok(MapSer {
            entries: Vec::new(),
            key: None,
            variant: None,
        })
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<MapSer, SerError> {
        self.serialize_map(None)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<MapSer, SerError> {
        Ok(MapSer {
            entries: Vec::new(),
            key: None,
            variant: Some(variant),
        })
    }
}

impl ser::SerializeSeq for SeqSer {
    type Ok = Node;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.0.push(value.serialize(NodeSer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, SerError> {
        Ok(Node::Seq(self.0))
    }
}

impl ser::SerializeTuple for SeqSer {
    type Ok = Node;
    type Error = SerError;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, SerError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleStruct for SeqSer {
    type Ok = Node;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        ser::SerializeSeq::serialize_element(self, value)
    }
    fn end(self) -> Result<Node, SerError> {
        ser::SerializeSeq::end(self)
    }
}

impl ser::SerializeTupleVariant for VariantSeqSer {
    type Ok = Node;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        self.1.push(value.serialize(NodeSer)?);
        Ok(())
    }
    fn end(self) -> Result<Node, SerError> {
        Ok(Node::Map(vec![(self.0.to_string(), Node::Seq(self.1))]))
    }
}

impl ser::SerializeMap for MapSer {
    type Ok = Node;
    type Error = SerError;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), SerError> {
        self.key = Some(key_of(key.serialize(NodeSer)?)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), SerError> {
        let k = self
            .key
            .take()
            .ok_or_else(|| SerError("a value before its key".into()))?;
        self.entries.push((k, value.serialize(NodeSer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, SerError> {
        Ok(Node::Map(self.entries))
    }
}

impl ser::SerializeStruct for MapSer {
    type Ok = Node;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        self.entries
            .push((key.to_string(), value.serialize(NodeSer)?));
        Ok(())
    }
    fn end(self) -> Result<Node, SerError> {
        Ok(Node::Map(self.entries))
    }
}

impl ser::SerializeStructVariant for MapSer {
    type Ok = Node;
    type Error = SerError;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), SerError> {
        ser::SerializeStruct::serialize_field(self, key, value)
    }
    fn end(self) -> Result<Node, SerError> {
        let inner = Node::Map(self.entries);
        Ok(match self.variant {
            Some(v) => Node::Map(vec![(v.to_string(), inner)]),
            None => inner,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(serde::Serialize)]
    struct S {
        zeta: &'static str,
        alpha: Vec<&'static str>,
        #[serde(skip_serializing_if = "Option::is_none")]
        none: Option<u8>,
        n: u16,
    }

    #[test]
    fn a_sequence_or_an_empty_value_at_the_top_is_written_as_itself() {
        let seq = to_yaml(&vec!["a", "b: c"], &[], &[]).unwrap();
        assert_eq!(seq, "- a\n- \"b: c\"\n");
        let empty: Vec<u8> = Vec::new();
        assert_eq!(to_yaml(&empty, &[], &[]).unwrap(), "[]\n");
        let none: std::collections::BTreeMap<String, Option<u8>> =
            [("x".to_string(), None)].into_iter().collect();
        assert_eq!(to_yaml(&none, &[], &[]).unwrap(), "{}\n");
    }

    #[test]
    fn keys_keep_the_order_of_the_type_and_ambiguous_strings_are_quoted() {
        let s = S {
            zeta: "z",
            alpha: vec!["NO", "0252-9203", "plain words", "a: b", "- x", ""],
            none: None,
            n: 3,
        };
        let y = to_yaml(&s, &["# head".into()], &[]).unwrap();
        assert_eq!(
            y,
            "# head\nzeta: z\nalpha:\n  - \"NO\"\n  - \"0252-9203\"\n  - plain words\n  - \"a: b\"\n  - \"- x\"\n  - \"\"\nn: 3\n"
        );
    }

    #[test]
    fn comments_go_to_the_deepest_existing_value() {
        let s = S {
            zeta: "z",
            alpha: vec!["a", "b"],
            none: None,
            n: 3,
        };
        let comments = vec![
            Comment {
                path: vec![YamlStep::Key("alpha".into()), YamlStep::Index(1)],
                text: "galley: not imported: x".into(),
            },
            Comment {
                path: vec![YamlStep::Key("none".into()), YamlStep::Index(4)],
                text: "galley: not imported: y".into(),
            },
        ];
        let y = to_yaml(&s, &[], &comments).unwrap();
        assert_eq!(
            y,
            "# galley: not imported: y\nzeta: z\nalpha:\n  - a\n  # galley: not imported: x\n  - b\nn: 3\n"
        );
    }

    #[test]
    fn long_text_is_folded_at_single_spaces() {
        let s = "word ".repeat(40) + "end  two  spaces";
        let lines = folded(&s, 30).unwrap();
        assert!(
            lines
                .iter()
                .all(|l| !l.starts_with(' ') && !l.ends_with(' '))
        );
        assert_eq!(lines.join(" "), s);
        assert!(folded("short", 30).is_none());
        assert!(folded(&format!("{}\nx", "a ".repeat(40)), 30).is_none());
    }
}
