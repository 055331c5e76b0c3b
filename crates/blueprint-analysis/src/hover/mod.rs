//! Hover explanations: what the writer sees when pointing at a word of the doc.
//!
//! The content is domain knowledge, so it lives here and every front end (the
//! language server, the book) renders the same Markdown. Each provider answers
//! for one kind of thing under the cursor; the first that answers wins, and any
//! findings at that spot are appended below it.
//!
//! Providers, in priority order:
//! - [`sql`]: a SQL statement — which index serves it, or the one to add;
//! - [`shard_key`]: a shard/partition key — cardinality, monotonicity, which
//!   queries include it and which are scatter-gather;
//! - [`estimate`]: a number in a capacity estimate — its normalized values;
//! - [`database`]: a data store's name — family, consistency stance, fit, and
//!   how this doc uses it;
//! - [`term`]: a glossary term — definition, when it matters, book link;
//! - [`finding`]: a finding — the rule's explanation and fix.

mod database;
mod estimate;
mod finding;
mod shard_key;
mod sql;
mod term;

use crate::{Analysis, TextRange};

/// One hover answer: the range it covers and Markdown to show.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub range: TextRange,
    pub markdown: String,
}

type Provider = fn(&Analysis, usize) -> Option<Hover>;

const PROVIDERS: &[Provider] = &[
    sql::hover,
    shard_key::hover,
    estimate::hover,
    database::hover,
    term::hover,
];

/// The hover at byte `offset` of the analysed document, if anything there has
/// something to say.
pub fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let primary = PROVIDERS
        .iter()
        .find_map(|provider| provider(analysis, offset));
    let findings = finding::hover(analysis, offset);
    match (primary, findings) {
        (Some(mut primary), Some(findings)) => {
            primary.markdown.push_str("\n\n---\n\n");
            primary.markdown.push_str(&findings.markdown);
            Some(primary)
        }
        (primary, findings) => primary.or(findings),
    }
}
