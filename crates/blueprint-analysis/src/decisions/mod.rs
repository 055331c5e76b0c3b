//! The decision model: what a design doc decides, read from its prose.
//!
//! A small pipeline shared by every prose rule:
//!
//! 1. **Sentences** come from the document model (paragraphs, list items,
//!    table cells and headings, each split into sentences with source maps).
//! 2. **Lexicons** (aho-corasick, whole words, CJK-aware) find, per sentence:
//!    store mentions ([`stores`], built from the knowledge base), requirement
//!    signals ([`signals`]), replication facts and quorum settings
//!    ([`replication`]) and CAP labels ([`cap`]).
//! 3. **Polarity** ([`crate::prose::polarity`]) marks each match asserted,
//!    negated ("not", "instead of", "unlike") or not asserted (questions,
//!    explanations of mistakes, rejected alternatives).
//! 4. **Scope**: every fact records its sentence, its *unit* (the paragraph,
//!    list item or table row it sits in) and its section (heading subtree).
//!    [`Decisions::scoped`] walks from a statement outwards — same sentence,
//!    same unit, then the headings of the sections that enclose it — which is
//!    how a rule relates a requirement to a choice within one feature.
//! 5. **Decision records**: [`Statement`]s (one per sentence with facts) and
//!    [`Decisions::uses_of`] (which store serves what, for hovers).
//!
//! Rules never re-scan the document: they read these records and decide.
//!
//! A rule that relates a requirement to a choice typically reads:
//!
//! ```text
//! let decisions = cx.decisions();
//! // a mitigation anywhere in the feature silences the rule (each section
//! // and unit is tested once, however many statements ask)
//! let mut mitigated = FeatureTest::new(decisions, cx.doc, |s: &Statement| {
//!     s.mentions(cx.doc, &MY_LEXICON).is_some()
//! });
//! for statement in &decisions.statements {
//!     for store in statement.asserted_stores() {          // the choice
//!         let profile = store.kind.profile();             // family, consistency
//!         for (other, reach) in decisions.scoped(cx.doc, statement) {
//!             // a requirement in the same sentence, unit or feature heading
//!             if let Some(need) = other.signal(|k| matches!(k, Signal::Strong(_))) { .. }
//!         }
//!         if mitigated.holds(statement) { continue }
//!     }
//! }
//! ```
//!
//! Rule-specific cue words live in the rule's file as their own [`Lexicon`]
//! and are matched with [`Statement::matches`] / [`Statement::asserted`] /
//! [`Statement::mentions`] so they get the same polarity treatment.

pub mod cap;
mod feature_test;
pub mod replication;
pub mod signals;
pub mod stores;

#[cfg(test)]
mod tests;

use std::collections::HashMap;
use std::ops::Range;

use crate::TextRange;
use crate::document::{Document, ProseKind};
use crate::prose::{Lexicon, Polarity, polarity};

pub use cap::CapLabel;
pub use feature_test::FeatureTest;
pub use replication::{Level, QuorumPart, QuorumSetting, Replication};
pub use signals::{Access, Entity, Signal, Subject};
pub use stores::{Family, StoreLexicon, StoreProfile};

/// One matched fact of kind `K` in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fact<K> {
    pub kind: K,
    /// Byte range in the sentence's plain text.
    pub local: Range<usize>,
    /// Range in the document source.
    pub range: TextRange,
    pub polarity: Polarity,
}

impl<K> Fact<K> {
    pub fn is_asserted(&self) -> bool {
        self.polarity.is_asserted()
    }
}

/// A store named in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreUse {
    /// Index into [`StoreLexicon::stores`].
    pub store: usize,
    /// What the store serves, when the sentence says it ("we'll use X for
    /// *payments*", "*orders* live in X", "X backs the *search* service",
    /// the first cell of a table row).
    pub purpose: Option<TextRange>,
    /// The sentence puts the store in front of another one as a cache.
    pub as_cache: bool,
}

impl StoreUse {
    pub fn profile(&self) -> &'static StoreProfile {
        &StoreLexicon::get().stores[self.store]
    }
}

