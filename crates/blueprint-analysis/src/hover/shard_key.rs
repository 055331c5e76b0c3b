//! Hover for a shard or partition key: the strategy, its cardinality and
//! monotonicity, and the other statements about the same table.
//!
//! It also lists the doc's queries on the table: which pin the shard key and
//! which must ask every shard (scatter-gather), from
//! [`crate::sharding::scatter::routings`].

use super::Hover;
use crate::Analysis;
use crate::sharding::scatter::routings;
use crate::sharding::{Cardinality, Monotonicity, Source, assess, same_table};

pub(super) fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let doc = &analysis.document;
    let model = analysis.models.sharding(doc);
    let (statement, key) = model.key_at(offset)?;
    let assessment = assess(model, doc, statement, key);
    let mut out = format!("**Shard key `{}`**", key.name);
    if statement.keys.len() > 1 {
        out.push_str(&format!(" (part of `({})`)", statement.key_names()));
    }
    if !statement.tables.is_empty() {
        out.push_str(&format!(" of `{}`", statement.tables.join("`, `")));
    }
    out.push_str("\n\n");
    if let Source::Cql(_) = statement.source {
        out.push_str("- Source: the partition key of a CQL `PRIMARY KEY`.\n");
    }
    if !statement.strategies.is_empty() {
        let strategies: Vec<&str> = statement.strategies.iter().map(|s| s.describe()).collect();
        out.push_str(&format!("- Strategy: {}\n", strategies.join(", ")));
    }
    if let Some(n) = statement.shard_count {
        out.push_str(&format!("- Shards or nodes: {n}\n"));
    }
    if let Some(n) = statement.logical_shards {
        out.push_str(&format!("- Logical shards: {n}\n"));
    }
    out.push_str(&match &assessment.cardinality {
        Cardinality::Low { reason } => {
            format!("- Cardinality: **low** ({reason}): only a few shards can ever be used.\n")
        }
        Cardinality::High { reason } => format!("- Cardinality: high ({reason}).\n"),
        Cardinality::Unknown => "- Cardinality: unknown from the doc.\n".into(),
    });
    out.push_str(&match &assessment.monotonicity {
        Monotonicity::Sequence { reason } | Monotonicity::Time { reason } => format!(
            "- Monotonic: **yes** ({reason}): with range placement every insert goes to the last shard; as the whole partition key it makes the current period hot.\n"
        ),
        Monotonicity::NotMonotonic => "- Monotonic: no.\n".into(),
        Monotonicity::Unknown => "- Monotonic: unknown from the doc.\n".into(),
    });
    let sql = analysis.models.sql(doc);
    let mut routed = Vec::new();
    let mut scattered = Vec::new();
    for routing in routings(doc, sql, model) {
        if !statement
            .tables
            .iter()
            .any(|t| same_table(t, &routing.table))
        {
            continue;
        }
        let Some(query) = sql.queries.get(routing.query) else {
            continue;
        };
        let text: String = doc
            .text(query.range)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let short = if text.chars().count() > 80 {
            format!("{}…", text.chars().take(79).collect::<String>())
        } else {
            text
        };
        let line = format!("  - `{}`\n", short.replace('`', "'"));
        if routing.routed {
            routed.push(line);
        } else {
            scattered.push(line);
        }
    }
    if !routed.is_empty() {
        out.push_str("- Queries that include the shard key (one shard):\n");
        out.extend(routed);
    }
    if !scattered.is_empty() {
        out.push_str("- Queries without the shard key (scatter-gather: every shard):\n");
        out.extend(scattered);
    }
    out.push_str("\nA good shard key has many values, spreads writes evenly, and appears in the filter of every frequent query.");
    Some(Hover {
        range: key.range,
        markdown: out,
    })
}

#[cfg(test)]
mod tests {
    use crate::{RuleSet, analyze};

    #[test]
    fn explains_a_low_cardinality_key() {
        let source =
            "# Design\n\nThe `stock` table is sharded by `warehouse_region` (EU, US, APAC).\n";
        let analysis = analyze(source, &RuleSet::only(&[]));
        let at = source.find("warehouse_region").unwrap() + 3;
        let hover = super::hover(&analysis, at).expect("hover on the key");
        assert_eq!(analysis.document.text(hover.range), "warehouse_region");
        assert!(hover.markdown.contains("**low**"), "{}", hover.markdown);
        assert!(hover.markdown.contains("`stock`"), "{}", hover.markdown);
        assert!(super::hover(&analysis, source.find("table").unwrap()).is_none());
    }

    #[test]
    fn lists_routed_and_scatter_gather_queries() {
        let source = "# Accounts\n\nThe `accounts` table is sharded by `hash(id)` onto 64 logical shards.\n\n```sql\nSELECT email FROM accounts WHERE id = $1;\nSELECT id FROM accounts WHERE email = $1;\n```\n";
        let analysis = analyze(source, &RuleSet::only(&[]));
        let at = source.find("hash(id)").unwrap() + 5;
        let hover = super::hover(&analysis, at).expect("hover on the key");
        let md = &hover.markdown;
        let routed = md.find("include the shard key").expect(md);
        let scattered = md.find("scatter-gather: every shard").expect(md);
        assert!(routed < scattered, "{md}");
        let by_id = md.find("WHERE id = $1").expect(md);
        let by_email = md.find("WHERE email = $1").expect(md);
        assert!(
            routed < by_id && by_id < scattered && scattered < by_email,
            "{md}"
        );
    }

    #[test]
    fn explains_a_monotonic_cql_partition_key() {
        let source = "# Chat\n\n```cql\nCREATE TABLE m (day date, ts timeuuid, PRIMARY KEY ((day), ts));\n```\n";
        let analysis = analyze(source, &RuleSet::only(&[]));
        let at = source.rfind("day").unwrap();
        let hover = super::hover(&analysis, at).expect("hover on the CQL key");
        assert!(
            hover.markdown.contains("Monotonic: **yes**"),
            "{}",
            hover.markdown
        );
    }
}
