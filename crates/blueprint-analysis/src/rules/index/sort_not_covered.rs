use crate::sql::facts;
use crate::{Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags `ORDER BY ... LIMIT` where the index that serves the query's
    /// filter does not also deliver the rows in that order (the sort columns
    /// right after the equality columns, in the same or fully reversed
    /// direction).
    ///
    /// ## Why is this bad?
    /// The database has to fetch every matching row and sort them all just
    /// to return the first few. For a customer with 50,000 orders, the
    /// "latest 20" page reads and sorts 50,000 rows on every view.
    ///
    /// ## Example
    /// ```sql
    /// CREATE INDEX orders_buyer ON orders (buyer_id);
    /// SELECT id FROM orders WHERE buyer_id = $1 ORDER BY created_at DESC LIMIT 20;
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// CREATE INDEX orders_buyer_id_created_at_idx ON orders (buyer_id, created_at DESC);
    /// ```
    pub struct SortNotCovered {
        id: "index/sort-not-covered",
        severity: Info,
        summary: "ORDER BY with LIMIT is not served by the index that serves the filter.",
    }
}

impl Rule for SortNotCovered {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for access in &model.accesses {
            if !access.limited
                || access.sort.is_empty()
                || access.sort_served_by.is_some()
                || access.hash_only.is_some()
                || access.wrong_order.is_some()
                || (access.has_filter() && access.served_by.is_none())
            {
                continue;
            }
            let query = &model.queries[access.query];
            let (Some(first), Some(last)) = (query.order_by.first(), query.order_by.last()) else {
                continue;
            };
            let range = TextRange::new(first.range.start, last.range.end.max(first.range.end));
            let sort: Vec<String> = access
                .sort
                .iter()
                .map(|(k, desc)| {
                    if *desc {
                        format!("{k} DESC")
                    } else {
                        k.to_string()
                    }
                })
                .collect();
            let message = match &access.served_by {
                Some(used) => format!(
                    "{} serves the filter but not `ORDER BY {}`: every match is read and sorted before the LIMIT",
                    model.schema.indexes[used.index].label(),
                    sort.join(", ")
                ),
                None => format!(
                    "No index on `{}` delivers `ORDER BY {}`: the whole table is sorted before the LIMIT",
                    access.table,
                    sort.join(", ")
                ),
            };
            let mut finding = Self::META.finding(range, message);
            if let Some(used) = &access.served_by {
                finding = finding.related(
                    model.schema.indexes[used.index].range,
                    "the index that serves the filter",
                );
            }
            if let Some(suggestion) = &access.suggestion {
                finding = finding.help(format!(
                    "Add `{}` so the index returns rows already in order.",
                    suggestion.sql
                ));
                if let Some(edit) = facts::index_edit(cx.doc, model, suggestion) {
                    finding = finding.edit(edit);
                }
            } else {
                finding = finding.help(
                    "Put the ORDER BY columns right after the equality columns in the index.",
                );
            }
            out.push(finding);
        }
    }
}
