use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a design doc that states no functional or non-functional
    /// requirements anywhere: no goals, no "must", no scale, latency,
    /// availability or consistency targets.
    ///
    /// ## Why is this bad?
    /// Every storage decision is a trade-off, and a trade-off can only be judged
    /// against what the system must do. Without requirements a reviewer cannot
    /// tell whether eventual consistency, a single primary or a cache is fine.
    ///
    /// ## Example
    /// ```markdown
    /// # Design: notifications
    /// We will use Kafka and a worker service that writes to DynamoDB.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// ## Requirements
    /// - Users see a notification within 5 s of the event (p99).
    /// - 20k events/s at peak; a lost notification is acceptable, a duplicate is not.
    /// ```
    pub struct MissingRequirements {
        id: "structure/missing-requirements",
        severity: Info,
        summary: "No functional or non-functional requirements (scale, latency, consistency) are stated anywhere.",
    }
}

impl Rule for MissingRequirements {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let outline = cx.outline();
        let describes_system = !outline.components.is_empty()
            || outline.committed_stores > 0
            || outline.data_model.is_some();
        if !outline.is_design_doc || outline.requirements.is_some() || !describes_system {
            return;
        }
        out.push(
            Self::META
                .finding(outline.anchor, "The design states no requirements: no goals, scale, latency, availability or consistency targets")
                .help("Add a requirements section: what users must be able to do, and the numbers for load, latency, availability and consistency."),
        );
    }
}
