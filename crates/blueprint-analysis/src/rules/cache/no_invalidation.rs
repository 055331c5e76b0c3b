use std::sync::LazyLock;

use super::cache_intro;
use crate::prose::{Lexicon, polarity};
use crate::sharding::scope::SectionFlags;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a cache the doc introduces ("Redis caches each user's feed page",
    /// "answers are cached in Memcached") when the feature says nothing about
    /// how entries expire or are invalidated: no TTL, no eviction policy, no
    /// delete or update on write, no immutability.
    ///
    /// ## Why is this bad?
    /// Without a TTL or invalidation, a cache serves whatever it first stored
    /// until memory pressure evicts it: deleted photos keep appearing, opt-outs
    /// are ignored, renamed products keep their old names. And without an
    /// eviction policy a full cache either errors or evicts at random.
    ///
    /// ## Example
    /// ```markdown
    /// Redis sits in front of the preferences service and caches its answers.
    /// ```
    ///
    /// ## Use instead
    /// State the TTL and what deletes or updates an entry when the source
    /// changes:
    /// ```markdown
    /// Redis caches preference answers for 10 minutes; the preferences service
    /// deletes a user's entries whenever they change a setting.
    /// ```
    pub struct NoInvalidation {
        id: "cache/no-invalidation",
        severity: Warning,
        summary: "A cache is introduced with no TTL, eviction or invalidation strategy.",
    }
}

static INVALIDATION: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "TTL",
            "TTLs",
            "expire",
            "expires",
            "expired",
            "expiry",
            "expiration",
            "max-age",
            "max age",
            "s-maxage",
            "Cache-Control",
            "evict",
            "evicts",
            "evicted",
            "eviction",
            "LRU",
            "LFU",
            "allkeys-lru",
            "invalidate",
            "invalidates",
            "invalidated",
            "invalidation",
            "purge",
            "purges",
            "purged",
            "deleted when",
            "delete the entry",
            "deletes the cached",
            "deletes the entry",
            "deletes its",
            "delete-on-write",
            "delete on write",
            "write-through",
            "write through",
            "refreshed",
            "refresh",
            "refreshes",
            "rewritten",
            "immutable",
            "versioned keys",
            "versioned key",
            "bust",
            "busted",
            "stale-while-revalidate",
            "for a year",
            "for 1 year",
            "seconds",
            "minutes",
            "hours",
            "min",
            "TTL-based",
            "cache key includes",
            "失效",
            "过期",
            "有効期限",
        ]
        .map(|w| (w, ())),
    )
});

impl Rule for NoInvalidation {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let flags = SectionFlags::build(doc, &INVALIDATION);
        let quantities = cx.models.quantities(doc);
        let mut reported = Vec::new();
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let Some(m) = cache_intro(doc, sentence) else {
                continue;
            };
            if reported.contains(&sentence.section) {
                continue;
            }
            // "cached for 30 s" states its TTL as a duration.
            let text = doc.sentence_text(sentence);
            let has_duration = quantities.in_sentence(i).iter().any(|q| {
                let before = text[..q.local.start].to_ascii_lowercase();
                let before = before.trim_end();
                q.kind == crate::quantity::QuantityKind::Duration
                    && q.value >= 1.0
                    && [
                        "for",
                        "ttl",
                        "ttl of",
                        "after",
                        "expire after",
                        "max-age",
                        "of",
                    ]
                    .iter()
                    .any(|w| before.ends_with(w))
            });
            if has_duration
                || flags.in_scope(doc, sentence.section).is_some()
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
                            "`{}`: this cache has no TTL, eviction or invalidation, so it can serve stale or deleted data indefinitely",
                            &text[m.start..m.end]
                        ),
                    )
                    .help("State a TTL and what deletes or updates an entry when the source changes (delete-on-write, write-through, versioned keys)."),
            );
        }
    }
}
