//! `LineIndex`: byte offset ↔ line:column ↔ wire position in UTF-16, UTF-8
//! and UTF-32 round-trips at every char boundary; arbitrary wire positions
//! map to a char boundary inside the text.
#![no_main]

use blueprint_analysis::{LineIndex, WirePosition};
use blueprint_fuzz::{ENCODINGS, assert_positions_round_trip};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let index = LineIndex::new(&text);
    for offset in 0..=text.len() {
        assert_positions_round_trip(&text, &index, offset);
    }
    // Wire positions derived from the input bytes, including past-the-end ones.
    for pair in data.chunks(2) {
        let pos = WirePosition {
            line: u32::from(pair[0] % 16),
            character: u32::from(*pair.get(1).unwrap_or(&0)),
        };
        for encoding in ENCODINGS {
            let offset = index.from_wire(&text, pos, encoding);
            assert!(
                offset <= text.len() && text.is_char_boundary(offset),
                "{pos:?}"
            );
        }
    }
    for line in 0..index.line_count() {
        let range = index.line_range(&text, line);
        assert!(range.start <= range.end && range.end <= text.len());
        assert!(
            !text[range.start..range.end].contains(['\n', '\r']),
            "line {line}"
        );
    }
});
