use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags `LIMIT ... OFFSET ...` (and MySQL's `LIMIT offset, count`)
    /// pagination and suggests keyset (cursor) pagination.
    ///
    /// ## Why is this bad?
    /// `OFFSET 100000` makes the database produce and throw away 100,000
    /// rows before returning the page, so deep pages get slower and slower.
    /// Rows inserted between two requests shift the pages, so users see
    /// duplicates or miss rows.
    ///
    /// ## Example
    /// ```sql
    /// SELECT id, caption FROM photos WHERE owner_id = $1 ORDER BY created_at DESC LIMIT 30 OFFSET $2;
    /// ```
    ///
    /// ## Use instead
    /// Keyset pagination: remember the last row's sort key and continue after it.
    /// ```sql
    /// SELECT id, caption, created_at FROM photos
    /// WHERE owner_id = $1 AND (created_at, id) < ($2, $3)
    /// ORDER BY created_at DESC, id DESC LIMIT 30;
    /// ```
    pub struct OffsetPagination {
        id: "query/offset-pagination",
        severity: Info,
        summary: "`LIMIT ... OFFSET ...` pagination; suggest keyset (cursor) pagination.",
    }
}

impl Rule for OffsetPagination {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        for query in cx.sql().queries.iter().filter(|q| !q.cql) {
            let Some(offset) = query.offset else {
                continue;
            };
            let table = query
                .tables
                .first()
                .map_or("the table", |t| t.name.as_str());
            out.push(
                Self::META
                    .finding(
                        offset,
                        format!("OFFSET pagination on `{table}`: each deeper page reads and discards every earlier row"),
                    )
                    .help("Use keyset pagination: `WHERE (sort_key, id) < ($last_sort_key, $last_id) ORDER BY sort_key DESC, id DESC LIMIT n`."),
            );
        }
    }
}
