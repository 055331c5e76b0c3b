use crate::decisions::{Signal, Subject, same_segment};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a statement that eventual consistency or stale reads are
    /// acceptable for money, balances or stock counts.
    ///
    /// ## Why is this bad?
    /// A stale balance lets a customer spend money twice; a stale stock count
    /// sells the same unit twice. "Support will refund" turns a consistency
    /// decision into a recurring operational cost and a trust problem. Stale
    /// reads are fine for feeds and counters shown to users, not for the
    /// numbers a decision is taken on.
    ///
    /// ## Example
    /// ```markdown
    /// Reading a slightly stale balance is acceptable: replicas converge
    /// within a few seconds.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The balance shown on the home screen may be a few seconds stale; the
    /// transfer itself reads and updates the balance on the primary in one
    /// transaction (`SELECT ... FOR UPDATE`).
    /// ```
    pub struct EventualConsistencyForMoney {
        id: "cap/eventual-consistency-for-money",
        severity: Error,
        summary: "The doc states that eventual consistency or stale reads are acceptable for money, balances or stock counts.",
    }
}

/// Words that say the stale value is only shown.
const DISPLAY: &[&str] = &[
    "shown",
    "show",
    "shows",
    "displayed",
    "display",
    "displays",
    "view",
    "widget",
    "dashboard",
    "dashboards",
    "screen",
    "ui",
];

/// Words that say a decision is taken on the value.
const DECISIONS: &[&str] = &[
    "checkout",
    "redeem",
    "redeems",
    "spend",
    "spends",
    "spent",
    "debit",
    "debits",
    "withdraw",
    "withdrawal",
    "transfer",
    "transfers",
    "pay",
    "pays",
    "oversell",
    "oversold",
    "charge",
    "charged",
    "reserve",
    "reserved",
    "book",
    "booked",
    "decrement",
    "decrements",
];

fn is_money(signal: Signal) -> bool {
    matches!(
        signal,
        Signal::Strong(Subject::Money) | Signal::Strong(Subject::Stock)
    )
}

impl Rule for EventualConsistencyForMoney {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for statement in &cx.decisions().statements {
            let text = statement.text(doc);
            for ok in statement
                .signals
                .iter()
                .filter(|f| f.kind == Signal::Acceptable && f.is_asserted())
            {
                let in_segment = |f: &&crate::decisions::Fact<Signal>| {
                    f.is_asserted() && same_segment(text, f.local.start, ok.local.start)
                };
                let stale = statement
                    .signals
                    .iter()
                    .filter(|f| f.kind == Signal::Stale)
                    .find(in_segment);
                let money = statement
                    .signals
                    .iter()
                    .filter(|f| is_money(f.kind))
                    .find(in_segment);
                let (Some(stale), Some(money)) = (stale, money) else {
                    continue;
                };
                // The money word must not be the exception ("fine for likes, not for balances").
                if text[money.local.start.min(ok.local.start)..money.local.end.max(ok.local.end)]
                    .to_ascii_lowercase()
                    .contains(" not for ")
                {
                    continue;
                }
                // "Earnings shown in the app may be a minute stale" is display
                // only, unless the sentence also takes a decision on the value.
                let lower = text.to_ascii_lowercase();
                let words: Vec<&str> = lower
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
                if has(DISPLAY) && !has(DECISIONS) {
                    continue;
                }
                let start = stale.range.start.min(ok.range.start);
                let end = stale.range.end.max(ok.range.end);
                let range = if doc.line_col(start).line == doc.line_col(end).line {
                    crate::TextRange::new(start, end)
                } else {
                    ok.range
                };
                out.push(
                    Self::META
                        .finding(
                            range,
                            format!(
                                "Stale reads are declared acceptable for `{}`",
                                doc.text(money.range)
                            ),
                        )
                        .help("Money and stock decisions must read the latest committed value: read from the primary inside the transaction that changes it; stale reads are fine only for display.")
                        .related(money.range, "money or stock"),
                );
                break;
            }
        }
    }
}
