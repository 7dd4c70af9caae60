//! Stage 1, load: YAML bytes → a [`Node`] tree in which every value and key keeps its
//! position, then → a `serde_json::Value` for schema validation and deserialization.
//!
//! Built on `saphyr-parser`'s event stream rather than a serde deserializer because the
//! later stages need positions for *any* JSON pointer (schema errors, cross-reference
//! errors, a column inside a marked-up string), and because galley's YAML is stricter
//! than YAML 1.2 and resolved here in one place:
//! - one document per file, UTF-8 only (a UTF-8 BOM is accepted and skipped);
//! - only `true`/`false` are booleans, only plain decimal numerals are numbers
//!   (`NO`, `0252-9203`, `1e3`, `0x10` stay strings), `null`/`~`/empty are null;
//! - duplicate keys, tags, merge keys (`<<`) and non-scalar keys are errors;
//! - anchors and aliases work, within a budget on the expanded size (an alias bomb is
//!   refused before it is expanded), and nesting depth and file size are bounded.
//!
//! A syntax error is placed at its fault, not where the parser gave up (a tab, a key
//! without its colon, a line indented wrongly, an unclosed quote or bracket), with a hint
//! for that fault: see the private `syntax` module (src/yaml/syntax.rs).

use std::borrow::Cow;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use saphyr_parser::{Event, Marker, Parser, ScalarStyle, ScanError};
use serde_json::{Map, Number, Value};

use crate::diag::{Diagnostic, Span};

mod syntax;

/// Bounds on what one YAML file may cost to load.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Largest file accepted, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of mappings and sequences.
    pub max_depth: usize,
    /// Most nodes in the document once aliases are expanded.
    pub max_nodes: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_bytes: 16 * 1024 * 1024,
            max_depth: 64,
            max_nodes: 2_000_000,
        }
    }
}

/// A loaded YAML value with its position.
#[derive(Debug, Clone)]
pub struct Node {
    /// Where the value is written.
    pub span: Span,
    /// The value.
    pub value: NodeValue,
    /// How many nodes this one holds, itself included.
    size: usize,
}

/// The kinds of YAML value galley accepts.
#[derive(Debug, Clone)]
pub enum NodeValue {
    /// `null`, `~` or nothing.
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A plain decimal numeral.
    Number(Number),
    /// Any other scalar.
    String(String),
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in written order: key, key position, value.
    Map(Vec<(String, Span, Node)>),
}

/// Where a JSON pointer leads in a document.
#[derive(Debug, Clone, Copy)]
pub struct Located {
    /// The key's position, when the pointer ends at a mapping entry.
    pub key: Option<Span>,
    /// The value's position.
    pub value: Span,
}

/// One loaded YAML file.
#[derive(Debug, Clone)]
pub struct Document {
    /// The file's path, as given.
    pub path: PathBuf,
    /// The file's text.
    pub text: Arc<str>,
    /// The root value.
    pub root: Node,
    /// Errors found while loading that did not stop it (a duplicate key: the first
    /// value is kept so that later checks still see the rest of the file).
    pub diagnostics: Vec<Diagnostic>,
    /// Byte offset of the start of each line, so that a position inside a long file is
    /// found without counting lines from its start (once per diagnostic, that made a
    /// file with many diagnostics take time quadratic in its length).
    line_starts: Vec<usize>,
}

impl Document {
    /// The document as JSON, for schema validation and deserialization.
    pub fn to_json(&self) -> Value {
        to_json(&self.root)
    }

