//! Hover at every char boundary of an analysed document: no panic, and the
//! range of every answer lies inside the document, on char boundaries, and
//! covers the hovered offset.
#![no_main]

use blueprint_analysis::hover::hover;
use blueprint_fuzz::{analyze_checked, assert_range};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let source = String::from_utf8_lossy(data);
    let analysis = analyze_checked(&source);
    let text = analysis.document.source();
    for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
        if let Some(answer) = hover(&analysis, offset) {
            assert_range(text, answer.range, "hover");
            assert!(
                answer.range.start <= offset && offset <= answer.range.end,
                "hover at {offset} answers for {:?}",
                answer.range
            );
            assert!(!answer.markdown.is_empty(), "empty hover at {offset}");
        }
    }
});
