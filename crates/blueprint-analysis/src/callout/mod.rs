//! Callouts: fenced blocks in the study book (and any Markdown) whose info
//! string names a kind (`quiz`, `flashcards`, `interview`, `pitfall`,
//! `tradeoff`, `decision`, `design-doc`) and whose body is TOML, as documented
//! in the book page `how-to-write-callouts.md`.
//!
//! This module turns each callout of a [`Document`] into typed data or an
//! error with an exact source range, so the mdBook preprocessor fails the
//! build at `file:line:column` and the language server underlines the same
//! place. It knows nothing about HTML. Ids are derived from content
//! ([`stable_id`]) and never written back into the source.

mod body;
#[cfg(test)]
mod tests;

use crate::document::{CodeBlock, Document};
use crate::registry::RuleSet;
use crate::{Finding, TextRange};

/// The kinds of callout, in the order the book documents them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CalloutKind {
    Quiz,
    Flashcards,
    Interview,
    Pitfall,
    Tradeoff,
    Decision,
    DesignDoc,
}

impl CalloutKind {
    pub const ALL: [CalloutKind; 7] = [
        CalloutKind::Quiz,
        CalloutKind::Flashcards,
        CalloutKind::Interview,
        CalloutKind::Pitfall,
        CalloutKind::Tradeoff,
        CalloutKind::Decision,
        CalloutKind::DesignDoc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            CalloutKind::Quiz => "quiz",
            CalloutKind::Flashcards => "flashcards",
            CalloutKind::Interview => "interview",
            CalloutKind::Pitfall => "pitfall",
            CalloutKind::Tradeoff => "tradeoff",
            CalloutKind::Decision => "decision",
            CalloutKind::DesignDoc => "design-doc",
        }
    }

    /// The kind named by a code block's language (first word of the info string).
    pub fn from_language(language: &str) -> Option<CalloutKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == language)
    }
}

