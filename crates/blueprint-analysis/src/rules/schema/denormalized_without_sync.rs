use std::sync::LazyLock;

use crate::prose::{Lexicon, polarity};
use crate::sharding::scope::SectionFlags;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags data copied into another table, document, feed or index ("each
    /// timeline entry embeds the author's display name", "a denormalized
    /// copy of listings") when the feature never says how the copies are kept
    /// up to date.
    ///
    /// ## Why is this bad?
    /// Copies drift. The author renames themselves and ten million feed rows
    /// keep the old name; a price changes and the search index shows the old
    /// one. If the doc does not say who updates the copies (a job, CDC, an
    /// event), nobody builds it, or each writer forgets a different copy.
    ///
    /// ## Example
    /// ```markdown
    /// Each feed item carries a copy of the owner's display name so the feed
    /// can be rendered without a join.
    /// ```
    ///
    /// ## Use instead
    /// Say how the copies follow the source, or that they are intentionally
    /// frozen:
    /// ```markdown
    /// A rename publishes a ProfileChanged event; a worker rewrites the
    /// owner's name in their recent feed items, older items keep the old name.
    /// ```
    pub struct DenormalizedWithoutSync {
        id: "schema/denormalized-without-sync",
        severity: Warning,
        summary: "The doc copies data into another table, document or feed but never says how the copies are kept up to date.",
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Copy {
    /// "denormalized": a copy by definition.
    Denormalized,
    /// "a copy of", "embeds": a copy when it names copied fields.
    Verb,
}

static COPIES: LazyLock<Lexicon<Copy>> = LazyLock::new(|| {
    Lexicon::new(&[
        ("denormalized", Copy::Denormalized),
        ("denormalised", Copy::Denormalized),
        ("denormalize", Copy::Denormalized),
        ("denormalise", Copy::Denormalized),
        ("a copy of", Copy::Verb),
        ("copies of", Copy::Verb),
        ("copies the", Copy::Verb),
        ("copied", Copy::Verb),
        ("embeds", Copy::Verb),
        ("embed", Copy::Verb),
        ("embedded", Copy::Verb),
        ("duplicated", Copy::Verb),
        ("duplicates", Copy::Verb),
        ("stores a copy", Copy::Verb),
        ("keeps a copy", Copy::Verb),
        ("carries a copy", Copy::Verb),
    ])
});

static FIELDS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "name",
            "names",
            "display name",
            "avatar",
            "avatar URL",
            "caption",
            "captions",
            "title",
            "titles",
            "price",
            "prices",
            "author",
            "email",
            "address",
            "profile",
            "username",
            "handle",
            "fields",
            "columns",
            "attributes",
            "bio",
            "description",
            "photo URL",
            "thumbnail",
        ]
        .map(|w| (w, ())),
    )
});

/// A copy of a whole store for another purpose (backups, replicas).
static NOT_DATA_COPY: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "backup",
            "backups",
            "replica",
            "replicas",
            "standby",
            "snapshot",
            "region",
            "regions",
            "warm copy",
            "disaster",
            "archive",
        ]
        .map(|w| (w, ())),
    )
});

static SYNC: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "in sync",
            "sync",
            "synced",
            "syncs",
            "synchronized",
            "synchronised",
            "propagate",
            "propagates",
            "propagated",
            "propagation",
            "updated",
            "update",
            "updates",
            "updating",
            "CDC",
            "Debezium",
            "change data capture",
            "outbox",
            "trigger",
            "triggers",
            "backfill",
            "rebuild",
            "rebuilt",
            "rebuilds",
            "rewrite",
            "rewrites",
            "rewritten",
            "nightly",
            "refresh",
            "refreshed",
            "refreshes",
            "re-render",
            "re-rendered",
            "immutable",
            "at the time of",
            "at order time",
            "at purchase time",
            "historical",
            "as it was",
            "frozen",
            "snapshot semantics",
            "stale",
            "on every change",
            "eventually",
        ]
        .map(|w| (w, ())),
    )
});

impl Rule for DenormalizedWithoutSync {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let synced = SectionFlags::build(doc, &SYNC);
        let mut reported = Vec::new();
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let text = doc.sentence_text(sentence);
            let Some(m) = COPIES.first(text) else {
                continue;
            };
            if m.value == Copy::Verb && !FIELDS.contains(&text[m.end..]) {
                continue;
            }
            if NOT_DATA_COPY.contains(text) || reported.contains(&sentence.section) {
                continue;
            }
            let next = doc.next_in_block(i).is_some_and(|n| SYNC.contains(n));
            if next
                || synced.in_scope(doc, sentence.section).is_some()
                || !polarity::of_match(doc, sentence, m.start).is_asserted()
            {
                continue;
            }
            reported.push(sentence.section);
            out.push(
                Self::META
                    .finding(
                        doc.sentence_span(sentence, m.start..m.end),
                        format!(
                            "`{}`: data is copied here, but nothing says how the copies are updated when the source changes",
                            &text[m.start..m.end]
                        ),
                    )
                    .help("Say how copies follow the source (a job, CDC, an event that rewrites them) or that they are intentionally frozen at write time."),
            );
        }
    }
}