/// The paragraph, list item or table row a sentence belongs to: the
/// smallest scope in which two sentences talk about one thing.
///
/// A paragraph longer than [`SENTENCES_PER_UNIT`] sentences is split into
/// parts of that many: no reader relates the first sentence of such a wall
/// of text to its hundredth, and rules that relate every sentence of a unit
/// to every other stay linear in the document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Unit {
    Block { block: usize, part: usize },
    Row { table: usize, row: usize },
}

pub const SENTENCES_PER_UNIT: usize = 32;

/// The facts of one sentence.
#[derive(Clone, Debug)]
pub struct Statement {
    /// Index into [`Document::sentences`].
    pub sentence: usize,
    pub block: usize,
    pub section: usize,
    pub unit: Unit,
    pub range: TextRange,
    pub is_heading: bool,
    pub stores: Vec<Fact<StoreUse>>,
    pub signals: Vec<Fact<Signal>>,
    pub replication: Vec<Fact<Replication>>,
    pub quorum: Vec<Fact<QuorumSetting>>,
    pub cap: Vec<Fact<CapLabel>>,
}

impl Statement {
    fn is_empty(&self) -> bool {
        self.stores.is_empty()
            && self.signals.is_empty()
            && self.replication.is_empty()
            && self.quorum.is_empty()
            && self.cap.is_empty()
    }

    /// The first asserted signal matching `pred`.
    pub fn signal(&self, pred: impl Fn(Signal) -> bool) -> Option<&Fact<Signal>> {
        self.signals
            .iter()
            .find(|f| f.is_asserted() && pred(f.kind))
    }

    pub fn has_signal(&self, pred: impl Fn(Signal) -> bool) -> bool {
        self.signal(pred).is_some()
    }

    /// The first asserted replication fact matching `pred`.
    pub fn replication(&self, pred: impl Fn(Replication) -> bool) -> Option<&Fact<Replication>> {
        self.replication
            .iter()
            .find(|f| f.is_asserted() && pred(f.kind))
    }

    /// Asserted store mentions.
    pub fn asserted_stores(&self) -> impl Iterator<Item = &Fact<StoreUse>> {
        self.stores.iter().filter(|f| f.is_asserted())
    }

    /// The asserted store mention nearest to a byte offset of the sentence:
    /// the store a requirement or entity at `at` most likely belongs to.
    /// Stores in the same comma clause win over nearer ones across a comma.
    pub fn nearest_store(&self, text: &str, at: usize) -> Option<&Fact<StoreUse>> {
        let same_segment = |f: &&Fact<StoreUse>| same_segment(text, at, f.local.start);
        let distance = |f: &&Fact<StoreUse>| {
            let clause = same_clause(text, at, f.local.start);
            (!clause, f.local.start.abs_diff(at))
        };
        self.asserted_stores()
            .filter(same_segment)
            .min_by_key(distance)
    }

    /// The sentence's plain text.
    pub fn text<'d>(&self, doc: &'d Document) -> &'d str {
        doc.sentence_text(&doc.sentences[self.sentence])
    }

    /// Every match of a rule's own lexicon in this sentence, with polarity.
    pub fn matches<T: Copy + 'static>(&self, doc: &Document, lexicon: &Lexicon<T>) -> Vec<Fact<T>> {
        let sentence = &doc.sentences[self.sentence];
        lexicon
            .find_all(doc.sentence_text(sentence))
            .into_iter()
            .map(|m| make_fact(doc, sentence, m.value, m.start, m.end))
            .collect()
    }

    /// The first asserted match of a rule's own lexicon in this sentence.
    pub fn asserted<T: Copy + 'static>(
        &self,
        doc: &Document,
        lexicon: &Lexicon<T>,
    ) -> Option<Fact<T>> {
        self.matches(doc, lexicon)
            .into_iter()
            .find(|f| f.is_asserted())
    }

    /// The first match of a rule's lexicon that is not negated: for
    /// mitigations, which silence a rule even when only mentioned in an
    /// explanation ("revocation is a conditional delete, so a revoked token
    /// is rejected").
    pub fn mentions<T: Copy + 'static>(
        &self,
        doc: &Document,
        lexicon: &Lexicon<T>,
    ) -> Option<Fact<T>> {
        self.matches(doc, lexicon)
            .into_iter()
            .find(|f| f.polarity != Polarity::Negated)
    }

    /// The first replication fact matching `pred` that is not negated.
    pub fn replication_mentioned(
        &self,
        pred: impl Fn(Replication) -> bool,
    ) -> Option<&Fact<Replication>> {
        self.replication
            .iter()
            .find(|f| f.polarity != Polarity::Negated && pred(f.kind))
    }

    /// Asserted quorum settings.
    pub fn quorums(&self) -> impl Iterator<Item = &Fact<QuorumSetting>> {
        self.quorum.iter().filter(|f| f.is_asserted())
    }
}

