use std::sync::LazyLock;

use crate::document::{Document, ProseKind};
use crate::prose::{Lexicon, polarity};
use crate::sharding::scope::SectionFlags;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a multi-step write that must be atomic — debit and credit,
    /// decrement stock and create the order, redeem points and issue a
    /// voucher — described as separate writes ("three writes issued one after
    /// another", numbered steps) when the feature never mentions a
    /// transaction, a saga or an outbox.
    ///
    /// ## Why is this bad?
    /// Any step can fail after the previous one committed: a process crash,
    /// a timeout, a deploy. Then money is debited but never credited, or stock
    /// is gone with no order to show for it. Retrying later does not help if
    /// nothing recorded that the operation was half done.
    ///
    /// ## Example
    /// ```markdown
    /// A transfer is three writes issued one after another: debit the sender's
    /// wallet, credit the receiver's wallet, append a row to the transfer log.
    /// ```
    ///
    /// ## Use instead
    /// Put the steps in one database transaction, or, across services, a saga
    /// with compensations driven by an outbox:
    /// ```markdown
    /// A transfer inserts the debit entry, the credit entry and the transfer row
    /// in one PostgreSQL transaction.
    /// ```
    pub struct MissingTransaction {
        id: "tx/missing-transaction",
        severity: Warning,
        summary: "A multi-step write that must be atomic (debit + credit, decrement stock + create order) is described without a transaction.",
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Step {
    Debit,
    Credit,
    Stock,
    Order,
    Voucher,
    Redemption,
    Payment,
    Ledger,
}

static STEPS: LazyLock<Lexicon<Step>> = LazyLock::new(|| {
    use Step::*;
    Lexicon::new(&[
        ("debit", Debit),
        ("debits", Debit),
        ("deduct", Debit),
        ("deducts", Debit),
        ("withdraw", Debit),
        ("credit", Credit),
        ("credits", Credit),
        ("stock", Stock),
        ("reward stock", Stock),
        ("inventory", Stock),
        ("seat", Stock),
        ("seats", Stock),
        ("decrement", Stock),
        ("decrements", Stock),
        ("reserve", Stock),
        ("reserves", Stock),
        ("order", Order),
        ("orders", Order),
        ("order_lines", Order),
        ("purchase row", Order),
        ("purchase", Order),
        ("payout", Payment),
        ("pending payout", Payment),
        ("as sold", Stock),
        ("voucher", Voucher),
        ("vouchers", Voucher),
        ("redemption", Redemption),
        ("redemptions", Redemption),
        ("payment", Payment),
        ("charge", Payment),
        ("append a row", Ledger),
        ("ledger entry", Ledger),
        ("transfer log", Ledger),
    ])
});

/// Words that say the writes happen as separate steps.
static SEQUENCE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "one after another",
            "one after the other",
            "one by one",
            "separately",
            "separate writes",
            "two writes",
            "three writes",
            "four writes",
            "in sequence",
            "sequentially",
            "then",
            "followed by",
            "after that",
            "afterwards",
            "its own request",
            "separate requests",
            "separate request",
        ]
        .map(|w| (w, ())),
    )
});

/// Words that say the steps are atomic or compensated.
static ATOMIC: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "transaction",
            "transactions",
            "transactional",
            "transactionally",
            "atomic",
            "atomically",
            "atomicity",
            "TransactWriteItems",
            "BEGIN",
            "COMMIT",
            "commit together",
            "all or nothing",
            "all-or-nothing",
            "saga",
            "sagas",
            "outbox",
            "compensating",
            "compensation",
            "compensate",
            "two-phase commit",
            "2PC",
            "事务",
            "トランザクション",
        ]
        .map(|w| (w, ())),
    )
});

fn kinds(text: &str) -> Vec<Step> {
    let mut kinds: Vec<Step> = STEPS.find_all(text).into_iter().map(|m| m.value).collect();
    kinds.sort_by_key(|k| *k as u8);
    kinds.dedup();
    kinds
}

/// At least two different things written, one of them money or stock.
fn must_be_atomic(kinds: &[Step]) -> bool {
    kinds.len() >= 2
        && kinds.iter().any(|k| {
            matches!(
                k,
                Step::Debit | Step::Credit | Step::Stock | Step::Redemption
            )
        })
}

fn is_list_item(doc: &Document, block: usize) -> bool {
    let b = &doc.blocks[block];
    b.in_list_item || matches!(b.kind, ProseKind::ListItem)
}

impl Rule for MissingTransaction {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let atomic = SectionFlags::build(doc, &ATOMIC);
        let mut last_reported_section = None;
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let text = doc.sentence_text(sentence);
            let Some(sequence) = SEQUENCE.first(text) else {
                continue;
            };
            let mut steps = kinds(text);
            let mut related = None;
            // Numbered steps: "1. decrement stock", "2. Then insert the order".
            if !must_be_atomic(&steps) && i > 0 && is_list_item(doc, sentence.block) {
                let previous = &doc.sentences[i - 1];
                if previous.block != sentence.block
                    && is_list_item(doc, previous.block)
                    && previous.section == sentence.section
                {
                    steps.extend(kinds(doc.sentence_text(previous)));
                    steps.sort_by_key(|k| *k as u8);
                    steps.dedup();
                    related = Some(previous.range);
                }
            }
            if !must_be_atomic(&steps) {
                continue;
            }
            if last_reported_section == Some(sentence.section)
                || atomic.in_scope(doc, sentence.section).is_some()
                || !polarity::of_match(doc, sentence, sequence.start).is_asserted()
            {
                continue;
            }
            last_reported_section = Some(sentence.section);
            let mut finding = Self::META
                .finding(
                    doc.sentence_span(sentence, sequence.start..sequence.end),
                    "These writes must succeed or fail together, but they are issued as separate steps with no transaction",
                )
                .help("Put the steps in one database transaction; across services, use a saga with compensating steps (driven by an outbox) and say what happens when a step fails.");
            if let Some(previous) = related {
                finding = finding.related(previous, "the earlier step");
            }
            out.push(finding);
        }
    }
}
