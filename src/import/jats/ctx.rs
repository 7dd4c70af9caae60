//! What every JATS mapping function shares: the file read, its text (for positions) and
//! the losses found so far.

use std::path::{Path, PathBuf};

use roxmltree::Node;

/// One step of a path in the YAML written: a key or an index in a list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum YamlStep {
    /// A mapping key.
    Key(String),
    /// An index in a sequence.
    Index(usize),
}

/// A fact of the source that the importer did not carry into the YAML.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loss {
    /// The JATS file.
    pub file: PathBuf,
    /// 1-based line of the element or attribute in the file.
    pub line: u32,
    /// 1-based column (in characters).
    pub column: u32,
    /// The element's path from the root, with 1-based positions among same-named
    /// siblings: `/article/body/sec[2]/p[3]/inline-graphic`, `…/@specific-use` for an
    /// attribute.
    pub xml_path: String,
    /// What was not carried, for people: `inline-graphic (an image in a line of text)`.
    pub what: String,
    /// The nearest place in the YAML written, where the `# galley: not imported` comment
    /// goes.
    pub yaml_path: Vec<YamlStep>,
}

/// The state of one file's import.
pub struct Ctx<'a, 'input> {
    /// The JATS file read.
    pub file: &'a Path,
    /// Its parsed document.
    pub doc: &'a roxmltree::Document<'input>,
    /// Losses found so far, in document order of discovery.
    pub losses: Vec<Loss>,
    /// Where in the YAML the value being built will be written; mapping functions push
    /// and pop steps as they descend (see [`Ctx::within`]).
    pub yaml_path: Vec<YamlStep>,
    /// Inline formulas met in text (`inline-formula`), placed with `[$id]`: the
    /// article's `formulas`.
    pub formulas: Vec<crate::model::InlineFormula>,
    /// Footnotes met inside text (`fn` in a `p`, not in an `fn-group`), placed with
    /// `[^id]`: they go after the `fn-group`'s in the article's `footnotes`.
    pub footnotes: Vec<crate::model::Footnote>,
    /// JATS ids → galley ids ([`Ctx::id`]), and every galley id given out so far.
    pub ids: std::collections::HashMap<String, String>,
    /// Galley ids given out (mapped or made), so that no two elements share one.
    pub taken: std::collections::HashSet<String>,
}

impl<'a, 'input> Ctx<'a, 'input> {
    /// A fresh context for `doc`, read from `file`.
    pub fn new(file: &'a Path, doc: &'a roxmltree::Document<'input>) -> Self {
        Ctx {
            file,
            doc,
            losses: Vec::new(),
            yaml_path: Vec::new(),
            formulas: Vec::new(),
            footnotes: Vec::new(),
            ids: std::collections::HashMap::new(),
            taken: std::collections::HashSet::new(),
        }
    }

    /// The galley id of the JATS id `jats`: the same when it is a valid galley id (a
    /// letter, then letters, digits, `-`, `_`, `.`), else a mapped one (`x` before a
    /// first character that is no letter, `-` for each character galley's ids do not
    /// take, `-2`, `-3`… when that is taken). The same JATS id always gives the same
    /// galley id, at its target and in every reference to it; the mapping depends only
    /// on the document (every valid id of it is reserved first).
    pub fn id(&mut self, jats: &str) -> crate::model::Id {
        self.reserve();
        if let Some(g) = self.ids.get(jats) {
            return crate::model::Id(g.clone());
        }
        let mut base: String = jats
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        if !base.starts_with(|c: char| c.is_ascii_alphabetic()) {
            base.insert(0, 'x');
        }
        let id = self.unique(base);
        self.ids.insert(jats.to_string(), id.clone());
        crate::model::Id(id)
    }

    /// A new galley id for an element the source gives none (a `fig` without `id`):
    /// `prefix` and the first number from 1 not taken.
    pub fn fresh_id(&mut self, prefix: &str) -> crate::model::Id {
        self.reserve();
        let mut n = 1;
        loop {
            let candidate = format!("{prefix}{n}");
            if !self.taken.contains(&candidate) && !self.ids.contains_key(&candidate) {
                self.taken.insert(candidate.clone());
                return crate::model::Id(candidate);
            }
            n += 1;
        }
    }

    /// Reserves the document's valid ids (once).
    fn reserve(&mut self) {
        if !self.taken.is_empty() {
            return;
        }
        let doc = self.doc;
        for n in doc.descendants().filter(|n| n.is_element()) {
            if let Some(v) = n.attribute("id").filter(|v| is_galley_id(v)) {
                self.ids.insert(v.to_string(), v.to_string());
                self.taken.insert(v.to_string());
            }
        }
        // An empty document still marks the reservation done.
        self.taken.insert(String::new());
    }

