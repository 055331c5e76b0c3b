//! Conversions between byte offsets, 1-based line:column (Unicode scalar values)
//! and LSP positions (0-based line, UTF-16 or UTF-8 code units).
//!
//! Lines end at `\n`; a `\r` before it belongs to the line terminator, so CRLF
//! files report the same columns as LF files. Built once per document in O(n);
//! every lookup is a binary search over line starts plus a scan of one line.

use crate::TextRange;

/// 1-based line and column; the column counts Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct LineCol {
    pub line: u32,
    pub column: u32,
}

/// The unit an editor counts columns in (LSP `PositionEncodingKind`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PositionEncoding {
    #[default]
    Utf16,
    Utf8,
    Utf32,
}

/// A 0-based position in the encoding's code units, as on the LSP wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct WirePosition {
    pub line: u32,
    pub character: u32,
}

#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts; `line_starts[0] == 0`.
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = Vec::with_capacity(text.len() / 40 + 1);
        line_starts.push(0);
        line_starts.extend(line_ends(text.as_bytes()));
        Self {
            line_starts,
            len: text.len(),
        }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// 0-based index of the line holding `offset` (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// Byte range of a 0-based line without its terminator (`\n`, `\r\n` or a
    /// lone `\r`, as in CommonMark and the LSP spec).
    pub fn line_range(&self, text: &str, line: usize) -> TextRange {
        let start = self.line_starts[line];
        let Some(&next) = self.line_starts.get(line + 1) else {
            return TextRange::new(start, self.len);
        };
        let bytes = text.as_bytes();
        let mut end = next - 1;
        if bytes[end] == b'\n' && end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        TextRange::new(start, end)
    }

    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }

    /// 1-based line and column (in Unicode scalar values) of a byte offset.
    /// An offset inside a multi-byte character or a CRLF maps to that character.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let offset = floor_char_boundary(text, offset.min(range.end).max(range.start));
        let column = text[range.start..offset].chars().count();
        LineCol {
            line: line as u32 + 1,
            column: column as u32 + 1,
        }
    }

    /// Byte offset of a 1-based line:column; columns past the line end clamp to it.
    pub fn offset_of_line_col(&self, text: &str, at: LineCol) -> Option<usize> {
        let line = (at.line as usize).checked_sub(1)?;
        if line >= self.line_count() {
            return None;
        }
        let range = self.line_range(text, line);
        let wanted = (at.column as usize).saturating_sub(1);
        let line_text = &text[range.as_range()];
        Some(
            line_text
                .char_indices()
                .nth(wanted)
                .map_or(range.end, |(i, _)| range.start + i),
        )
    }

    /// The wire position of a byte offset in the given encoding.
    pub fn to_wire(&self, text: &str, offset: usize, encoding: PositionEncoding) -> WirePosition {
        let line = self.line_of(offset);
        let range = self.line_range(text, line);
        let offset = floor_char_boundary(text, offset.min(range.end).max(range.start));
        let prefix = &text[range.start..offset];
        let character = match encoding {
            PositionEncoding::Utf8 => prefix.len(),
            PositionEncoding::Utf16 => prefix.chars().map(char::len_utf16).sum(),
            PositionEncoding::Utf32 => prefix.chars().count(),
        };
        WirePosition {
            line: line as u32,
            character: character as u32,
        }
    }

    /// The byte offset of a wire position. Per the LSP spec, a character past the
    /// end of the line means the line end, and a line past the end means the
    /// end of the text. A position inside a surrogate pair or a UTF-8 sequence
    /// snaps back to the start of that character.
    pub fn from_wire(&self, text: &str, pos: WirePosition, encoding: PositionEncoding) -> usize {
        let line = pos.line as usize;
        if line >= self.line_count() {
            return self.len;
        }
        let range = self.line_range(text, line);
        let mut units = 0usize;
        for (i, ch) in text[range.as_range()].char_indices() {
            let width = match encoding {
                PositionEncoding::Utf8 => ch.len_utf8(),
                PositionEncoding::Utf16 => ch.len_utf16(),
                PositionEncoding::Utf32 => 1,
            };
            if units + width > pos.character as usize {
                return range.start + i;
            }
            units += width;
        }
        range.end
    }
}

/// Where each line after the first starts: after `\n`, and after a `\r` that
/// is not followed by `\n`.
fn line_ends(bytes: &[u8]) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter_map(|(i, &b)| {
        let ends_line = b == b'\n' || (b == b'\r' && bytes.get(i + 1) != Some(&b'\n'));
        ends_line.then_some(i + 1)
    })
}

