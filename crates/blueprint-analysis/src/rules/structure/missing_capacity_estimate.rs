use crate::outline::SCALE_CLAIMS;
use crate::prose::polarity;
use crate::quantity::{Quantity, QuantityKind};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a design doc that claims large scale — "millions of users",
    /// "massive traffic", "hundreds of millions of views" — but never puts a
    /// number on the load or the data: no requests or writes per second or
    /// per day, no counts of users or items, no storage totals.
    ///
    /// ## Why is this bad?
    /// "Huge" can mean 50 requests per second (one small server) or 500,000
    /// (a fleet and sharding). Every later decision — store, replicas,
    /// sharding, caching, cost — depends on which. Without numbers nobody can
    /// check the design, and the doc invites over- or under-building.
    ///
    /// ## Example
    /// ```markdown
    /// The platform will serve millions of users and absorb very high traffic
    /// during campaigns.
    /// ```
    ///
    /// ## Use instead
    /// A back-of-the-envelope estimate, with peaks and storage growth:
    /// ```markdown
    /// 5M users, 20M notifications/day ≈ 230/s, peaks of 3,000/s during
    /// campaigns; 1 KB per delivery record kept 90 days ≈ 1.8 TB.
    /// ```
    pub struct MissingCapacityEstimate {
        id: "structure/missing-capacity-estimate",
        severity: Info,
        summary: "The doc claims large scale (\"millions of users\", \"high traffic\") but gives no numbers for load or storage.",
    }
}

/// A number that sizes load or data.
fn sizes_the_system(q: &Quantity) -> bool {
    match q.kind {
        QuantityKind::Rate { .. } => q.noun.as_deref() != Some("throughput"),
        QuantityKind::Count => q.noun.is_some() && q.value >= 10_000.0,
        QuantityKind::Bytes => q.value >= 1e11,
        QuantityKind::Duration => false,
    }
}

impl Rule for MissingCapacityEstimate {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let outline = cx.outline();
        if !outline.is_design_doc {
            return;
        }
        let doc = cx.doc;
        let claim = doc.sentences.iter().find_map(|sentence| {
            let m = SCALE_CLAIMS.first(doc.sentence_text(sentence))?;
            polarity::of_match(doc, sentence, m.start)
                .is_asserted()
                .then(|| doc.sentence_span(sentence, m.start..m.end))
        });
        let Some(claim) = claim else {
            return;
        };
        if cx
            .models
            .quantities(doc)
            .quantities
            .iter()
            .any(sizes_the_system)
        {
            return;
        }
        // Numbers in a table or code block count too ("| DAU | 8M |").
        out.push(
            Self::META
                .finding(
                    outline.anchor,
                    format!(
                        "The doc claims large scale (`{}`) but gives no numbers for load or storage",
                        doc.text(claim)
                    ),
                )
                .related(claim, "the scale claim")
                .help("Add a capacity estimate: users, requests or writes per second (average and peak), items per day, bytes per item, retention and total storage."),
        );
    }
}
