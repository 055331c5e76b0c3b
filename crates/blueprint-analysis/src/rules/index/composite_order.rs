use super::missing_for_filter::{columns_text, predicates_span};
use crate::sql::facts;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a query for which a composite index on exactly its columns
    /// exists, but in an order that cannot serve it: the leading column is
    /// one the query does not test for equality (a range column, or a
    /// column it does not constrain at all) while an equality column comes
    /// later.
    ///
    /// ## Why is this bad?
    /// A B-tree index is sorted by its first column, then the second. The
    /// database can only seek on a leftmost prefix of equality columns
    /// followed by one range. `(created_at, category_id)` cannot find
    /// "category 7, last 30 days" without walking every category's rows of
    /// those 30 days.
    ///
    /// ## Example
    /// ```sql
    /// CREATE INDEX listings_created_category ON listings (created_at, category_id);
    /// SELECT id FROM listings WHERE category_id = $1 AND created_at > now() - interval '30 days';
    /// ```
    ///
    /// ## Use instead
    /// Equality columns first, then the range column:
    /// ```sql
    /// CREATE INDEX listings_category_created ON listings (category_id, created_at);
    /// ```
    pub struct CompositeOrder {
        id: "index/composite-order",
        severity: Warning,
        summary: "A composite index exists for the query but its column order cannot serve it.",
    }
}

impl Rule for CompositeOrder {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for access in &model.accesses {
            let Some(i) = access.wrong_order else {
                continue;
            };
            let Some(range) = predicates_span(access) else {
                continue;
            };
            let index = &model.schema.indexes[i];
            let lead = &index.keys[0].key;
            let why = if access.range.contains(lead) {
                format!(
                    "it leads with the range column `{lead}` before the equality column(s) {}",
                    columns_text(&access.equality)
                )
            } else {
                format!("it leads with `{lead}`, which this query does not test for equality")
            };
            let mut finding = Self::META
                .finding(
                    range,
                    format!("{} cannot serve this query: {why}", index.label()),
                )
                .related(index.range, "the index in the wrong order");
            if let Some(suggestion) = &access.suggestion {
                finding = finding.help(format!(
                    "Reorder it: `{}` (equality columns first, then the range or sort column).",
                    suggestion.sql
                ));
                if let Some(edit) = facts::index_edit(cx.doc, model, suggestion) {
                    finding = finding.edit(edit);
                }
            }
            out.push(finding);
        }
    }
}
