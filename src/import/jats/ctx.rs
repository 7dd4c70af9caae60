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
}

impl<'a, 'input> Ctx<'a, 'input> {
    /// A fresh context for `doc`, read from `file`.
    pub fn new(file: &'a Path, doc: &'a roxmltree::Document<'input>) -> Self {
        Ctx {
            file,
            doc,
            losses: Vec::new(),
            yaml_path: Vec::new(),
        }
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
