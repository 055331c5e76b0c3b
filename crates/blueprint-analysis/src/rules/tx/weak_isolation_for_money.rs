use std::sync::LazyLock;

use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags money or stock updated at READ UNCOMMITTED, or at READ COMMITTED
    /// (the default of PostgreSQL and most databases) as a read, a check in
    /// the application and a write — with no `SELECT ... FOR UPDATE`, no
    /// conditional update and no optimistic version check.
    ///
    /// ## Why is this bad?
    /// Two requests read the same balance of 100, both see enough for a
    /// payment of 80, and both write 20: one payment is lost, or the balance
    /// goes negative. READ COMMITTED does not prevent this lost update; it only
    /// hides uncommitted data.
    ///
    /// ## Example
    /// ```markdown
    /// At the default READ COMMITTED level: read the balance, compare it with
    /// the price in the application, then write back `balance - price`.
    /// ```
    ///
    /// ## Use instead
    /// A conditional update that checks and writes in one statement, or a row
    /// lock, or SERIALIZABLE with retries:
    /// ```sql
    /// UPDATE credit_accounts SET balance = balance - $price
    /// WHERE workspace_id = $1 AND balance >= $price;
    /// ```
    pub struct WeakIsolationForMoney {
        id: "tx/weak-isolation-for-money",
        severity: Warning,
        summary: "Read Uncommitted, or Read Committed without row locks (SELECT ... FOR UPDATE) or optimistic checks, for money or stock.",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Uncommitted,
    Committed,
}

static LEVELS: LazyLock<Lexicon<Level>> = LazyLock::new(|| {
    Lexicon::new(&[
        ("read uncommitted", Level::Uncommitted),
        ("read-uncommitted", Level::Uncommitted),
        ("dirty reads", Level::Uncommitted),
        ("read committed", Level::Committed),
        ("read-committed", Level::Committed),
        ("READ_COMMITTED", Level::Committed),
    ])
});

static MONEY: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "balance",
            "balances",
            "stock",
            "available",
            "inventory",
            "credit",
            "credits",
            "funds",
            "wallet",
            "price",
            "amount",
            "units_left",
            "quantity",
            "seat",
            "seats",
            "points",
        ]
        .map(|w| (w, ())),
    )
});

/// A read, a check elsewhere, then a write.
static READ_CHECK_WRITE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "write back",
            "writes back",
            "then write",
            "then update",
            "then `UPDATE",
            "then UPDATE",
            "in the application",
            "in the service",
            "in application code",
            "read-modify-write",
            "read, check",
            "read the balance",
            "read `available`",
            "check it",
            "compare it",
        ]
        .map(|w| (w, ())),
    )
});

static SAFE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "for update",
            "FOR UPDATE",
            "for no key update",
            "optimistic",
            "version column",
            "version check",
            "compare-and-set",
            "compare and set",
            "CAS",
            "serializable",
            "repeatable read",
            "row lock",
            "row locks",
            "row-level lock",
            "advisory lock",
            "conditional update",
            "conditional write",
            "atomic update",
            "atomic decrement",
            "in one statement",
            "single statement",
        ]
        .map(|w| (w, ())),
    )
});

impl Rule for WeakIsolationForMoney {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let text = doc.sentence_text(sentence);
            let Some(level) = LEVELS.first(text) else {
                continue;
            };
            let next = doc.next_in_block(i).unwrap_or("");
            if SAFE.contains(text) || SAFE.contains(next) {
                continue;
            }
            // "Each transfer runs at Read Committed. The service reads the
            // balance, checks it in application code, then writes": the
            // level and the read-check-write of money are often stated in
            // two consecutive sentences of one paragraph.
            let about_money = |t: &str| {
                MONEY.contains(t)
                    && (level.value == Level::Uncommitted || READ_CHECK_WRITE.contains(t))
            };
            let next_too = level.value == Level::Committed && about_money(next);
            if !(about_money(text) || next_too) {
                continue;
            }
            if !polarity::of_match(doc, sentence, level.start).is_asserted() {
                continue;
            }
            let name = &text[level.start..level.end];
            let message = match level.value {
                Level::Uncommitted => format!(
                    "`{name}` for money or stock: transactions read each other's uncommitted, possibly rolled-back changes"
                ),
                Level::Committed => format!(
                    "Read-check-write of money or stock at `{name}` without a row lock or conditional update: concurrent requests lose updates"
                ),
            };
            out.push(
                Self::META
                    .finding(doc.sentence_span(sentence, level.start..level.end), message)
                    .help("Check and write in one conditional UPDATE (`... WHERE balance >= $amount`), lock the row with SELECT ... FOR UPDATE, or use an optimistic version check or SERIALIZABLE with retries."),
            );
        }
    }
}