    /// Follows a JSON pointer (`/body/0/p`) to a node.
    pub fn locate(&self, pointer: &str) -> Option<Located> {
        let mut node = &self.root;
        let mut key = None;
        if pointer.is_empty() {
            return Some(Located {
                key: None,
                value: node.span,
            });
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            let part = raw.replace("~1", "/").replace("~0", "~");
            match &node.value {
                NodeValue::Map(entries) => {
                    let (_, k, v) = entries.iter().find(|(name, _, _)| *name == part)?;
                    key = Some(*k);
                    node = v;
                }
                NodeValue::Seq(items) => {
                    node = items.get(part.parse::<usize>().ok()?)?;
                    key = None;
                }
                _ => return None,
            }
        }
        Some(Located {
            key,
            value: node.span,
        })
    }

    /// The position of a pointer's value, or of the nearest enclosing value that exists.
    pub fn span_or_parent(&self, pointer: &str) -> Option<Span> {
        let mut p = pointer;
        loop {
            if let Some(l) = self.locate(p) {
                return Some(l.value);
            }
            p = &p[..p.rfind('/')?];
        }
    }

    /// The position of the `char_offset`-th character of the string at `pointer`, found
    /// by walking the string's value and its source text side by side: quotes, escapes,
    /// indentation and folded line breaks are in the source but not in the value.
    pub fn string_char_span(
        &self,
        pointer: &str,
        char_offset: usize,
        char_len: usize,
    ) -> Option<Span> {
        let located = self.locate(pointer)?;
        let node_span = located.value;
        let value = match &self.lookup(pointer)?.value {
            NodeValue::String(s) => s,
            _ => return Some(node_span),
        };
        let raw = self
            .text
            .get(node_span.offset..node_span.offset + node_span.len)
            .unwrap_or("");
        let raw_chars: Vec<(usize, char)> = raw.char_indices().collect();
        let double_quoted = raw.starts_with('"');
        let mut ri = 0;
        let mut found = None;
        let mut end = None;
        for (vi, vc) in value.chars().enumerate() {
            // Advance in the source to the next character that can stand for `vc`: the
            // same character, any white space for white space, or (in a double-quoted
            // scalar) an escape sequence.
            let mut escape_len = 0;
            while ri < raw_chars.len() {
                let rc = raw_chars[ri].1;
                if double_quoted && rc == '\\' {
                    escape_len = match raw_chars.get(ri + 1).map(|c| c.1) {
                        Some('x') => 4,
                        Some('u') => 6,
                        Some('U') => 10,
                        Some('\n' | '\r') => 0,
                        Some(_) => 2,
                        None => 1,
                    };
                    if escape_len > 0 {
                        break;
                    }
                }
                if rc == vc || (vc.is_whitespace() && rc.is_whitespace()) {
                    break;
                }
                ri += 1;
            }
            if vi == char_offset {
                found = raw_chars.get(ri).map(|&(b, _)| b);
            }
            if vi == char_offset + char_len {
                end = raw_chars.get(ri).map(|&(b, _)| b);
                break;
            }
            ri += escape_len.max(1);
        }
        let start_byte = match found {
            Some(b) => node_span.offset + b,
            None => return Some(node_span),
        };
        let end_byte = end.map_or(node_span.offset + raw.len(), |b| node_span.offset + b);
        Some(self.span_at(start_byte, end_byte.saturating_sub(start_byte)))
    }

    /// The span of `len` bytes at byte `offset` of the file ([`span_from_offset`], with
    /// the line found by binary search in the line index).
    pub fn span_at(&self, offset: usize, len: usize) -> Span {
        span_by(self.text.len(), offset, len, |o| self.position(o))
    }

