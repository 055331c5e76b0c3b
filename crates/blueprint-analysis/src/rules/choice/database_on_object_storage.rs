use std::sync::LazyLock;

use regex::Regex;

use crate::decisions::Family;
use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags object storage (S3, GCS, Azure Blob) used for low-latency
    /// read-modify-write on every request, or to host a database file
    /// (SQLite on a mounted bucket).
    ///
    /// ## Why is this bad?
    /// Object storage is built for large, immutable objects: each request
    /// costs tens of milliseconds and money, there is no locking, so two
    /// concurrent read-modify-write cycles lose one update, and a mounted
    /// bucket (s3fs) gives a database none of the file-system guarantees it
    /// relies on (atomic renames, `fsync`, byte-range writes).
    ///
    /// ## Example
    /// ```markdown
    /// The leaderboard API reads and rewrites `scores/{game}.json` in S3 on
    /// every submission.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Scores go to a Redis sorted set (persisted to PostgreSQL); S3 keeps the
    /// nightly leaderboard snapshot.
    /// ```
    pub struct DatabaseOnObjectStorage {
        id: "choice/database-on-object-storage",
        severity: Warning,
        summary: "Object storage is used for low-latency random reads/writes or to host a database.",
    }
}

/// A database file or a mounted bucket.
static HOSTING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(sqlite|database files?|db files?|mounted|s3fs|gcsfuse|mountpoint|as (?:a|the|our) (?:database|key-value store|primary store))\b")
        .expect("valid regex")
});

/// Read-modify-write of an object per request.
static REWRITE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(reads?|reading|fetch(?:es)?)\b[^.;]{0,40}?\b(rewrites?|rewriting|overwrites?|overwriting|re-uploads?|increments?)\b[^.;]{0,60}?\b(every|each|per)\b")
        .expect("valid regex")
});

/// Legitimate object-storage uses in the same sentence.
static ARCHIVAL: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "backup",
            "backups",
            "snapshot",
            "snapshots",
            "archive",
            "archives",
            "archived",
            "WAL",
            "export",
            "exports",
            "exported",
            "Parquet",
            "data lake",
            "Athena",
            "cold storage",
            "Litestream",
        ]
        .map(|w| (w, ())),
    )
});

impl Rule for DatabaseOnObjectStorage {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        for statement in &decisions.statements {
            let Some(store) = statement
                .asserted_stores()
                .find(|s| s.kind.profile().family == Family::ObjectStorage)
            else {
                continue;
            };
            if statement.asserted(doc, &ARCHIVAL).is_some() {
                continue;
            }
            // This sentence, or the next one of its paragraph when it names no
            // store ("Events are kept in S3; the API rewrites the object for
            // each new event.").
            let next = statement.sentence + 1;
            let candidates = std::iter::once(statement.sentence).chain(
                (next < doc.sentences.len()
                    && doc.sentences[next].block == statement.block
                    && decisions
                        .statement_of(next)
                        .is_none_or(|s| s.asserted_stores().next().is_none()))
                .then_some(next),
            );
            let found = candidates.into_iter().find_map(|index| {
                let sentence = &doc.sentences[index];
                let text = doc.sentence_text(sentence);
                let m = HOSTING.find(text).or_else(|| REWRITE.find(text))?;
                polarity::of_match(doc, sentence, m.start())
                    .is_asserted()
                    .then_some((sentence, m))
            });
            let Some((sentence, m)) = found else { continue };
            out.push(
                Self::META
                    .finding(
                        store.range,
                        format!(
                            "`{}` is used as a database (`{}`): every access is a slow, unlocked object request",
                            doc.text(store.range),
                            m.as_str()
                        ),
                    )
                    .help("Keep data that is read and updated per request in a database (or a Redis structure persisted to one); use object storage for whole files, backups and batch exports.")
                    .related(doc.sentence_span(sentence, m.range()), "used as a database here"),
            );
        }
    }
}
