use crate::sql::schema::IndexKey;
use crate::sql::{Key, Suggestion, facts};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a function or arithmetic that wraps an indexed column in WHERE
    /// (`lower(email) = ...`, `date(created_at) = ...`, `price * 2 > ...`)
    /// when no expression index on that exact expression exists and no
    /// other index serves the query.
    ///
    /// ## Why is this bad?
    /// The index stores the column's values, not `lower(email)`. The
    /// database cannot seek in it and computes the expression for every row
    /// instead: the UNIQUE index on `email` sits unused while logins scan
    /// the table.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE accounts (id bigint PRIMARY KEY, email text NOT NULL UNIQUE);
    /// SELECT id FROM accounts WHERE lower(email) = lower($1);
    /// ```
    ///
    /// ## Use instead
    /// An expression index on exactly what the query compares (or store the
    /// value normalised and compare the bare column):
    /// ```sql
    /// CREATE UNIQUE INDEX accounts_email_lower ON accounts (lower(email));
    /// ```
    pub struct FunctionOnColumn {
        id: "query/function-on-column",
        severity: Warning,
        summary: "A function or arithmetic wraps an indexed column in WHERE with no matching expression index.",
    }
}

impl Rule for FunctionOnColumn {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for access in &model.accesses {
            if access
                .served_by
                .as_ref()
                .is_some_and(|u| u.equality_prefix > 0)
            {
                continue;
            }
            for (column, range) in facts::wrapped_indexed_columns(model, access) {
                let expression = cx.doc.text(range).to_string();
                let name = format!("{}_{}_expr_idx", access.table, column);
                let sql = format!("CREATE INDEX {name} ON {} (({expression}));", access.table);
                let mut finding = Self::META
                    .finding(
                        range,
                        format!(
                            "`{expression}` wraps the indexed column `{}.{column}`: the index on `{column}` cannot be used",
                            access.table
                        ),
                    )
                    .help(format!(
                        "Add an expression index (`{sql}`) or compare the bare column against a normalised value."
                    ));
                if let Some(index) = model
                    .schema
                    .indexes_of(&access.table)
                    .find(|(_, i)| i.keys[0].key.column() == Some(column.as_str()))
                {
                    finding = finding.related(index.1.range, "the index the function defeats");
                }
                let suggestion = Suggestion {
                    table: access.table.clone(),
                    name,
                    keys: vec![IndexKey {
                        key: Key::Expr(expression.clone()),
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
}
