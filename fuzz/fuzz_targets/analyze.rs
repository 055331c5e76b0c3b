//! Whole-document analysis with the default rules: no panic, every range
//! valid, deterministic, and the lazily built models can be read afterwards.
#![no_main]

use blueprint_fuzz::{analyze_checked, assert_document};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let analysis = analyze_checked(&source);
    assert_document(&analysis.document);
    // Models no default rule asked for are still built on demand by front ends.
    let _ = analysis.sql();
    let _ = analysis.outline();
    let _ = analysis.mentions();
    let _ = analysis.decisions();
});