impl std::fmt::Display for CalloutKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One parsed callout.
#[derive(Clone, Debug, PartialEq)]
pub struct Callout {
    pub kind: CalloutKind,
    /// The whole fenced block, fences included, in the document's source.
    pub range: TextRange,
    /// The body between the fences, in the document's source.
    pub body: TextRange,
    /// Derived from the kind and the body text: stable across builds and
    /// moves, changes when the content changes.
    pub id: String,
    pub data: CalloutData,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CalloutData {
    Quiz(Quiz),
    Flashcards(Flashcards),
    Interview(Interview),
    Pitfall(Pitfall),
    Tradeoff(Tradeoff),
    Decision(Decision),
    DesignDoc(DesignDoc),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Quiz {
    pub title: Option<String>,
    pub questions: Vec<Question>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    /// Derived from the prompt: editing one question resets only its progress.
    pub id: String,
    /// Markdown.
    pub prompt: String,
    pub answer: Answer,
    /// Markdown.
    pub explain: String,
    /// The `[[question]]` table in the source.
    pub range: TextRange,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// `correct` holds 0-based indexes into `choices`; more than one makes it
    /// multiple choice.
    Choice {
        choices: Vec<String>,
        correct: Vec<usize>,
    },
    /// Accepted answers, compared case-insensitively after trimming.
    Short { accept: Vec<String> },
}

impl Answer {
    pub fn is_multiple(&self) -> bool {
        matches!(self, Answer::Choice { correct, .. } if correct.len() > 1)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Flashcards {
    pub deck: String,
    pub cards: Vec<Card>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    /// Derived from the deck and the front: the Anki note id.
    pub id: String,
    /// Markdown.
    pub front: String,
    /// Markdown.
    pub back: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Interview {
    /// Markdown.
    pub question: String,
    /// Markdown, may span paragraphs.
    pub answer: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Pitfall {
    pub title: String,
    /// Markdown.
    pub problem: String,
    /// Markdown.
    pub fix: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Tradeoff {
    pub title: Option<String>,
    pub options: Vec<TradeoffOption>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct TradeoffOption {
    pub name: String,
    pub pros: Vec<String>,
    pub cons: Vec<String>,
    /// Markdown.
    pub pick_when: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    pub title: Option<String>,
    pub start: String,
    pub steps: Vec<Step>,
    pub outcomes: Vec<Outcome>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Step {
    pub id: String,
    /// Markdown.
    pub ask: String,
    pub choices: Vec<StepChoice>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct StepChoice {
    pub label: String,
    pub next: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub id: String,
    pub recommend: String,
    /// Markdown.
    pub why: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct DesignDoc {
    pub title: Option<String>,
    /// The rule ids the analyzer must report (each at least once), no others.
    pub expect: Vec<String>,
    /// Where each `expect` entry is, in the document's source.
    pub expect_ranges: Vec<TextRange>,
    /// The `expect` key (or the header, when `expect` is missing).
    pub expect_key: TextRange,
    /// The design doc after the `---` line.
    pub doc: String,
    /// Maps offsets in `doc` to the document's source.
    pub doc_map: SourceMap,
}

impl Quiz {
    pub fn question(&self, id: &str) -> Option<&Question> {
        self.questions.iter().find(|q| q.id == id)
    }
}

impl Decision {
    pub fn step(&self, id: &str) -> Option<&Step> {
        self.steps.iter().find(|s| s.id == id)
    }

    pub fn outcome(&self, id: &str) -> Option<&Outcome> {
        self.outcomes.iter().find(|o| o.id == id)
    }
}

/// A malformed callout: where and what to write instead.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct CalloutError {
    /// In the document's source; points into the TOML body when it can.
    pub range: TextRange,
    pub message: String,
}

/// Maps byte offsets in an extracted text (a callout body, a design doc) back
/// to the document's source, line by line (bodies inside list items or block
/// quotes lose their indentation or `>` markers when extracted).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SourceMap {
    /// `(offset in the extracted text, offset in the source)` per line start.
    lines: Vec<(usize, usize)>,
    len: usize,
}

impl SourceMap {
    /// The identity shifted by `base`: text copied verbatim from `base`.
    pub fn shifted(base: usize, len: usize) -> SourceMap {
        SourceMap {
            lines: vec![(0, base)],
            len,
        }
    }

    pub fn to_source(&self, offset: usize) -> usize {
        let offset = offset.min(self.len);
        let i = self.lines.partition_point(|(text, _)| *text <= offset);
        match i.checked_sub(1).and_then(|i| self.lines.get(i)) {
            Some((text, source)) => source + (offset - text),
            None => offset,
        }
    }

    pub fn range_to_source(&self, range: std::ops::Range<usize>) -> TextRange {
        let start = self.to_source(range.start);
        let end = self.to_source(range.end).max(start);
        TextRange::new(start, end)
    }

    /// A map for the sub-text starting at `offset` in this map's text.
    pub fn suffix(&self, offset: usize) -> SourceMap {
        let mut lines = vec![(0, self.to_source(offset))];
        lines.extend(
            self.lines
                .iter()
                .filter(|(text, _)| *text > offset)
                .map(|(text, source)| (text - offset, *source)),
        );
        SourceMap {
            lines,
            len: self.len.saturating_sub(offset),
        }
    }
}

/// A stable, short id for a list of strings: 64-bit FNV-1a as 12 hex digits.
/// Unlike `std`'s hasher it never changes between Rust releases, so ids saved
/// in readers' browsers and Anki decks survive upgrades.
pub fn stable_id(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for byte in part.bytes().chain([0xff]) {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{:012x}", hash >> 16)
}

/// Every callout of the document, in source order, each parsed or rejected.
/// Code blocks in other languages are not callouts; a language that is a near
/// miss of a kind (`flashcard`, `trade-off`) is reported as an unknown kind.
pub fn parse_callouts(doc: &Document) -> Vec<Result<Callout, CalloutError>> {
    doc.code_blocks
        .iter()
        .filter_map(|block| parse_block(doc, block))
        .collect()
}

/// Parses one code block if it is (or looks like it was meant to be) a callout.
pub fn parse_block(doc: &Document, block: &CodeBlock) -> Option<Result<Callout, CalloutError>> {
    let language = block.language.as_deref()?;
    let Some(kind) = CalloutKind::from_language(language) else {
        return near_miss(language).map(|kind| {
            Err(CalloutError {
                range: info_range(doc, block),
                message: format!(
                    "unknown callout kind `{language}`; did you mean `{kind}`? \
                     The kinds are quiz, flashcards, interview, pitfall, tradeoff, \
                     decision and design-doc"
                ),
            })
        });
    };
    let (text, map) = extract_body(doc, block);
    let id = stable_id(&[kind.as_str(), text.trim()]);
    Some(body::parse(kind, &text, &map).map(|data| Callout {
        kind,
        range: block.range,
        body: block.content,
        id,
        data,
    }))
}

/// A language one or two edits away from a kind, but not a kind.
fn near_miss(language: &str) -> Option<CalloutKind> {
    if language.len() < 4 {
        return None;
    }
    let squashed: String = language
        .chars()
        .filter(|c| *c != '-' && *c != '_')
        .collect();
    CalloutKind::ALL.into_iter().find(|kind| {
        let name = kind.as_str();
        let plain: String = name.chars().filter(|c| *c != '-').collect();
        squashed == plain || strsim::damerau_levenshtein(language, name) <= 2
    })
}

/// The info string's range on the opening fence line.
fn info_range(doc: &Document, block: &CodeBlock) -> TextRange {
    let source = doc.source();
    let line_end = source[block.range.as_range()]
        .find('\n')
        .map_or(block.range.end, |i| block.range.start + i);
    let line = &source[block.range.start..line_end];
    match line.find(block.info.trim()) {
        Some(i) if !block.info.trim().is_empty() => TextRange::new(
            block.range.start + i,
            block.range.start + i + block.info.trim().len(),
        ),
        _ => TextRange::new(block.range.start, line_end),
    }
}

/// The body text with the block's container prefix (list indentation,
/// block-quote markers) removed from each line, and its map to the source.
fn extract_body(doc: &Document, block: &CodeBlock) -> (String, SourceMap) {
    let source = doc.source();
    let raw = &source[block.content.as_range()];
    let fence_line_start = source[..block.range.start].rfind('\n').map_or(0, |i| i + 1);
    let prefix = &source[fence_line_start..block.range.start];
    if prefix.is_empty() {
        return (
            raw.to_string(),
            SourceMap::shifted(block.content.start, raw.len()),
        );
    }
    let mut text = String::with_capacity(raw.len());
    let mut lines = Vec::new();
    let mut at = block.content.start;
    for line in raw.split_inclusive('\n') {
        // The content range may start mid-line (after the container prefix);
        // strip the prefix only from lines that start at a line start.
        let at_line_start = at == 0 || source.as_bytes()[at - 1] == b'\n';
        let strip = if at_line_start {
            line.char_indices()
                .take_while(|(i, c)| *i < prefix.len() && matches!(c, ' ' | '\t' | '>'))
                .map(|(i, c)| i + c.len_utf8())
                .last()
                .unwrap_or(0)
        } else {
            0
        };
        lines.push((text.len(), at + strip));
        text.push_str(&line[strip..]);
        at += line.len();
    }
    let len = text.len();
    (text, SourceMap { lines, len })
}

/// What checking a design-doc callout against the analyzer found.
#[derive(Debug)]
pub struct DesignDocCheck {
    /// The analyzer's findings, with ranges in the design doc's own text.
    pub findings: Vec<Finding>,
    /// Disagreements with `expect`, positioned in the enclosing document.
    pub errors: Vec<CalloutError>,
}

/// Runs the analyzer over a design-doc callout and compares the rule ids it
/// reports with `expect`, like a doctest.
pub fn check_design_doc(design: &DesignDoc, rules: &RuleSet) -> DesignDocCheck {
    let analysis = crate::analyze(design.doc.clone(), rules);
    let mut errors = Vec::new();
    let mut reported: Vec<&str> = Vec::new();
    for finding in &analysis.findings {
        if !design.expect.iter().any(|e| e == finding.rule) && !reported.contains(&finding.rule) {
            reported.push(finding.rule);
            errors.push(CalloutError {
                range: design.doc_map.range_to_source(finding.range.as_range()),
                message: format!(
                    "the analyzer reports `{}` here but `expect` does not list it: {}. \
                     Add \"{}\" to `expect` or change the doc",
                    finding.rule, finding.message, finding.rule
                ),
            });
        }
    }
    for (i, expected) in design.expect.iter().enumerate() {
        if !analysis.findings.iter().any(|f| f.rule == expected) {
            let known = crate::registry::find(expected).is_some();
            errors.push(CalloutError {
                range: design
                    .expect_ranges
                    .get(i)
                    .copied()
                    .unwrap_or(design.expect_key),
                message: if known {
                    format!(
                        "`expect` lists `{expected}` but the analyzer does not report it \
                         for this doc; remove it from `expect` or change the doc"
                    )
                } else {
                    format!("`expect` lists `{expected}`, which is not a rule id{}", {
                        let ids: Vec<&str> =
                            crate::registry::all().iter().map(|r| r.meta().id).collect();
                        ids.iter()
                            .map(|id| (strsim::jaro_winkler(id, expected), *id))
                            .filter(|(score, _)| *score > 0.85)
                            .max_by(|a, b| a.0.total_cmp(&b.0))
                            .map(|(_, id)| format!("; did you mean `{id}`?"))
                            .unwrap_or_default()
                    })
                },
            });
        }
    }
    errors.sort_by_key(|e| e.range.start);
    DesignDocCheck {
        findings: analysis.findings,
        errors,
    }
}
