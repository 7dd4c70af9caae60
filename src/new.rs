//! `galley new issue DIR` and `galley new article SLUG [--issue DIR]`: skeletons that
//! validate at once.
//!
//! Each file starts with the modeline that points yaml-language-server at its schema
//! (the `schemas/` folder found in the issue folder or above it, as a relative path, the
//! way `input/` does it), states only what every file must (placeholders in square
//! brackets, which no source prints), and lists the commonly used keys commented out,
//! each with a line saying what it is. A new article is registered in its issue's
//! `issue.yaml` by inserting one line in `issue.articles`, keeping the rest of the file
//! (comments, layout) as it is. Nothing is overwritten: an existing file is an error.

use std::path::{Path, PathBuf};

use crate::diag::Diagnostic;
use crate::issue::{ARTICLE_FILE, CONTRIBUTORS_FILE, ISSUE_FILE};
use crate::model::FileStem;
use crate::yaml::Limits;

/// What `galley new` makes.
#[derive(Debug, clap::Subcommand)]
pub enum NewCommand {
    /// An issue folder: issue.yaml and an empty contributors.yaml.
    Issue {
        /// The issue folder to make (it may exist, but not hold issue.yaml or contributors.yaml).
        dir: PathBuf,
    },
    /// An article folder SLUG/article.yaml in an issue, listed in its issue.yaml.
    Article {
        /// The article's folder name, which names its outputs: `tea-roads`.
        slug: String,
        /// The issue folder.
        #[arg(long, default_value = "input")]
        issue: PathBuf,
    },
}

/// Runs `galley new`: the files written are listed on standard error; the exit status
/// is 0, or 1 with diagnostics when nothing could be made (a file exists, a bad slug,
/// no issue folder), or 2 when a file cannot be written.
pub fn run(cmd: &NewCommand) -> (u8, Vec<Diagnostic>) {
    let made = match cmd {
        NewCommand::Issue { dir } => new_issue(dir),
        NewCommand::Article { slug, issue } => new_article(issue, slug),
    };
    match made {
        Ok((written, notes)) => {
            for p in written {
                eprintln!("wrote {}", p.display());
            }
            (0, notes)
        }
        Err(d) => {
            let code = if d.iter().any(|d| d.code == "io.write") {
                2
            } else {
                1
            };
            (code, d)
        }
    }
}

type Made = Result<(Vec<PathBuf>, Vec<Diagnostic>), Vec<Diagnostic>>;

fn new_issue(dir: &Path) -> Made {
    let files = [dir.join(ISSUE_FILE), dir.join(CONTRIBUTORS_FILE)];
    refuse_existing(&files)?;
    let (schemas, notes) = schemas_from(dir, 1);
    let issue = issue_skeleton(&schemas);
    let contributors = contributors_skeleton(&schemas);
    std::fs::create_dir_all(dir).map_err(|e| vec![write_error(dir, &e)])?;
    write_new(&files[0], &issue)?;
    write_new(&files[1], &contributors)?;
    Ok((files.to_vec(), notes))
}

fn new_article(issue: &Path, slug: &str) -> Made {
    if !FileStem::is_valid(slug) {
        return Err(vec![
            Diagnostic::error(
                "new.slug",
                format!("`{slug}` cannot name an article folder"),
            )
            .hint(
                "a slug is a letter or digit, then letters, digits, `-`, `_` or `.`: `tea-roads`",
            ),
        ]);
    }
    let issue_file = issue.join(ISSUE_FILE);
    if !issue_file.is_file() {
        return Err(vec![
            Diagnostic::error(
                "new.no-issue",
                format!("{} holds no issue.yaml", issue.display()),
            )
            .hint("make the issue first (`galley new issue DIR`), or name it with `--issue DIR`"),
        ]);
    }
    let dir = issue.join(slug);
    let file = dir.join(ARTICLE_FILE);
    refuse_existing(std::slice::from_ref(&file))?;
    let text = std::fs::read_to_string(&issue_file).map_err(|e| {
        vec![
            Diagnostic::error(
                "io.read",
                format!("cannot read {}: {e}", issue_file.display()),
            )
            .in_file(&issue_file),
        ]
    })?;
    let (schemas, mut notes) = schemas_from(&dir, 2);
    std::fs::create_dir_all(&dir).map_err(|e| vec![write_error(&dir, &e)])?;
    write_new(&file, &article_skeleton(&schemas))?;
    let mut written = vec![file];
    match register(&issue_file, &text, slug) {
        Some(edited) if edited != text => {
            std::fs::write(&issue_file, edited).map_err(|e| vec![write_error(&issue_file, &e)])?;
            written.push(issue_file);
        }
        Some(_) => {}
        None => notes.push(
            Diagnostic::warning(
                "new.not-registered",
                format!(
                    "could not add `{slug}` to `issue.articles` in {}",
                    issue_file.display()
                ),
            )
            .in_file(&issue_file)
            .hint(format!(
                "add the line `- {slug}` to `issue.articles` where the article stands in the issue"
            )),
        ),
    }
    Ok((written, notes))
}

