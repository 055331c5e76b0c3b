//! Open documents: their text as the editor has it, and the latest analysis.

use std::sync::Arc;

use blueprint_analysis::{Analysis, LineIndex, PositionEncoding, WirePosition};
use tokio::sync::Semaphore;
use tokio::task::JoinHandle;
use tower_lsp_server::ls_types::{Position, TextDocumentContentChangeEvent};

/// An analysis of one exact text of a document.
#[derive(Debug)]
pub struct Snapshot {
    /// The document generation this analysis was computed for.
    pub generation: u64,
    /// The editor's version of that text.
    pub version: i32,
    pub analysis: Analysis,
}

/// One document the editor has open.
#[derive(Debug)]
pub struct OpenDocument {
    pub text: String,
    pub line_index: LineIndex,
    pub version: i32,
    /// Bumped on every change (server-wide unique, so a reopened document
    /// never matches work scheduled for its previous life).
    pub generation: u64,
    /// The newest analysis; may be for an older generation while edits are
    /// being debounced.
    pub snapshot: Option<Arc<Snapshot>>,
    /// The debounced analysis task for the current generation.
    pub task: Option<JoinHandle<()>>,
    /// One analysis of this document at a time.
    pub gate: Arc<Semaphore>,
}

impl OpenDocument {
    pub fn new(text: String, version: i32, generation: u64) -> Self {
        OpenDocument {
            line_index: LineIndex::new(&text),
            text,
            version,
            generation,
            snapshot: None,
            task: None,
            gate: Arc::new(Semaphore::new(1)),
        }
    }

    /// Applies `didChange` content changes in order. A change with a range
    /// replaces that range (positions clamped per the spec); one without
    /// replaces the whole text.
    pub fn apply_changes(
        &mut self,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: PositionEncoding,
    ) {
        for change in changes {
            match change.range {
                None => self.text = change.text,
                Some(range) => {
                    let start = self.offset(range.start, encoding);
                    let end = self.offset(range.end, encoding).max(start);
                    self.text.replace_range(start..end, &change.text);
                }
            }
            self.line_index = LineIndex::new(&self.text);
        }
    }

    pub fn offset(&self, position: Position, encoding: PositionEncoding) -> usize {
        self.line_index
            .from_wire(&self.text, wire(position), encoding)
    }

    /// Stops the pending analysis task, if any (its result would be stale).
    pub fn cancel_task(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
        }
    }

    /// The snapshot when it matches the current text.
    pub fn current_snapshot(&self) -> Option<Arc<Snapshot>> {
        self.snapshot
            .as_ref()
            .filter(|s| s.generation == self.generation)
            .cloned()
    }
}

pub fn wire(position: Position) -> WirePosition {
    WirePosition {
        line: position.line,
        character: position.character,
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::Range;

    use super::*;

    fn change(
        range: Option<((u32, u32), (u32, u32))>,
        text: &str,
    ) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: range.map(|((l1, c1), (l2, c2))| {
                Range::new(Position::new(l1, c1), Position::new(l2, c2))
            }),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn incremental_changes_use_utf16_columns() {
        let mut doc = OpenDocument::new("😀 CA system\nsecond".into(), 1, 1);
        // `CA` starts at UTF-16 column 3 (the emoji is two code units).
        doc.apply_changes(
            vec![change(Some(((0, 3), (0, 5))), "CP")],
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text, "😀 CP system\nsecond");
        doc.apply_changes(
            vec![change(Some(((1, 0), (1, 6))), "2nd")],
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text, "😀 CP system\n2nd");
    }

    #[test]
    fn utf8_columns_count_bytes() {
        let mut doc = OpenDocument::new("😀 CA".into(), 1, 1);
        doc.apply_changes(
            vec![change(Some(((0, 5), (0, 7))), "AP")],
            PositionEncoding::Utf8,
        );
        assert_eq!(doc.text, "😀 AP");
    }

    #[test]
    fn changes_apply_in_order_and_clamp() {
        let mut doc = OpenDocument::new("abc\ndef".into(), 1, 1);
        doc.apply_changes(
            vec![
                change(Some(((0, 0), (0, 0))), "x"),
                change(Some(((1, 99), (7, 0))), "!"),
                // An inverted range inserts at its start instead of panicking.
                change(Some(((0, 2), (0, 1))), "-"),
            ],
            PositionEncoding::Utf16,
        );
        assert_eq!(doc.text, "xa-bc\ndef!");
        doc.apply_changes(vec![change(None, "new")], PositionEncoding::Utf16);
        assert_eq!(doc.text, "new");
        assert_eq!(doc.line_index.line_count(), 1);
    }
}
