//! Facts the SQL rules and hovers share: where a suggested index goes, what
//! the doc's prose says about a table (write-heavy, large, hot path).

use std::sync::LazyLock;

use regex::Regex;

use super::schema::{IndexMethod, Key};
use super::{Access, SqlModel, Suggestion};
use crate::document::Document;
use crate::prose::{Lexicon, polarity};
use crate::{Edit, TextRange};

/// The quick fix that adds a suggested index: inserted on the line after the
/// last statement about the table in the block that defines it.
pub fn index_edit(doc: &Document, model: &SqlModel, suggestion: &Suggestion) -> Option<Edit> {
    let table = model.schema.table(&suggestion.table)?;
    let block = table.code_block;
    let mut end = table.range.end;
    for index in model.schema.indexes_of(&table.name) {
        let statement = &model.statements[index.1.statement];
        if statement.code_block == block {
            end = end.max(statement.range.end);
        }
    }
    let content = doc.code_blocks.get(block)?.content;
    let source = doc.source();
    let tail = &source[end..content.end];
    let after = match tail.find('\n') {
        Some(i) => end + i + 1,
        None => content.end,
    };
    Some(Edit {
        description: format!("Add index {}", suggestion.name),
        range: TextRange::new(after, after),
        replacement: format!("{}\n", suggestion.sql),
    })
}

/// The columns a query's functions wrap that an index leads with, where no
/// expression index matches the wrapping expression: `(column, expression range)`.
pub fn wrapped_indexed_columns(model: &SqlModel, access: &Access) -> Vec<(String, TextRange)> {
    let query = &model.queries[access.query];
    let mut out: Vec<(String, TextRange)> = Vec::new();
    for wrapped in query.wrapped.iter().filter(|w| w.table == access.table_ref) {
        let mut indexes = model.schema.indexes_of(&access.table);
        let leads = indexes.any(|(_, i)| {
            i.method != IndexMethod::Gin && i.keys[0].key == Key::Column(wrapped.column.clone())
        });
        let expression_index = model
            .schema
            .indexes_of(&access.table)
            .any(|(_, i)| i.keys.iter().any(|k| k.key == wrapped.expr));
        if leads && !expression_index && !out.iter().any(|(_, r)| *r == wrapped.range) {
            out.push((wrapped.column.clone(), wrapped.range));
        }
    }
    out
}

/// Words by which a doc says a table takes mostly writes.
static WRITE_HEAVY: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "append-only",
            "append only",
            "event log",
            "audit log",
            "audit trail",
            "write-heavy",
            "write heavy",
            "write-intensive",
            "insert-heavy",
            "insert-only",
            "insert only",
            "ingest-heavy",
        ]
        .map(|w| (w, ())),
    )
});

/// A sentence of the table's section, or an SQL comment in its definition,
/// calling it write-heavy: the range of those words.
pub fn write_heavy_words(doc: &Document, model: &SqlModel, table: &str) -> Option<TextRange> {
    let definition = model.schema.table(table)?;
    if let Some(found) = WRITE_HEAVY.first(doc.text(definition.range)) {
        return Some(TextRange::new(
            definition.range.start + found.start,
            definition.range.start + found.end,
        ));
    }
    let section = doc.section_at(definition.range.start);
    let tables_in_section = model
        .schema
        .tables
        .iter()
        .filter(|t| doc.section_at(t.range.start) == section)
        .count();
    for sentence in doc.sentences.iter().filter(|s| s.section == section) {
        let text = doc.sentence_text(sentence);
        let Some(found) = WRITE_HEAVY.first(text) else {
            continue;
        };
        let names_it = mentions(text, table);
        let names_other = model
            .schema
            .tables
            .iter()
            .any(|t| t.name != table && mentions(text, &t.name));
        if !(names_it || (tables_in_section == 1 && !names_other)) {
            continue;
        }
        if !polarity::of_match(doc, sentence, found.start).is_asserted() {
            continue;
        }
        return Some(doc.sentence_span(sentence, found.start..found.end));
    }
    None
}

/// Whole-word mention of an identifier in text.
pub fn mentions(text: &str, name: &str) -> bool {
    let lower = text.to_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find(name) {
        let start = from + i;
        let end = start + name.len();
        let before = lower[..start].chars().next_back();
        let after = lower[end..].chars().next();
        let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_');
        if !word(before) && !word(after) {
            return true;
        }
        from = end;
    }
    false
}

static ROW_COUNT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(\d+(?:[.,]\d+)?)\s*(k|m|b|thousand|million|billion|bn)?\s+(?:rows|records|entries)",
    )
    .expect("valid regex")
});

