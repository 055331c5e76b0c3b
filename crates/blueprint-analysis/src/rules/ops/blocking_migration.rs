use sqlparser::ast::{
    AlterColumnOperation, AlterTableOperation, ColumnOption, Statement, TableConstraint,
};

use crate::sql::schema::is_volatile_default;
use crate::sql::{SqlDialect, facts};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a migration statement that locks a table the doc says is large
    /// (a stated row count of a million or more, or "large table") while it
    /// rewrites or scans it: `CREATE INDEX` without `CONCURRENTLY`
    /// (PostgreSQL), adding a column with a volatile default
    /// (`gen_random_uuid()`, `clock_timestamp()`), changing a column's type,
    /// `SET NOT NULL`, adding a foreign key or check without `NOT VALID`; and
    /// renaming a column that the doc's queries still use. Statements in the
    /// same block as the table's `CREATE TABLE` are the initial schema, not
    /// a migration.
    ///
    /// ## Why is this bad?
    /// These statements hold a lock that blocks writes (or all access) for
    /// as long as the build or rewrite takes: minutes to hours on hundreds
    /// of millions of rows, an outage for every service writing the table.
    ///
    /// ## Example
    /// ```sql
    /// -- login_audit holds 80M rows
    /// CREATE INDEX login_audit_account ON login_audit (account_id, created_at);
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// CREATE INDEX CONCURRENTLY login_audit_account ON login_audit (account_id, created_at);
    /// ```
    /// Add a column with a constant default (or none) and backfill in
    /// batches; rename by expand/contract (add, dual-write, backfill, switch, drop).
    pub struct BlockingMigration {
        id: "ops/blocking-migration",
        severity: Warning,
        summary: "A migration on a large table that locks it (CREATE INDEX without CONCURRENTLY, volatile default, column rename).",
    }
}

fn mentions_mysql_only(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    (lower.contains("mysql") || lower.contains("mariadb")) && !lower.contains("postgres")
}

impl Rule for BlockingMigration {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        let mysql_doc = mentions_mysql_only(cx.doc.source());
        for statement in &model.statements {
            if matches!(statement.dialect, SqlDialect::Cql | SqlDialect::Sqlite) {
                continue;
            }
            let postgres = statement.dialect == SqlDialect::PostgreSql
                || (statement.dialect == SqlDialect::Generic && !mysql_doc);
            let Ok(parsed) = &statement.parsed else {
                continue;
            };
            if statement.counterexample {
                continue;
            }
            // (table, message, help, needs evidence that the table is large)
            let mut reasons: Vec<(String, String, &str, bool)> = Vec::new();
            if let Statement::CreateIndex(create) = parsed {
                if !create.concurrently && postgres {
                    let table = crate::sql::names::object(&create.table_name);
                    reasons.push((
                        table.clone(),
                        format!("`CREATE INDEX` without `CONCURRENTLY` blocks writes to `{table}` for the whole build"),
                        "Use `CREATE INDEX CONCURRENTLY` (outside a transaction).",
                        true,
                    ));
                }
            }
            if let Statement::AlterTable(alter) = parsed {
                let name = crate::sql::names::object(&alter.name);
                for operation in &alter.operations {
                    match operation {
                        AlterTableOperation::AddColumn { column_def, .. } => {
                            let volatile = column_def.options.iter().any(|o| {
                                matches!(&o.option, ColumnOption::Default(e) if is_volatile_default(e))
                            });
                            if volatile && postgres {
                                reasons.push((
                                    name.clone(),
                                    format!("adding `{}` with a volatile default rewrites all of `{name}` under an exclusive lock", column_def.name.value),
                                    "Add the column without a default (or with a constant one), backfill in batches, then set the default and NOT NULL.",
                                    true,
                                ));
                            }
                        }
                        AlterTableOperation::AlterColumn { column_name, op } => match op {
                            AlterColumnOperation::SetDataType { .. } => reasons.push((
                                name.clone(),
                                format!("changing the type of `{}` rewrites all of `{name}` under an exclusive lock", column_name.value),
                                "Add a new column, dual-write and backfill it, then switch over.",
                                true,
                            )),
                            AlterColumnOperation::SetNotNull if postgres => reasons.push((
                                name.clone(),
                                format!("`SET NOT NULL` on `{}` scans all of `{name}` under an exclusive lock", column_name.value),
                                "Add a `CHECK (col IS NOT NULL) NOT VALID` constraint, `VALIDATE` it, then set NOT NULL.",
                                true,
                            )),
                            _ => {}
                        },
                        AlterTableOperation::AddConstraint {
                            constraint: TableConstraint::ForeignKey(_) | TableConstraint::Check(_),
                            not_valid: false,
                        } if postgres => reasons.push((
                            name.clone(),
                            format!("adding a validated constraint scans all of `{name}` while blocking writes"),
                            "Add it `NOT VALID`, then `VALIDATE CONSTRAINT` separately.",
                            true,
                        )),
                        AlterTableOperation::RenameColumn { old_column_name, .. } => {
                            let old = old_column_name.value.to_lowercase();
                            let in_use = model.queries.iter().any(|q| {
                                q.tables.iter().any(|t| t.name == name)
                                    && facts::mentions(cx.doc.text(q.range), &old)
                            });
                            if in_use {
                                reasons.push((
                                    name.clone(),
                                    format!("renaming `{old}` breaks every query and running deploy that still reads it"),
                                    "Expand/contract: add the new column, dual-write, backfill, switch reads, drop the old one later.",
                                    false,
                                ));
                            }
                        }
                        _ => {}
                    }
                }
            }
            for (table, message, help, needs_size) in reasons {
                // The initial schema, not a migration.
                if model
                    .schema
                    .table(&table)
                    .is_some_and(|t| t.code_block == statement.code_block)
                {
                    continue;
                }
                let evidence = facts::large_table_evidence(cx.doc, &table, statement.range.start);
                if evidence.is_none() && needs_size {
                    continue;
                }
                let mut finding = Self::META.finding(statement.range, message).help(help);
                if let Some(evidence) = evidence {
                    finding = finding.related(evidence, format!("the doc says `{table}` is large"));
                }
                out.push(finding);
            }
        }
    }
}
