use super::{assessed, model};
use crate::sharding::{Monotonicity, Strategy};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags range sharding on an auto-increment id, a sequence, a timestamp
    /// or a date ("range-sharded on `order_id`, an auto-incrementing
    /// integer", "each worker owns the next block of ids").
    ///
    /// ## Why is this bad?
    /// New rows get the largest key yet, and with range placement the largest
    /// keys all live on the last shard. Every insert lands there while the
    /// other shards sit idle, and the hot shard moves only when a new range is
    /// opened. Write throughput is that of one machine, however many you add.
    ///
    /// ## Example
    /// ```markdown
    /// The orders collection is range-sharded on `order_id`, an
    /// auto-incrementing integer, with chunks of 10M ids per shard.
    /// ```
    ///
    /// ## Use instead
    /// Hash the key (or shard by a non-monotonic key such as the customer id),
    /// and keep range scans inside a shard:
    /// ```markdown
    /// Orders are sharded by hash of `customer_id`; within a shard they are
    /// clustered by `created_at` for the order history.
    /// ```
    pub struct MonotonicRangeKey {
        id: "sharding/monotonic-range-key",
        severity: Warning,
        summary: "Range sharding on an auto-increment id, sequence, timestamp or date: every new write lands on the last shard.",
    }
}

impl Rule for MonotonicRangeKey {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        for statement in model(cx).asserted() {
            if !statement.has_strategy(Strategy::Range) || !statement.across_machines {
                continue;
            }
            let keys = assessed(cx, statement);
            let Some((key, reason)) = keys.iter().find_map(|(k, a)| match &a.monotonicity {
                Monotonicity::Sequence { reason } | Monotonicity::Time { reason } => {
                    Some((k, reason))
                }
                _ => None,
            }) else {
                continue;
            };
            out.push(
                Self::META
                    .finding(
                        key.range,
                        format!(
                            "Range sharding on `{}` ({reason}): every new row lands on the last shard",
                            key.name
                        ),
                    )
                    .help("Hash the key, or shard by a non-monotonic key (customer, tenant) and keep time ordering inside each shard."),
            );
        }
    }
}
