use std::sync::LazyLock;

use regex::Regex;

use crate::decisions::{Family, Replication};
use crate::prose::polarity;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a single primary database ("one primary, no replica", "a single
    /// PostgreSQL instance") when the doc states no failover or
    /// high-availability plan anywhere.
    ///
    /// ## Why is this bad?
    /// A single primary is a single point of failure: a disk, host or zone
    /// failure takes the whole product down until someone restores a backup,
    /// and everything since the last backup is lost. That can be an
    /// acceptable choice, but it should be a stated one, with the RTO it
    /// implies.
    ///
    /// ## Example
    /// ```markdown
    /// The database is a single PostgreSQL 16 primary with no standby.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// PostgreSQL 16 primary with a synchronous standby in a second zone;
    /// Patroni promotes the standby automatically (RTO about 30 s, RPO 0).
    /// ```
    pub struct NoFailover {
        id: "replication/no-failover",
        severity: Info,
        summary: "A single primary database with no failover or high-availability plan.",
    }
}

/// "single PostgreSQL 16 primary", "one primary", "single instance".
static SINGLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(single|one|1)\s+(?:[\w.-]+\s+){0,3}?(primary|instance|node|server|machine|vm)\b",
    )
    .expect("valid regex")
});

/// "partitioning on one server" (where a table's partitions live) and "fits
/// one primary" (capacity reasoning) do not say how many database servers
/// there are.
fn partitions_located(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end().to_ascii_lowercase();
    let located = ["on", "in", "within", "inside"]
        .iter()
        .any(|w| before.ends_with(&format!(" {w}")) || before == *w);
    // "a few terabytes fit one PostgreSQL primary": capacity reasoning.
    let capacity = [
        "fit", "fits", "fitting", "than", "exceed", "exceeds", "outgrow", "outgrows",
    ]
    .iter()
    .any(|w| before.ends_with(&format!(" {w}")) || before == *w);
    capacity || (located && text.to_ascii_lowercase().contains("partition"))
}

const DATABASE_WORDS: &[&str] = &["database", " db ", "db.", "postgres", "mysql", "sql"];

impl Rule for NoFailover {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        let has_plan = decisions.statements.iter().any(|s| {
            s.replication_mentioned(|r| matches!(r, Replication::Failover | Replication::Sync))
                .is_some()
        });
        if has_plan {
            return;
        }
        for statement in &decisions.statements {
            let sentence = &doc.sentences[statement.sentence];
            let text = statement.text(doc);
            let single = statement
                .replication(|r| r == Replication::SinglePrimary)
                .map(|f| f.local.clone())
                .or_else(|| {
                    SINGLE
                        .find_iter(text)
                        .find(|m| {
                            polarity::of_match(doc, sentence, m.start()).is_asserted()
                                && !partitions_located(text, m.start())
                        })
                        .map(|m| m.range())
                });
            let Some(local) = single else { continue };
            // It must be a database: a relational store named in the unit or
            // a database word in the sentence.
            let lower = format!(" {} ", text.to_ascii_lowercase());
            let database = DATABASE_WORDS.iter().any(|w| lower.contains(w))
                || decisions.in_unit(statement.unit).any(|s| {
                    s.asserted_stores().any(|f| {
                        matches!(
                            f.kind.profile().family,
                            Family::Relational | Family::Document
                        )
                    })
                })
                || decisions
                    .in_section(doc, statement.section)
                    .any(|s| s.is_heading && s.text(doc).to_ascii_lowercase().contains("database"));
            if !database {
                continue;
            }
            let replicas_in_feature = decisions.in_feature(doc, statement).any(|s| {
                s.replication_mentioned(|r| r == Replication::Replica)
                    .is_some()
            });
            // "a single RDS instance (no Multi-AZ)": an explicit "no HA" wins
            // over replicas elsewhere in the feature.
            let explicitly_none = statement.replication.iter().any(|f| {
                f.polarity == crate::prose::Polarity::Negated && f.kind == Replication::Failover
            });
            if replicas_in_feature && !explicitly_none {
                continue;
            }
            let range = doc.sentence_span(sentence, local);
            out.push(
                Self::META
                    .finding(
                        range,
                        "A single primary database with no failover or high-availability plan",
                    )
                    .help("Add a standby (synchronous for RPO 0) with automated failover (Patroni, RDS Multi-AZ, Cloud SQL HA), or state the accepted RTO and RPO of restoring from backup."),
            );
            break;
        }
    }
}