/// The largest char boundary `<= offset`.
pub fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// The smallest char boundary `>= offset`.
pub fn ceil_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset += 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lc(line: u32, column: u32) -> LineCol {
        LineCol { line, column }
    }

    #[test]
    fn ascii_lines_and_columns() {
        let text = "ab\ncd\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(text, 0), lc(1, 1));
        assert_eq!(index.line_col(text, 4), lc(2, 2));
        assert_eq!(index.line_col(text, 6), lc(3, 1));
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn crlf_terminators_do_not_count_as_columns() {
        let text = "ab\r\ncd\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_range(text, 0), TextRange::new(0, 2));
        assert_eq!(index.line_col(text, 5), lc(2, 2));
        // An offset on the `\r` reports the end of the line.
        assert_eq!(index.line_col(text, 2), lc(1, 3));
        assert_eq!(index.offset_of_line_col(text, lc(2, 1)), Some(4));
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line_as_in_commonmark_and_lsp() {
        let text = "ab\rcd\r\nef\n";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.line_range(text, 0), TextRange::new(0, 2));
        assert_eq!(index.line_range(text, 1), TextRange::new(3, 5));
        assert_eq!(index.line_col(text, 3), lc(2, 1));
        assert_eq!(index.line_col(text, 7), lc(3, 1));
    }

    #[test]
    fn emoji_is_one_column_but_two_utf16_units() {
        let text = "😀 PostgreSQL";
        let index = LineIndex::new(text);
        let pg = text.find("Postgre").unwrap();
        assert_eq!(pg, 5);
        assert_eq!(index.line_col(text, pg), lc(1, 3));
        let wire = index.to_wire(text, pg, PositionEncoding::Utf16);
        assert_eq!(
            wire,
            WirePosition {
                line: 0,
                character: 3
            }
        );
        assert_eq!(index.to_wire(text, pg, PositionEncoding::Utf8).character, 5);
        assert_eq!(index.from_wire(text, wire, PositionEncoding::Utf16), pg);
        // Inside the surrogate pair snaps back to the emoji's start.
        let inside = WirePosition {
            line: 0,
            character: 1,
        };
        assert_eq!(index.from_wire(text, inside, PositionEncoding::Utf16), 0);
    }

    #[test]
    fn cjk_is_one_utf16_unit_and_three_bytes() {
        let text = "設計: 決済は Cassandra\n次の行";
        let index = LineIndex::new(text);
        let at = text.find("Cassandra").unwrap();
        // 設 計 : ␠ 決 済 は ␠ → Cassandra is the ninth scalar value.
        assert_eq!(index.line_col(text, at), lc(1, 9));
        let wire = index.to_wire(text, at, PositionEncoding::Utf16);
        assert_eq!(wire.character, 8);
        assert_eq!(
            index.to_wire(text, at, PositionEncoding::Utf8).character,
            18
        );
        assert_eq!(index.from_wire(text, wire, PositionEncoding::Utf16), at);
        let next = text.find("次").unwrap();
        assert_eq!(index.line_col(text, next), lc(2, 1));
    }

    #[test]
    fn wire_positions_past_the_end_clamp() {
        let text = "abc\r\nd";
        let index = LineIndex::new(text);
        let past_eol = WirePosition {
            line: 0,
            character: 99,
        };
        assert_eq!(index.from_wire(text, past_eol, PositionEncoding::Utf16), 3);
        let past_eof = WirePosition {
            line: 9,
            character: 0,
        };
        assert_eq!(
            index.from_wire(text, past_eof, PositionEncoding::Utf16),
            text.len()
        );
    }

    #[test]
    fn utf16_round_trips_on_every_char_boundary() {
        let text = "a😀b\r\n設計🚀\n\nz";
        let index = LineIndex::new(text);
        for (offset, _) in text.char_indices() {
            let range = index.line_range(text, index.line_of(offset));
            if offset > range.end {
                continue; // inside a CRLF terminator
            }
            for enc in [
                PositionEncoding::Utf16,
                PositionEncoding::Utf8,
                PositionEncoding::Utf32,
            ] {
                let wire = index.to_wire(text, offset, enc);
                assert_eq!(
                    index.from_wire(text, wire, enc),
                    offset,
                    "{enc:?} at {offset}"
                );
            }
        }
    }
}
