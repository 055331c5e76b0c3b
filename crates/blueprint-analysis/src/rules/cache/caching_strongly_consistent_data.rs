use std::sync::LazyLock;

use super::cache_intro;
use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags balances, stock counts, permissions or roles served from a cache
    /// that can be stale (a TTL cache, a local in-memory cache, a Memcached
    /// layer).
    ///
    /// ## Why is this bad?
    /// These values guard decisions that must see the latest write: a revoked
    /// permission keeps working for the cache's TTL, a balance shown from the
    /// cache lets a user spend money twice, a stale stock count oversells.
    /// Caching them trades correctness for latency in exactly the places
    /// where correctness is the requirement.
    ///
    /// ## Example
    /// ```markdown
    /// Each API gateway instance caches a user's roles and permissions in
    /// local memory for 15 minutes.
    /// ```
    ///
    /// ## Use instead
    /// Read the value from the source of truth on the decision path; cache
    /// only for display, or invalidate on every change and bound the staleness:
    /// ```markdown
    /// The gateway checks permissions against the identity service (p99 2 ms);
    /// revocations publish an event that evicts the user's cached roles at once.
    /// ```
    pub struct CachingStronglyConsistentData {
        id: "cache/caching-strongly-consistent-data",
        severity: Warning,
        summary: "Balances, stock counts or permissions are served from a cache that can be stale.",
    }
}

static CONSISTENT_DATA: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "balance",
            "balances",
            "account balance",
            "stock count",
            "stock counts",
            "stock levels",
            "stock level",
            "inventory count",
            "inventory counts",
            "available stock",
            "permissions",
            "permission",
            "roles",
            "entitlements",
            "access rights",
            "ACLs",
            "credit limit",
            "seat availability",
        ]
        .map(|w| (w, ())),
    )
});

static SAFE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "only for display",
            "for display only",
            "display only",
            "badge",
            "never cached",
            "bypass",
            "bypasses",
            "authoritative",
            "source of truth",
            "evicted on every change",
            "invalidated on every",
            "write-through",
        ]
        .map(|w| (w, ())),
    )
});

/// A cache layer named in the sentence even without a caching verb: "reads
/// balances through a Memcached layer".
static CACHE_LAYER: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(&["Memcached", "cache", "cached", "caches", "caching"].map(|w| (w, ())))
});

/// "balances are served from a Redis cache", "reads balances through a
/// Memcached layer" — but not "excluded from the fragment cache".
fn served_through_cache(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        " served from ",
        " read from ",
        " reads ",
        " through ",
        " via ",
    ]
    .iter()
    .any(|w| lower.contains(w))
        && !["exclude", "remove", "bypass", "never", "instead of"]
            .iter()
            .any(|w| lower.contains(w))
}

impl Rule for CachingStronglyConsistentData {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let mut last_block = None;
        for sentence in &doc.sentences {
            if last_block == Some(sentence.block) {
                continue;
            }
            let text = doc.sentence_text(sentence);
            let Some(data) = CONSISTENT_DATA.first(text) else {
                continue;
            };
            let cache = match cache_intro(doc, sentence) {
                Some(m) => m,
                None => match CACHE_LAYER.first(text) {
                    Some(m) if served_through_cache(text) => m,
                    _ => continue,
                },
            };
            if SAFE.contains(text) {
                continue;
            }
            if !polarity::of_match(doc, sentence, cache.start).is_asserted()
                || !polarity::of_match(doc, sentence, data.start).is_asserted()
            {
                continue;
            }
            last_block = Some(sentence.block);
            let what = &text[data.start..data.end];
            out.push(
                Self::META
                    .finding(
                        doc.sentence_span(sentence, data.start.min(cache.start)..data.end.max(cache.end)),
                        format!("{what} are served from a cache that can be stale, but decisions on them must see the latest write"),
                    )
                    .help("Read balances, stock and permissions from the source of truth on the decision path; cache only for display, or invalidate on every change."),
            );
        }
    }
}
