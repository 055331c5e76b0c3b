//! Sentence splitting for prose blocks.
//!
//! A sentence ends at `.`, `!`, `?` or `;` followed by white space, or at the
//! CJK full stops `。！？` — except after common abbreviations (e.g., i.e., vs.)
//! and single-letter initials. Decimals (`1.2`) and versions never split,
//! because no white space follows their dot.
//!
//! A run of text with no sentence end longer than [`MAX_SENTENCE`] bytes (a
//! generated or pasted line, never real prose) is cut at the next white space
//! after the limit, so per-sentence work stays bounded on any input.

use super::Sentence;
use super::prose::ProseBlock;

/// Real sentences are far shorter; beyond this a run is cut at white space.
const MAX_SENTENCE: usize = 4096;

const ABBREVIATIONS: &[&str] = &[
    "e.g", "i.e", "vs", "etc", "approx", "cf", "incl", "mr", "ms", "dr", "st", "no", "fig", "eq",
    "resp", "est",
];

pub(super) fn split(source: &str, block_index: usize, block: &ProseBlock, out: &mut Vec<Sentence>) {
    let text = &block.text;
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, ch)) = chars.next() {
        let end = i + ch.len_utf8();
        let boundary = match ch {
            '。' | '！' | '？' => true,
            '.' | '!' | '?' | ';' => {
                chars.peek().is_none_or(|&(_, next)| next.is_whitespace())
                    && !(ch == '.' && is_abbreviation(&text[start..i]))
            }
            _ => i - start >= MAX_SENTENCE && ch.is_whitespace(),
        };
        if boundary {
            push(source, block_index, block, start..end, out);
            start = end;
        }
    }
    push(source, block_index, block, start..text.len(), out);
}

fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(|c: char| c.is_whitespace() || c == '(')
        .next()
        .unwrap_or("");
    let lower = word.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
        || (word.chars().count() == 1 && word.chars().all(char::is_uppercase))
}

fn push(
    source: &str,
    block_index: usize,
    block: &ProseBlock,
    plain: std::ops::Range<usize>,
    out: &mut Vec<Sentence>,
) {
    let raw = &block.text[plain.clone()];
    let lead = raw.len() - raw.trim_start().len();
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return;
    }
    let plain = plain.start + lead..plain.start + lead + trimmed.len();
    out.push(Sentence {
        block: block_index,
        range: block.range_to_source(source, plain.clone()),
        plain,
        section: block.section,
    });
}