/// How far from a statement a related statement was found.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reach {
    Sentence,
    /// Same paragraph, list item or table row.
    Unit,
    /// The heading of an enclosing feature section (level 2 or deeper).
    Heading,
}

/// Where the doc uses a store, for the database hover.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoreUseSite {
    /// The store's name as written.
    pub range: TextRange,
    /// The sentence that states the use.
    pub sentence: TextRange,
    pub section: usize,
    /// What it serves, when stated.
    pub purpose: Option<String>,
}

/// Every decision the doc's prose states, built once per analysis.
#[derive(Debug, Default)]
pub struct Decisions {
    pub statements: Vec<Statement>,
    lookups: Lookups,
}

/// Indexes over [`Decisions::statements`], built once, so that scope
/// queries cost the size of the scope rather than of the document.
#[derive(Debug, Default)]
struct Lookups {
    /// Statements per unit, in document order.
    by_unit: HashMap<Unit, Vec<usize>>,
    /// Statements per section (not its subtree), in document order.
    by_section: Vec<Vec<usize>>,
    /// Child sections of each section.
    children: Vec<Vec<usize>>,
    /// Heading statements, stably sorted by where their range starts.
    headings: Vec<usize>,
}

impl Lookups {
    fn build(doc: &Document, statements: &[Statement]) -> Lookups {
        let mut lookups = Lookups {
            by_section: vec![Vec::new(); doc.sections.len()],
            children: vec![Vec::new(); doc.sections.len()],
            ..Lookups::default()
        };
        for (i, section) in doc.sections.iter().enumerate() {
            if let Some(list) = section.parent.and_then(|p| lookups.children.get_mut(p)) {
                list.push(i);
            }
        }
        for (i, statement) in statements.iter().enumerate() {
            lookups.by_unit.entry(statement.unit).or_default().push(i);
            if let Some(list) = lookups.by_section.get_mut(statement.section) {
                list.push(i);
            }
            if statement.is_heading {
                lookups.headings.push(i);
            }
        }
        lookups.headings.sort_by_key(|&i| statements[i].range.start);
        lookups
    }
}

