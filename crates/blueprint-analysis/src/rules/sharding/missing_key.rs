use super::model;
use crate::sharding::{ShardingStatement, Source, same_table};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a doc that shards or partitions data ("the registry will be
    /// sharded across 4 nodes", "`ticket_events` will be split into 8
    /// partitions") but never names the shard or partition key.
    ///
    /// ## Why is this bad?
    /// The key is the sharding decision. It decides which queries hit one
    /// shard and which ask all of them, whether writes spread evenly or pile
    /// onto one hot shard, and which transactions stay on one machine.
    /// "We will shard" without a key leaves every one of those questions open
    /// and makes the design impossible to review.
    ///
    /// ## Example
    /// ```markdown
    /// The metadata database will be sharded across 16 nodes when it grows.
    /// ```
    ///
    /// ## Use instead
    /// Name the key, the strategy and why the main queries include it:
    /// ```markdown
    /// `videos` is sharded by hash of `channel_id` onto 1,024 logical shards;
    /// every page of a channel reads one shard.
    /// ```
    pub struct MissingKey {
        id: "sharding/missing-key",
        severity: Warning,
        summary: "The doc shards or partitions data but never names the shard/partition key.",
    }
}

/// Another statement names the key for this one: same table, or same
/// paragraph about the same (or an unnamed) table.
fn key_named_elsewhere(
    cx: &RuleContext<'_>,
    this: &ShardingStatement,
    all: &[ShardingStatement],
) -> bool {
    let block = |s: &ShardingStatement| s.sentence.map(|i| cx.doc.sentences[i].block);
    all.iter()
        .filter(|o| o.asserted && !o.keys.is_empty())
        .any(|other| {
            let shared_table = this
                .tables
                .iter()
                .any(|t| other.tables.iter().any(|u| same_table(t, u)));
            let unnamed = this.tables.is_empty() || other.tables.is_empty();
            shared_table
                || (block(other).is_some() && block(other) == block(this) && unnamed)
                || (other.section == this.section && other.tables.is_empty())
        })
}

impl Rule for MissingKey {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = model(cx);
        for statement in model.asserted() {
            if statement.source != Source::Prose || !statement.keys.is_empty() {
                continue;
            }
            let trigger = cx.doc.text(statement.trigger).to_ascii_lowercase();
            // "the partition key is chosen per tenant" names a key we could not read.
            if trigger.contains("key") || trigger.contains("キー") || trigger.contains("键") {
                continue;
            }
            // A table cell saying "(sharded)" summarises; the prose names the key.
            let in_table = statement.sentence.is_some_and(|i| {
                let block = &cx.doc.blocks[cx.doc.sentences[i].block];
                matches!(block.kind, crate::document::ProseKind::TableCell { .. })
            });
            if in_table || key_named_elsewhere(cx, statement, &model.statements) {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        statement.trigger,
                        format!(
                            "{} is sharded or partitioned, but the doc never names the shard key",
                            super::what(statement)
                        ),
                    )
                    .help("Name the shard/partition key and the strategy (hash, range, list), and check that the main queries include the key."),
            );
        }
    }
}