    /// [`Ctx::fresh_id`] for the element `n`, the same each time it is asked for `n`
    /// (mapping functions may map an element twice, see [`Ctx::dry`]).
    pub fn fresh_id_for(&mut self, n: Node<'_, '_>, prefix: &str) -> crate::model::Id {
        // `#` cannot occur in an XML id, so the key is no JATS id.
        let key = format!("#{}", n.id().get());
        if let Some(g) = self.ids.get(&key) {
            return crate::model::Id(g.clone());
        }
        let id = self.fresh_id(prefix);
        self.ids.insert(key, id.0.clone());
        id
    }

    /// Runs `f` and forgets what it found (losses, formulas, footnotes): for mapping an
    /// element a second time to know what galley would print for it (a reference's
    /// citation text, a section's heading).
    pub fn dry<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let (l, fo, fn_) = (self.losses.len(), self.formulas.len(), self.footnotes.len());
        let out = f(self);
        self.losses.truncate(l);
        self.formulas.truncate(fo);
        self.footnotes.truncate(fn_);
        out
    }

    /// `base`, or `base-2`, `base-3`… the first not taken; marked taken.
    fn unique(&mut self, base: String) -> String {
        let mut candidate = base.clone();
        let mut n = 2;
        while self.taken.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.taken.insert(candidate.clone());
        candidate
    }

    /// The element with this `id` attribute, if the document has one.
    pub fn by_id(&self, id: &str) -> Option<Node<'a, 'input>> {
        self.doc
            .descendants()
            .find(|n| n.is_element() && n.attribute("id") == Some(id))
    }

    /// Runs `f` with `step` pushed on the YAML path.
    pub fn within<T>(&mut self, step: YamlStep, f: impl FnOnce(&mut Self) -> T) -> T {
        self.yaml_path.push(step);
        let out = f(self);
        self.yaml_path.pop();
        out
    }

    /// Records that `node` (an element, or an attribute when `attr` is given) was not
    /// carried; `what` says what it is for people.
    pub fn lose(&mut self, node: Node<'_, '_>, attr: Option<&str>, what: impl Into<String>) {
        let pos = match attr.and_then(|a| node.attribute_node(a)) {
            Some(a) => self.doc.text_pos_at(a.range().start),
            None => self.doc.text_pos_at(node.range().start),
        };
        let mut xml_path = element_path(node);
        if let Some(a) = attr {
            xml_path.push_str("/@");
            xml_path.push_str(a);
        }
        self.losses.push(Loss {
            file: self.file.to_path_buf(),
            line: pos.row,
            column: pos.col,
            xml_path,
            what: what.into(),
            yaml_path: self.yaml_path.clone(),
        });
    }

    /// The current YAML path as a JSON pointer (`/body/0/section/content/1/p`), as
    /// validation names places.
    pub fn yaml_pointer(&self) -> String {
        let mut s = String::new();
        for step in &self.yaml_path {
            s.push('/');
            match step {
                YamlStep::Key(k) => s.push_str(k),
                YamlStep::Index(i) => s.push_str(&i.to_string()),
            }
        }
        s
    }
}

/// `/article/body/sec[2]/p[3]`: the element's path, positions among same-named siblings
/// given when there is more than one.
pub fn element_path(node: Node<'_, '_>) -> String {
    let mut steps = Vec::new();
    for n in node.ancestors().filter(|n| n.is_element()) {
        let name = n.tag_name().name();
        let same = |s: &Node<'_, '_>| s.is_element() && s.tag_name().name() == name;
        let before = n.prev_siblings().skip(1).filter(same).count();
        let after = n.next_siblings().skip(1).filter(same).count();
        let prefix = match n.tag_name().namespace() {
            Some(ns) if ns.ends_with("/Math/MathML") => "mml:",
            Some("http://www.w3.org/1999/xlink") => "xlink:",
            _ => "",
        };
        steps.push(if before + after == 0 {
            format!("{prefix}{name}")
        } else {
            format!("{prefix}{name}[{}]", before + 1)
        });
    }
    steps.reverse();
    format!("/{}", steps.join("/"))
}

/// Whether `s` is a valid galley id: a letter, then letters, digits, `-`, `_` or `.`.
pub fn is_galley_id(s: &str) -> bool {
    s.starts_with(|c: char| c.is_ascii_alphabetic())
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}
