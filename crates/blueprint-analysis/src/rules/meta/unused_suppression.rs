use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a `blueprint-disable…` comment that suppresses nothing: the rule
    /// it names reports nothing there, the rule id is unknown, or the rule is
    /// not enabled.
    ///
    /// ## Why is this bad?
    /// Stale suppressions pile up as a doc changes and hide the next real
    /// finding on that line. An id with a typo suppresses nothing at all.
    ///
    /// ## Example
    /// ```markdown
    /// <!-- blueprint-disable-next-line cap/ca-distributed-clam -->
    /// Our three-region cluster is a CA system.
    /// ```
    ///
    /// ## Use instead
    /// Remove the comment, or fix the rule id:
    /// ```markdown
    /// <!-- blueprint-disable-next-line cap/ca-distributed-claim -->
    /// ```
    pub struct UnusedSuppression {
        id: "meta/unused-suppression",
        severity: Info,
        summary: "A suppression comment that suppresses nothing.",
    }
}

impl Rule for UnusedSuppression {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    /// Reported by the suppression pass after every other rule has run, since
    /// only then is it known which suppressions were used.
    fn check(&self, _cx: &RuleContext<'_>, _out: &mut Vec<Finding>) {}
}
