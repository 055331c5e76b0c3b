use std::sync::LazyLock;

use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a two-phase commit (2PC, XA) that spans databases owned by
    /// different services or teams.
    ///
    /// ## Why is this bad?
    /// 2PC couples the services' availability: every participant must be up,
    /// and a coordinator crash leaves participants holding locks until it
    /// returns. It also needs every team's database to support XA and to be
    /// reachable directly, breaking service boundaries. Latency is the
    /// slowest participant's, twice.
    ///
    /// ## Example
    /// ```markdown
    /// Completing a trip runs a two-phase commit across the Trip service's
    /// database and the Payments service's database.
    /// ```
    ///
    /// ## Use instead
    /// A saga: each service commits locally, publishes an event through an
    /// outbox, and failures trigger compensating steps:
    /// ```markdown
    /// Completing a trip commits the trip and writes an outbox event; Payments
    /// charges the rider and emits PaymentFailed, which reopens the trip.
    /// ```
    pub struct TwoPhaseCommitAcrossServices {
        id: "tx/two-phase-commit-across-services",
        severity: Info,
        summary: "2PC across independently owned services; suggest a saga with compensations or an outbox.",
    }
}

static TWO_PC: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "two-phase commit",
            "two phase commit",
            "2PC",
            "XA transaction",
            "XA transactions",
            "XA two-phase commit",
            "distributed transaction",
            "二阶段提交",
            "两阶段提交",
            "2 フェーズコミット",
        ]
        .map(|w| (w, ())),
    )
});

static SERVICES: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "service's",
            "services'",
            "services",
            "microservices",
            "team's",
            "teams",
            "owned by",
            "another team",
            "different team",
            "other team",
        ]
        .map(|w| (w, ())),
    )
});

impl Rule for TwoPhaseCommitAcrossServices {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for sentence in &doc.sentences {
            let text = doc.sentence_text(sentence);
            let Some(m) = TWO_PC.first(text) else {
                continue;
            };
            if !SERVICES.contains(text) || !polarity::of_match(doc, sentence, m.start).is_asserted()
            {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        doc.sentence_span(sentence, m.start..m.end),
                        format!(
                            "`{}` across databases of independently owned services couples their availability and holds locks while the coordinator waits",
                            &text[m.start..m.end]
                        ),
                    )
                    .help("Use a saga: each service commits locally and publishes an event through an outbox; failures run compensating steps."),
            );
        }
    }
}
