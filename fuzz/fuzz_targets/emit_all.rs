//! Fuzz target (b): an arbitrary *valid* issue (built from the bytes by
//! `galley::synth::generate`) → every emitter; each XML output must parse back and the
//! EPUB must be structurally complete. Nothing may panic.
#![no_main]

use std::collections::BTreeMap;

use arbitrary::Unstructured;
use galley::emit::{Context, EmitOptions, EpubCompression, Format};
use galley::synth::{self, IMAGES};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let Ok(g) = synth::generate(&mut u) else { return };
    let assets: BTreeMap<String, Vec<u8>> = IMAGES.iter().map(|i| (i.to_string(), synth::tiny_png())).collect();
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
            Format::Epub => synth::check_epub(&emitted.bytes),
            _ => synth::check_xml(&emitted.bytes),
        };
        if let Err(e) = checked {
            panic!("{format:?} output is broken: {e}");
        }
    }
});
