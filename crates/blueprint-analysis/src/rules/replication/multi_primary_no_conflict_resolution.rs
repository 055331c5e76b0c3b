use crate::decisions::Replication;
use crate::decisions::{FeatureTest, Statement};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags multi-primary or multi-region writes (active-active,
    /// "writable in every region") when the doc names no conflict resolution
    /// strategy for that feature: last-write-wins, application merge, CRDTs,
    /// or a home region per record.
    ///
    /// ## Why is this bad?
    /// When two primaries accept writes to the same record, they will, at
    /// some point, accept two different writes concurrently. Without a stated
    /// rule the replication tool picks one (often silently by timestamp) or
    /// stops replicating, and the regions diverge.
    ///
    /// ## Example
    /// ```markdown
    /// Rider profiles are writable in all three regions (active-active MySQL),
    /// replicated asynchronously between regions.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Each rider has a home region that owns their profile; other regions
    /// forward writes to it, so there are never two writers for one record.
    /// ```
    pub struct MultiPrimaryNoConflictResolution {
        id: "replication/multi-primary-no-conflict-resolution",
        severity: Warning,
        summary: "Multi-primary or multi-region writes with no conflict resolution strategy.",
    }
}

/// Phrases that mean multi-primary only when the sentence is about regions
/// or data centres ("each region can edit locally").
const WEAK: &[&str] = &["edit locally", "write locally"];
const PLACES: &[&str] = &[
    "region",
    "data center",
    "data centre",
    "datacenter",
    "dc",
    "site",
];

impl Rule for MultiPrimaryNoConflictResolution {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        let mut resolves = FeatureTest::new(decisions, doc, |s: &Statement| {
            s.replication_mentioned(Replication::resolves_conflicts)
                .is_some()
        });
        for statement in &decisions.statements {
            let text = statement.text(doc).to_ascii_lowercase();
            let Some(multi) = statement
                .replication
                .iter()
                .filter(|f| f.is_asserted() && f.kind == Replication::MultiPrimary)
                .find(|f| {
                    let phrase = doc.text(f.range).to_ascii_lowercase();
                    !WEAK.contains(&phrase.as_str()) || PLACES.iter().any(|p| text.contains(p))
                })
            else {
                continue;
            };
            let resolved = resolves.holds(statement);
            // Leaderless stores (Cassandra, Riak, CouchDB, ...) resolve
            // concurrent writes themselves (timestamps or siblings); the
            // last-write-wins rule covers the data where that loses updates.
            // When the sentence itself names the databases that take the
            // writes, all of them must be leaderless: "messages go to
            // Cassandra and title changes to the region's own PostgreSQL
            // primary" still lets PostgreSQL primaries conflict.
            let here: Vec<_> = statement
                .asserted_stores()
                .map(|f| f.kind.profile())
                .filter(|p| p.family.is_database())
                .collect();
            let leaderless = if here.is_empty() {
                decisions.in_unit(statement.unit).any(|s| {
                    s.asserted_stores()
                        .any(|f| f.kind.profile().is_eventual_by_default())
                })
            } else {
                here.iter().all(|p| p.is_eventual_by_default())
            };
            if resolved || leaderless {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        multi.range,
                        format!(
                            "`{}`: several primaries accept writes, but no conflict resolution is stated",
                            doc.text(multi.range)
                        ),
                    )
                    .help("State how concurrent writes to one record are resolved: a home region per record (single writer), last-write-wins for fields where losing an update is fine, or an application merge / CRDT."),
            );
        }
    }
}
