use crate::sql::schema::{Index, IndexKind};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a secondary index whose columns are a leftmost prefix of
    /// another index on the same table (same method, same partial
    /// predicate), or an exact duplicate of one.
    ///
    /// ## Why is this bad?
    /// Every query the short index serves, the longer one serves too. The
    /// redundant index still costs a write on every insert and update,
    /// memory in the buffer cache, and vacuum time.
    ///
    /// ## Example
    /// ```sql
    /// CREATE INDEX tickets_customer ON tickets (customer_id);
    /// CREATE INDEX tickets_customer_status ON tickets (customer_id, status);
    /// ```
    ///
    /// ## Use instead
    /// Keep only the longer index:
    /// ```sql
    /// CREATE INDEX tickets_customer_status ON tickets (customer_id, status);
    /// ```
    pub struct Redundant {
        id: "index/redundant",
        severity: Info,
        summary: "An index is a leftmost prefix of another index on the same table.",
    }
}

/// `short` is served entirely by `long`.
fn covered_by(short: &Index, long: &Index) -> bool {
    if short.keys.len() > long.keys.len()
        || short.method != long.method
        || short.predicate != long.predicate
    {
        return false;
    }
    let single = short.keys.len() == 1;
    short
        .keys
        .iter()
        .zip(&long.keys)
        .all(|(a, b)| a.key == b.key && (single || a.desc == b.desc))
}

impl Rule for Redundant {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        let indexes = &model.schema.indexes;
        for (i, short) in indexes.iter().enumerate() {
            if short.kind != IndexKind::Secondary || !short.explicit {
                continue;
            }
            if model.schema.table(&short.table).is_none_or(|t| t.cql) {
                continue;
            }
            let longer = indexes.iter().enumerate().find(|(j, long)| {
                *j != i
                    && long.table == short.table
                    && covered_by(short, long)
                    // Of two identical indexes, the later one is redundant.
                    && (long.keys.len() > short.keys.len() || long.kind != IndexKind::Secondary || *j < i)
            });
            let Some((_, long)) = longer else {
                continue;
            };
            let what = if long.keys.len() == short.keys.len() {
                "duplicates"
            } else {
                "is a leftmost prefix of"
            };
            out.push(
                Self::META
                    .finding(
                        short.range,
                        format!("{} {what} {}", short.label(), long.label()),
                    )
                    .related(long.range, "the index that already serves its queries")
                    .help(format!(
                        "Drop {}: {} serves every query it serves.",
                        short.label(),
                        long.label()
                    )),
            );
        }
    }
}
