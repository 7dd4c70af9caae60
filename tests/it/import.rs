//! `galley import jats`: the command over small hand-made JATS files (JATS 1.3 and NLM
//! 3.0 with its named entities, a folder, a zip, a missing figure, files that are not
//! JATS or not well-formed, an existing output folder), the front matter of the kitchen
//! sink brought back from galley's own JATS as the same model values, the kitchen sink
//! and every other fixture article re-imported from galley's JATS building byte-identical
//! JATS, and the YAML writer's strings read back unchanged by galley's loader (a property
//! test).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use galley::emit::Format;
use galley::import::{ImportOptions, run};
use galley::model::{Article, Contributor, ContributorsFile, Id, IssueFile};
use galley::yaml::Limits;
use proptest::prelude::*;

use crate::support::{self, KITCHEN_SINK, galley, official_check};

/// A JATS 1.3 article with the parts most articles have.
const JATS13: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD JATS (Z39.96) Journal Publishing DTD v1.3 20210610//EN" "JATS-journalpublishing1-3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:ali="http://www.niso.org/schemas/ali/1.0/" dtd-version="1.3" article-type="research-article" xml:lang="en">
  <front>
    <journal-meta>
      <journal-id journal-id-type="publisher-id">jsws</journal-id>
      <journal-title-group>
        <journal-title>Journal of Shift Work Studies</journal-title>
      </journal-title-group>
      <issn publication-format="electronic">2345-6789</issn>
      <publisher><publisher-name>Example Academic Press</publisher-name></publisher>
    </journal-meta>
    <article-meta>
      <article-id pub-id-type="doi">10.99999/JSWS.2024.1</article-id>
      <article-categories>
        <subj-group subj-group-type="heading"><subject>Research Articles</subject></subj-group>
      </article-categories>
      <title-group>
        <article-title>Coffee after Midnight</article-title>
      </title-group>
      <contrib-group>
        <contrib contrib-type="author" corresp="yes">
          <contrib-id contrib-id-type="orcid">https://orcid.org/0000-0002-1825-0097</contrib-id>
          <name name-style="western"><surname>López</surname><given-names>María</given-names></name>
          <xref ref-type="aff" rid="aff1">1</xref>
        </contrib>
        <aff id="aff1"><label>1</label><institution-wrap><institution>University of Examples</institution></institution-wrap><city>Valencia</city><country country="ES">Spain</country></aff>
      </contrib-group>
      <pub-date date-type="pub" publication-format="electronic" iso-8601-date="2024-03-01"><day>01</day><month>03</month><year>2024</year></pub-date>
      <volume>4</volume>
      <issue>1</issue>
      <fpage>1</fpage>
      <lpage>9</lpage>
      <history>
        <date date-type="received"><day>02</day><month>10</month><year>2023</year></date>
      </history>
      <permissions>
        <license xlink:href="https://creativecommons.org/licenses/by/4.0/"><ali:license_ref>https://creativecommons.org/licenses/by/4.0/</ali:license_ref></license>
      </permissions>
      <abstract><p>We asked 120 nurses.</p></abstract>
      <kwd-group><kwd>night shifts</kwd><kwd>sleep</kwd></kwd-group>
      <custom-meta-group><custom-meta><meta-name>peer-review</meta-name><meta-value>double-blind</meta-value></custom-meta></custom-meta-group>
    </article-meta>
  </front>
  <body>
    <sec id="sec-intro"><title>Introduction</title><p>Night work shortens daytime sleep.</p>
      <fig id="fig1"><label>Figure 1</label><caption><p>Hours.</p></caption><graphic xlink:href="hours.png"/></fig>
    </sec>
  </body>
</article>
"#;