impl Decisions {
    pub fn build(doc: &Document) -> Decisions {
        let stores = StoreLexicon::get();
        let mut statements = Vec::new();
        // Once per table, not once per cell (a 10,000-cell table re-read its
        // 100-cell header for every cell).
        let comparison_tables: Vec<bool> = (0..doc.tables.len())
            .map(|table| is_comparison_table(doc, table))
            .collect();
        // (block, sentences of it seen so far)
        let mut in_block = (usize::MAX, 0);
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let block = &doc.blocks[sentence.block];
            let text = doc.sentence_text(sentence);
            if in_block.0 != sentence.block {
                in_block = (sentence.block, 0);
            }
            let unit = match block.kind {
                ProseKind::TableCell { table, row, .. } => Unit::Row { table, row },
                _ => Unit::Block {
                    block: sentence.block,
                    part: in_block.1 / SENTENCES_PER_UNIT,
                },
            };
            in_block.1 += 1;
            let mut statement = Statement {
                sentence: index,
                block: sentence.block,
                section: sentence.section,
                unit,
                range: sentence.range,
                is_heading: matches!(block.kind, ProseKind::Heading(_)),
                stores: Vec::new(),
                signals: Vec::new(),
                replication: Vec::new(),
                quorum: Vec::new(),
                cap: Vec::new(),
            };
            // Header cells of a table are labels ("Store", "Database"), not facts.
            if matches!(block.kind, ProseKind::TableCell { row: 0, .. }) {
                continue;
            }
            // A table that compares options (strengths, weaknesses, examples)
            // teaches; it decides nothing.
            let comparison = match block.kind {
                ProseKind::TableCell { table, .. } => {
                    comparison_tables.get(table).copied().unwrap_or(false)
                }
                _ => false,
            };
            let is_heading = matches!(block.kind, ProseKind::Heading(_));
            for (start, end, store) in stores.find_all(text) {
                let purpose = purpose_of(doc, sentence, text, start, end);
                let as_cache = is_cache_in_front(text, start, end);
                statement.stores.push(make_fact(
                    doc,
                    sentence,
                    StoreUse {
                        store,
                        purpose,
                        as_cache,
                    },
                    start,
                    end,
                ));
            }
            for (start, end, signal) in signals::find_all(text) {
                statement
                    .signals
                    .push(make_fact(doc, sentence, signal, start, end));
            }
            for m in replication::REPLICATION.find_all(text) {
                statement
                    .replication
                    .push(make_fact(doc, sentence, m.value, m.start, m.end));
            }
            for q in replication::quorum_settings(text) {
                statement
                    .quorum
                    .push(make_fact(doc, sentence, q, q.local.0, q.local.1));
            }
            for (start, end, label) in cap::find_labels(text) {
                statement
                    .cap
                    .push(make_fact(doc, sentence, label, start, end));
            }
            // Facts inside a code token with a `/` (a rule id such as
            // `replication/multi-primary-...`, a path, a URL) are names.
            let in_path = |local: &Range<usize>| {
                doc.sentence_is_code(sentence, local.start) && {
                    let start = text[..local.start]
                        .rfind(char::is_whitespace)
                        .map_or(0, |i| i + 1);
                    let end = text[local.end..]
                        .find(char::is_whitespace)
                        .map_or(text.len(), |i| local.end + i);
                    text[start..end].contains('/')
                }
            };
            statement.stores.retain(|f| !in_path(&f.local));
            statement.signals.retain(|f| !in_path(&f.local));
            statement.replication.retain(|f| !in_path(&f.local));
            statement.cap.retain(|f| !in_path(&f.local));
            if comparison {
                demote(&mut statement.stores);
                demote(&mut statement.signals);
                demote(&mut statement.replication);
                demote(&mut statement.quorum);
                demote(&mut statement.cap);
            }
            // Headings name topics ("RPO = 0 over asynchronous replication");
            // they scope requirements and stores but state no replication,
            // quorum or CAP decision.
            if is_heading {
                demote(&mut statement.replication);
                demote(&mut statement.quorum);
                demote(&mut statement.cap);
            }
            if !statement.is_empty() {
                statements.push(statement);
            }
        }
        let lookups = Lookups::build(doc, &statements);
        Decisions {
            statements,
            lookups,
        }
    }

    /// The statement of a document sentence, if it has facts.
    pub fn statement_of(&self, sentence: usize) -> Option<&Statement> {
        self.statements
            .binary_search_by_key(&sentence, |s| s.sentence)
            .ok()
            .map(|i| &self.statements[i])
    }

    /// Statements of one unit (paragraph, list item, table row).
    pub fn in_unit(&self, unit: Unit) -> impl Iterator<Item = &Statement> {
        self.lookups
            .by_unit
            .get(&unit)
            .into_iter()
            .flatten()
            .map(|&i| &self.statements[i])
    }

    /// Statements in a section's subtree.
    pub fn in_section<'a>(
        &'a self,
        doc: &'a Document,
        section: usize,
    ) -> impl Iterator<Item = &'a Statement> {
        let found: Vec<usize> = if self.lookups.children.len() != doc.sections.len() {
            // Built from another document: no index to trust.
            (0..self.statements.len())
                .filter(|&i| doc.section_within(self.statements[i].section, section))
                .collect()
        } else {
            // The section's subtree, then its statements in document order.
            let mut found = Vec::new();
            let mut stack = vec![section];
            while let Some(s) = stack.pop() {
                if let Some(list) = self.lookups.by_section.get(s) {
                    found.extend_from_slice(list);
                }
                if let Some(children) = self.lookups.children.get(s) {
                    stack.extend_from_slice(children);
                }
            }
            found.sort_unstable();
            found
        };
        found.into_iter().map(move |i| &self.statements[i])
    }

    /// The statements in one feature scope with `statement`, nearest first:
    /// the statement itself, the other sentences of its unit, then the
    /// headings of the enclosing sections of level 2 or deeper.
    pub fn scoped<'a>(
        &'a self,
        doc: &'a Document,
        statement: &'a Statement,
    ) -> Vec<(&'a Statement, Reach)> {
        let mut out = vec![(statement, Reach::Sentence)];
        out.extend(
            self.in_unit(statement.unit)
                .filter(|s| s.sentence != statement.sentence)
                .map(|s| (s, Reach::Unit)),
        );
        let mut section = Some(statement.section);
        while let Some(i) = section {
            if doc.sections[i].level < 2 {
                break;
            }
            let heading = doc.sections[i].heading;
            // Heading statements starting inside the heading, in document order.
            let headings = &self.lookups.headings;
            let first =
                headings.partition_point(|&h| self.statements[h].range.start < heading.start);
            let mut inside: Vec<usize> = headings[first..]
                .iter()
                .copied()
                .take_while(|&h| self.statements[h].range.start <= heading.end)
                .filter(|&h| {
                    let s = &self.statements[h];
                    heading.contains_range(s.range) && s.sentence != statement.sentence
                })
                .collect();
            inside.sort_unstable();
            out.extend(
                inside
                    .into_iter()
                    .map(|h| (&self.statements[h], Reach::Heading)),
            );
            section = doc.sections[i].parent;
        }
        out
    }

    /// The feature section of a statement: its innermost section of level 2
    /// or deeper, or the section itself when it is the root or the title.
    pub fn feature_section(doc: &Document, section: usize) -> usize {
        let mut current = section;
        while doc.sections[current].level > 2 {
            match doc.sections[current].parent {
                Some(p) if doc.sections[p].level >= 2 => current = p,
                _ => break,
            }
        }
        current
    }

    /// Statements in the same feature section as `statement` (its level-2
    /// ancestor's subtree, or its own section at the top level).
    pub fn in_feature<'a>(
        &'a self,
        doc: &'a Document,
        statement: &Statement,
    ) -> impl Iterator<Item = &'a Statement> {
        let feature = Self::feature_section(doc, statement.section);
        self.in_section(doc, feature)
    }

    /// Where the doc asserts it uses the store with knowledge-base id `id`,
    /// and for what. Negated, questioned or rejected mentions are left out.
    pub fn uses_of(&self, doc: &Document, id: &str) -> Vec<StoreUseSite> {
        let mut out = Vec::new();
        for statement in &self.statements {
            for fact in statement.asserted_stores() {
                if fact.kind.profile().id != id {
                    continue;
                }
                out.push(StoreUseSite {
                    range: fact.range,
                    sentence: statement.range,
                    section: statement.section,
                    purpose: fact.kind.purpose.map(|r| doc.text(r).trim().to_string()),
                });
            }
        }
        out
    }

    /// The store mention under a document offset, if any.
    pub fn store_at(&self, offset: usize) -> Option<(&Statement, &Fact<StoreUse>)> {
        self.statements.iter().find_map(|s| {
            s.stores
                .iter()
                .find(|f| f.range.contains(offset))
                .map(|f| (s, f))
        })
    }
}

