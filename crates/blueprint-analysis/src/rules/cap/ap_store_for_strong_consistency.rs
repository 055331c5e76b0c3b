use crate::decisions::FeatureTest;
use crate::document::Document;
use std::sync::LazyLock;

use crate::decisions::{Decisions, Fact, Reach, Replication, Signal, Statement, StoreUse, Subject};
use regex::Regex;

use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a feature that needs strong consistency (payments, balances,
    /// ledgers, inventory, bookings, authentication, uniqueness) served by an
    /// eventually consistent store (Cassandra, DynamoDB default reads,
    /// CouchDB, Riak) or read from asynchronous replicas, when the doc states
    /// no quorum, strongly consistent reads or conditional writes for it.
    ///
    /// ## Why is this bad?
    /// An eventually consistent read can return a value that a later write
    /// already replaced. Two checkouts both see the last unit in stock, two
    /// guests both see the room free, a transfer reads a balance that was
    /// already spent. These stores can be made to behave (quorum reads and
    /// writes, `ConsistentRead`, lightweight transactions), but only when the
    /// design says so.
    ///
    /// ## Example
    /// ```markdown
    /// Wallet balances live in Cassandra because it scales writes linearly.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Wallet balances live in PostgreSQL (row locks, `CHECK (balance >= 0)`).
    /// ```
    /// or state the settings that make the store strongly consistent:
    /// ```markdown
    /// Balances live in Cassandra, read and written at QUORUM (RF 3), with a
    /// lightweight transaction (`IF version = ?`) on every update.
    /// ```
    pub struct ApStoreForStrongConsistency {
        id: "cap/ap-store-for-strong-consistency",
        severity: Error,
        summary: "A feature that needs strong consistency is served by an eventually consistent store or async replicas without quorum or strongly consistent reads.",
    }
}

/// Settings that make an eventually consistent store answer consistently.
static MITIGATIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "strongly consistent reads",
            "strongly consistent read",
            "strongly-consistent reads",
            "consistent reads",
            "consistent read",
            "ConsistentRead",
            "ConsistentRead=true",
            "lightweight transaction",
            "lightweight transactions",
            "LWT",
            "LWTs",
            "IF NOT EXISTS",
            "conditional write",
            "conditional writes",
            "conditional put",
            "condition expression",
            "ConditionExpression",
            "TransactWriteItems",
            "TransactGetItems",
            "DynamoDB transactions",
            "compare-and-set",
            "readConcern",
            "writeConcern",
            "majority",
            "linearizable reads",
            "R + W > N",
            "R+W>N",
            "R + W > RF",
        ]
        .map(|w| (w, ())),
    )
});

/// Reading from a replica: "reads stock from the nearest replica",
/// "served from an async read replica", "reads go to the replicas".
static REPLICA_READS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:read|reads|reading|served|serves|checks?|checked)\b[^.;]{0,30}?\b(?:from|go to|goes to|hit)\s+(?:the\s+|a\s+|an\s+)?(?:nearest\s+|local\s+|closest\s+|async\s+|asynchronous\s+|read\s+)*(?:replicas?|followers?|secondar(?:y|ies))\b")
        .expect("valid regex")
});

/// "each conversation has exactly one writer": "exactly one" here describes
/// the design's single-writer ownership (which gives consistency), not data
/// that must be unique.
// TODO: belongs in the uniqueness lexicon of `decisions/signals.rs`.
fn single_writer(text: &str, need_end: usize) -> bool {
    const OWNERS: &[&str] = &[
        "writer",
        "writers",
        "leader",
        "primary",
        "owner",
        "sequencer",
        "home",
    ];
    let Some(rest) = text.get(need_end..) else {
        return false;
    };
    let next: String = rest
        .trim_start()
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    OWNERS.contains(&next.as_str())
}

fn needs_strong(signal: Signal) -> bool {
    matches!(signal, Signal::Strong(_))
}

/// A strong-consistency need in the feature scope of `statement` that belongs
/// to the store at `store`: in the same segment of the sentence and nearest
/// to this store, or in the same unit/heading when that sentence names no
/// other store.
fn need_for<'a>(
    cx: &RuleContext<'a>,
    decisions: &'a Decisions,
    statement: &'a Statement,
    store: &Fact<StoreUse>,
) -> Option<(&'a Statement, &'a Fact<Signal>)> {
    let doc = cx.doc;
    for (other, reach) in decisions.scoped(doc, statement) {
        let text = other.text(doc);
        // A strong-consistency *claim* next to quorum settings is the
        // business of `cap/quorum-not-overlapping`.
        let has_quorum = other.quorums().next().is_some();
        for need in other.signals.iter().filter(|f| {
            f.is_asserted()
                && needs_strong(f.kind)
                && !(has_quorum && f.kind == Signal::Strong(Subject::Explicit))
                && !single_writer(text, f.local.end)
        }) {
            let belongs = match reach {
                Reach::Sentence => statement
                    .nearest_store(text, need.local.start)
                    .is_some_and(|s| s.local == store.local),
                Reach::Unit | Reach::Heading => other.asserted_stores().next().is_none(),
            };
            if belongs {
                return Some((other, need));
            }
        }
    }
    None
}

