use crate::decisions::{FeatureTest, Statement};
use std::sync::LazyLock;

use crate::decisions::{Replication, Signal, Subject, same_segment};
use crate::prose::Lexicon;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags last-write-wins conflict resolution for counters, balances,
    /// stock or collaboratively edited data, where concurrent updates must
    /// all count.
    ///
    /// ## Why is this bad?
    /// Last-write-wins keeps one of two concurrent writes and silently drops
    /// the other. For a profile field that is often fine; for a counter or a
    /// balance, each dropped write is a lost like, a lost deposit or a unit
    /// of stock sold twice.
    ///
    /// ## Example
    /// ```markdown
    /// Like counts are written in each region; when two regions update the
    /// same counter, the last write wins.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Like counts are a PN-counter CRDT: each region increments its own
    /// slot and the count is the sum, so concurrent increments all count.
    /// ```
    pub struct LastWriteWinsLosesUpdates {
        id: "replication/last-write-wins-loses-updates",
        severity: Warning,
        summary: "Last-write-wins resolution for counters, balances or collaborative data where concurrent updates must all count.",
    }
}

/// Merge-friendly representations that make LWW harmless.
static MERGEABLE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "CRDT",
            "CRDTs",
            "PN-counter",
            "G-counter",
            "counter CRDT",
            "deltas",
            "increments are summed",
            "sum of",
            "commutative",
            "counter columns",
            "Cassandra counters",
        ]
        .map(|w| (w, ())),
    )
});

/// Words with which a sentence refers to the updates of the previous one.
const REFERS_BACK: &[&str] = &[
    "concurrent",
    "conflict",
    "which write",
    "them",
    "these",
    "the same",
];

fn concurrent_data(signal: Signal) -> bool {
    matches!(
        signal,
        Signal::Counter | Signal::Strong(Subject::Money) | Signal::Strong(Subject::Stock)
    )
}

impl Rule for LastWriteWinsLosesUpdates {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        let mut mergeable = FeatureTest::new(decisions, doc, |s: &Statement| {
            s.mentions(doc, &MERGEABLE).is_some()
        });
        for statement in &decisions.statements {
            let Some(lww) = statement.replication(|r| r == Replication::LastWriteWins) else {
                continue;
            };
            let text = statement.text(doc);
            let here = statement.signals.iter().find(|f| {
                f.is_asserted()
                    && concurrent_data(f.kind)
                    && same_segment(text, f.local.start, lww.local.start)
            });
            // "Scores are counters updated in every region. Replication
            // resolves concurrent updates with last-writer-wins.": the data
            // is in the previous sentence of the unit, referred back to.
            let lower = text.to_ascii_lowercase();
            let refers_back = REFERS_BACK.iter().any(|w| lower.contains(w));
            let previous = || {
                decisions
                    .in_unit(statement.unit)
                    .filter(|s| s.sentence < statement.sentence)
                    .last()?
                    .signals
                    .iter()
                    .find(|f| f.is_asserted() && concurrent_data(f.kind))
            };
            let Some(data) = here.or_else(|| refers_back.then(previous).flatten()) else {
                continue;
            };
            if mergeable.holds(statement) {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        lww.range,
                        format!(
                            "Last-write-wins on `{}` drops one of two concurrent updates",
                            doc.text(data.range).trim_matches('`')
                        ),
                    )
                    .help("Use a merge that keeps every update: a counter CRDT (per-region increments summed), an append-only ledger of deltas, or a single writer (home region) for the record.")
                    .related(data.range, "concurrent updates must all count"),
            );
        }
    }
}