/// An error for each of `files` that exists already.
fn refuse_existing(files: &[PathBuf]) -> Result<(), Vec<Diagnostic>> {
    let found: Vec<Diagnostic> = files
        .iter()
        .filter(|f| f.symlink_metadata().is_ok())
        .map(|f| {
            Diagnostic::error("new.exists", format!("{} exists already", f.display()))
                .in_file(f)
                .hint("galley new never overwrites a file: choose another name, or move the file away first")
        })
        .collect();
    if found.is_empty() { Ok(()) } else { Err(found) }
}

/// Writes `text` to `path`, which must not exist (made with `create_new`, so a file
/// that appears meanwhile is not overwritten either).
fn write_new(path: &Path, text: &str) -> Result<(), Vec<Diagnostic>> {
    use std::io::Write;
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| {
            if e.kind() == std::io::ErrorKind::AlreadyExists {
                refuse_existing(&[path.to_path_buf()])
                    .err()
                    .unwrap_or_default()
            } else {
                vec![write_error(path, &e)]
            }
        })?;
    f.write_all(text.as_bytes())
        .map_err(|e| vec![write_error(path, &e)])
}

fn write_error(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::error("io.write", format!("cannot write {}: {e}", path.display()))
        .hint("check the folder's permissions and free space")
}

/// The path from the folder `from` to the `schemas/` folder in it or above it (as
/// `../schemas`); without one, the `schemas/` beside the issue folder (`depth` levels
/// up) and a note saying how to make it.
fn schemas_from(from: &Path, depth: usize) -> (String, Vec<Diagnostic>) {
    let abs = std::path::absolute(from).unwrap_or_else(|_| from.to_path_buf());
    let mut up = String::new();
    for dir in abs.ancestors() {
        if dir.join("schemas").join("issue.schema.json").is_file() {
            return (format!("{up}schemas"), Vec::new());
        }
        up.push_str("../");
    }
    let note = Diagnostic::warning(
        "new.no-schemas",
        format!("no schemas/ folder in {} or above it", from.display()),
    )
    .hint("write the schemas beside the issue folder (`galley schema schemas` in its parent folder) for completion and help in the editor");
    (format!("{}schemas", "../".repeat(depth)), vec![note])
}

/// Adds `slug` to `issue.articles` in the text of `issue.yaml`, one line inserted (or
/// the one-line list extended), the rest kept as it is; `None` when the file's layout is
/// not one this can edit safely. The result is checked by loading it: its
/// `issue.articles` must be the old list with `slug` at its end.
pub fn register(path: &Path, text: &str, slug: &str) -> Option<String> {
    let articles = |t: &str| -> Option<Vec<String>> {
        let doc = crate::yaml::load_bytes(path, t.as_bytes(), &Limits::default()).ok()?;
        let v = doc.to_json();
        match v.pointer("/issue/articles") {
            None => Some(Vec::new()),
            Some(a) => a
                .as_array()?
                .iter()
                .map(|x| x.as_str().map(str::to_string))
                .collect(),
        }
    };
    let mut want = articles(text)?;
    if want.iter().any(|a| a == slug) {
        return Some(text.to_string());
    }
    want.push(slug.to_string());
    let edited = insert_article(text, slug)?;
    (articles(&edited)? == want).then_some(edited)
}

