use std::sync::LazyLock;

use super::{assessed, model};
use crate::prose::Lexicon;
use crate::sharding::scope::SectionFlags;
use crate::sharding::{Monotonicity, Strategy};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a timestamp or date that is the whole shard or partition key of
    /// write-heavy data: CQL `PRIMARY KEY ((day), ...)`, "hash-distributed on
    /// `recorded_at`", "partitioned by hour".
    ///
    /// ## Why is this bad?
    /// All writes happening now share the current key value, so they all go to
    /// one partition on one set of replicas. The cluster's write capacity
    /// shrinks to a single node's, that partition grows without bound until
    /// the period ends, and the hot spot moves every hour or day.
    ///
    /// ## Example
    /// ```cql
    /// CREATE TABLE readings (reading_hour timestamp, sensor_id uuid, ts timestamp,
    ///     PRIMARY KEY ((reading_hour), sensor_id, ts));
    /// ```
    ///
    /// ## Use instead
    /// Lead the partition key with a high-cardinality entity and keep the time
    /// as a bucket next to it:
    /// ```cql
    /// PRIMARY KEY ((sensor_id, day), ts)
    /// ```
    pub struct TimeKeyHotspot {
        id: "sharding/time-key-hotspot",
        severity: Warning,
        summary: "A timestamp or date is the shard/partition key of write-heavy data, so current writes hit one shard.",
    }
}

pub(crate) static WRITE_HEAVY: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "write-heavy",
            "write heavy",
            "write-intensive",
            "high write",
            "write throughput",
            "write volume",
            "writes/s",
            "inserts/s",
            "writes per second",
            "inserts per second",
            "ingest",
            "ingests",
            "ingestion",
            "append-only",
            "append only",
            "event log",
            "every message",
            "every event",
            "every reading",
            "high-volume",
            "high volume",
            "firehose",
            "写入量",
            "写入",
            "書き込み",
        ]
        .map(|w| (w, ())),
    )
});

impl Rule for TimeKeyHotspot {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let flags = SectionFlags::build(cx.doc, &WRITE_HEAVY);
        // One finding per section: a table "partitioned by minute" and the
        // CQL that defines it are one problem.
        let mut reported = std::collections::HashSet::new();
        for statement in model(cx).asserted() {
            if statement.has_strategy(Strategy::Range)
                || !statement.across_machines
                || reported.contains(&statement.section)
            {
                continue;
            }
            let keys = assessed(cx, statement);
            if keys.is_empty()
                || !keys
                    .iter()
                    .all(|(_, a)| matches!(a.monotonicity, Monotonicity::Time { .. }))
            {
                continue;
            }
            let in_sentence = statement
                .sentence
                .is_some_and(|s| WRITE_HEAVY.contains(cx.doc.sentence_text(&cx.doc.sentences[s])));
            let evidence = if in_sentence {
                None
            } else {
                match flags.in_scope(cx.doc, statement.section) {
                    Some(s) => Some(cx.doc.sentences[s].range),
                    None => continue,
                }
            };
            let mut finding = Self::META
                .finding(
                    statement.key_range(),
                    format!(
                        "Time key `{}` is the whole partition key of write-heavy data: all current writes go to one partition",
                        statement.key_names()
                    ),
                )
                .help("Lead the key with a high-cardinality entity (device, user, tenant) and keep the time bucket beside it, e.g. ((sensor_id, day), ts).");
            if let Some(evidence) = evidence {
                finding = finding.related(evidence, "the doc says this data is write-heavy here");
            }
            reported.insert(statement.section);
            out.push(finding);
        }
    }
}
