use crate::sql::schema::{IndexKey, IndexMethod};
use crate::sql::{Key, Suggestion, facts};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a foreign key (inline `REFERENCES` or a table-level `FOREIGN
    /// KEY`) whose columns no index of the referencing table leads with.
    ///
    /// ## Why is this bad?
    /// Deleting or updating a referenced row makes the database look for
    /// referencing rows; without an index that is a full scan of the child
    /// table, under a lock. Joins from parent to children, the most common
    /// query on a foreign key, scan as well.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE follows (
    ///     follower_id bigint REFERENCES users(id),
    ///     followee_id bigint REFERENCES users(id),
    ///     PRIMARY KEY (follower_id, followee_id)
    /// );
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// CREATE INDEX follows_followee_id_idx ON follows (followee_id);
    /// ```
    pub struct UnindexedForeignKey {
        id: "index/unindexed-foreign-key",
        severity: Warning,
        summary: "A foreign key column has no index leading with it.",
    }
}

impl Rule for UnindexedForeignKey {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for table in model.schema.tables.iter().filter(|t| !t.cql) {
            for fk in &table.foreign_keys {
                let covered = model.schema.indexes_of(&table.name).any(|(_, index)| {
                    // A partial index counts: the author indexed the key
                    // for the rows the application reads.
                    (index.method != IndexMethod::Hash || fk.columns.len() == 1)
                        && index.leads_with(&fk.columns)
                });
                if covered || fk.columns.is_empty() {
                    continue;
                }
                let columns = fk.columns.join(", ");
                let name = format!("{}_{}_idx", table.name, fk.columns.join("_"));
                let suggestion = Suggestion {
                    table: table.name.clone(),
                    sql: format!("CREATE INDEX {name} ON {} ({columns});", table.name),
                    name,
                    keys: fk
                        .columns
                        .iter()
                        .map(|c| IndexKey {
                            key: Key::Column(c.clone()),
                            desc: false,
                        })
                        .collect(),
                };
                let mut finding = Self::META
                    .finding(
                        fk.range,
                        format!(
                            "Foreign key `{}({columns})` → `{}` has no index leading with it",
                            table.name, fk.references
                        ),
                    )
                    .help(format!(
                        "Add `{}`: deletes on `{}` and joins from it otherwise scan `{}`.",
                        suggestion.sql, fk.references, table.name
                    ));
                if let Some(edit) = facts::index_edit(cx.doc, model, &suggestion) {
                    finding = finding.edit(edit);
                }
                out.push(finding);
            }
        }
    }
}