/// The line-level edit of [`register`] (checked there).
fn insert_article(text: &str, slug: &str) -> Option<String> {
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let key = |l: &str, k: &str| {
        let t = l.trim_start();
        (t.starts_with(&format!("{k}:"))).then(|| l.len() - t.len())
    };
    let nl = if text.ends_with('\n') || text.is_empty() {
        ""
    } else {
        "\n"
    };
    let Some(i) = lines.iter().position(|l| key(l, "issue") == Some(0)) else {
        return Some(format!("{text}{nl}issue:\n  articles:\n    - {slug}\n"));
    };
    let child = |l: &str| {
        let t = l.trim_start();
        !t.is_empty() && !t.starts_with('#') && l.len() > t.len()
    };
    // The issue mapping's lines: indented ones (and blank lines or comments) after it.
    let end = (i + 1..lines.len())
        .find(|&j| {
            let t = lines[j].trim_start();
            !t.is_empty() && !t.starts_with('#') && !child(lines[j])
        })
        .unwrap_or(lines.len());
    let indent = (i + 1..end)
        .find(|&j| child(lines[j]))
        .map(|j| lines[j].len() - lines[j].trim_start().len())
        .unwrap_or(2);
    let mut out: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    let Some(a) = (i + 1..end).find(|&j| key(lines[j], "articles") == Some(indent)) else {
        let pad = " ".repeat(indent);
        let at = if lines[i].trim_end().ends_with(':') {
            i + 1
        } else {
            return None;
        };
        out.insert(at, format!("{pad}articles:\n{pad}  - {slug}\n"));
        if at == lines.len() && !lines[i].ends_with('\n') {
            out[i].push('\n');
        }
        return Some(out.concat());
    };
    let after = lines[a].trim_start()["articles:".len()..].trim();
    if after.starts_with('[') {
        // A one-line list: the slug added before its `]`, the rest of the line kept.
        let line = lines[a];
        let (open, close) = (line.find('[')?, line.find(']')?);
        let items = line.get(open + 1..close)?.trim();
        let list = if items.is_empty() {
            slug.to_string()
        } else {
            format!("{items}, {slug}")
        };
        out[a] = format!("{}{list}{}", &line[..=open], &line[close..]);
        return Some(out.concat());
    }
    if !after.is_empty() && !after.starts_with('#') {
        return None;
    }
    // A block list: after its last item (its lines are the indented or `- ` ones).
    let mut last = a;
    let mut item_pad = None;
    for (j, l) in lines.iter().enumerate().take(end).skip(a + 1) {
        let t = l.trim_start();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        let pad = l.len() - t.len();
        if pad > indent || (pad == indent && t.starts_with("- ")) {
            if t.starts_with("- ") && item_pad.is_none() {
                item_pad = Some(pad);
            }
            last = j;
        } else {
            break;
        }
    }
    let pad = " ".repeat(item_pad.unwrap_or(indent + 2));
    if !out[last].ends_with('\n') {
        out[last].push('\n');
    }
    out.insert(last + 1, format!("{pad}- {slug}\n"));
    Some(out.concat())
}

fn issue_skeleton(schemas: &str) -> String {
    format!(
        r#"# yaml-language-server: $schema={schemas}/issue.schema.json
# A new issue. Replace each [placeholder] with what the printed issue states, and
# uncomment the keys it states; leave out what it does not (never guess).
journal:
  title: "[Journal title]"
  # abbrev_title: "[J. Abbrev.]"    # the journal's abbreviated title
  # publisher_id: "[jid]"           # the publisher's own id for the journal
  # issn:                           # each ISSN with its medium: print | electronic
  #   - {{value: "[0000-0000]", format: print}}
  # publisher: {{name: "[Publisher]", location: "[City]"}}
  # lang: en                        # the language of the journal's title (BCP 47)
  # url: https://example.org/       # the journal's home page
  # citation_style: author-date     # author-date | numeric | {{csl: apa}}
issue:
  # volume: "[17]"                  # the volume, as printed
  # number: "[2]"                   # the issue number, as printed
  # title: "[Issue title]"          # the issue's own title, if it has one
  # date: "[1996-06]"               # YYYY, YYYY-MM or YYYY-MM-DD, as precise as printed
  # doi: "[10.xxxx/issue]"          # the issue's DOI
  # epub_name: "[ssc-1996-2]"       # the issue EPUB's file name (else made from the above)
  # cover: {{image: cover.jpg, alt: "[What the cover shows]"}}   # an image in this folder
  articles: []                      # the article folders in issue order (`galley new article` adds them)
"#
    )
}

fn contributors_skeleton(schemas: &str) -> String {
    format!(
        r#"# yaml-language-server: $schema={schemas}/contributors.schema.json
# Everyone who appears in the issue, in the order of the printed list; articles name
# them by id. An entry looks like this (uncomment and replace the placeholders):
contributors: []
#  - id: family-given                       # how articles refer to the person
#    name: {{family: "[Family]", given: "[Given]"}}   # order: family-first for "Niu Jun"
#    # original_name: {{family: "[牛]", given: "[军]", order: family-first, lang: zh-Hans}}
#    # affiliations:
#    #   - {{positions: ["[Professor]"], institution: "[University]"}}
#    # orcid: https://orcid.org/0000-0000-0000-0000   # the full ORCID iD URL
#    # email: "[name@example.org]"
#    # publish_email: true                   # show the e-mail address to readers of the EPUB
#    # bio: "[A short biography.]"
"#
    )
}

