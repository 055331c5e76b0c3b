use crate::sql::{Access, SqlModel, facts};
use crate::{Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a query whose WHERE equality and range columns no index of the
    /// doc's schema serves under the leftmost-prefix rule, and suggests the
    /// index to add: equality columns first, then the range or sort column.
    /// A primary key and a UNIQUE constraint count as indexes; a partial
    /// index counts when the query repeats its predicate.
    ///
    /// ## Why is this bad?
    /// Without an index the database reads the whole table for every call.
    /// That is invisible on a test database and takes the service down once
    /// the table holds millions of rows.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE tickets (id bigint PRIMARY KEY, assignee_id bigint, status text, created_at timestamptz);
    /// SELECT id FROM tickets WHERE assignee_id = $1 AND status = 'open' ORDER BY created_at LIMIT 25;
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// CREATE INDEX tickets_assignee_id_status_created_at_idx ON tickets (assignee_id, status, created_at);
    /// ```
    pub struct MissingForFilter {
        id: "index/missing-for-filter",
        severity: Warning,
        summary: "No index serves a query's WHERE equality/range columns (leftmost-prefix rule).",
    }
}

/// The span of an access's predicates.
pub(crate) fn predicates_span(access: &Access) -> Option<TextRange> {
    let start = access.predicate_ranges.iter().map(|r| r.start).min()?;
    let end = access.predicate_ranges.iter().map(|r| r.end).max()?;
    Some(TextRange::new(start, end))
}

pub(crate) fn columns_text(keys: &[crate::sql::Key]) -> String {
    keys.iter()
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// True when this rule (and not a more specific one) owns the access.
pub(crate) fn unserved(model: &SqlModel, access: &Access) -> bool {
    access.has_filter()
        && access.served_by.is_none()
        && access.wrong_order.is_none()
        && access.hash_only.is_none()
        && facts::wrapped_indexed_columns(model, access).is_empty()
}

impl Rule for MissingForFilter {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for access in &model.accesses {
            if !unserved(model, access) {
                continue;
            }
            let Some(range) = predicates_span(access) else {
                continue;
            };
            let mut columns = access.equality.clone();
            columns.extend(access.range.iter().cloned());
            let mut finding = Self::META.finding(
                range,
                format!(
                    "No index on `{}` serves this filter on {}",
                    access.table,
                    columns_text(&columns)
                ),
            );
            if let Some(table) = model.schema.table(&access.table) {
                finding = finding.related(
                    table.name_range,
                    format!("`{}` is defined here", table.name),
                );
            }
            match &access.suggestion {
                Some(suggestion) => {
                    finding = finding.help(format!(
                        "Add `{}` (equality columns first, then the range or sort column).",
                        suggestion.sql
                    ));
                    if let Some(edit) = facts::index_edit(cx.doc, model, suggestion) {
                        finding = finding.edit(edit);
                    }
                }
                None => {
                    finding = finding.help("Add an index that leads with the equality columns.");
                }
            }
            out.push(finding);
        }
    }
}
