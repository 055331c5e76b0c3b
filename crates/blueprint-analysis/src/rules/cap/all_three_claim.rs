use std::sync::LazyLock;

use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a claim that a distributed system is consistent, available and
    /// partition tolerant at once.
    ///
    /// ## Why is this bad?
    /// The CAP theorem says that while the network is partitioned a system
    /// cannot both answer every request and keep every answer linearizable.
    /// A doc that promises all three has not decided what happens during a
    /// partition, so the code will decide by accident.
    ///
    /// ## Example
    /// ```markdown
    /// The store is strongly consistent, highly available and partition tolerant.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Orders are CP: during a partition, writes that cannot reach a quorum fail
    /// and the client retries. Product pages are AP and may be seconds stale.
    /// ```
    pub struct AllThreeClaim {
        id: "cap/all-three-claim",
        severity: Error,
        summary: "The doc claims a distributed system is consistent, available and partition tolerant at once.",
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Property {
    Consistency,
    Availability,
    PartitionTolerance,
    /// "all three CAP guarantees", "beats CAP".
    AllThree,
}

static PROPERTIES: LazyLock<Lexicon<Property>> = LazyLock::new(|| {
    use Property::*;
    Lexicon::new(&[
        ("consistent", Consistency),
        ("strongly consistent", Consistency),
        ("consistency", Consistency),
        ("strong consistency", Consistency),
        ("linearizable", Consistency),
        ("linearizability", Consistency),
        ("available", Availability),
        ("highly available", Availability),
        ("availability", Availability),
        ("high availability", Availability),
        ("partition tolerant", PartitionTolerance),
        ("partition-tolerant", PartitionTolerance),
        ("partition tolerance", PartitionTolerance),
        ("tolerates partitions", PartitionTolerance),
        ("tolerates network partitions", PartitionTolerance),
        ("during partitions", PartitionTolerance),
        ("during network partitions", PartitionTolerance),
        ("during a network partition", PartitionTolerance),
        ("during a partition", PartitionTolerance),
        ("all three CAP", AllThree),
        ("all three of CAP", AllThree),
        ("all three guarantees", AllThree),
        ("all three properties", AllThree),
        ("beats CAP", AllThree),
        ("beat CAP", AllThree),
        ("beats the CAP theorem", AllThree),
        ("C, A and P", AllThree),
        ("C, A, and P", AllThree),
        ("CA and P", AllThree),
    ])
});

/// Words that turn the sentence into a trade-off statement, not a claim.
static TRADE_OFF: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "or",
            "either",
            "trade",
            "trades",
            "trade-off",
            "tradeoff",
            "trade-offs",
            "choose",
            "chose",
            "choosing",
            "pick",
            "picks",
            "sacrifice",
            "sacrifices",
            "give up",
            "gives up",
            "at most",
            "only two",
            "two of",
            "two out of",
            "not all",
            "cannot",
            "can't",
            "versus",
            "vs",
            "between",
            "instead",
            "rather",
            "prefer",
            "prefers",
            "prioritize",
            "prioritizes",
            "prioritise",
            "favor",
            "favors",
            "favour",
            "favours",
            "consistency over",
            "availability over",
            "except",
            "unless",
            "but",
            "until",
            "eventually",
            "eventual",
            "refuse",
            "refuses",
            "reject",
            "rejects",
            "fail",
            "fails",
            "degrade",
            "degrades",
            "PACELC",
            "theorem says",
            "states that",
            "says that",
        ]
        .map(|w| (w, ())),
    )
});

impl Rule for AllThreeClaim {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for sentence in &doc.sentences {
            let text = doc.sentence_text(sentence);
            let matches = PROPERTIES.find_all(text);
            let has = |p: Property| matches.iter().any(|m| m.value == p);
            // "all three properties" needs CAP words around it.
            let cap_context = text.contains("CAP")
                || has(Property::Consistency)
                || has(Property::Availability)
                || has(Property::PartitionTolerance);
            let all_three = (has(Property::AllThree) && cap_context)
                || (has(Property::Consistency)
                    && has(Property::Availability)
                    && has(Property::PartitionTolerance));
            if !all_three {
                continue;
            }
            let (Some(first), Some(last)) = (matches.first(), matches.last()) else {
                continue;
            };
            // A trade-off anywhere up to the claim, or after it — except a
            // bare "or" after it ("so no message is lost or sent twice").
            let after = &text[last.end..];
            let trade_off_after = TRADE_OFF
                .find_all(after)
                .iter()
                .any(|m| !after[m.start..m.end].eq_ignore_ascii_case("or"));
            if TRADE_OFF.contains(&text[..last.end]) || trade_off_after {
                continue;
            }
            if !polarity::of_match(doc, sentence, first.start).is_asserted() {
                continue;
            }
            let range = doc.sentence_span(sentence, first.start..last.end);
            out.push(
                Self::META
                    .finding(range, "Claims consistency, availability and partition tolerance at once, which no distributed system can give during a partition")
                    .help("State, per feature, whether it stays consistent (refusing requests) or available (serving possibly stale data) while the network is partitioned."),
            );
        }
    }
}