fn article_skeleton(schemas: &str) -> String {
    format!(
        r#"# yaml-language-server: $schema={schemas}/article.schema.json
# A new article. Replace each [placeholder] with the printed text, check `type` and
# `lang`, and uncomment the keys the source states; leave out what it does not.
type: research-article      # research-article | review-article | book-review | editorial | …
lang: en                    # the article's language (BCP 47): en, zh, pt, …
title: "[Title of the article]"
# subtitle: "[Subtitle]"
contributors: []            # people of contributors.yaml, each with a role:
#  - contributor: family-given   # an id from contributors.yaml
#    role: author                # author | translator | reviser | editor | reviewer
# doi: "[10.xxxx/yyyy]"          # the article's DOI, if it has one
# pages: {{first: "[1]", last: "[20]"}}
# dates: {{received: "[1995-10-04]", accepted: "[1996-01-20]", published: "[1996-06]"}}
# abstract:                      # one string per paragraph
#   - "[The abstract.]"
# keywords: ["[keyword]"]
# translation:                   # when the article is a translation
#   original_lang: zh
#   source: {{title: "[Original journal]", year: "[1996]", issue: "[2]"}}
body:                            # sections and paragraphs; *italic*, **bold**, [^fn1], [@ref]
  - p: "[The first paragraph.]"
#  - section:
#      title: "[Section title]"
#      content:
#        - p: "[A paragraph.]"
# footnotes:
#   - id: fn1
#     text: "[A note.]"
# references:                    # cited as [@shen1995]
#   - id: shen1995
#     type: article-journal
#     author: [{{family: "[Shen]", given: "[Zhihua]"}}]
#     title: "[Title of the work]"
#     container_title: "[Journal]"
#     issued: "[1995]"
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn added(text: &str) -> Option<String> {
        register(Path::new("issue.yaml"), text, "new-one")
    }

    #[test]
    fn an_article_is_added_to_a_block_list_after_its_last_item() {
        let text = "journal: {title: J}\nissue:\n  volume: \"1\"\n  articles:\n    - a   # first\n    # b is next\n    - b\n  number: \"2\"\n# end\n";
        let want = "journal: {title: J}\nissue:\n  volume: \"1\"\n  articles:\n    - a   # first\n    # b is next\n    - b\n    - new-one\n  number: \"2\"\n# end\n";
        assert_eq!(added(text).as_deref(), Some(want));
        // A list at the key's own indentation.
        let text = "journal: {title: J}\nissue:\n  articles:\n  - a\n";
        let want = "journal: {title: J}\nissue:\n  articles:\n  - a\n  - new-one\n";
        assert_eq!(added(text).as_deref(), Some(want));
    }

    #[test]
    fn an_article_is_added_to_a_one_line_list_or_a_new_one() {
        let text = "journal: {title: J}\nissue:\n  articles: []   # none yet\n";
        let want = "journal: {title: J}\nissue:\n  articles: [new-one]   # none yet\n";
        assert_eq!(added(text).as_deref(), Some(want));
        let text = "journal: {title: J}\nissue:\n    articles: [a, b]\n";
        let want = "journal: {title: J}\nissue:\n    articles: [a, b, new-one]\n";
        assert_eq!(added(text).as_deref(), Some(want));
        let text = "journal: {title: J}\nissue:\n  volume: \"1\"\ntitles: {}\n";
        let want = "journal: {title: J}\nissue:\n  articles:\n    - new-one\n  volume: \"1\"\ntitles: {}\n";
        assert_eq!(added(text).as_deref(), Some(want));
        let text = "journal: {title: J}";
        let want = "journal: {title: J}\nissue:\n  articles:\n    - new-one\n";
        assert_eq!(added(text).as_deref(), Some(want));
    }

    #[test]
    fn a_layout_it_cannot_edit_safely_is_left_alone() {
        assert_eq!(added("journal: {title: J}\nissue: {articles: [a]}\n"), None);
        assert_eq!(added("journal: [\n"), None);
        // Listed already: nothing to do.
        let text = "journal: {title: J}\nissue:\n  articles: [new-one]\n";
        assert_eq!(added(text).as_deref(), Some(text));
    }
}
