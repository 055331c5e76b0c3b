use super::model;
use std::collections::HashSet;

use crate::sharding::{ShardingStatement, Source};
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

/// Where the doc does name keys: tables, paragraphs and sections of keyed
/// statements, indexed once so each keyless statement is a lookup.
#[derive(Default)]
struct Keyed {
    tables: HashSet<String>,
    blocks: HashSet<usize>,
    blocks_without_table: HashSet<usize>,
    sections_without_table: HashSet<usize>,
}

fn table_key(name: &str) -> String {
    name.to_ascii_lowercase().trim_end_matches('s').to_string()
}

impl Keyed {
    fn build(cx: &RuleContext<'_>, all: &[ShardingStatement]) -> Keyed {
        let mut keyed = Keyed::default();
        for other in all.iter().filter(|o| o.asserted && !o.keys.is_empty()) {
            keyed
                .tables
                .extend(other.tables.iter().map(|t| table_key(t)));
            let block = other.sentence.map(|i| cx.doc.sentences[i].block);
            if let Some(block) = block {
                keyed.blocks.insert(block);
                if other.tables.is_empty() {
                    keyed.blocks_without_table.insert(block);
                }
            }
            if other.tables.is_empty() {
                keyed.sections_without_table.insert(other.section);
            }
        }
        keyed
    }

    /// Another statement names the key for this one: same table, or same
    /// paragraph about the same (or an unnamed) table.
    fn covers(&self, cx: &RuleContext<'_>, this: &ShardingStatement) -> bool {
        let block = this.sentence.map(|i| cx.doc.sentences[i].block);
        this.tables
            .iter()
            .any(|t| self.tables.contains(&table_key(t)))
            || block.is_some_and(|b| {
                if this.tables.is_empty() {
                    self.blocks.contains(&b)
                } else {
                    self.blocks_without_table.contains(&b)
                }
            })
            || self.sections_without_table.contains(&this.section)
    }
}

impl Rule for MissingKey {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = model(cx);
        let keyed = Keyed::build(cx, &model.statements);
        for statement in model.asserted() {
            if statement.source != Source::Prose
                || !statement.keys.is_empty()
                || !statement.committed
            {
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
            if in_table || keyed.covers(cx, statement) {
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