/// Where a sentence's reason starts ("because ...", "since ..."): words
/// after it explain a choice rather than state one.
pub fn reason_start(text: &str) -> usize {
    [
        " because ",
        " since ",
        " as it ",
        " so that ",
        " which is why ",
    ]
    .iter()
    .filter_map(|w| text.find(w))
    .min()
    .unwrap_or(text.len())
}

/// Contrast markers and semicolons split a sentence into segments that
/// make separate claims ("stale feeds are fine; balances are not").
const SEGMENT_BREAKS: &[&str] = &[";", " but ", " whereas ", " while ", " however", " except "];

/// The segments of a sentence's plain text, as byte ranges.
pub fn segments(text: &str) -> Vec<Range<usize>> {
    let mut cuts = vec![0];
    for brk in SEGMENT_BREAKS {
        cuts.extend(text.match_indices(brk).map(|(i, _)| i));
    }
    cuts.push(text.len());
    cuts.sort_unstable();
    cuts.dedup();
    cuts.windows(2).map(|w| w[0]..w[1]).collect()
}

/// True when two offsets of a sentence lie in one segment.
pub fn same_segment(text: &str, a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    let between = &text[lo.min(text.len())..hi.min(text.len())];
    !SEGMENT_BREAKS.iter().any(|brk| between.contains(brk))
}

