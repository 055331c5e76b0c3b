use crate::sql::schema::IndexKind;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a SQL `CREATE TABLE` that declares no primary key, neither on a
    /// column, as a table constraint, nor by a later `ALTER TABLE ... ADD
    /// PRIMARY KEY` in the doc.
    ///
    /// ## Why is this bad?
    /// Without a key, duplicate rows cannot be prevented or told apart,
    /// single rows cannot be updated or deleted reliably, logical
    /// replication and many tools refuse the table, and other tables cannot
    /// reference its rows.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE invoice_lines (invoice_id bigint NOT NULL, description text, amount_cents bigint);
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// CREATE TABLE invoice_lines (
    ///     invoice_id bigint NOT NULL REFERENCES invoices(id),
    ///     line_no int NOT NULL,
    ///     description text,
    ///     amount_cents bigint,
    ///     PRIMARY KEY (invoice_id, line_no)
    /// );
    /// ```
    pub struct MissingPrimaryKey {
        id: "schema/missing-primary-key",
        severity: Warning,
        summary: "`CREATE TABLE` with no primary key.",
    }
}

impl Rule for MissingPrimaryKey {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for table in model.schema.tables.iter().filter(|t| !t.cql) {
            if table.columns.is_empty()
                || !table.primary_key.is_empty()
                || model
                    .schema
                    .indexes_of(&table.name)
                    .any(|(_, i)| i.kind == IndexKind::Primary)
            {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        table.name_range,
                        format!("Table `{}` has no primary key", table.name),
                    )
                    .help("Declare a PRIMARY KEY: a surrogate id, or the natural key columns that identify a row."),
            );
        }
    }
}
