//! Invariants shared by blueprint's fuzz targets. Every check panics (which
//! libFuzzer reports as a crash) with the offending value in the message.

use blueprint_analysis::{Analysis, LineIndex, PositionEncoding, RuleSet, TextRange, analyze};

pub const ENCODINGS: [PositionEncoding; 3] = [
    PositionEncoding::Utf16,
    PositionEncoding::Utf8,
    PositionEncoding::Utf32,
];

/// `range` is non-inverted, inside `source` and on char boundaries.
pub fn assert_range(source: &str, range: TextRange, what: &str) {
    assert!(
        range.start <= range.end && range.end <= source.len(),
        "{what}: range {range:?} outside a document of {} bytes",
        source.len()
    );
    assert!(
        source.is_char_boundary(range.start) && source.is_char_boundary(range.end),
        "{what}: range {range:?} not on char boundaries"
    );
}

/// Every finding, related and edit range is valid.
pub fn assert_findings(analysis: &Analysis) {
    let source = analysis.document.source();
    for finding in &analysis.findings {
        assert_range(source, finding.range, finding.rule);
        for related in &finding.related {
            assert_range(source, related.range, finding.rule);
        }
        if let Some(edit) = &finding.edit {
            assert_range(source, edit.range, finding.rule);
        }
    }
}

/// Analyses `source` twice with the default rules, checks the ranges and that
/// both runs agree, and returns the first analysis.
pub fn analyze_checked(source: &str) -> Analysis {
    let rules = RuleSet::default();
    let first = analyze(source, &rules);
    assert_findings(&first);
    let second = analyze(source, &rules);
    assert_eq!(
        first.findings, second.findings,
        "analysis is not deterministic"
    );
    first
}

/// Byte offset → wire position → byte offset is the identity for every char
/// boundary that is a position (not between the `\r` and `\n` of a CRLF), in
/// every encoding, and `line_col` agrees with the UTF-32 wire column.
pub fn assert_positions_round_trip(text: &str, index: &LineIndex, offset: usize) {
    if !text.is_char_boundary(offset) {
        return;
    }
    let inside_crlf =
        offset > 0 && text.as_bytes()[offset - 1] == b'\r' && text[offset..].starts_with('\n');
    for encoding in ENCODINGS {
        let wire = index.to_wire(text, offset, encoding);
        let back = index.from_wire(text, wire, encoding);
        if inside_crlf {
            assert_eq!(back, offset - 1, "{encoding:?} at {offset} (inside CRLF)");
        } else {
            assert_eq!(back, offset, "{encoding:?} {wire:?} of offset {offset}");
        }
    }
    let lc = index.line_col(text, offset);
    let utf32 = index.to_wire(text, offset, PositionEncoding::Utf32);
    assert_eq!(lc.line, utf32.line + 1, "line_col line at {offset}");
    assert_eq!(
        lc.column,
        utf32.character + 1,
        "line_col column at {offset}"
    );
    let expected = if inside_crlf { offset - 1 } else { offset };
    assert_eq!(
        index.offset_of_line_col(text, lc),
        Some(expected),
        "offset_of_line_col({lc:?})"
    );
}

/// Every range of the document model is valid, and the source-order
/// invariants the rules rely on hold.
pub fn assert_document(document: &blueprint_analysis::Document) {
    let source = document.source();
    for section in &document.sections {
        assert_range(source, section.range, "section");
        assert_range(source, section.heading, "section heading");
    }
    for block in &document.blocks {
        assert_range(source, block.range, "prose block");
    }
    for sentence in &document.sentences {
        assert_range(source, sentence.range, "sentence");
        let _ = document.sentence_text(sentence);
    }
    for code in &document.code_blocks {
        assert_range(source, code.range, "code block");
        assert_range(source, code.content, "code block content");
    }
    for range in &document.inline_code {
        assert_range(source, *range, "inline code");
    }
    for comment in &document.html_comments {
        assert_range(source, comment.range, "html comment");
        assert_range(source, comment.body, "html comment body");
    }
    for table in &document.tables {
        assert_range(source, table.range, "table");
        for row in &table.rows {
            for &cell in row {
                assert!(cell < document.blocks.len(), "table cell {cell}");
            }
        }
    }
    for range in &document.block_quotes {
        assert_range(source, *range, "block quote");
    }
    if let Some(range) = document.front_matter {
        assert_range(source, range, "front matter");
    }
    for pair in document.sentences.windows(2) {
        assert!(
            pair[0].range.start <= pair[1].range.start,
            "sentences out of order"
        );
    }
    for pair in document.code_blocks.windows(2) {
        assert!(
            pair[0].range.start <= pair[1].range.start,
            "code blocks out of order"
        );
    }
}