/// True when no comma, colon or parenthesis separates two offsets.
pub fn same_clause(text: &str, a: usize, b: usize) -> bool {
    let (lo, hi) = (a.min(b), a.max(b));
    !text[lo.min(text.len())..hi.min(text.len())].contains([',', ';', ':', '(', ')'])
}

/// Marks facts as not asserted (kept for hovers and scope).
fn demote<K>(facts: &mut [Fact<K>]) {
    for fact in facts {
        if fact.polarity == Polarity::Asserted {
            fact.polarity = Polarity::NotAsserted;
        }
    }
}

/// Header words of a table that compares options rather than deciding.
const COMPARISON_HEADERS: &[&str] = &[
    "examples",
    "example",
    "gives up",
    "gets",
    "strengths",
    "weaknesses",
    "pros",
    "cons",
    "trade-off",
    "trade-offs",
    "tradeoffs",
    "good for",
    "bad for",
    "bad at",
    "weak at",
    "use when",
    "avoid when",
    "when to use",
    "downsides",
    "advantages",
    "disadvantages",
    "drawbacks",
    "topology",
    "strategy",
    "family",
];

/// True when a table's header row has a column that compares options.
pub fn is_comparison_table(doc: &Document, table: usize) -> bool {
    let Some(header) = doc.tables.get(table).and_then(|t| t.rows.first()) else {
        return false;
    };
    header.iter().any(|&block| {
        let cell = crate::knowledge::normalize(doc.blocks[block].text.trim());
        COMPARISON_HEADERS
            .iter()
            .any(|h| crate::knowledge::normalize(h) == cell)
    })
}

fn make_fact<K>(
    doc: &Document,
    sentence: &crate::document::Sentence,
    kind: K,
    start: usize,
    end: usize,
) -> Fact<K> {
    Fact {
        kind,
        local: start..end,
        range: doc.sentence_span(sentence, start..end),
        polarity: polarity::of_match(doc, sentence, start),
    }
}

/// Verbs after which `for ...` names what a store serves.
const CLAUSE_END: &[char] = &[',', ';', ':', '(', ')', '.', '—'];

fn trim_phrase(text: &str, start: usize, end: usize) -> Option<Range<usize>> {
    let phrase = &text[start..end];
    let lead = phrase.len() - phrase.trim_start().len();
    let trimmed = phrase.trim();
    let trimmed = trimmed
        .trim_start_matches("the ")
        .trim_start_matches("our ")
        .trim_start_matches("all ");
    if trimmed.is_empty() || trimmed.len() > 80 {
        return None;
    }
    let s = start + lead + (phrase.trim().len() - trimmed.len());
    Some(s..s + trimmed.len())
}

