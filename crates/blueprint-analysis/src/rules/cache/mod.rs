//! `cache/*`: caches and their staleness.

mod caching_strongly_consistent_data;
mod no_invalidation;

pub use caching_strongly_consistent_data::CachingStronglyConsistentData;
pub use no_invalidation::NoInvalidation;

use std::sync::LazyLock;

use crate::document::{Document, ProseKind, Sentence};
use crate::prose::{Lexicon, WordMatch};

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[&NoInvalidation, &CachingStronglyConsistentData];

/// Words that introduce a cache the design commits to.
static CACHE_INTRO: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "caches",
            "is cached",
            "are cached",
            "be cached",
            "get cached",
            "gets cached",
            "we cache",
            "will cache",
            "to cache",
            "cache layer",
            "caching layer",
            "Memcached layer",
            "read-through cache",
            "cache-aside",
            "look-aside cache",
            "in-memory cache",
            "local cache",
            "cached in",
            "cached at",
            "cached for",
            "cache in front",
            "as a cache",
            "add a cache",
            "adds a cache",
            "as the cache",
            "キャッシュする",
            "缓存",
        ]
        .map(|w| (w, ())),
    )
});

/// The first words in a sentence that commit to a cache, unless the sentence
/// is a heading, past tense ("stock was decremented in a cache") or code.
pub(crate) fn cache_intro(doc: &Document, sentence: &Sentence) -> Option<WordMatch<()>> {
    if matches!(doc.blocks[sentence.block].kind, ProseKind::Heading(_)) {
        return None;
    }
    let text = doc.sentence_text(sentence);
    let m = CACHE_INTRO.first(text)?;
    if doc.sentence_is_code(sentence, m.start) {
        return None;
    }
    // A comparison, not a cache: "reads behave like cache-aside".
    let before = text[..m.start].trim_end().to_ascii_lowercase();
    if [" like", " unlike", " such as", " similar to"]
        .iter()
        .any(|w| format!(" {before}").ends_with(w))
    {
        return None;
    }
    // "caches" is a verb ("Redis caches each user's page"), not the plural
    // noun ("sessions and caches", "caches and replicas scale reads").
    if text[m.start..m.end].eq_ignore_ascii_case("caches") {
        let next = text[m.end..]
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let previous = text[..m.start]
            .split_whitespace()
            .next_back()
            .unwrap_or("")
            .to_ascii_lowercase();
        let object = matches!(
            next.as_str(),
            "its"
                | "each"
                | "the"
                | "a"
                | "an"
                | "their"
                | "every"
                | "all"
                | "our"
                | "them"
                | "it"
                | "results"
                | "responses"
                | "answers"
                | "pages"
                | "rendered"
                | "hot"
        ) || next.ends_with("'s");
        let subject = !matches!(
            previous.as_str(),
            "the" | "of" | "its" | "catalog" | "two" | "many" | "with"
        );
        if !(object && subject) {
            return None;
        }
    }
    // A comparison or an example, not a cache the doc introduces: "reads
    // behave like cache-aside", "a library such as a caching proxy".
    let clause = text[..m.start]
        .rsplit([',', ';', ':', '('])
        .next()
        .unwrap_or("");
    let clause = format!(" {} ", clause.to_ascii_lowercase());
    if [
        " like ",
        " such as ",
        " e.g. ",
        " for example ",
        " unlike ",
        " similar to ",
    ]
    .iter()
    .any(|w| clause.contains(w))
    {
        return None;
    }
    // Past or existing state, not the design: "stock was decremented in a
    // cache", "order pages are already cached", a post-mortem's root cause.
    let lower = format!(" {} ", text.to_ascii_lowercase());
    if [
        " was ",
        " were ",
        "last year",
        "used to",
        "previously",
        "today's",
        " already ",
        " moved ",
        " had ",
        " caused ",
        " noticed ",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return None;
    }
    let retrospective = doc.section_and_ancestors(sentence.section).any(|s| {
        let title = s.title.to_ascii_lowercase();
        [
            "root cause",
            "incident",
            "timeline",
            "what happened",
            "what went wrong",
            "context",
            "background",
            "history",
            "current state",
        ]
        .iter()
        .any(|w| title.contains(w))
    });
    (!retrospective).then_some(m)
}
