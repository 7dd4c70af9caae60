//! Properties over generated input (`galley_dev::synth`): any generated valid issue
//! validates cleanly and gives well-formed JATS and TEI and a structurally complete EPUB;
//! a fixed sample of generated issues also passes the official validators.
//!
//! Proptest keeps the inputs that once failed in `properties.proptest-regressions`,
//! beside this file, and runs them first.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use galley::diag::Severity;
use galley::emit::{Context, EmitOptions, Format};
use galley::issue::{discover, load_issue};
use galley::yaml::Limits;
use galley_dev::arbitrary::Unstructured;
use galley_dev::epub::check_epub;
use galley_dev::synth::{self, Generated};
use galley_dev::xml::check_xml;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::support::official_check;

/// Writes a generated issue as YAML files (JSON is YAML) into `dir`, with the images.
pub(crate) fn write_issue(g: &Generated, dir: &Path) {
    let art = dir.join("generated");
    std::fs::create_dir_all(art.join("images")).unwrap();
    std::fs::write(
        dir.join("issue.yaml"),
        serde_json::to_string(&g.issue).unwrap(),
    )
    .unwrap();
    std::fs::write(
        dir.join("contributors.yaml"),
        serde_json::to_string(&g.contributors).unwrap(),
    )
    .unwrap();
    std::fs::write(
        art.join("article.yaml"),
        serde_json::to_string_pretty(&g.article).unwrap(),
    )
    .unwrap();
    for (path, bytes) in synth::assets() {
        let file = art.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, bytes).unwrap();
    }
}

/// Validates the written issue and emits every format; returns the outputs by format.
fn check_generated(g: &Generated) -> Result<BTreeMap<Format, Vec<u8>>, String> {
    let tmp = tempfile::tempdir().unwrap();
    write_issue(g, tmp.path());
    let sels = discover(&[tmp.path().to_path_buf()]).map_err(|d| format!("{d:?}"))?;
    let issue = load_issue(&sels[0], &Limits::default());
    let errors: Vec<String> = issue
        .all_diagnostics()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}: {}", d.code, d.location(), d.message))
        .collect();
    if !errors.is_empty() {
        return Err(format!("generated input does not validate: {errors:#?}"));
    }
    let article = issue.articles[0].article.as_ref().ok_or("no article")?;
    let assets = synth::assets();
    let options = EmitOptions::default();
    let ctx = Context {
        issue: &issue.issue.as_ref().unwrap().value,
        contributors: &issue.contributors.as_ref().unwrap().value,
        slug: "generated",
        assets: &assets,
        options: &options,
    };
    let mut out = BTreeMap::new();
    for format in Format::ALL {
        let emitted = format
            .emit(&article.value, &ctx)
            .map_err(|e| format!("{format:?}: {e:?}"))?;
        match format {
            Format::Epub => check_epub(&emitted.bytes).map_err(|e| format!("EPUB: {e}"))?,
            _ => check_xml(&emitted.bytes).map_err(|e| format!("{format:?}: {e}"))?,
        }
        out.insert(format, emitted.bytes);
    }
    Ok(out)
}

proptest! {
    // The regressions file beside this source file (proptest's default looks for a
    // `proptest-regressions/` folder beside the folder holding `main.rs`).
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource("proptest-regressions"))),
        ..ProptestConfig::default()
    })]

    #[test]
    fn generated_articles_validate_and_emit_well_formed_outputs(bytes in proptest::collection::vec(any::<u8>(), 16..6000)) {
        let mut u = Unstructured::new(&bytes);
        let g = synth::generate(&mut u).expect("the generator accepts any bytes");
        if let Err(e) = check_generated(&g) {
            prop_assert!(false, "{}\n{}", e, serde_json::to_string_pretty(&g.article).unwrap());
        }
    }
}

/// Deterministic bytes for a seed (xorshift), so the sample is the same on every run.
fn seeded_bytes(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

#[test]
fn a_sample_of_generated_articles_passes_the_official_validators() {
    // GALLEY_KEEP_SAMPLE=DIR keeps the sample (and its YAML) for a closer look.
    let tmp = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("GALLEY_KEEP_SAMPLE").map(PathBuf::from);
    let dir = keep.clone().unwrap_or_else(|| tmp.path().to_path_buf());
    std::fs::create_dir_all(&dir).unwrap();
    let mut args: Vec<(&str, PathBuf)> = Vec::new();
    for seed in 1..=8u64 {
        let bytes = seeded_bytes(seed, 400 + 700 * seed as usize);
        let g = synth::generate(&mut Unstructured::new(&bytes)).unwrap();
        let outputs = check_generated(&g).unwrap_or_else(|e| panic!("seed {seed}: {e}"));
        if keep.is_some() {
            write_issue(&g, &dir.join(format!("seed{seed}")));
        }
        for (format, bytes) in outputs {
            let (flag, ext) = match format {
                Format::Jats => ("--jats", "jats.xml"),
                Format::Tei => ("--tei", "tei.xml"),
                Format::Epub => ("--epub", "epub"),
                Format::Html => continue,
            };
            let path = dir.join(format!("seed{seed}.{ext}"));
            std::fs::write(&path, bytes).unwrap();
            args.push((flag, path));
        }
    }
    let files: Vec<(&str, &Path)> = args.iter().map(|(f, p)| (*f, p.as_path())).collect();
    official_check(&files);
}
