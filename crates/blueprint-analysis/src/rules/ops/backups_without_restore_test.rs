use std::sync::LazyLock;

use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags backups (nightly dumps, volume snapshots, WAL archiving) that the
    /// doc describes without restore drills, a recovery point objective (RPO)
    /// or a recovery time objective (RTO).
    ///
    /// ## Why is this bad?
    /// A backup that has never been restored is a hope, not a plan: snapshots
    /// turn out inconsistent, archives miss a WAL segment, credentials to the
    /// vault have expired, or restoring 5 TB takes two days. Without an RPO
    /// and RTO nobody can tell whether the schedule is frequent enough.
    ///
    /// ## Example
    /// ```markdown
    /// We take daily snapshots of the database volume and keep them for 30 days.
    /// ```
    ///
    /// ## Use instead
    /// State the objectives and how restores are tested:
    /// ```markdown
    /// Continuous WAL archiving plus daily base backups: RPO 5 min, RTO 1 h. A
    /// restore into a scratch instance runs every week and is checked by a job.
    /// ```
    pub struct BackupsWithoutRestoreTest {
        id: "ops/backups-without-restore-test",
        severity: Info,
        summary: "Backups are described without restore drills, RPO or RTO.",
    }
}

static BACKUPS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "backup",
            "backups",
            "back up",
            "backed up",
            "backing up",
            "snapshot",
            "snapshots",
            "pg_dump",
            "mysqldump",
            "mongodump",
            "WAL archiving",
            "base backup",
            "base backups",
            "PITR",
            "point-in-time recovery",
            "point in time recovery",
            "バックアップ",
            "备份",
        ]
        .map(|w| (w, ())),
    )
});

/// The sentence describes a backup schedule or destination, not the word alone.
static SCHEDULE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "nightly",
            "daily",
            "hourly",
            "weekly",
            "continuous",
            "every night",
            "every day",
            "every hour",
            "every week",
            "continuously",
            "keep",
            "kept",
            "retain",
            "retained",
            "go to",
            "goes to",
            "shipped",
            "copied to",
            "stored in",
            "to S3",
            "S3",
            "Glacier",
            "bucket",
            "offsite",
            "off-site",
            "another region",
            "enabled",
            "retention",
            "automated",
            "automatic",
            "schedule",
            "scheduled",
            "毎日",
            "每天",
        ]
        .map(|w| (w, ())),
    )
});

static RESTORE_TESTED: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "RPO",
            "RTO",
            "recovery point objective",
            "recovery time objective",
            "restore drill",
            "restore drills",
            "restore test",
            "restore tests",
            "test restore",
            "test restores",
            "tested restore",
            "restores are tested",
            "restore is tested",
            "restore is rehearsed",
            "restores are rehearsed",
            "rehearsed",
            "rehearse",
            "rehearsal",
            "game day",
            "DR drill",
            "disaster recovery drill",
            "restore into",
            "restored into",
            "verified by restoring",
            "restore weekly",
            "restored weekly",
            "restore monthly",
        ]
        .map(|w| (w, ())),
    )
});

impl Rule for BackupsWithoutRestoreTest {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        if doc
            .sentences
            .iter()
            .any(|s| RESTORE_TESTED.contains(doc.sentence_text(s)))
        {
            return;
        }
        for sentence in &doc.sentences {
            if matches!(
                doc.blocks[sentence.block].kind,
                crate::document::ProseKind::Heading(_)
            ) {
                continue;
            }
            let text = doc.sentence_text(sentence);
            let Some(m) = BACKUPS.first(text) else {
                continue;
            };
            let lower = text.to_ascii_lowercase();
            // MVCC snapshots are not backups.
            let mvcc = [
                "transaction",
                "isolation",
                "mvcc",
                "statement",
                "bookkeeping",
                "visibility",
            ]
            .iter()
            .any(|w| lower.contains(w));
            if mvcc
                || lower.contains("snapshot read")
                || !SCHEDULE.contains(text)
                || !polarity::of_match(doc, sentence, m.start).is_asserted()
            {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        doc.sentence_span(sentence, m.start..m.end),
                        format!(
                            "`{}` are described, but no restore drill, RPO or RTO: nobody knows whether they restore, or how fast",
                            &text[m.start..m.end]
                        ),
                    )
                    .help("State the RPO and RTO and how restores are tested (e.g. a weekly automated restore into a scratch instance)."),
            );
            return;
        }
    }
}
