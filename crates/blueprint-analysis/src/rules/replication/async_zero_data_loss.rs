use crate::decisions::{Fact, Replication, Signal, Statement, same_segment};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags asynchronous replication stated together with a claim of zero
    /// data loss (RPO = 0).
    ///
    /// ## Why is this bad?
    /// With asynchronous replication the primary acknowledges a commit before
    /// any replica has it. When the primary dies, the commits still in flight
    /// are lost: the RPO is the replication lag, not zero. Only synchronous
    /// (or quorum) replication can promise that an acknowledged write survives
    /// the loss of the primary.
    ///
    /// ## Example
    /// ```markdown
    /// The primary replicates asynchronously to a standby in another zone,
    /// which gives us zero data loss on failover.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// The primary replicates synchronously to a standby in another zone
    /// (RPO = 0); an asynchronous replica in a second region serves reporting
    /// and disaster recovery (RPO = seconds of lag).
    /// ```
    pub struct AsyncZeroDataLoss {
        id: "replication/async-zero-data-loss",
        severity: Error,
        summary: "Asynchronous replication together with a claim of zero data loss / RPO = 0.",
    }
}

fn asynchronous(statement: &Statement) -> impl Iterator<Item = &Fact<Replication>> {
    statement
        .replication
        .iter()
        .filter(|f| f.is_asserted() && f.kind == Replication::Async)
}

fn synchronous(statement: &Statement) -> impl Iterator<Item = &Fact<Replication>> {
    statement
        .replication
        .iter()
        .filter(|f| f.is_asserted() && f.kind == Replication::Sync)
}

impl Rule for AsyncZeroDataLoss {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        for statement in &decisions.statements {
            let Some(zero) = statement.signal(|k| k == Signal::ZeroDataLoss) else {
                continue;
            };
            let text = statement.text(doc);
            let has_sync = synchronous(statement).next().is_some();
            // Same sentence: with a synchronous mode in the sentence too, the
            // claim must share its segment with the asynchronous mode only.
            let here = asynchronous(statement).find(|a| {
                !has_sync
                    || (same_segment(text, a.local.start, zero.local.start)
                        && !synchronous(statement)
                            .any(|s| same_segment(text, s.local.start, zero.local.start)))
            });
            let related = match here {
                Some(a) => Some((a.range, false)),
                None if !has_sync => {
                    // The mode stated in another sentence of the same unit,
                    // with no synchronous replication anywhere in the unit.
                    let unit: Vec<&Statement> = decisions.in_unit(statement.unit).collect();
                    if unit.iter().any(|s| synchronous(s).next().is_some()) {
                        None
                    } else {
                        unit.iter()
                            .filter(|s| s.sentence != statement.sentence)
                            .find_map(|s| asynchronous(s).next())
                            .map(|a| (a.range, true))
                    }
                }
                None => None,
            };
            let Some((async_range, _)) = related else {
                continue;
            };
            out.push(
                Self::META
                    .finding(
                        zero.range,
                        format!(
                            "`{}` is claimed for asynchronous replication, which loses the writes still in flight when the primary fails",
                            doc.text(zero.range)
                        ),
                    )
                    .help("Use synchronous (or quorum) replication for the data that needs RPO = 0, or state the real RPO (the replication lag).")
                    .related(async_range, "replication is asynchronous"),
            );
        }
    }
}
