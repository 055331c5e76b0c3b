//! Prose blocks: the plain text of a paragraph, heading, list item or table
//! cell, with a map back to source offsets.

use crate::TextRange;
use crate::line_index::{ceil_char_boundary, floor_char_boundary};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProseKind {
    Paragraph,
    Heading(u8),
    /// Text directly inside a tight list item.
    ListItem,
    TableCell {
        table: usize,
        row: usize,
        column: usize,
    },
}

/// One piece of plain text that came from one source range.
#[derive(Clone, Copy, Debug)]
pub struct Segment {
    pub plain_start: usize,
    pub plain_len: usize,
    pub source: TextRange,
    /// True when `plain` is the source slice verbatim, so offsets map 1:1.
    pub verbatim: bool,
    /// True for inline code (`` `x` ``).
    pub code: bool,
}

#[derive(Clone, Debug)]
pub struct ProseBlock {
    pub kind: ProseKind,
    pub range: TextRange,
    pub text: String,
    pub segments: Vec<Segment>,
    pub section: usize,
    pub in_block_quote: bool,
    pub in_list_item: bool,
}

impl ProseBlock {
    pub(crate) fn new(
        kind: ProseKind,
        section: usize,
        in_block_quote: bool,
        in_list_item: bool,
    ) -> Self {
        ProseBlock {
            kind,
            range: TextRange::default(),
            text: String::new(),
            segments: Vec::new(),
            section,
            in_block_quote,
            in_list_item,
        }
    }

    pub(crate) fn push(&mut self, source: &str, text: &str, range: TextRange, code: bool) {
        let verbatim = source.get(range.as_range()) == Some(text);
        if self.segments.is_empty() {
            self.range = range;
        } else {
            self.range = self.range.cover(range);
        }
        self.segments.push(Segment {
            plain_start: self.text.len(),
            plain_len: text.len(),
            source: range,
            verbatim,
            code,
        });
        self.text.push_str(text);
    }

    /// Maps a plain-text offset to the source. Offsets inside a non-verbatim
    /// segment (escapes, entities) snap to the segment's start, or to its end
    /// when `is_end` and the offset is past the segment's start.
    pub fn to_source(&self, source: &str, plain: usize, is_end: bool) -> usize {
        if self.segments.is_empty() {
            return self.range.start;
        }
        // The last segment starting before (ends) or at (starts) the offset, so a
        // range ending on a segment boundary ends in the earlier segment rather
        // than jumping over the markup between the two.
        let i = if is_end {
            self.segments.partition_point(|s| s.plain_start < plain)
        } else {
            self.segments.partition_point(|s| s.plain_start <= plain)
        }
        .saturating_sub(1);
        let seg = &self.segments[i];
        let within = plain.saturating_sub(seg.plain_start).min(seg.plain_len);
        let offset = if seg.verbatim {
            seg.source.start + within
        } else if within == 0 {
            seg.source.start
        } else if is_end || within == seg.plain_len {
            seg.source.end
        } else {
            seg.source.start
        };
        if is_end {
            ceil_char_boundary(source, offset)
        } else {
            floor_char_boundary(source, offset)
        }
    }

    /// Maps a plain-text range to a source range.
    pub fn range_to_source(&self, source: &str, plain: std::ops::Range<usize>) -> TextRange {
        let start = self.to_source(source, plain.start, false);
        let end = self.to_source(source, plain.end, true).max(start);
        TextRange::new(start, end)
    }

    /// Whether a plain-text offset falls inside inline code.
    pub fn is_code_at(&self, plain: usize) -> bool {
        self.segments
            .iter()
            .any(|s| s.code && s.plain_start <= plain && plain < s.plain_start + s.plain_len)
    }
}