/// Cuts a phrase at the first clause end or conjunction that starts a reason.
fn phrase_end(text: &str, from: usize) -> usize {
    let rest = &text[from..];
    let mut end = rest.find(CLAUSE_END).unwrap_or(rest.len());
    for stop in [
        " because", " since", " so ", " as ", " which", " where", " with ", " and we",
    ] {
        if let Some(i) = rest[..end].find(stop) {
            end = end.min(i);
        }
    }
    from + end
}

/// What a store serves, from the sentence around its mention.
fn purpose_of(
    doc: &Document,
    sentence: &crate::document::Sentence,
    text: &str,
    start: usize,
    end: usize,
) -> Option<TextRange> {
    let to_source = |r: Range<usize>| doc.sentence_span(sentence, r);
    // A table row: the first cell names the feature or entity.
    if let ProseKind::TableCell { table, row, column } = doc.blocks[sentence.block].kind
        && column > 0
    {
        let first = *doc.tables.get(table)?.rows.get(row)?.first()?;
        let block = &doc.blocks[first];
        let t = block.text.trim();
        if !t.is_empty() {
            let lead = block.text.len() - block.text.trim_start().len();
            return Some(block.range_to_source(doc.source(), lead..lead + t.len()));
        }
    }
    let after = &text[end..];
    let lower_after = after.to_ascii_lowercase();
    // "X for Y", "use X for Y", "X backs/serves/powers/stores/holds (the) Y".
    for verb in [
        " for ",
        " backs ",
        " serves ",
        " powers ",
        " stores ",
        " holds ",
        " keeps ",
        " handles ",
    ] {
        if let Some(i) = lower_after.find(verb)
            && i <= 12
            && !after[..i].contains(CLAUSE_END)
        {
            let from = end + i + verb.len();
            let to = phrase_end(text, from);
            if let Some(r) = trim_phrase(text, from, to) {
                return Some(to_source(r));
            }
        }
    }
    // "Y live(s)/is/are stored/kept/persisted in X", "Y: X", "Y go(es) to X".
    let before = &text[..start];
    let clause_start = after_last(before, &[',', ';', '(', '—']);
    let clause = &before[clause_start..];
    let lower = clause.to_ascii_lowercase();
    for verb in [
        " live in",
        " lives in",
        " are stored in",
        " is stored in",
        " are kept in",
        " is kept in",
        " are persisted in",
        " is persisted in",
        " are written to",
        " is written to",
        " go to",
        " goes to",
        " are stored as",
        " live on",
        " sit in",
        " sits in",
        " are held in",
        " is held in",
        " are saved in",
        " is saved in",
        " are accumulated in",
        " is accumulated in",
        " are in",
        " is in",
        " use",
        " uses",
        " are kept",
        " stored in",
        ":",
    ] {
        if let Some(i) = lower.rfind(verb) {
            let subject_end = clause_start + i;
            // "Y ... in X": the verb must end right before the store or its article.
            let gap = before[clause_start + i + verb.len()..].trim();
            if gap.split_whitespace().count() > 3 {
                continue;
            }
            let s =
                after_last(&before[..subject_end], &[',', ';', '(', '—', ':']).max(clause_start);
            if let Some(r) = trim_phrase(text, s, subject_end)
                && !text[r.clone()].eq_ignore_ascii_case("we")
            {
                return Some(to_source(r));
            }
        }
    }
    None
}

/// The offset just after the last of `chars` in `text`, or 0.
fn after_last(text: &str, chars: &[char]) -> usize {
    text.char_indices()
        .rfind(|(_, c)| chars.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// "Redis in front of PostgreSQL", "cached in Redis", "a Redis cache".
fn is_cache_in_front(text: &str, start: usize, end: usize) -> bool {
    let lower_after = text[end..].to_ascii_lowercase();
    let lower_before = text[..start].to_ascii_lowercase();
    lower_after.trim_start().starts_with("cache")
        || lower_after.trim_start().starts_with("as a cache")
        || lower_after.trim_start().starts_with("in front of")
        || lower_after.trim_start().starts_with("as a read-through")
        || lower_after.trim_start().starts_with("as a write-through")
        || lower_before.trim_end().ends_with("cached in")
        || lower_before.trim_end().ends_with("cache in")
}
