use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Reports a statement in a SQL block (`sql`, `postgresql`, `mysql`,
    /// `sqlite`) that blueprint's SQL parser cannot read, once, at the line
    /// the parser stopped on, with the parser's message. The other
    /// statements of the block are still analysed. CQL blocks are not SQL
    /// and are never reported.
    ///
    /// ## Why is this bad?
    /// A statement blueprint cannot parse is a statement no SQL rule checks:
    /// a missing index or primary key in it goes unnoticed. Often it is a
    /// real typo that would also fail in the database.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLEE orders (id bigint PRIMARY KEY);
    /// ```
    ///
    /// ## Use instead
    /// Fix the statement, or mark a block that is not meant to be valid SQL
    /// with another info string (`text`), or suppress this rule for it.
    /// ```sql
    /// CREATE TABLE orders (id bigint PRIMARY KEY);
    /// ```
    pub struct UnparsableSql {
        id: "meta/unparsable-sql",
        severity: Info,
        summary: "A statement in a SQL block could not be parsed, so no SQL rule checks it.",
    }
}

impl Rule for UnparsableSql {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        for problem in cx.sql().problems(cx.doc) {
            out.push(
                Self::META
                    .finding(
                        problem.range,
                        format!("SQL statement could not be parsed: {}", problem.message),
                    )
                    .help("Fix the statement or give the block a non-SQL info string; SQL rules skip it until then."),
            );
        }
    }
}
