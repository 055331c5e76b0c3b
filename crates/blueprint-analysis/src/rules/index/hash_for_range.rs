use crate::sql::schema::IndexKey;
use crate::sql::{Key, Suggestion, facts};

fn key_sql(key: &Key) -> String {
    match key {
        Key::Column(c) => c.clone(),
        Key::Expr(e) => format!("({e})"),
    }
}
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a range predicate (`<`, `>`, `BETWEEN`) or ORDER BY on a column
    /// whose only index is a hash index.
    ///
    /// ## Why is this bad?
    /// A hash index stores hashes, not an order: it answers `=` and nothing
    /// else. The range query scans the table while the hash index costs
    /// every insert a write.
    ///
    /// ## Example
    /// ```sql
    /// CREATE INDEX invoices_due ON invoices USING hash (due_date);
    /// SELECT id FROM invoices WHERE due_date < current_date;
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// CREATE INDEX invoices_due ON invoices (due_date);  -- B-tree
    /// ```
    pub struct HashForRange {
        id: "index/hash-for-range",
        severity: Warning,
        summary: "A hash index is used for a range predicate or ORDER BY.",
    }
}

impl Rule for HashForRange {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for access in &model.accesses {
            let Some((i, key)) = &access.hash_only else {
                continue;
            };
            let query = &model.queries[access.query];
            let range = query
                .predicates_of(access.table_ref)
                .find(|p| &p.key == key && access.range.contains(key))
                .map(|p| p.range)
                .or_else(|| {
                    query
                        .order_by
                        .iter()
                        .find(|s| &s.key == key)
                        .map(|s| s.range)
                });
            let Some(range) = range else {
                continue;
            };
            let index = &model.schema.indexes[*i];
            let column = match key {
                Key::Column(c) => c.clone(),
                Key::Expr(e) => e.clone(),
            };
            let name = format!(
                "{}_{}_idx",
                access.table,
                column.replace(|c: char| !c.is_alphanumeric(), "_")
            );
            let sql = format!(
                "CREATE INDEX {name} ON {} ({});",
                access.table,
                key_sql(key)
            );
            let mut finding = Self::META
                .finding(
                    range,
                    format!(
                        "{} is a hash index: it cannot serve this range or sort on `{column}`",
                        index.label()
                    ),
                )
                .related(index.range, "the hash index")
                .help(format!(
                    "Use a B-tree index (`{sql}`); hash indexes only answer `=`."
                ));
            let suggestion = Suggestion {
                table: access.table.clone(),
                name,
                keys: vec![IndexKey {
                    key: key.clone(),
                    desc: false,
                }],
                sql,
            };
            if let Some(edit) = facts::index_edit(cx.doc, model, &suggestion) {
                finding = finding.edit(edit);
            }
            out.push(finding);
        }
    }
}