/// A mitigation in the statement's feature scope: a strong read mode, a
/// strong quorum or synchronous replication.
fn mitigation(s: &Statement, doc: &Document) -> bool {
    s.mentions(doc, &MITIGATIONS).is_some()
        || s.quorums().any(|q| q.kind.level.is_strong())
        || s.replication_mentioned(|r| r == Replication::Sync)
            .is_some()
}

impl Rule for ApStoreForStrongConsistency {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        let mut mitigated = FeatureTest::new(decisions, doc, |s: &Statement| mitigation(s, doc));
        let mut read_your_writes = FeatureTest::new(decisions, doc, |s: &Statement| {
            s.replication_mentioned(|r| r == Replication::ReadYourWrites)
                .is_some()
                || s.mentions(doc, &MITIGATIONS).is_some()
        });
        // One finding per store: the same choice restated in a table and in
        // prose is one problem. Prose wins over a table row
        // (it carries the detail), then the first occurrence.
        let mut candidates: Vec<(&str, bool, Finding)> = Vec::new();
        for statement in &decisions.statements {
            // An eventually consistent store chosen for the data.
            for store in statement.asserted_stores() {
                let profile = store.kind.profile();
                if !profile.is_eventual_by_default() || store.kind.as_cache {
                    continue;
                }
                let Some((need_statement, need)) = need_for(cx, decisions, statement, store) else {
                    continue;
                };
                if mitigated.holds(statement) {
                    continue;
                }
                let what = doc.text(need.range);
                let option = profile
                    .strong_read_option
                    .map(|o| format!(" For {}: {o}.", profile.name))
                    .unwrap_or_default();
                let mut finding = Self::META
                    .finding(
                        store.range,
                        format!(
                            "{} is eventually consistent by default, but it serves `{what}`, which needs strong consistency",
                            profile.name
                        ),
                    )
                    .help(format!(
                        "Use a strongly consistent store for this data, or state the settings that make reads consistent (quorum reads and writes, strongly consistent reads, conditional writes).{option}"
                    ));
                if need_statement.sentence != statement.sentence {
                    finding =
                        finding.related(need_statement.range, "the requirement is stated here");
                } else {
                    finding = finding.related(need.range, "needs strong consistency");
                }
                let in_table = matches!(statement.unit, crate::decisions::Unit::Row { .. });
                candidates.push((profile.id, in_table, finding));
                break;
            }
            // Strongly consistent data read from (asynchronous) replicas.
            let text = statement.text(doc);
            let sentence = &doc.sentences[statement.sentence];
            let Some(read) = REPLICA_READS
                .find(text)
                .filter(|m| polarity::of_match(doc, sentence, m.start()).is_asserted())
                .map(|m| (m.range(), doc.sentence_span(sentence, m.range())))
            else {
                continue;
            };
            let need = statement.signals.iter().find(|f| {
                f.is_asserted()
                    && needs_strong(f.kind)
                    && (crate::decisions::same_clause(text, f.local.start, read.0.start)
                        || read.0.contains(&f.local.start))
            });
            let Some(need) = need else { continue };
            if statement.replication(|r| r == Replication::Sync).is_some()
                || read_your_writes.holds(statement)
            {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        read.1,
                        format!(
                            "`{}` needs strong consistency but is read from replicas that can lag behind the primary",
                            doc.text(need.range)
                        ),
                    )
                    .help("Read this data from the primary (or a synchronous replica), or check it again with a conditional write at commit time.")
                    .related(need.range, "needs strong consistency"),
            );
        }
        let mut emitted: Vec<&str> = Vec::new();
        for table_rows in [false, true] {
            for (store, in_table, finding) in &candidates {
                if *in_table != table_rows || emitted.contains(store) {
                    continue;
                }
                emitted.push(store);
                let mut finding = finding.clone();
                for (other, _, again) in &candidates {
                    if other == store && again.range != finding.range {
                        finding =
                            finding.related(again.range, "the same store is chosen for it here");
                    }
                }
                out.push(finding);
            }
        }
    }
}
