use std::sync::LazyLock;

use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a transaction (or one request that must succeed as a whole) that
    /// writes rows on different shards — "inserts a row on the follower's
    /// shard and increments a count on the followee's shard in one database
    /// transaction" — when the doc states no saga, two-phase commit or
    /// co-location.
    ///
    /// ## Why is this bad?
    /// A database transaction covers one shard. Across shards, one write can
    /// commit while the other fails or times out, leaving the data half
    /// updated (a follow without a count, stock decremented in one region
    /// only). Distributed transactions exist but are slow and must be chosen
    /// and operated deliberately.
    ///
    /// ## Example
    /// ```markdown
    /// A move debits one workspace and credits another in a single database
    /// transaction; the two workspaces usually live on different workers.
    /// ```
    ///
    /// ## Use instead
    /// Co-locate what changes together (shard both by the same key), or make
    /// the cross-shard write a saga with compensations or an outbox:
    /// ```markdown
    /// Workspaces are sharded by `customer_id`, so a move between a customer's
    /// workspaces stays on one shard and runs in one local transaction.
    /// ```
    pub struct CrossShardTransaction {
        id: "sharding/cross-shard-transaction",
        severity: Warning,
        summary: "A transaction spans rows on different shards with no saga, 2PC or co-location stated.",
    }
}

static TRANSACTION: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "one transaction",
            "one database transaction",
            "a single transaction",
            "a single database transaction",
            "the same transaction",
            "same database transaction",
            "one atomic",
            "atomically",
            "in a transaction",
            "inside a transaction",
            "transactionally",
            "same request",
            "same checkout request",
            "one request",
            "同一事务",
            "一つのトランザクション",
        ]
        .map(|w| (w, ())),
    )
});

static CROSS_SHARD: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "different shards",
            "different shard",
            "different workers",
            "different nodes",
            "different partitions",
            "both shards",
            "both regional shards",
            "two shards",
            "two regional shards",
            "multiple shards",
            "several shards",
            "across shards",
            "cross-shard",
            "another shard",
            "other shard",
            "separate shards",
        ]
        .map(|w| (w, ())),
    )
});

static MITIGATIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "saga",
            "sagas",
            "2PC",
            "two-phase commit",
            "two phase commit",
            "XA",
            "co-located",
            "colocated",
            "co-locate",
            "colocate",
            "same shard",
            "outbox",
            "compensating",
            "compensation",
            "distributed transaction",
            "distributed transactions",
            "Spanner",
            "CockroachDB",
        ]
        .map(|w| (w, ())),
    )
});

/// "on the follower's shard ... on the followee's shard": two different owners.
fn two_possessive_shards(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    // "the follower's shard", "the seller's ledger shard".
    let owners: Vec<&str> = words
        .iter()
        .enumerate()
        .filter_map(|(i, w)| {
            let owner = w.strip_suffix("'s")?;
            let shard = |j: usize| words.get(j).is_some_and(|n| n.starts_with("shard"));
            (shard(i + 1) || shard(i + 2)).then_some(owner)
        })
        .collect();
    owners.len() >= 2 && owners.iter().any(|o| *o != owners[0])
}

impl Rule for CrossShardTransaction {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let text = doc.sentence_text(sentence);
            let Some(tx) = TRANSACTION.first(text) else {
                continue;
            };
            // The shard facts may close the same paragraph: "...; the two
            // workspaces usually live on different workers."
            let next = doc.next_in_block(i);
            let cross = CROSS_SHARD.contains(text)
                || two_possessive_shards(text)
                || next.is_some_and(|n| CROSS_SHARD.contains(n));
            if !cross || MITIGATIONS.contains(text) || next.is_some_and(|n| MITIGATIONS.contains(n))
            {
                continue;
            }
            if !polarity::of_match(doc, sentence, tx.start).is_asserted() {
                continue;
            }
            let range = doc.sentence_span(sentence, tx.start..tx.end);
            out.push(
                Self::META
                    .finding(
                        range,
                        format!(
                            "`{}` writes rows on different shards: a local transaction cannot cover them",
                            &text[tx.start..tx.end]
                        ),
                    )
                    .help("Co-locate the rows (shard them by the same key), or make the cross-shard write a saga with compensations, an outbox, or an explicit distributed transaction."),
            );
        }
    }
}
