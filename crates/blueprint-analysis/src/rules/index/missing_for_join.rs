use crate::sql::{Suggestion, facts};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a JOIN whose column on a table the doc defines has no index
    /// leading with it, when that table is not already narrowed by an
    /// indexed filter of its own.
    ///
    /// ## Why is this bad?
    /// For every row of the driving table the database must find the
    /// matching rows of the joined table. Without an index on the join
    /// column each lookup is a scan, so the join costs rows × table size.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE customers (id bigserial PRIMARY KEY, org_id bigint NOT NULL, email text);
    /// SELECT c.id FROM organizations o JOIN customers c ON c.org_id = o.id WHERE o.domain = $1;
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// CREATE INDEX customers_org_id_idx ON customers (org_id);
    /// ```
    pub struct MissingForJoin {
        id: "index/missing-for-join",
        severity: Warning,
        summary: "A JOIN column on a defined table has no index.",
    }
}

impl Rule for MissingForJoin {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for access in &model.accesses {
            let query = &model.queries[access.query];
            if access.served_by.is_some() || (query.where_range.is_none() && query.limit.is_none())
            {
                continue;
            }
            for join in access.joins.iter().filter(|j| !j.indexed) {
                let name = format!("{}_{}_idx", access.table, join.column);
                let suggestion = Suggestion {
                    table: access.table.clone(),
                    sql: format!("CREATE INDEX {name} ON {} ({});", access.table, join.column),
                    name,
                    keys: vec![crate::sql::schema::IndexKey {
                        key: crate::sql::Key::Column(join.column.clone()),
                        desc: false,
                    }],
                };
                let mut finding = Self::META
                    .finding(
                        join.range,
                        format!(
                            "Join column `{}.{}` has no index: every joined row is a scan of `{}`",
                            access.table, join.column, access.table
                        ),
                    )
                    .help(format!("Add `{}`.", suggestion.sql));
                if let Some(table) = model.schema.table(&access.table) {
                    finding = finding.related(
                        table.name_range,
                        format!("`{}` is defined here", table.name),
                    );
                }
                if let Some(edit) = facts::index_edit(cx.doc, model, &suggestion) {
                    finding = finding.edit(edit);
                }
                out.push(finding);
            }
        }
    }
}
