use crate::sql::schema::IndexMethod;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags `LIKE '%...'` / `ILIKE '%...'` (a pattern that starts with a
    /// wildcard) in a SQL query, unless the column has a trigram (GIN/GiST)
    /// index in the doc's schema.
    ///
    /// ## Why is this bad?
    /// A B-tree index is sorted from the first character. A pattern that
    /// starts with `%` gives it nowhere to start, so the database reads
    /// every row and matches the pattern against each.
    ///
    /// ## Example
    /// ```sql
    /// SELECT id FROM customers WHERE email LIKE '%@acme-corp.com';
    /// ```
    ///
    /// ## Use instead
    /// Store the part you search by (an `email_domain` column) and compare it
    /// with `=`, or use a trigram or full-text index:
    /// ```sql
    /// CREATE INDEX customers_email_trgm ON customers USING gin (email gin_trgm_ops);
    /// ```
    pub struct LeadingWildcard {
        id: "query/leading-wildcard",
        severity: Warning,
        summary: "`LIKE '%...'` cannot use a B-tree index.",
    }
}

impl Rule for LeadingWildcard {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for query in model.queries.iter().filter(|q| !q.cql) {
            for like in query.likes.iter().filter(|l| l.leading_wildcard) {
                let table = like.table.map(|t| query.tables[t].name.as_str());
                let trigram = match (table, &like.column) {
                    (Some(table), Some(column)) => model.schema.indexes_of(table).any(|(_, i)| {
                        matches!(i.method, IndexMethod::Gin | IndexMethod::Gist)
                            && i.keys
                                .iter()
                                .any(|k| k.key.to_string().contains(column.as_str()))
                    }),
                    _ => false,
                };
                if trigram {
                    continue;
                }
                let subject = match (table, &like.column) {
                    (Some(t), Some(c)) => format!("`{t}.{c}`"),
                    (_, Some(c)) => format!("`{c}`"),
                    _ => "the column".to_string(),
                };
                out.push(
                    Self::META
                        .finding(
                            like.range,
                            format!(
                                "The pattern {} starts with a wildcard: no B-tree index on {subject} can serve it, every row is scanned",
                                like.pattern
                            ),
                        )
                        .help("Search a stored, indexed part with `=` or a prefix (`LIKE 'abc%'`), or add a trigram / full-text index."),
                );
            }
        }
    }
}