    /// The line and column (from 1, in characters) of byte `offset`, clamped to the text
    /// and moved back to the start of a character it falls inside.
    fn position(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset);
        let line_start = self.line_starts[line.saturating_sub(1)];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(0, |t| t.chars().count())
            + 1;
        (line, column)
    }

    /// [`Self::string_char_span`] for a range of bytes of the string's value (as the
    /// inline parser counts); `None` if the range is not within the string.
    pub fn string_byte_span(&self, pointer: &str, offset: usize, len: usize) -> Option<Span> {
        let NodeValue::String(s) = &self.lookup(pointer)?.value else {
            return None;
        };
        let start = s.get(..offset)?.chars().count();
        let chars = s.get(offset..offset.checked_add(len)?)?.chars().count();
        self.string_char_span(pointer, start, chars)
    }

    fn lookup(&self, pointer: &str) -> Option<&Node> {
        let mut node = &self.root;
        if pointer.is_empty() {
            return Some(node);
        }
        for raw in pointer.strip_prefix('/')?.split('/') {
            let part = raw.replace("~1", "/").replace("~0", "~");
            node = match &node.value {
                NodeValue::Map(entries) => &entries.iter().find(|(name, _, _)| *name == part)?.2,
                NodeValue::Seq(items) => items.get(part.parse::<usize>().ok()?)?,
                _ => return None,
            };
        }
        Some(node)
    }
}

/// A span for a byte range, with its line and column worked out from the text.
pub fn span_from_offset(text: &str, offset: usize, len: usize) -> Span {
    span_by(text.len(), offset, len, |o| text_position(text, o))
}

/// The span of `len` bytes at byte `offset` (clamped to a text of `text_len` bytes), its
/// start and end placed by `position` (a byte offset → line and column).
fn span_by(
    text_len: usize,
    offset: usize,
    len: usize,
    position: impl Fn(usize) -> (usize, usize),
) -> Span {
    let offset = offset.min(text_len);
    let (line, column) = position(offset);
    let (end_line, end_column) = position(offset.saturating_add(len));
    Span {
        line,
        column,
        offset,
        len,
        end_line: Some(end_line),
        end_column: Some(end_column),
    }
}

/// The line and column (from 1, in characters) of byte `offset` of `text`, clamped to
/// the text and moved back to the start of a character it falls inside.
fn text_position(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = text[line_start..offset].chars().count() + 1;
    (line, column)
}

fn to_json(node: &Node) -> Value {
    match &node.value {
        NodeValue::Null => Value::Null,
        NodeValue::Bool(b) => Value::Bool(*b),
        NodeValue::Number(n) => Value::Number(n.clone()),
        NodeValue::String(s) => Value::String(s.clone()),
        NodeValue::Seq(items) => Value::Array(items.iter().map(to_json).collect()),
        NodeValue::Map(entries) => {
            let mut m = Map::new();
            for (k, _, v) in entries {
                m.insert(k.clone(), to_json(v));
            }
            Value::Object(m)
        }
    }
}

/// Why [`read_file`] read nothing.
#[derive(Debug)]
pub enum ReadError {
    /// Not a regular file: reading a named pipe could wait for ever, and a device such as
    /// `/dev/zero` never ends.
    NotRegular,
    /// Over the size limit; the file's size.
    TooLarge(u64),
    /// The file could not be opened or read.
    Io(std::io::Error),
}

