use super::model;
use crate::decisions::StoreLexicon;
use crate::quantity::{Quantity, QuantityKind, QuantityModel};
use crate::sharding::{ShardingStatement, Source};
use crate::{Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a proposal to shard a database when the load the doc itself
    /// states fits one machine: "the users table (40k rows, about 2
    /// writes/s) will be sharded across 8 nodes", or a doc whose largest
    /// stated rate is a few hundred requests per second.
    ///
    /// ## Why is this bad?
    /// One PostgreSQL or MySQL server handles thousands of writes per second
    /// and terabytes of data. Sharding early buys nothing at that load but
    /// costs a lot: cross-shard queries and transactions, resharding, more
    /// machines to operate, and a shard key chosen before the access patterns
    /// are known. Indexes, caching and read replicas come first.
    ///
    /// ## Example
    /// ```markdown
    /// Volume: 2,000 new tickets/day. We will shard from day one: tickets go
    /// to 4 PostgreSQL nodes by `customer_id`.
    /// ```
    ///
    /// ## Use instead
    /// Size one primary with headroom, and write down the trigger for sharding:
    /// ```markdown
    /// One primary with a standby handles 50x today's 2,000 tickets/day. We
    /// revisit sharding when writes pass 5,000/s or the data passes 2 TB.
    /// ```
    pub struct Premature {
        id: "sharding/premature",
        severity: Info,
        summary: "Sharding is proposed while the stated load fits one machine, or before indexes, caching and read replicas are considered.",
    }
}

/// What one machine comfortably serves.
const MAX_RATE_PER_SECOND: f64 = 2_000.0;
/// Reads scale without sharding (replicas, caches), so a read rate needs to
/// be much higher before it argues for sharding.
const MAX_READ_RATE_PER_SECOND: f64 = 20_000.0;
const MAX_ROWS: f64 = 100_000_000.0;
const MAX_BYTES: f64 = 2e12;

/// A rate of reads (served by replicas and caches): its noun says so
/// ("3,900 redirects/s"), or the label before it does ("Redirects: 10B/month").
fn is_read_rate(q: &Quantity, text: &str) -> bool {
    const READS: &[&str] = &[
        "read",
        "redirect",
        "view",
        "lookup",
        "get",
        "fetch",
        "visit",
        "click",
        "impression",
    ];
    let noun = q.noun.as_deref().unwrap_or("").to_ascii_lowercase();
    let label = text[..q.local.start]
        .trim_end()
        .strip_suffix(':')
        .and_then(|before| before.split_whitespace().last())
        .unwrap_or("")
        .to_ascii_lowercase();
    READS
        .iter()
        .any(|word| noun.starts_with(word) || label.starts_with(word))
}

/// Nouns that count machines or partitions, not load.
fn is_topology(q: &Quantity, text: &str) -> bool {
    let noun = q.noun.as_deref().unwrap_or("").to_ascii_lowercase();
    let after = text[q.local.end..].trim_start().to_ascii_lowercase();
    [
        "node",
        "shard",
        "partition",
        "worker",
        "server",
        "cluster",
        "instance",
        "machine",
        "region",
        "replica",
        "logical",
        "postgresql",
        "mysql",
        "mongodb",
        "redis",
        "chunk",
        "block",
        "core",
        "cpu",
        "pod",
        "connection",
    ]
    .iter()
    .any(|w| noun.contains(w))
        || after.starts_with("per shard")
        || after.starts_with("per node")
        || after.starts_with("each")
        || noun.is_empty() && q.kind == QuantityKind::Count
}

/// The load a quantity states, if it is large enough for one machine to
/// struggle: `Some(true)` big, `Some(false)` small, `None` not a load.
fn is_big(q: &Quantity, text: &str) -> Option<bool> {
    match q.kind {
        QuantityKind::Rate { .. } if is_read_rate(q, text) => {
            q.per_second().map(|r| r > MAX_READ_RATE_PER_SECOND)
        }
        QuantityKind::Rate { .. } => q.per_second().map(|r| r > MAX_RATE_PER_SECOND),
        QuantityKind::Count if q.noun.is_some() => Some(q.value > MAX_ROWS),
        QuantityKind::Bytes if q.noun.as_deref() != Some("throughput") => Some(q.value > MAX_BYTES),
        _ => None,
    }
}

/// The stated load for a statement: the numbers in its own sentence, else
/// the whole doc's. `Some(evidence)` when everything stated is small.
fn small_load(
    cx: &RuleContext<'_>,
    quantities: &QuantityModel,
    statement: &ShardingStatement,
    doc_load: &Option<TextRange>,
) -> Option<TextRange> {
    let sentence = statement.sentence?;
    let text = cx.doc.sentence_text(&cx.doc.sentences[sentence]);
    let local: Vec<&Quantity> = quantities
        .in_sentence(sentence)
        .iter()
        .filter(|q| !is_topology(q, text))
        .filter(|q| is_big(q, text).is_some())
        // "50 enterprise tenants" is not a load.
        .filter(|q| q.is_rate() || q.value >= 1_000.0)
        .collect();
    if !local.is_empty() {
        return (!local.iter().any(|q| is_big(q, text) == Some(true))).then(|| local[0].range);
    }
    *doc_load
}

/// The doc-wide verdict, computed once: `Some(evidence)` when every stated
/// load is small and at least one rate is stated.
fn doc_small_load(cx: &RuleContext<'_>, quantities: &QuantityModel) -> Option<TextRange> {
    let mut evidence = None;
    for q in &quantities.quantities {
        let text = cx.doc.sentence_text(&cx.doc.sentences[q.sentence]);
        if is_topology(q, text) {
            continue;
        }
        match is_big(q, text) {
            Some(true) => return None,
            Some(false) if q.is_rate() && evidence.is_none() => evidence = Some(q.range),
            _ => {}
        }
    }
    evidence
}

impl Rule for Premature {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let quantities = cx.models.quantities(cx.doc);
        let mut doc_load = None;
        for statement in model(cx).asserted() {
            if statement.source != Source::Prose
                || !statement.across_machines
                || !statement.committed
            {
                continue;
            }
            let trigger = cx.doc.text(statement.trigger).to_ascii_lowercase();
            if trigger.contains("key") || trigger.contains("キー") {
                continue;
            }
            let sentence = statement
                .sentence
                .map(|s| cx.doc.sentence_text(&cx.doc.sentences[s]));
            // Stores that always partition (DynamoDB, Cassandra) are not a decision to shard.
            if sentence.is_some_and(|t| {
                StoreLexicon::get().mentions(t).iter().any(|(_, _, db)| {
                    matches!(
                        db.family_name,
                        "key-value" | "wide-column" | "search" | "cache"
                    )
                })
            }) {
                continue;
            }
            let doc_load = doc_load.get_or_insert_with(|| doc_small_load(cx, quantities));
            let Some(evidence) = small_load(cx, quantities, statement, doc_load) else {
                continue;
            };
            let mut finding = Self::META
                .finding(
                    statement.trigger,
                    format!(
                        "Sharding {} is premature: the load the doc states fits one machine",
                        super::what(statement)
                    ),
                )
                .help("Size one primary (plus replicas, indexes and caching) against the stated load, and write down the load at which you would shard.");
            if !statement.range.contains_range(evidence) {
                finding = finding.related(evidence, "the stated load");
            } else {
                finding = finding.related(evidence, "the stated load, well within one machine");
            }
            out.push(finding);
        }
    }
}
