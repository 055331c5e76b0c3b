use super::{assessed, model};
use crate::sharding::Cardinality;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a shard or partition key with few distinct values: country,
    /// region, status, type, boolean, gender, language, or a key the doc
    /// itself lists a handful of values for ("sharded by `warehouse_region`
    /// (EU, US, APAC)").
    ///
    /// ## Why is this bad?
    /// A key with three values can never use more than three shards, and the
    /// biggest value (the US, status `active`) becomes one hot, ever-growing
    /// shard that cannot be split. Adding machines does not help, because all
    /// rows with the same key value must live together.
    ///
    /// ## Example
    /// ```markdown
    /// Driver payouts are sharded by `payout_status` (pending, paid, failed).
    /// ```
    ///
    /// ## Use instead
    /// Shard by a high-cardinality key that the main queries include, and keep
    /// the low-cardinality attribute as an index or a prefix of a compound key:
    /// ```markdown
    /// Payouts are sharded by hash of `driver_id`; the payout batch reads an
    /// index on `(payout_status, created_at)` in each shard.
    /// ```
    pub struct LowCardinalityKey {
        id: "sharding/low-cardinality-key",
        severity: Warning,
        summary: "The shard key has few distinct values (country, region, status, type, boolean, gender, language).",
    }
}

impl Rule for LowCardinalityKey {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let mut seen: std::collections::HashSet<(String, Vec<String>)> = Default::default();
        for statement in model(cx).asserted() {
            let keys = assessed(cx, statement);
            if keys.is_empty() {
                continue;
            }
            let reasons: Vec<&str> = keys
                .iter()
                .filter_map(|(_, a)| match &a.cardinality {
                    Cardinality::Low { reason } => Some(reason.as_str()),
                    _ => None,
                })
                .collect();
            if reasons.len() != keys.len() {
                continue;
            }
            let id = (statement.key_names(), statement.tables.clone());
            if !seen.insert(id) {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        statement.key_range(),
                        format!(
                            "Shard key `{}` has few distinct values ({}), so {} can use only a few shards and the largest value becomes a hot shard",
                            statement.key_names(),
                            reasons[0],
                            super::what(statement)
                        ),
                    )
                    .help("Shard by a high-cardinality key the main queries include (a user, tenant or order id); keep this attribute as an index or a key prefix."),
            );
        }
    }
}