/// Reads a YAML file (links followed): only a regular file, and only one of at most
/// `max_bytes`. At most one byte over the limit is ever read, so a file that grows after
/// its size was checked is still refused without being read whole.
pub fn read_file(path: &Path, max_bytes: usize) -> Result<Vec<u8>, ReadError> {
    let meta = std::fs::metadata(path).map_err(ReadError::Io)?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > max_bytes as u64 {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    std::fs::File::open(path)
        .and_then(|f| f.take(max_bytes as u64 + 1).read_to_end(&mut bytes))
        .map_err(ReadError::Io)?;
    if bytes.len() > max_bytes {
        return Err(ReadError::TooLarge(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads and loads a YAML file. I/O failures, and a path that is not a regular file, are
/// `io.read` diagnostics (exit status 2).
pub fn load_file(path: &Path, limits: &Limits) -> Result<Document, Vec<Diagnostic>> {
    let bytes = read_file(path, limits.max_bytes).map_err(|e| {
        vec![match e {
            ReadError::NotRegular => Diagnostic::error(
                "io.read",
                format!("{} is not a regular file", path.display()),
            )
            .in_file(path)
            .hint("galley reads YAML from regular files; put the file itself here, not a named pipe, a device or a folder"),
            ReadError::TooLarge(len) => too_large(path, len as usize, limits),
            ReadError::Io(e) => {
                Diagnostic::error("io.read", format!("cannot read {}: {e}", path.display()))
                    .in_file(path)
            }
        }]
    })?;
    load_bytes(path, &bytes, limits)
}

fn too_large(path: &Path, len: usize, limits: &Limits) -> Diagnostic {
    Diagnostic::error(
        "yaml.too-large",
        format!(
            "file is {len} bytes; galley reads YAML files of at most {} bytes",
            limits.max_bytes
        ),
    )
    .in_file(path)
    .hint("split the article, or check that this is the file you meant")
}

/// Loads YAML from bytes (named `path` in diagnostics).
pub fn load_bytes(path: &Path, bytes: &[u8], limits: &Limits) -> Result<Document, Vec<Diagnostic>> {
    if bytes.len() > limits.max_bytes {
        return Err(vec![too_large(path, bytes.len(), limits)]);
    }
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return Err(vec![
            Diagnostic::error("yaml.encoding", "file is UTF-16; galley reads UTF-8 only")
                .in_file(path)
                .hint("save the file as UTF-8"),
        ]);
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text: Arc<str> = match std::str::from_utf8(bytes) {
        Ok(t) => Arc::from(t),
        Err(e) => {
            let good = e.valid_up_to();
            let valid = String::from_utf8_lossy(&bytes[..good]);
            let span = span_from_offset(&valid, good, 0);
            return Err(vec![
                Diagnostic::error("yaml.encoding", format!("invalid UTF-8 at byte {good}"))
                    .in_file(path)
                    .at(Some(span))
                    .hint("save the file as UTF-8"),
            ]);
        }
    };
    let mut builder = Builder::new(path, &text, limits);
    match builder.run() {
        Ok(Some(root)) => Ok(Document {
            path: path.to_path_buf(),
            root,
            diagnostics: std::mem::take(&mut builder.diagnostics),
            line_starts: std::mem::take(&mut builder.line_starts),
            text,
        }),
        Ok(None) => Err(vec![
            Diagnostic::error("yaml.empty", "the file holds no YAML document")
                .in_file(path)
                .at(Some(span_from_offset(&text, 0, 0)))
                .hint("an empty file is not an article: write at least the required keys"),
        ]),
        Err(d) => Err(vec![*d]),
    }
}

enum Frame {
    Seq {
        start: Span,
        anchor: usize,
        items: Vec<Node>,
        size: usize,
    },
    Map {
        start: Span,
        anchor: usize,
        entries: Vec<(String, Span, Node)>,
        key: Option<(String, Span)>,
        size: usize,
        /// The pending key is a duplicate: its value is dropped.
        skip: bool,
    },
}

impl Frame {
    /// The finished collection, spanning from its start to `end`, with its anchor.
    fn finish(self, end: Span) -> (Node, usize) {
        let (start, anchor, value, size) = match self {
            Frame::Seq {
                start,
                anchor,
                items,
                size,
            } => (start, anchor, NodeValue::Seq(items), size),
            Frame::Map {
                start,
                anchor,
                entries,
                size,
                ..
            } => (start, anchor, NodeValue::Map(entries), size),
        };
        let span = Span {
            len: end.offset.saturating_sub(start.offset) + end.len,
            end_line: end.end_line,
            end_column: end.end_column,
            ..start
        };
        (Node { span, value, size }, anchor)
    }
}

struct Builder<'a> {
    path: &'a Path,
    text: &'a str,
    limits: &'a Limits,
    /// Byte offset of the start of each line.
    line_starts: Vec<usize>,
    anchors: Vec<Option<Node>>,
    nodes: usize,
    diagnostics: Vec<Diagnostic>,
}

type Fail = Box<Diagnostic>;

impl<'a> Builder<'a> {
    fn new(path: &'a Path, text: &'a str, limits: &'a Limits) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        Builder {
            path,
            text,
            limits,
            line_starts,
            anchors: Vec::new(),
            nodes: 0,
            diagnostics: Vec::new(),
        }
    }

    fn byte_of(&self, m: &Marker) -> usize {
        let line_start = self
            .line_starts
            .get(m.line().saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len());
        let rest = &self.text[line_start..];
        rest.char_indices()
            .nth(m.col())
            .map_or(self.text.len(), |(b, _)| line_start + b)
    }

    fn span(&self, start: &Marker, end: &Marker) -> Span {
        let s = self.byte_of(start);
        let e = self.byte_of(end).max(s);
        Span {
            line: start.line(),
            column: start.col() + 1,
            offset: s,
            len: e - s,
            end_line: Some(end.line()),
            end_column: Some(end.col() + 1),
        }
    }

    fn err(&self, code: &str, message: impl Into<String>, span: Span, hint: &str) -> Fail {
        let mut d = Diagnostic::error(code, message)
            .in_file(self.path)
            .at(Some(span));
        if !hint.is_empty() {
            d = d.hint(hint);
        }
        Box::new(d)
    }

    /// `yaml.complex-key`: a list or mapping where a key must be, written there or reached
    /// through an alias.
    fn complex_key(&self, span: Span, hint: &str) -> Fail {
        self.err(
            "yaml.complex-key",
            "a mapping key must be a plain string, not a list or mapping",
            span,
            hint,
        )
    }

    /// A scanner error, placed at the fault behind it (see [`syntax`]).
    fn scan_error(&self, e: &ScanError) -> Fail {
        let m = e.marker();
        let span = self.span(m, m);
        let info = e.info();
        if info.contains("recursion limit") {
            return self.err(
                "yaml.too-deep",
                "nesting too deep for the YAML parser",
                span,
                "galley documents are never this deep; check the brackets",
            );
        }
        if info.contains("invalid Unicode character escape") {
            return self.err(
                "text.forbidden-char",
                format!("an escape names a character that cannot exist in text: {info}"),
                span,
                "lone surrogates (\\uD800–\\uDFFF) are not characters; write the character itself",
            );
        }
        if info.contains("anchor") || info.contains("alias") {
            return self.err(
                "yaml.syntax",
                format!("YAML syntax error: {info}"),
                span,
                "define the anchor (&name) before using the alias (*name)",
            );
        }
        let found = syntax::locate(self.text, &self.line_starts, span.offset, info);
        let (message, hint) = found.fault.describe(info);
        self.err(
            "yaml.syntax",
            message,
            span_from_offset(self.text, found.offset, found.len),
            &hint,
        )
    }

    fn count(&mut self, n: usize, span: Span) -> Result<(), Fail> {
        self.nodes += n;
        if self.nodes > self.limits.max_nodes {
            return Err(self.err(
                "yaml.too-many-nodes",
                format!(
                    "the document expands to more than {} values (aliases included)",
                    self.limits.max_nodes
                ),
                span,
                "an alias that refers to a large anchor many times multiplies the document; write the values out",
            ));
        }
        Ok(())
    }

    /// Builds the tree from the parser's events: one document, every node counted against
    /// the limits, anchors remembered for the aliases after them.
    fn run(&mut self) -> Result<Option<Node>, Fail> {
        let mut parser = Parser::new_from_str(self.text);
        let mut stack: Vec<Frame> = Vec::new();
        let mut root: Option<Node> = None;
        let mut documents = 0;
        while let Some(ev) = parser.next_event() {
            let (event, sp) = ev.map_err(|e| self.scan_error(&e))?;
            let span = self.span(&sp.start, &sp.end);
            let done: Option<(Node, usize)> = match event {
                Event::StreamStart | Event::StreamEnd | Event::Nothing | Event::DocumentEnd => None,
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        return Err(self.err(
                            "yaml.multiple-documents",
                            "the file holds more than one YAML document",
                            span,
                            "galley reads one document per file: remove the `---` line and what follows, or split the file",
                        ));
                    }
                    None
                }
                Event::Alias(id) => Some((self.alias(id, span)?, 0)),
                Event::Scalar(value, style, anchor, tag) => {
                    if let Some(tag) = tag {
                        return Err(self.err(
                            "yaml.tag",
                            format!("YAML tags such as `{tag}` are not allowed"),
                            span,
                            "remove the tag; write the value as plain text (quote it if needed)",
                        ));
                    }
                    self.count(1, span)?;
                    let node = Node {
                        span,
                        value: resolve_scalar(value, style),
                        size: 1,
                    };
                    Some((node, anchor))
                }
                ref ev @ (Event::SequenceStart(anchor, ref tag)
                | Event::MappingStart(anchor, ref tag)) => {
                    if let Some(tag) = tag {
                        return Err(self.err(
                            "yaml.tag",
                            format!("YAML tags such as `{tag}` are not allowed"),
                            span,
                            "remove the tag",
                        ));
                    }
                    let is_seq = matches!(ev, Event::SequenceStart(..));
                    self.open_collection(&mut stack, is_seq, anchor, span)?;
                    None
                }
                Event::SequenceEnd | Event::MappingEnd => stack.pop().map(|f| f.finish(span)),
            };
            let Some((node, anchor)) = done else { continue };
            if anchor > 0 {
                if self.anchors.len() <= anchor {
                    self.anchors.resize(anchor + 1, None);
                }
                self.anchors[anchor] = Some(node.clone());
            }
            self.place(&mut stack, &mut root, node)?;
        }
        Ok(root)
    }

    /// The node an alias stands for, placed at the alias.
    fn alias(&mut self, id: usize, span: Span) -> Result<Node, Fail> {
        let node = self
            .anchors
            .get(id)
            .and_then(|n| n.clone())
            .ok_or_else(|| {
                self.err(
                    "yaml.syntax",
                    "alias to an anchor that is not defined before it",
                    span,
                    "define the anchor (&name) before using the alias (*name)",
                )
            })?;
        // Counted before it is placed: an alias bomb stops here, early.
        self.count(node.size, span)?;
        let mut node = node;
        node.span = span;
        Ok(node)
    }

    /// Starts a sequence or a mapping, within the depth limit and never as a key.
    fn open_collection(
        &mut self,
        stack: &mut Vec<Frame>,
        is_seq: bool,
        anchor: usize,
        span: Span,
    ) -> Result<(), Fail> {
        if stack.len() >= self.limits.max_depth {
            return Err(self.err(
                "yaml.too-deep",
                format!("nesting deeper than {} levels", self.limits.max_depth),
                span,
                "galley documents are never this deep; check the indentation or the brackets",
            ));
        }
        self.count(1, span)?;
        if let Some(Frame::Map { key: None, .. }) = stack.last() {
            return Err(self.complex_key(span, "write keys as plain words: `title:`"));
        }
        stack.push(if is_seq {
            Frame::Seq {
                start: span,
                anchor,
                items: Vec::new(),
                size: 1,
            }
        } else {
            Frame::Map {
                start: span,
                anchor,
                entries: Vec::new(),
                key: None,
                size: 1,
                skip: false,
            }
        });
        Ok(())
    }

    /// Puts a finished node into its parent (or makes it the root).
    fn place(
        &mut self,
        stack: &mut [Frame],
        root: &mut Option<Node>,
        node: Node,
    ) -> Result<(), Fail> {
        match stack.last_mut() {
            None => *root = Some(node),
            Some(Frame::Seq { items, size, .. }) => {
                *size += node.size;
                items.push(node);
            }
            Some(Frame::Map {
                entries,
                key,
                size,
                skip,
                ..
            }) => match key.take() {
                None => {
                    let name = match &node.value {
                        NodeValue::String(s) => s.clone(),
                        NodeValue::Null => String::new(),
                        NodeValue::Bool(b) => b.to_string(),
                        NodeValue::Number(n) => n.to_string(),
                        // A list or mapping written as a key is refused when it starts;
                        // one reached through an alias (`*a:`) only arrives here.
                        _ => {
                            return Err(self.complex_key(
                                node.span,
                                "write keys as plain words: `title:`; an alias cannot stand for a key",
                            ));
                        }
                    };
                    let raw = self
                        .text
                        .get(node.span.offset..node.span.offset + node.span.len)
                        .unwrap_or("");
                    if name == "<<" && raw == "<<" {
                        return Err(self.err(
                            "yaml.merge-key",
                            "merge keys (`<<`) are not supported",
                            node.span,
                            "write the keys out in full; galley files are canonical and say each thing once",
                        ));
                    }
                    if let Some((_, first, _)) = entries.iter().find(|(k, _, _)| *k == name) {
                        let d = self.err(
                            "yaml.duplicate-key",
                            format!("duplicate key `{name}`"),
                            node.span,
                            &format!(
                                "`{name}` is already defined at line {}, column {}; keep one of them",
                                first.line, first.column
                            ),
                        );
                        self.diagnostics.push(*d);
                        *skip = true;
                    }
                    *key = Some((name, node.span));
                }
                Some((name, key_span)) => {
                    if std::mem::take(skip) {
                        return Ok(());
                    }
                    *size += node.size;
                    entries.push((name, key_span, node));
                }
            },
        }
        Ok(())
    }
}

/// Galley's scalar resolution: stricter than the YAML 1.2 core schema (see module docs).
fn resolve_scalar(value: Cow<'_, str>, style: ScalarStyle) -> NodeValue {
    if style != ScalarStyle::Plain {
        return NodeValue::String(value.into_owned());
    }
    match &*value {
        "" | "~" | "null" => NodeValue::Null,
        "true" => NodeValue::Bool(true),
        "false" => NodeValue::Bool(false),
        s if is_decimal_integer(s) => match s.parse::<i64>() {
            Ok(i) => NodeValue::Number(Number::from(i)),
            Err(_) => NodeValue::String(value.into_owned()),
        },
        s if is_decimal_fraction(s) => match s.parse::<f64>().ok().and_then(Number::from_f64) {
            Some(n) => NodeValue::Number(n),
            None => NodeValue::String(value.into_owned()),
        },
        _ => NodeValue::String(value.into_owned()),
    }
}

/// `0`, `42`, `-7`; not `0252` (a leading zero keeps a value a string).
fn is_decimal_integer(s: &str) -> bool {
    let digits = s.strip_prefix('-').unwrap_or(s);
    !digits.is_empty()
        && digits.bytes().all(|b| b.is_ascii_digit())
        && (digits == "0" || !digits.starts_with('0'))
}

/// `1.5`, `-0.25`; not `1e3`, `.5` or `1.`.
fn is_decimal_fraction(s: &str) -> bool {
    match s.split_once('.') {
        Some((int, frac)) => {
            is_decimal_integer(int) && !frac.is_empty() && frac.bytes().all(|b| b.is_ascii_digit())
        }
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_index_finds_what_counting_from_the_start_finds() {
        let text = "a: 1\r\nb: \"é\n  中文\"\n\nc:\n- x\n";
        let doc = load(text).unwrap();
        for offset in (0..=text.len() + 2).filter(|&o| o > text.len() || text.is_char_boundary(o)) {
            assert_eq!(
                doc.span_at(offset, 1),
                span_from_offset(text, offset, 1),
                "{offset}"
            );
        }
    }

    fn load(s: &str) -> Result<Document, Vec<Diagnostic>> {
        load_bytes(Path::new("t.yaml"), s.as_bytes(), &Limits::default())
    }

    #[test]
    fn scalars_are_not_coerced() {
        let d = load("a: NO\nb: 0252-9203\nc: 1e3\nd: 0x10\ne: 12\nf: true\ng: ~\nh: '12'\ni: 1.5\nj: 0123\n").unwrap();
        let v = d.to_json();
        assert_eq!(v["a"], "NO");
        assert_eq!(v["b"], "0252-9203");
        assert_eq!(v["c"], "1e3");
        assert_eq!(v["d"], "0x10");
        assert_eq!(v["e"], 12);
        assert_eq!(v["f"], true);
        assert!(v["g"].is_null());
        assert_eq!(v["h"], "12");
        assert_eq!(v["i"], 1.5);
        assert_eq!(v["j"], "0123");
    }

    #[test]
    fn positions_of_keys_and_values() {
        let d = load("title: x\nbody:\n  - p: hello\n").unwrap();
        let l = d.locate("/body/0/p").unwrap();
        assert_eq!((l.value.line, l.value.column), (3, 8));
        assert_eq!(l.key.map(|k| (k.line, k.column)), Some((3, 5)));
    }

    #[test]
    fn duplicate_key_points_at_second_and_keeps_first() {
        let d = load("a: 1\nb: 2\na: 3\n").unwrap();
        let e = &d.diagnostics;
        assert_eq!(e[0].code, "yaml.duplicate-key");
        assert_eq!(e[0].span.map(|s| (s.line, s.column)), Some((3, 1)));
        assert_eq!(d.to_json()["a"], 1);
    }

    #[test]
    fn alias_bomb_is_refused() {
        let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut prev = 'a';
        for c in 'b'..='k' {
            s.push_str(&format!("{c}: &{c} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
            prev = c;
        }
        let e = load(&s).unwrap_err();
        assert_eq!(e[0].code, "yaml.too-many-nodes");
    }

    #[test]
    fn column_inside_a_string() {
        let d = load("p: \"say \\\"hi\\\" *x\"\n").unwrap();
        // value: say "hi" *x  — the `*` is the 10th char (index 9)
        let s = d.string_char_span("/p", 9, 1).unwrap();
        assert_eq!((s.line, s.column), (1, 16));
        let d = load("p: \"bell \\x07 and \\\" *x\"\n").unwrap();
        // value: bell \u{7} and " *x — the `*` is index 13; the \x07 escape index 5
        let s = d.string_char_span("/p", 13, 1).unwrap();
        assert_eq!((s.line, s.column), (1, 22));
        let s = d.string_char_span("/p", 5, 1).unwrap();
        assert_eq!((s.line, s.column), (1, 10));
        let d = load("p: >\n  one two\n  three *x\n").unwrap();
        // value: "one two three *x\n" — `*` at index 14
        let s = d.string_char_span("/p", 14, 1).unwrap();
        assert_eq!((s.line, s.column), (3, 9));
    }

    #[test]
    fn other_refusals() {
        assert_eq!(
            load("a: 1\n---\nb: 2\n").unwrap_err()[0].code,
            "yaml.multiple-documents"
        );
        assert_eq!(load("").unwrap_err()[0].code, "yaml.empty");
        assert_eq!(load("a: !!binary aGk=\n").unwrap_err()[0].code, "yaml.tag");
        assert_eq!(
            load("a: &x {b: 1}\nc:\n  <<: *x\n").unwrap_err()[0].code,
            "yaml.merge-key"
        );
        assert_eq!(load("a: \"open\n").unwrap_err()[0].code, "yaml.syntax");
        assert_eq!(
            load_bytes(Path::new("t"), b"\xff\xfea\x00", &Limits::default()).unwrap_err()[0].code,
            "yaml.encoding"
        );
    }
}
