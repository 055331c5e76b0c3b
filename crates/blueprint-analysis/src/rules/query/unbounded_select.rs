use crate::sql::QueryKind;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a `SELECT` on a table the doc defines that has neither a WHERE
    /// clause nor a LIMIT (a single aggregate such as `count(*)` is not
    /// flagged).
    ///
    /// ## Why is this bad?
    /// The query returns the whole table. It is fast while the table is
    /// small, then one day it ships millions of rows into the application's
    /// memory and over the network on every call.
    ///
    /// ## Example
    /// ```sql
    /// SELECT id, email, name FROM customers;
    /// ```
    ///
    /// ## Use instead
    /// Bound it: filter, page with a LIMIT and a keyset, or stream an export in batches.
    /// ```sql
    /// SELECT id, email, name FROM customers WHERE id > $1 ORDER BY id LIMIT 10000;
    /// ```
    pub struct UnboundedSelect {
        id: "query/unbounded-select",
        severity: Info,
        summary: "A query on a defined table has neither WHERE nor LIMIT.",
    }
}

impl Rule for UnboundedSelect {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for query in model.queries.iter().filter(|q| !q.cql) {
            if query.kind != QueryKind::Select
                || query.nested
                || query.where_range.is_some()
                || query.limit.is_some()
                || query.aggregate_only
            {
                continue;
            }
            let Some(table) = query
                .tables
                .iter()
                .find(|t| model.schema.table(&t.name).is_some_and(|d| !d.cql))
            else {
                continue;
            };
            let mut finding = Self::META
                .finding(
                    query.range,
                    format!(
                        "This query reads all of `{}`: it has neither WHERE nor LIMIT",
                        table.name
                    ),
                )
                .help("Add a filter or a LIMIT (with keyset pagination), or export in batches.");
            if let Some(definition) = model.schema.table(&table.name) {
                finding = finding.related(
                    definition.name_range,
                    format!("`{}` is defined here", table.name),
                );
            }
            out.push(finding);
        }
    }
}
