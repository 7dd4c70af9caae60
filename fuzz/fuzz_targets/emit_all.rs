//! Fuzz target (b): an arbitrary *valid* issue (built from the bytes by
//! `galley_dev::synth::generate`) → every emitter; each XML output must parse back and
//! the EPUB must be structurally complete. Nothing may panic.
#![no_main]

use galley::emit::{Context, EmitOptions, EpubCompression, Format};
use galley_dev::arbitrary::Unstructured;
use galley_dev::epub::check_epub;
use galley_dev::synth;
use galley_dev::xml::check_xml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(g) = synth::generate(&mut u) else { return };
    let assets = synth::assets();
    // Stored, not deflated: deflating and re-inflating each package took about 40% of
    // every execution and tested zlib, not galley. Every other test builds deflated EPUBs.
    let options = EmitOptions {
        epub_compression: EpubCompression::Store,
        ..EmitOptions::default()
    };
    let ctx = Context {
        issue: &g.issue,
        contributors: &g.contributors,
        slug: "fuzzed",
        assets: &assets,
        options: &options,
    };
    for format in Format::ALL {
        // An emitter may refuse an article it cannot write (a diagnostic), never panic.
        let Ok(emitted) = format.emit(&g.article, &ctx) else { continue };
        let checked = match format {
            Format::Epub => check_epub(&emitted.bytes),
            _ => check_xml(&emitted.bytes),
        };
        if let Err(e) = checked {
            panic!("{format:?} output is broken: {e}");
        }
    }
});