/// An NLM 3.0 article: its DOCTYPE, `pub-type` dates and ISO named entities.
const NLM30: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE article PUBLIC "-//NLM//DTD Journal Publishing DTD v3.0 20080202//EN" "journalpublishing3.dtd">
<article xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:mml="http://www.w3.org/1998/Math/MathML" article-type="review-article" xml:lang="pt">
<front>
<journal-meta>
<journal-id journal-id-type="nlm-ta">Rev Ex</journal-id>
<journal-title-group><journal-title>Revista de Exemplos</journal-title></journal-title-group>
<issn pub-type="ppub">0252-9203</issn>
</journal-meta>
<article-meta>
<article-id pub-id-type="publisher-id">S0102-69922019000200005</article-id>
<title-group>
<article-title>Caf&eacute;&nbsp;e sono &ndash; uma revis&atilde;o</article-title>
<trans-title-group xml:lang="en"><trans-title>Coffee and sleep: a review</trans-title></trans-title-group>
</title-group>
<contrib-group>
<contrib contrib-type="author"><name><surname>Silva</surname><given-names>Jo&atilde;o</given-names></name><xref ref-type="aff" rid="A1"/></contrib>
</contrib-group>
<aff id="A1"><label>I</label>Universidade de S&atilde;o Paulo, S&atilde;o Paulo, Brasil</aff>
<pub-date pub-type="epub"><day>5</day><month>6</month><year>2019</year></pub-date>
<volume>34</volume>
<issue>2</issue>
<elocation-id>e3425</elocation-id>
<trans-abstract xml:lang="en"><title>Abstract</title><p>A review.</p></trans-abstract>
</article-meta>
</front>
<body><p>Texto.</p></body>
</article>
"#;

/// Writes `files` (name, text) into a fresh folder.
fn folder(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let p = dir.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, bytes).unwrap();
    }
    dir
}

/// A tiny PNG (1×1).
fn png() -> Vec<u8> {
    std::fs::read(support::root().join("tests/fixtures/valid/kitchen-sink/cover.png")).unwrap()
}

