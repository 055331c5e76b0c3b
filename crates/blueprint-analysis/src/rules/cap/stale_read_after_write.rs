use crate::decisions::FeatureTest;
use std::sync::LazyLock;

use crate::decisions::{Replication, Statement};
use regex::Regex;

use crate::prose::Lexicon;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags reads that must see the user's own write (a profile just
    /// edited, an order just placed, the account just created) served from
    /// asynchronous replicas with no read-your-writes routing.
    ///
    /// ## Why is this bad?
    /// Asynchronous replicas lag the primary by milliseconds to minutes. A
    /// user who saves a change and is redirected to a page read from a
    /// replica sees the old data, retries, and files a bug, even though the
    /// write succeeded.
    ///
    /// ## Example
    /// ```markdown
    /// After a user edits their profile, the profile page is read from the
    /// asynchronous read replicas like all other reads.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// For 10 seconds after a write, a user's own reads go to the primary
    /// (read-your-writes); other reads use the replicas.
    /// ```
    pub struct StaleReadAfterWrite {
        id: "cap/stale-read-after-write",
        severity: Warning,
        summary: "Reads that must see the user's own write go to asynchronous replicas with no read-your-writes routing.",
    }
}

/// A read that follows the user's own write.
static AFTER_OWN_WRITE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "right after",
            "immediately after",
            "just after",
            "directly after",
            "after a user edits",
            "after the user edits",
            "after a user updates",
            "after the user updates",
            "after a user changes",
            "after saving",
            "after checkout",
            "after sign-up",
            "after signing up",
            "then calls",
            "then reads",
            "then loads",
            "then fetches",
            "redirects to",
            "redirected to",
            "just placed",
            "just edited",
            "just created",
            "just updated",
            "just saved",
            "their own changes",
            "their own write",
            "their own writes",
            "own edits",
        ]
        .map(|w| (w, ())),
    )
});

/// A user's own write followed by a read in one sentence.
static WRITE_THEN_READ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:when|after|once|as soon as)\s+(?:a|an|the|their)?\s*[\w-]+\s+(?:updates?|edits?|changes?|saves?|places?|creates?|submits?|posts?|deletes?)\b[^.;]{0,80}?\b(?:re-reads?|rereads?|reloads?|refresh(?:es)?|reads?|fetch(?:es)?|loads?)\b")
        .expect("valid regex")
});

fn replica_read(statement: &Statement) -> Option<&crate::decisions::Fact<Replication>> {
    statement.replication(|r| r == Replication::Replica)
}

impl Rule for StaleReadAfterWrite {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        let mut routed = FeatureTest::new(decisions, doc, |s: &Statement| {
            s.replication_mentioned(|r| {
                matches!(r, Replication::ReadYourWrites | Replication::Sync)
            })
            .is_some()
        });
        for statement in &decisions.statements {
            let Some(replica) = replica_read(statement) else {
                continue;
            };
            let text = statement.text(doc).to_ascii_lowercase();
            if !(text.contains("read") || text.contains("served") || text.contains("get ")) {
                continue;
            }
            // "a SELECT right after an UPDATE may hit a lagging replica" warns;
            // it does not design the read path.
            if [" may ", " might ", " could "]
                .iter()
                .any(|m| text.contains(m))
            {
                continue;
            }
            let cue = decisions
                .in_unit(statement.unit)
                .filter(|s| s.sentence <= statement.sentence)
                .find_map(|s| s.asserted(doc, &AFTER_OWN_WRITE).map(|f| (s, f)));
            // "When a courier updates their details, the app re-reads the
            // profile from the nearest read replica."
            let sentence = &doc.sentences[statement.sentence];
            let cue = cue.or_else(|| {
                let text = statement.text(doc);
                let m = WRITE_THEN_READ.find(text)?;
                crate::prose::polarity::of_match(doc, sentence, m.start())
                    .is_asserted()
                    .then(|| {
                        let range = doc.sentence_span(sentence, m.range());
                        (
                            statement,
                            crate::decisions::Fact {
                                kind: (),
                                local: m.range(),
                                range,
                                polarity: crate::prose::Polarity::Asserted,
                            },
                        )
                    })
            });
            let Some((cue_statement, cue)) = cue else {
                continue;
            };
            if routed.holds(statement) {
                continue;
            }
            // "asynchronous read replicas": underline the mode with the replicas.
            let range = statement
                .replication(|r| r == Replication::Async)
                .filter(|a| {
                    a.range.end <= replica.range.start && replica.range.start - a.range.end <= 12
                })
                .map_or(replica.range, |a| a.range.cover(replica.range));
            let mut finding = Self::META
                .finding(
                    range,
                    "A read that must see the user's own write is served from replicas that can lag the primary",
                )
                .help("Route the user's reads to the primary for a short window after a write (read-your-writes), or wait until the replica has applied the write's position.");
            finding = if cue_statement.sentence == statement.sentence {
                finding.related(cue.range, "the read follows the user's write")
            } else {
                finding.related(cue_statement.range, "the read follows the user's write")
            };
            out.push(finding);
        }
    }
}