static LARGE_WORDS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "large table",
            "huge table",
            "big table",
            "millions of rows",
            "billions of rows",
            "hundreds of millions",
        ]
        .map(|w| (w, ())),
    )
});

/// Evidence that a table is large: a sentence naming it (or in the same
/// section as `at`) with a row count of a million or more, or "large table".
pub fn large_table_evidence(doc: &Document, table: &str, at: usize) -> Option<TextRange> {
    let section = doc.section_at(at);
    for sentence in &doc.sentences {
        let text = doc.sentence_text(sentence);
        if !(mentions(text, table) || sentence.section == section) {
            continue;
        }
        for capture in ROW_COUNT.captures_iter(text) {
            let number: f64 = capture[1].replace(',', "").parse().unwrap_or(0.0);
            let scale = match capture.get(2).map(|m| m.as_str().to_ascii_lowercase()) {
                Some(s) if s == "k" || s == "thousand" => 1e3,
                Some(s) if s == "m" || s == "million" => 1e6,
                Some(s) if s == "b" || s == "bn" || s == "billion" => 1e9,
                _ => 1.0,
            };
            if number * scale >= 1e6 {
                let m = capture.get(0).expect("whole match");
                return Some(doc.sentence_span(sentence, m.start()..m.end()));
            }
        }
        if let Some(found) = LARGE_WORDS.first(text) {
            if mentions(text, table) {
                return Some(doc.sentence_span(sentence, found.start..found.end));
            }
        }
    }
    None
}

static HOT: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "hot path",
            "hot paths",
            "hot-path",
            "every view",
            "every page view",
            "every agent view",
            "every request",
            "each request",
            "every call",
            "every page load",
            "per request",
            "hottest",
            "most frequent",
            "high traffic",
            "high-traffic",
        ]
        .map(|w| (w, ())),
    )
});

/// Words before a SQL block (its caption) or in the statement's comments
/// that say the query runs on a hot path.
pub fn hot_path_words(
    doc: &Document,
    code_block: usize,
    statement: TextRange,
) -> Option<TextRange> {
    if let Some(found) = HOT.first(doc.text(statement)) {
        return Some(TextRange::new(
            statement.start + found.start,
            statement.start + found.end,
        ));
    }
    let block = doc.code_blocks.get(code_block)?;
    let caption = doc.sentence_before(block.range.start)?;
    // Only the paragraph right above the block.
    let between = &doc.source()[caption.range.end..block.range.start];
    if between.matches('\n').count() > 2 {
        return None;
    }
    let text = doc.sentence_text(caption);
    let found = HOT.first(text)?;
    Some(doc.sentence_span(caption, found.start..found.end))
}

static COUNTER_SECTIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "rejected",
            "alternatives considered",
            "alternative considered",
            "considered alternatives",
            "anti-pattern",
            "anti-patterns",
            "antipattern",
            "antipatterns",
            "what not to do",
            "common mistakes",
            "mistakes",
            "pitfalls",
            "bad example",
            "bad examples",
        ]
        .map(|w| (w, ())),
    )
});

static COUNTER_CAPTIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "anti-pattern",
            "antipattern",
            "don't do this",
            "do not do this",
            "what not to do",
            "bad example",
            "bad:",
            "wrong:",
            "rejected:",
            "rejected alternative",
            "instead of this",
        ]
        .map(|w| (w, ())),
    )
});

/// What a block's opening SQL comment says of code the design drops
/// ("-- v1, being removed: scans every row").
static RETIRED: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "being removed",
            "to be removed",
            "will be removed",
            "being replaced",
            "to be replaced",
            "deprecated",
            "legacy",
            "obsolete",
            "do not use",
            "don't use",
        ]
        .map(|w| (w, ())),
    )
});

/// A code block that shows what not to do: under a section about rejected
/// alternatives or anti-patterns (below the title), captioned as such, or
/// opening with a comment that says so.
pub fn is_counterexample(doc: &Document, code_block: usize) -> bool {
    let Some(block) = doc.code_blocks.get(code_block) else {
        return false;
    };
    let opening = doc
        .text(block.content)
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("");
    if let Some(comment) = opening.strip_prefix("--") {
        if COUNTER_CAPTIONS.contains(comment) || RETIRED.contains(comment) {
            return true;
        }
    }
    if doc
        .section_and_ancestors(block.section)
        .any(|s| s.level >= 2 && COUNTER_SECTIONS.contains(&s.title))
    {
        return true;
    }
    let Some(caption) = doc.sentence_before(block.range.start) else {
        return false;
    };
    let between = &doc.source()[caption.range.end..block.range.start];
    between.matches('\n').count() <= 2 && COUNTER_CAPTIONS.contains(doc.sentence_text(caption))
}
