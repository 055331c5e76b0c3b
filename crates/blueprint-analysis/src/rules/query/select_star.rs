use crate::sql::facts;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags `SELECT *` in a query the doc marks as a hot path: the caption
    /// right above its SQL block or a comment in it says "hot path", "every
    /// view", "every request", "hottest" and the like.
    ///
    /// ## Why is this bad?
    /// `*` reads every column, including large text and JSON, on every call;
    /// it defeats covering indexes, ships bytes the page never shows, and
    /// silently changes what the code receives when a column is added.
    ///
    /// ## Example
    /// ```sql
    /// -- Listing page (hot path, every view)
    /// SELECT * FROM listings WHERE id = $1;
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// SELECT id, title, price_cents, cover_photo_key FROM listings WHERE id = $1;
    /// ```
    pub struct SelectStar {
        id: "query/select-star",
        severity: Info,
        summary: "`SELECT *` in a hot-path query.",
    }
}

impl Rule for SelectStar {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for query in model.queries.iter().filter(|q| !q.cql && !q.nested) {
            let Some(star) = query.star else {
                continue;
            };
            let statement = &model.statements[query.statement];
            let Some(hot) = facts::hot_path_words(cx.doc, statement.code_block, statement.range)
            else {
                continue;
            };
            let table = query
                .tables
                .first()
                .map_or("the table", |t| t.name.as_str());
            out.push(
                Self::META
                    .finding(
                        star,
                        format!("`SELECT *` on `{table}` in a hot-path query reads every column on every call"),
                    )
                    .related(hot, "the doc calls this query a hot path")
                    .help("List the columns the caller needs."),
            );
        }
    }
}
