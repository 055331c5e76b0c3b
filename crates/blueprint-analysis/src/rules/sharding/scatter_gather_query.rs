use super::model;
use crate::sharding::scatter::{frequent_words, rare_words, routings, second_path, statement_for};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a query in the doc's SQL or CQL blocks that reads a sharded
    /// table without pinning its shard key by equality (or joins it on a
    /// column other than its shard key), so the router must ask every shard
    /// and merge the answers. Queries the doc calls rare (a report, a batch
    /// or admin job) and filters the doc serves from a global secondary index
    /// or lookup table stay silent.
    ///
    /// ## Why is this bad?
    /// A scatter-gather query costs one round trip per shard: its latency is
    /// the slowest shard's, its load grows with every shard you add, and one
    /// slow or unavailable shard fails it. When a frequent query does this,
    /// sharding multiplies the work instead of dividing it.
    ///
    /// ## Example
    /// ````markdown
    /// The accounts table is sharded by `hash(id)` onto 64 logical shards.
    ///
    /// Login looks the account up by email:
    ///
    /// ```sql
    /// SELECT id, password_hash FROM accounts WHERE email = $1;
    /// ```
    /// ````
    ///
    /// ## Use instead
    /// Shard by the column the frequent queries filter on, or keep a second
    /// access path keyed by it:
    /// ```markdown
    /// A lookup table `account_by_email (email PRIMARY KEY, account_id)`,
    /// sharded by `email`, maps the login email to the account's shard.
    /// ```
    pub struct ScatterGatherQuery {
        id: "sharding/scatter-gather-query",
        severity: Warning,
        summary: "A frequent query on a sharded table does not include the shard key (or a join crosses shards), so it must ask every shard.",
    }
}

impl Rule for ScatterGatherQuery {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let sql = cx.sql();
        let model = model(cx);
        let mut reported: Vec<usize> = Vec::new();
        for routing in routings(cx.doc, sql, model) {
            if routing.routed || reported.contains(&routing.query) {
                continue;
            }
            // Frequent: the doc says so, or it is a per-request lookup by a
            // bind parameter. Unfiltered reads and analytic aggregates scan
            // every row anyway (parallel by design) unless called frequent.
            let frequent = frequent_words(cx.doc, sql, routing.query).is_some();
            if !routing.filtered
                || !(frequent || (routing.lookup && !routing.analytic))
                || rare_words(cx.doc, sql, routing.query).is_some()
                || second_path(cx.doc, &routing).is_some()
            {
                continue;
            }
            let keys = routing
                .keys
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let others: Vec<String> = routing
                .filter_columns
                .iter()
                .filter(|c| !routing.keys.contains(c))
                .map(|c| format!("`{c}`"))
                .collect();
            let how = match (&routing.cross_join, others.is_empty()) {
                (_, false) => format!("filters it by {} without the shard key", others.join(", ")),
                (Some((column, _)), true) => {
                    format!("joins it on `{column}` to rows that live on other shards")
                }
                (None, true) => "reads it without the shard key".to_string(),
            };
            let filtering = if routing.allow_filtering {
                " (`ALLOW FILTERING` scans every partition)"
            } else {
                ""
            };
            let range = match (&routing.cross_join, others.is_empty()) {
                (Some((_, join)), true) => *join,
                _ => routing.range,
            };
            let mut finding = Self::META
                .finding(
                    range,
                    format!(
                        "`{}` is sharded by {keys}, but this query {how}, so it must ask every shard{filtering}",
                        routing.table
                    ),
                )
                .help(format!(
                    "Include {keys} in the query's filter, shard `{}` by the column this query filters on, or keep a lookup table / global secondary index from that column to the shard key; if the query is rare, say so (a report or batch job).",
                    routing.table
                ));
            if let Some(statement) = statement_for(model, &routing.table) {
                finding = finding.related(statement.key_range(), "shard key stated here");
            }
            reported.push(routing.query);
            out.push(finding);
        }
    }
}
