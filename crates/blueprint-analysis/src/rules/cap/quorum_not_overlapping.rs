use crate::decisions::{Fact, QuorumPart, QuorumSetting, Signal, Subject};
use crate::{Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a stated replication factor N with read and write quorums R and
    /// W where R + W <= N, while the doc claims strong consistency.
    ///
    /// ## Why is this bad?
    /// A read is only guaranteed to see the latest write when every read
    /// quorum overlaps every write quorum, that is R + W > N. With N = 3,
    /// W = 2 and R = 1 a read can ask the one replica the write has not
    /// reached yet, so "strongly consistent" is not true.
    ///
    /// ## Example
    /// ```markdown
    /// Commands use replication factor 3, written with W=2 and read with R=1,
    /// which gives strong consistency.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Commands use replication factor 3 with QUORUM reads and writes
    /// (R = 2, W = 2, so R + W > N).
    /// ```
    pub struct QuorumNotOverlapping {
        id: "cap/quorum-not-overlapping",
        severity: Error,
        summary: "Stated N, R and W with R + W <= N while the doc claims strong consistency.",
    }
}

impl Rule for QuorumNotOverlapping {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        let mut seen_units = Vec::new();
        for statement in &decisions.statements {
            if statement.quorums().next().is_none() || seen_units.contains(&statement.unit) {
                continue;
            }
            seen_units.push(statement.unit);
            let settings: Vec<&Fact<QuorumSetting>> = decisions
                .in_unit(statement.unit)
                .flat_map(|s| s.quorums())
                .collect();
            let pick = |part| {
                settings
                    .iter()
                    .filter(|s| s.kind.part == part)
                    .copied()
                    .collect::<Vec<_>>()
            };
            let (ns, rs, ws) = (
                pick(QuorumPart::Replicas),
                pick(QuorumPart::Reads),
                pick(QuorumPart::Writes),
            );
            let Some(n) = ns.first() else { continue };
            let n_value = n.kind.level.count(0);
            if n_value == 0 || rs.is_empty() || ws.is_empty() {
                continue;
            }
            // The strongest stated combination: silent if any pair overlaps.
            let r = rs
                .iter()
                .max_by_key(|s| s.kind.level.count(n_value))
                .expect("non-empty");
            let w = ws
                .iter()
                .max_by_key(|s| s.kind.level.count(n_value))
                .expect("non-empty");
            let (r_value, w_value) = (r.kind.level.count(n_value), w.kind.level.count(n_value));
            if r_value + w_value > n_value {
                continue;
            }
            // The claim in the same paragraph, else in the same feature
            // (a "Requirements:" line of the section).
            let claim = decisions
                .in_unit(statement.unit)
                .find_map(|s| {
                    s.signal(|k| k == Signal::Strong(Subject::Explicit))
                        .map(|f| (s, f))
                })
                .or_else(|| {
                    decisions.in_feature(doc, statement).find_map(|s| {
                        s.signal(|k| k == Signal::Strong(Subject::Explicit))
                            .map(|f| (s, f))
                    })
                });
            let Some((_, claim)) = claim else { continue };
            let same_line = doc.line_col(r.range.start).line == doc.line_col(w.range.end).line
                && doc.line_col(w.range.start).line == doc.line_col(r.range.end).line;
            let range = if same_line {
                TextRange::new(
                    r.range.start.min(w.range.start),
                    r.range.end.max(w.range.end),
                )
            } else {
                w.range
            };
            out.push(
                Self::META
                    .finding(
                        range,
                        format!(
                            "R + W = {r_value} + {w_value} = {} is not greater than N = {n_value}, so reads can miss the latest write",
                            r_value + w_value
                        ),
                    )
                    .help(format!(
                        "Use R + W > N, e.g. QUORUM reads and writes (R = W = {}), or drop the strong-consistency claim.",
                        n_value / 2 + 1
                    ))
                    .related(n.range, "replication factor")
                    .related(claim.range, "claims strong consistency"),
            );
        }
    }
}
