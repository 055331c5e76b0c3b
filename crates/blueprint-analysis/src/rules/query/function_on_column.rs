use crate::TextRange;
use crate::sql::schema::{IndexKey, IndexMethod};
use crate::sql::{Access, Key, SqlModel, Suggestion, facts};
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
            let wrapped = match access.served_by.as_ref() {
                // An index whose leading keys the query binds by equality:
                // the function matters only when it wraps the index's next
                // key (`code = $1 AND date(clicked_at) = $2` on
                // `(code, clicked_at, ...)` reads every row of the code).
                Some(used) if used.equality_prefix > 0 => {
                    next_key_wrapped(model, access, used.index, used.equality_prefix)
                }
                _ => facts::wrapped_indexed_columns(model, access),
            };
            for (column, range) in wrapped {
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

/// The wrapped column that is the key right after the equality-bound prefix
/// of the B-tree index serving the query, when no range predicate already
/// uses that key and no expression index matches the wrapping expression.
fn next_key_wrapped(
    model: &SqlModel,
    access: &Access,
    index: usize,
    prefix: usize,
) -> Vec<(String, TextRange)> {
    let Some(index) = model.schema.indexes.get(index) else {
        return Vec::new();
    };
    if index.method != IndexMethod::BTree || access.served_by.as_ref().is_some_and(|u| u.range_used)
    {
        return Vec::new();
    }
    let Some(next) = index.keys.get(prefix).and_then(|k| k.key.column()) else {
        return Vec::new();
    };
    let query = &model.queries[access.query];
    let mut out: Vec<(String, TextRange)> = Vec::new();
    for wrapped in query
        .wrapped
        .iter()
        .filter(|w| w.table == access.table_ref && w.column == next)
    {
        let expression_index = model
            .schema
            .indexes_of(&access.table)
            .any(|(_, i)| i.keys.iter().any(|k| k.key == wrapped.expr));
        if !expression_index && !out.iter().any(|(_, r)| *r == wrapped.range) {
            out.push((wrapped.column.clone(), wrapped.range));
        }
    }
    out
}