/// `galley import jats --format json ARGS… -o OUT`: the exit status and the diagnostics.
fn import_cli(args: &[&Path], out: &Path, extra: &[&str]) -> (i32, Vec<serde_json::Value>, String) {
    let o = galley()
        .args(["import", "jats", "--format", "json"])
        .args(extra)
        .args(args)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap();
    let report: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap_or_else(|e| {
        panic!(
            "JSON report ({e}): {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        )
    });
    let diags = report["diagnostics"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (
        o.status.code().unwrap_or(-1),
        diags,
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

fn codes(diags: &[serde_json::Value]) -> Vec<String> {
    diags
        .iter()
        .map(|d| d["code"].as_str().unwrap_or("").to_string())
        .collect()
}

/// Reads a written YAML file through galley's own loader into `T`.
fn read_yaml<T: serde::de::DeserializeOwned>(path: &Path) -> T {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let doc = galley::yaml::load_bytes(path, &bytes, &Limits::default())
        .unwrap_or_else(|d| panic!("{} does not load: {d:?}", path.display()));
    serde_json::from_value(doc.to_json())
        .unwrap_or_else(|e| panic!("{} is not the model: {e}", path.display()))
}

/// The issue folder written: issue file, contributors, articles by slug.
fn read_issue(dir: &Path) -> (IssueFile, ContributorsFile, Vec<(String, Article)>) {
    let issue: IssueFile = read_yaml(&dir.join("issue.yaml"));
    let people: ContributorsFile = read_yaml(&dir.join("contributors.yaml"));
    let articles = issue
        .issue
        .articles
        .iter()
        .map(|s| (s.clone(), read_yaml(&dir.join(s).join("article.yaml"))))
        .collect();
    (issue, people, articles)
}

#[test]
fn a_jats_article_becomes_an_issue_folder_with_modelines_and_its_figure() {
    let src = folder(&[("a.xml", JATS13.as_bytes()), ("hours.png", &png())]);
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("issue");
    let (status, diags, _) = import_cli(&[&src.path().join("a.xml")], &dest, &[]);
    // The custom-meta is the one fact not imported.
    assert_eq!(status, 0, "{diags:#?}");
    assert_eq!(codes(&diags), ["import.not-mapped"], "{diags:#?}");
    assert_eq!(diags[0]["line"], 42);
    assert_eq!(diags[0]["column"], 7);
    assert!(
        diags[0]["message"]
            .as_str()
            .unwrap()
            .contains("/article/front/article-meta/custom-meta-group"),
        "{diags:#?}"
    );
    let (issue, people, articles) = read_issue(&dest);
    assert_eq!(issue.journal.title, "Journal of Shift Work Studies");
    assert_eq!(issue.journal.publisher_id.as_deref(), Some("jsws"));
    assert_eq!(issue.issue.volume.as_deref(), Some("4"));
    assert_eq!(issue.issue.number.as_deref(), Some("1"));
    // The slug is the DOI's suffix, lower-cased.
    assert_eq!(issue.issue.articles, ["jsws.2024.1"]);
    let art = &articles[0].1;
    assert_eq!(art.title.as_str(), "Coffee after Midnight");
    assert_eq!(art.heading.as_deref(), Some("Research Articles"));
    assert_eq!(art.dates.published.as_ref().unwrap().as_str(), "2024-03-01");
    assert_eq!(art.dates.received.as_ref().unwrap().as_str(), "2023-10-02");
    assert_eq!(art.keywords, ["night shifts", "sleep"]);
    assert_eq!(people.contributors.len(), 1);
    let p = &people.contributors[0];
    assert_eq!(p.id.as_str(), "maria-lopez");
    assert_eq!(p.name.family.as_deref(), Some("López"));
    assert_eq!(
        p.affiliations[0].institution.as_deref(),
        Some("University of Examples")
    );
    assert!(art.contributors[0].corresponding);
    // Each file starts with its modeline.
    for (file, schema) in [
        ("issue.yaml", "issue"),
        ("contributors.yaml", "contributors"),
        ("jsws.2024.1/article.yaml", "article"),
    ] {
        let text = std::fs::read_to_string(dest.join(file)).unwrap();
        let first = text.lines().next().unwrap();
        assert!(
            first.starts_with("# yaml-language-server: $schema=")
                && first.ends_with(&format!("schemas/{schema}.schema.json")),
            "{file}: {first}"
        );
    }
    // The loss is a comment in the YAML at the nearest place, with the element's path
    // and line.
    let yaml = std::fs::read_to_string(dest.join("jsws.2024.1/article.yaml")).unwrap();
    assert!(
        yaml.contains("# galley: not imported: `custom-meta-group` “peer-review double-blind” (/article/front/article-meta/custom-meta-group, line 42)"),
        "{yaml}"
    );
    assert_eq!(
        std::fs::read(dest.join("jsws.2024.1/hours.png")).unwrap(),
        png()
    );
}

#[test]
fn nlm_3_0_with_iso_entities_is_read_without_its_dtd() {
    let src = folder(&[("nlm.xml", NLM30.as_bytes())]);
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("issue");
    let (status, diags, _) = import_cli(&[&src.path().join("nlm.xml")], &dest, &[]);
    assert_eq!(status, 0, "{diags:#?}");
    assert!(
        codes(&diags).iter().all(|c| c == "import.not-mapped"),
        "{diags:#?}"
    );
    let (issue, people, articles) = read_issue(&dest);
    // No DOI: the slug is the publisher id, lower-cased.
    assert_eq!(issue.issue.articles, ["s0102-69922019000200005"]);
    let art = &articles[0].1;
    assert_eq!(art.lang.as_str(), "pt");
    // Every character of the entities, the non-breaking space included.
    assert_eq!(art.title.as_str(), "Café\u{a0}e sono \u{2013} uma revisão");
    assert_eq!(art.title_translations[0].lang.as_str(), "en");
    assert_eq!(art.elocation.as_deref(), Some("e3425"));
    assert_eq!(art.dates.published.as_ref().unwrap().as_str(), "2019-06-05");
    assert_eq!(issue.journal.issn[0].value.as_str(), "0252-9203");
    assert_eq!(
        issue.journal.ids[0].value, "Rev Ex",
        "the NLM title abbreviation is a journal id"
    );
    assert_eq!(art.abstracts[0].lang.as_ref().unwrap().as_str(), "en");
    assert_eq!(
        people.contributors[0].affiliations[0].printed.as_deref(),
        Some("Universidade de São Paulo, São Paulo, Brasil")
    );
    assert_eq!(people.contributors[0].id.as_str(), "joao-silva");
}

#[test]
fn a_zip_is_read_with_the_files_it_holds() {
    let tmp = tempfile::tempdir().unwrap();
    let zip_path = tmp.path().join("package.zip");
    {
        let f = std::fs::File::create(&zip_path).unwrap();
        let mut z = zip::ZipWriter::new(f);
        let opts = zip::write::SimpleFileOptions::default();
        use std::io::Write;
        z.start_file("pkg/a.xml", opts).unwrap();
        z.write_all(JATS13.as_bytes()).unwrap();
        z.start_file("pkg/hours.png", opts).unwrap();
        z.write_all(&png()).unwrap();
        z.start_file("manifest.xml", opts).unwrap();
        z.write_all(b"<manifest/>").unwrap();
        z.finish().unwrap();
    }
    let dest = tmp.path().join("issue");
    let (status, diags, _) = import_cli(&[&zip_path], &dest, &[]);
    assert_eq!(status, 0, "{diags:#?}");
    assert_eq!(codes(&diags), ["import.not-mapped"]);
    assert_eq!(
        diags[0]["file"].as_str().unwrap(),
        zip_path.join("pkg/a.xml").to_str().unwrap()
    );
    assert_eq!(
        std::fs::read(dest.join("jsws.2024.1/hours.png")).unwrap(),
        png()
    );
}

#[test]
fn a_broken_zip_is_the_inputs_fault() {
    // A zip's signature, then nothing a zip reader can read.
    let src = folder(&[("package.zip", b"PK\x03\x04 not a zip at all")]);
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("issue");
    let (status, diags, _) = import_cli(&[&src.path().join("package.zip")], &dest, &[]);
    assert_eq!(status, 1, "{diags:#?}");
    assert_eq!(codes(&diags), ["import.zip"], "{diags:#?}");
    assert!(!dest.exists());
}

#[test]
fn a_missing_figure_is_reported_where_the_jats_points_at_it() {
    let src = folder(&[("a.xml", JATS13.as_bytes())]);
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("issue");
    let (status, diags, _) = import_cli(&[src.path()], &dest, &[]);
    assert_eq!(status, 0, "{diags:#?}");
    let missing: Vec<&serde_json::Value> = diags
        .iter()
        .filter(|d| d["code"] == "import.asset-missing")
        .collect();
    assert_eq!(missing.len(), 1, "{diags:#?}");
    assert_eq!(missing[0]["line"], 47);
    let msg = missing[0]["message"].as_str().unwrap();
    assert!(
        msg.contains("`hours.png`") && msg.contains("/article/body/sec/fig/graphic"),
        "{msg}"
    );
    assert!(!dest.join("jsws.2024.1/hours.png").exists());
}

#[test]
fn a_file_that_is_not_jats_or_not_well_formed_fails_at_its_line() {
    let src = folder(&[
        (
            "page.xml",
            b"<?xml version=\"1.0\"?>\n<html><body/></html>\n",
        ),
        (
            "broken.xml",
            b"<?xml version=\"1.0\"?>\n<article>\n<front>\n<p>x</front>\n</article>\n",
        ),
        (
            "entity.xml",
            b"<article>\n  <body>&nosuch;</body>\n</article>\n",
        ),
    ]);
    for (file, code, line, column) in [
        ("page.xml", "import.not-jats", 2, 1),
        ("broken.xml", "import.xml", 4, 5),
        ("entity.xml", "import.xml", 2, 9),
    ] {
        let out = tempfile::tempdir().unwrap();
        let dest = out.path().join("issue");
        let (status, diags, _) = import_cli(&[&src.path().join(file)], &dest, &[]);
        assert_eq!(status, 1, "{file}: {diags:#?}");
        assert_eq!(codes(&diags), [code], "{file}: {diags:#?}");
        assert_eq!(diags[0]["line"], line, "{file}: {diags:#?}");
        assert_eq!(diags[0]["column"], column, "{file}: {diags:#?}");
        assert!(diags[0]["hint"].is_string());
        assert!(!dest.exists(), "{file}: nothing is written");
    }
}

#[test]
fn an_existing_folder_is_kept_unless_forced() {
    let src = folder(&[("a.xml", JATS13.as_bytes()), ("hours.png", &png())]);
    let out = folder(&[("issue/notes.txt", b"mine")]);
    let dest = out.path().join("issue");
    let (status, diags, _) = import_cli(&[&src.path().join("a.xml")], &dest, &[]);
    assert_eq!(status, 1);
    assert_eq!(codes(&diags), ["import.exists"]);
    assert_eq!(std::fs::read(dest.join("notes.txt")).unwrap(), b"mine");
    assert!(!dest.join("issue.yaml").exists());
    let (status, diags, _) = import_cli(&[&src.path().join("a.xml")], &dest, &["--force"]);
    assert_eq!(status, 0, "{diags:#?}");
    assert!(dest.join("issue.yaml").is_file());
    assert!(
        !dest.join("notes.txt").exists(),
        "--force replaces the folder"
    );
    // No staging folder is left beside it.
    let left: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(left, [std::ffi::OsString::from("issue")]);
}

#[test]
fn diagnostics_come_in_every_report_format_with_a_summary() {
    let src = folder(&[("a.xml", JATS13.as_bytes()), ("hours.png", &png())]);
    let file = src.path().join("a.xml");
    let out = tempfile::tempdir().unwrap();
    let o = galley()
        .args(["import", "jats", "--format", "github"])
        .arg(&file)
        .arg("-o")
        .arg(out.path().join("gh"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(
        stdout.contains(&format!("::warning file={},line=42,col=7", file.display())),
        "{stdout}"
    );
    assert!(stdout.contains("galley import: 1 article imported, 1 fact not imported"));
    let o = galley()
        .args(["import", "jats"])
        .arg(&file)
        .arg("-o")
        .arg(out.path().join("human"))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("warning[import.not-mapped]"), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:42:7", file.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("<custom-meta-group>"),
        "the snippet shows the line: {stderr}"
    );
    assert!(
        stderr.contains("galley import: 1 article imported"),
        "{stderr}"
    );
}

#[test]
fn articles_of_one_issue_share_contributors_and_get_distinct_slugs() {
    // The same article twice (same DOI, same author with an ORCID iD), and a third one
    // of another volume.
    let other = JATS13
        .replace("<volume>4</volume>", "<volume>5</volume>")
        .replace("10.99999/JSWS.2024.1", "10.99999/jsws.2024.2");
    let src = folder(&[
        ("1.xml", JATS13.as_bytes()),
        ("2.xml", JATS13.as_bytes()),
        ("3.xml", other.as_bytes()),
        ("hours.png", &png()),
    ]);
    let out = tempfile::tempdir().unwrap();
    let dest = out.path().join("issue");
    let (status, diags, _) = import_cli(&[src.path()], &dest, &[]);
    assert_eq!(status, 0, "{diags:#?}");
    let c = codes(&diags);
    assert_eq!(
        c.iter()
            .filter(|c| *c == "import.contributor-merged")
            .count(),
        2,
        "{c:?}"
    );
    assert_eq!(
        c.iter().filter(|c| *c == "import.slug-collision").count(),
        1,
        "{c:?}"
    );
    assert_eq!(
        c.iter().filter(|c| *c == "import.issue-differs").count(),
        1,
        "{c:?}"
    );
    let (issue, people, articles) = read_issue(&dest);
    assert_eq!(
        issue.issue.articles,
        ["jsws.2024.1", "jsws.2024.1-2", "jsws.2024.2"]
    );
    assert_eq!(
        issue.issue.volume, None,
        "the articles disagree on the volume"
    );
    assert_eq!(issue.issue.number.as_deref(), Some("1"));
    assert_eq!(people.contributors.len(), 1);
    for (_, a) in &articles {
        assert_eq!(a.contributors[0].contributor.as_str(), "maria-lopez");
    }
}

/// The kitchen sink's article, emitted as JATS by galley, imported into a fresh folder
/// through the library; returns the folder.
fn kitchen_sink_imported() -> (support::Issue, tempfile::TempDir, PathBuf) {
    let (dir, slug) = KITCHEN_SINK;
    let issue = support::load(dir);
    let (tmp, dest) = imported(&issue, slug);
    (issue, tmp, dest)
}

/// The article `slug` of `issue`, emitted as JATS by galley (beside a copy of its files),
/// imported into a fresh folder through the library; returns the folder.
fn imported(issue: &support::Issue, slug: &str) -> (tempfile::TempDir, PathBuf) {
    let jats = issue.emit_slug(Format::Jats, slug);
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("src");
    support::copy_dir(&issue.dir.join(slug), &src);
    let file = src.join(format!("{slug}.xml"));
    std::fs::write(&file, &jats.bytes).unwrap();
    let dest = tmp.path().join("imported");
    let outcome = run(&ImportOptions {
        inputs: vec![file],
        output: dest.clone(),
        force: false,
    });
    assert!(
        outcome.written.is_some(),
        "{slug}: {:#?}",
        outcome.diagnostics
    );
    (tmp, dest)
}

/// The first lines where two texts differ, for a failure message.
fn differing_lines(want: &[u8], got: &[u8]) -> String {
    let (w, g) = (String::from_utf8_lossy(want), String::from_utf8_lossy(got));
    let differing: Vec<String> = w
        .lines()
        .zip(g.lines())
        .enumerate()
        .filter(|(_, (a, b))| a != b)
        .take(12)
        .map(|(i, (a, b))| format!("line {}:\n  want: {a}\n  got:  {b}", i + 1))
        .collect();
    format!(
        "{} lines wanted, {} got:\n{}",
        w.lines().count(),
        g.lines().count(),
        differing.join("\n")
    )
}

/// Builds the imported folder's JATS; returns it (or why not).
fn rebuilt_jats(tmp: &Path, dest: &Path) -> Result<Vec<u8>, String> {
    let out = tmp.join("out");
    let o = support::build(dest, &out, &["--to", "jats"]);
    if !o.status.success() {
        return Err(format!(
            "does not build: {}\n{}",
            String::from_utf8_lossy(&o.stdout),
            String::from_utf8_lossy(&o.stderr)
        ));
    }
    let slug = &read_issue(dest).0.issue.articles[0];
    std::fs::read(out.join(slug).join(format!("{slug}.jats.xml"))).map_err(|e| e.to_string())
}

#[test]
fn every_fixture_article_reimported_builds_the_same_jats() {
    let mut failures = Vec::new();
    let mut tried = 0;
    for dir in support::issue_folders() {
        let issue = support::load(&dir);
        for (slug, _) in &issue.articles {
            tried += 1;
            let (tmp, dest) = imported(&issue, slug);
            let want = issue.emit_slug(Format::Jats, slug);
            match rebuilt_jats(tmp.path(), &dest) {
                Err(e) => failures.push(format!("{dir}/{slug}: {e}")),
                Ok(got) if got != want.bytes => failures.push(format!(
                    "{dir}/{slug}: {}",
                    differing_lines(&want.bytes, &got)
                )),
                Ok(_) => {}
            }
        }
    }
    assert!(
        tried > support::issue_folders().len(),
        "only {tried} articles"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn the_kitchen_sinks_front_matter_comes_back_as_the_same_model_values() {
    let (orig, _tmp, dest) = kitchen_sink_imported();
    let (issue, people, articles) = read_issue(&dest);
    let a = orig.article(KITCHEN_SINK.1);
    let b = &articles[0].1;
    // The journal and the issue (`citation_style` and the Crossref account are galley's
    // settings, not in JATS).
    let mut journal = orig.issue.journal.clone();
    journal.citation_style = Default::default();
    journal.crossref = None;
    assert_eq!(issue.journal, journal);
    let mut want_issue = orig.issue.issue.clone();
    want_issue.articles = issue.issue.articles.clone();
    want_issue.epub_name = None;
    want_issue.cover = None;
    assert_eq!(issue.issue, want_issue);
    assert_eq!(b.article_type, a.article_type);
    assert_eq!(b.lang, a.lang);
    assert_eq!(b.heading, a.heading);
    assert_eq!(b.subjects, a.subjects);
    assert_eq!(b.title, a.title);
    assert_eq!(b.subtitle, a.subtitle);
    assert_eq!(b.title_translations, a.title_translations);
    assert_eq!(b.short_title, a.short_title);
    assert_eq!(b.affiliations, a.affiliations);
    assert_eq!(b.translation, a.translation);
    assert_eq!(b.doi, a.doi);
    assert_eq!(b.url, a.url);
    assert_eq!(b.ids, a.ids);
    assert_eq!(b.pages, a.pages);
    assert_eq!(b.dates, a.dates);
    assert_eq!(b.license, a.license);
    assert_eq!(b.abstract_, a.abstract_);
    // A graphical abstract's figure is mapped by the body's functions; the others here.
    // The DTD puts every `abstract` before every `trans-abstract`, so the YAML's order
    // comes back in those two groups (each in its order).
    let textual = |x: &&galley::model::ExtraAbstract| x.figure.is_none();
    let own = |x: &galley::model::ExtraAbstract| {
        x.lang
            .as_ref()
            .is_none_or(|l| l.as_str().eq_ignore_ascii_case(a.lang.as_str()))
    };
    let mut want: Vec<_> = a.abstracts.iter().filter(textual).collect();
    want.sort_by_key(|x| !own(x));
    assert_eq!(b.abstracts.iter().filter(textual).collect::<Vec<_>>(), want);
    assert_eq!(b.keywords, a.keywords);
    assert_eq!(b.keyword_groups, a.keyword_groups);
    // Headings the JATS states come back as the article's own.
    for key in [
        galley::model::TitleKey::Abstract,
        galley::model::TitleKey::Keywords,
    ] {
        let given = a.titles.get(key).or(orig.issue.titles.get(key));
        assert_eq!(b.titles.get(key), given, "{key:?}");
    }
    // Contributors: the same people in the same roles, each under a new id.
    assert_eq!(b.contributors.len(), a.contributors.len());
    let mut ids: BTreeMap<Id, Id> = BTreeMap::new();
    for (x, y) in a.contributors.iter().zip(&b.contributors) {
        ids.insert(x.contributor.clone(), y.contributor.clone());
        let mut y = y.clone();
        y.contributor = x.contributor.clone();
        assert_eq!(&y, x);
    }
    let person = |file: &ContributorsFile, id: &Id| -> Contributor {
        file.contributors
            .iter()
            .find(|c| &c.id == id)
            .cloned()
            .unwrap_or_else(|| panic!("no contributor {id}"))
    };
    for (old, new) in &ids {
        let mut want = person(&orig.contributors, old);
        // Whether readers see the e-mail address is the EPUB's affair: not in JATS.
        want.publish_email = false;
        let mut got = person(&people, new);
        got.id = old.clone();
        assert_eq!(got, want, "{old}");
    }
    // Funding, its recipients by the new ids.
    let mut funding = a.funding.clone();
    for f in &mut funding {
        for r in &mut f.recipients {
            *r = ids[r].clone();
        }
    }
    assert_eq!(b.funding, funding);
    // The statements of the front matter.
    let (sa, sb) = (&a.statements, &b.statements);
    assert_eq!(sb.correspondence, sa.correspondence);
    assert_eq!(sb.competing_interests, sa.competing_interests);
    assert_eq!(sb.author_contributions, sa.author_contributions);
    assert_eq!(sb.funding, sa.funding);
    // The sub-articles' front stubs.
    assert_eq!(b.sub_articles.len(), a.sub_articles.len());
    for (x, y) in a.sub_articles.iter().zip(&b.sub_articles) {
        assert_eq!(
            (&y.id, y.kind, &y.lang, &y.doi),
            (&x.id, x.kind, &x.lang, &x.doi)
        );
        assert_eq!(
            (&y.title, &y.subtitle, &y.abstract_),
            (&x.title, &x.subtitle, &x.abstract_)
        );
        let roles: Vec<_> = x
            .contributors
            .iter()
            .map(|c| (ids.get(&c.contributor).cloned(), c.role))
            .collect();
        let got: Vec<_> = y
            .contributors
            .iter()
            .map(|c| (Some(c.contributor.clone()), c.role))
            .collect();
        assert_eq!(got, roles, "{}", x.id);
    }
}

/// The acceptance test of the importer as a whole: the kitchen sink, re-imported from
/// galley's JATS, builds byte-identical JATS. It needs the body, back and inline mapping
/// as well as the front matter.
#[test]
fn the_kitchen_sink_reimported_builds_byte_identical_jats() {
    let (orig, tmp, dest) = kitchen_sink_imported();
    let slug = &read_issue(&dest).0.issue.articles[0];
    // Galley's own JATS loses nothing on the way in.
    let yaml = std::fs::read_to_string(dest.join(slug).join("article.yaml")).unwrap();
    assert!(!yaml.contains("# galley: not imported"), "{yaml}");
    // The imported issue is valid and builds; the slug names nothing inside the JATS, so
    // the bytes must be the same.
    let got =
        rebuilt_jats(tmp.path(), &dest).unwrap_or_else(|e| panic!("the imported kitchen sink {e}"));
    let want = orig.emit_slug(Format::Jats, KITCHEN_SINK.1);
    assert!(
        got == want.bytes,
        "the re-imported kitchen sink's JATS differs ({})",
        differing_lines(&want.bytes, &got)
    );
}

#[test]
fn an_imported_article_validates_builds_and_passes_the_dtd() {
    let src = folder(&[("a.xml", JATS13.as_bytes()), ("hours.png", &png())]);
    let tmp = tempfile::tempdir().unwrap();
    let dest = tmp.path().join("issue");
    let (status, diags, _) = import_cli(&[&src.path().join("a.xml")], &dest, &[]);
    assert_eq!(status, 0, "{diags:#?}");
    let v = galley()
        .args(["validate", "--format", "json"])
        .arg(&dest)
        .output()
        .unwrap();
    assert!(
        v.status.success(),
        "galley validate: {}",
        String::from_utf8_lossy(&v.stdout)
    );
    let out = tmp.path().join("out");
    let o = support::build(&dest, &out, &["--to", "jats"]);
    assert!(
        o.status.success(),
        "galley build: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    let jats = out.join("jsws.2024.1/jsws.2024.1.jats.xml");
    let report = official_check(&[("--jats", &jats)]);
    assert!(!report.contains("FAIL"), "{report}");
}

/// A struct with one string, as the writer writes it.
#[derive(serde::Serialize)]
struct One<'a> {
    text: &'a str,
    list: Vec<&'a str>,
}

fn tricky_string() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "a", "word", " ", "  ", ": ", " #", "#", "-", "- ", "? ", "*", "&", "!", "|", ">", "'",
        "\"", "\\", "%", "@", "`", "[", "]", "{", "}", ",", "0", "1e3", "0x10", "NO", "yes",
        "null", "~", "true", ".5", "\u{a0}", "\u{200a}", "\u{301}", "中文", "ع", "\n", "\t", "…",
        "—", "x:", ":x", "é",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    /// Any string the writer writes, plain, quoted or folded, galley's loader reads back
    /// as the same string.
    #[test]
    fn written_strings_read_back_unchanged(s in tricky_string(), t in tricky_string()) {
        let value = One { text: &s, list: vec![&t, &s] };
        let yaml = galley::import::write::to_yaml(&value, &["# header".to_string()], &[]).unwrap();
        let doc = galley::yaml::load_bytes(Path::new("t.yaml"), yaml.as_bytes(), &Limits::default());
        let doc = match doc {
            Ok(d) => d,
            Err(e) => return Err(TestCaseError::fail(format!("{yaml}\n{e:?}"))),
        };
        let json = doc.to_json();
        prop_assert_eq!(json["text"].as_str(), Some(s.as_str()), "{}", yaml);
        prop_assert_eq!(json["list"][0].as_str(), Some(t.as_str()), "{}", yaml);
        prop_assert_eq!(json["list"][1].as_str(), Some(s.as_str()), "{}", yaml);
    }
}
