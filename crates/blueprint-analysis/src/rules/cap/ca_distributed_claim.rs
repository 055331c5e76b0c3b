use std::sync::LazyLock;

use super::distributed_evidence;
use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a distributed, replicated or multi-region system that the doc
    /// calls "CA", or says gives up partition tolerance.
    ///
    /// ## Why is this bad?
    /// Partition tolerance is not a feature you can decline. Any system whose
    /// nodes talk over a network will see messages delayed or lost, and during
    /// such a partition each request must either wait or fail (consistency) or
    /// answer from what a node has (availability). A "CA" label hides the one
    /// decision that matters: what each feature does while the network is split.
    ///
    /// ## Example
    /// ```markdown
    /// The cluster spans three regions and is a CA system.
    /// ```
    ///
    /// ## Use instead
    /// Decide per feature what happens during a partition:
    /// ```markdown
    /// During a partition, payments refuse writes that cannot reach a quorum
    /// (CP); the feed keeps serving cached, possibly stale posts (AP).
    /// ```
    pub struct CaDistributedClaim {
        id: "cap/ca-distributed-claim",
        severity: Error,
        summary: "A distributed, replicated or multi-region system is described as \"CA\" or as giving up partition tolerance.",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Claim {
    /// The bare label `CA`: needs CAP context around it.
    Label,
    /// Words that drop partition tolerance outright.
    GivesUpPartitions,
}

static CLAIMS: LazyLock<Lexicon<Claim>> = LazyLock::new(|| {
    use Claim::*;
    Lexicon::new(&[
        ("CA", Label),
        ("give up partition tolerance", GivesUpPartitions),
        ("gives up partition tolerance", GivesUpPartitions),
        ("giving up partition tolerance", GivesUpPartitions),
        ("sacrifice partition tolerance", GivesUpPartitions),
        ("sacrifices partition tolerance", GivesUpPartitions),
        ("sacrificing partition tolerance", GivesUpPartitions),
        ("forgo partition tolerance", GivesUpPartitions),
        ("forgoes partition tolerance", GivesUpPartitions),
        ("without partition tolerance", GivesUpPartitions),
        ("drop partition tolerance", GivesUpPartitions),
        ("trade away partition tolerance", GivesUpPartitions),
        ("don't need partition tolerance", GivesUpPartitions),
        ("do not need partition tolerance", GivesUpPartitions),
        ("doesn't need partition tolerance", GivesUpPartitions),
        ("does not need partition tolerance", GivesUpPartitions),
        ("partition tolerance is not needed", GivesUpPartitions),
        ("partition tolerance is not required", GivesUpPartitions),
        ("partition tolerance isn't needed", GivesUpPartitions),
        ("not partition tolerant", GivesUpPartitions),
        ("not partition-tolerant", GivesUpPartitions),
        ("ignore network partitions", GivesUpPartitions),
        ("ignore partitions", GivesUpPartitions),
        ("partitions will not happen", GivesUpPartitions),
        ("partitions won't happen", GivesUpPartitions),
        ("partitions never happen", GivesUpPartitions),
        ("partitions do not happen", GivesUpPartitions),
        ("partitions don't happen", GivesUpPartitions),
        (
            "consistency and availability over partition tolerance",
            GivesUpPartitions,
        ),
    ])
});

/// `CA` is a CAP label, not California or a certificate authority: see
/// [`crate::decisions::cap::is_cap_label`].
fn is_cap_label(text: &str, start: usize, end: usize) -> bool {
    crate::decisions::cap::is_cap_label(text, start, end)
}

impl Rule for CaDistributedClaim {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        for sentence in &doc.sentences {
            let text = doc.sentence_text(sentence);
            for m in CLAIMS.find_all(text) {
                if doc.sentence_is_code(sentence, m.start) {
                    continue;
                }
                if m.value == Claim::Label && !is_cap_label(text, m.start, m.end) {
                    continue;
                }
                if !polarity::of_match(doc, sentence, m.start).is_asserted() {
                    continue;
                }
                let range = doc.sentence_span(sentence, m.start..m.end);
                let Some(evidence) = distributed_evidence(doc, range.start) else {
                    continue;
                };
                let claim = &text[m.start..m.end];
                let mut finding = Self::META
                    .finding(
                        range,
                        format!("`{claim}`: a distributed system cannot give up partition tolerance"),
                    )
                    .help("Say what each feature does during a network partition: refuse or wait (CP), or answer with possibly stale data (AP).");
                if !evidence.contains_range(sentence.range) {
                    finding = finding.related(evidence, "the system is distributed here");
                }
                out.push(finding);
                break;
            }
        }
    }
}
