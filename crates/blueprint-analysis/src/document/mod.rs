//! The document model: one parse of the Markdown with pulldown-cmark's offset
//! iterator, kept as flat tables that every rule reads.
//!
//! Invariants: every [`TextRange`] lies inside `source` on char boundaries;
//! `sections[0]` is the whole document (level 0); blocks, sentences and code
//! blocks are in source order.

mod builder;
mod prose;
mod sentences;

/// The pulldown-cmark options every document is parsed with (benchmarks parse
/// with the same options to measure the floor).
pub fn markdown_options() -> pulldown_cmark::Options {
    builder::options()
}

pub use prose::{ProseBlock, ProseKind, Segment};

use crate::{LineCol, LineIndex, TextRange};

/// A heading and everything under it until the next heading of the same or a
/// higher level: the scope of one feature of the designed system.
#[derive(Clone, Debug)]
pub struct Section {
    /// 0 for the document root, 1..=6 for headings.
    pub level: u8,
    pub title: String,
    /// The heading line (empty at offset 0 for the root).
    pub heading: TextRange,
    /// From the heading to the end of the subtree.
    pub range: TextRange,
    pub parent: Option<usize>,
}

/// A fenced or indented code block.
#[derive(Clone, Debug)]
pub struct CodeBlock {
    /// The whole block including fences.
    pub range: TextRange,
    /// The code between the fences.
    pub content: TextRange,
    /// The full info string (`sql title="x"`), empty for indented blocks.
    pub info: String,
    /// First word of the info string, lower-cased (`sql`, `postgresql`, `cql`).
    pub language: Option<String>,
    pub section: usize,
}

/// An HTML comment (`<!-- ... -->`) outside code.
#[derive(Clone, Debug)]
pub struct HtmlComment {
    pub range: TextRange,
    /// The text between `<!--` and `-->`, trimmed.
    pub body: TextRange,
}

/// A GitHub-style table; cells are prose blocks.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub range: TextRange,
    /// Rows of indexes into [`Document::blocks`]; row 0 is the header.
    pub rows: Vec<Vec<usize>>,
    pub section: usize,
}

/// A sentence inside a prose block.
#[derive(Clone, Debug)]
pub struct Sentence {
    pub block: usize,
    /// Byte range in the block's plain text.
    pub plain: std::ops::Range<usize>,
    /// Byte range in the source.
    pub range: TextRange,
    pub section: usize,
}

#[derive(Debug)]
pub struct Document {
    source: String,
    line_index: LineIndex,
    pub sections: Vec<Section>,
    pub blocks: Vec<ProseBlock>,
    pub sentences: Vec<Sentence>,
    /// Whether `sentences` ends are in source order (they are for any parsed
    /// document), so [`Document::sentence_before`] can binary search.
    sentences_by_end: bool,
    pub code_blocks: Vec<CodeBlock>,
    /// Inline code spans in prose (`` `users.email` ``), including backticks.
    pub inline_code: Vec<TextRange>,
    pub html_comments: Vec<HtmlComment>,
    pub tables: Vec<Table>,
    pub block_quotes: Vec<TextRange>,
    /// YAML (`---`) or TOML (`+++`) front matter, fences included.
    pub front_matter: Option<TextRange>,
}

impl Document {
    /// Parses Markdown. Never fails: any input is some Markdown.
    pub fn parse(source: impl Into<String>) -> Document {
        builder::build(source.into())
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    pub fn text(&self, range: TextRange) -> &str {
        &self.source[range.as_range()]
    }

    pub fn line_index(&self) -> &LineIndex {
        &self.line_index
    }

    pub fn line_col(&self, offset: usize) -> LineCol {
        self.line_index.line_col(&self.source, offset)
    }

    /// The plain text of a sentence (markup removed, soft breaks as spaces).
    pub fn sentence_text(&self, sentence: &Sentence) -> &str {
        &self.blocks[sentence.block].text[sentence.plain.clone()]
    }

    /// The source range of a byte range inside a sentence's plain text.
    pub fn sentence_span(&self, sentence: &Sentence, local: std::ops::Range<usize>) -> TextRange {
        let base = sentence.plain.start;
        self.blocks[sentence.block]
            .range_to_source(&self.source, base + local.start..base + local.end)
    }

    /// Whether a byte offset inside a sentence's plain text is inline code.
    pub fn sentence_is_code(&self, sentence: &Sentence, local: usize) -> bool {
        self.blocks[sentence.block].is_code_at(sentence.plain.start + local)
    }

    /// The last sentence (in `sentences` order) that ends at or before
    /// `offset`: the caption of a block starting there.
    pub fn sentence_before(&self, offset: usize) -> Option<&Sentence> {
        if self.sentences_by_end {
            let before = self.sentences.partition_point(|s| s.range.end <= offset);
            before.checked_sub(1).map(|i| &self.sentences[i])
        } else {
            self.sentences.iter().rev().find(|s| s.range.end <= offset)
        }
    }

    /// The text of the sentence after sentence `index` when it is in the
    /// same prose block: facts often close a paragraph in its next sentence.
    pub fn next_in_block(&self, index: usize) -> Option<&str> {
        let sentence = self.sentences.get(index)?;
        self.sentences
            .get(index + 1)
            .filter(|next| next.block == sentence.block)
            .map(|next| self.sentence_text(next))
    }

    /// The sentences whose ranges overlap `range`, in document order.
    pub fn sentences_in(&self, range: TextRange) -> &[Sentence] {
        if self.sentences_by_end {
            let first = self
                .sentences
                .partition_point(|s| s.range.end <= range.start);
            let count = self.sentences[first..].partition_point(|s| s.range.start < range.end);
            &self.sentences[first..first + count]
        } else {
            &self.sentences
        }
    }

    /// The innermost section holding `offset`.
    pub fn section_at(&self, offset: usize) -> usize {
        // Sections are in source order and nest, so the last one that starts at
        // or before the offset and still contains it is the innermost.
        let candidates = self.sections.partition_point(|s| s.range.start <= offset);
        (0..candidates)
            .rev()
            .find(|&i| self.sections[i].range.contains(offset) || i == 0)
            .unwrap_or(0)
    }

    /// A section and its ancestors, innermost first, up to the root.
    pub fn section_and_ancestors(&self, section: usize) -> impl Iterator<Item = &Section> {
        std::iter::successors(self.sections.get(section), |s| {
            s.parent.and_then(|p| self.sections.get(p))
        })
    }

    /// True when `inner` is `outer` or one of its descendants.
    pub fn section_within(&self, inner: usize, outer: usize) -> bool {
        let mut current = Some(inner);
        while let Some(i) = current {
            if i == outer {
                return true;
            }
            current = self.sections[i].parent;
        }
        false
    }

    /// Whether the offset lies inside a code block (fences included).
    pub fn in_code_block(&self, offset: usize) -> bool {
        let i = self.code_blocks.partition_point(|c| c.range.end <= offset);
        self.code_blocks
            .get(i)
            .is_some_and(|c| c.range.contains(offset))
    }

    /// Whether the offset lies inside an inline code span.
    pub fn in_inline_code(&self, offset: usize) -> bool {
        let i = self.inline_code.partition_point(|c| c.end <= offset);
        self.inline_code.get(i).is_some_and(|c| c.contains(offset))
    }
}

#[cfg(test)]
mod tests;
