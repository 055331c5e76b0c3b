use crate::decisions::FeatureTest;
use std::sync::LazyLock;

use regex::Regex;

use crate::decisions::{Family, Statement};
use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a key-value store (DynamoDB, Riak, ...) chosen for data that the
    /// same paragraph says will be looked up, listed or filtered by
    /// attributes other than its key, with no secondary index or search
    /// index stated.
    ///
    /// ## Why is this bad?
    /// A key-value store finds an item by its key and nothing else. Any other
    /// lookup is a full table scan: slow, expensive (billed per item read)
    /// and throttled as the table grows.
    ///
    /// ## Example
    /// ```markdown
    /// Player records are stored in Riak KV keyed by `player_id`. The support
    /// tool looks players up by email and by nickname.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Players are in DynamoDB keyed by `player_id`, with a global secondary
    /// index on `email` and one on `nickname` for the support tool.
    /// ```
    pub struct KeyValueSecondaryLookup {
        id: "choice/key-value-secondary-lookup",
        severity: Warning,
        summary: "A key-value store is chosen for data the doc will query by attributes other than the key.",
    }
}

/// "looks players up by email", "lists restaurants by cuisine", "filtering ... by `owner_id`".
static LOOKUP_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:looks?|looked|looking)\s+(?:[\w'-]+\s+){0,3}?up\s+by\s+(?P<a>[^.;:()]{1,80})|\b(?:lookups?|quer(?:y|ies|ied|ying)|search(?:es|ed|ing)?|finds?|finding|filter(?:s|ed|ing)?|lists?|listing|fetch(?:es|ed|ing)?|browses?|browsing|sorts?|sorted)\b[^.;:()]{0,50}?\bby\s+(?P<b>[^.;:()]{1,80})")
        .expect("valid regex")
});

/// "keyed by `player_id`", "partition key `code`", "`restaurant_id` as the only key".
static KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bkeyed\s+(?:on|by)\s+(?:the\s+|its\s+)?(?P<a>[\w.]+)|\b(?:partition|primary|hash|row)\s+key\s+(?:is\s+|of\s+)?(?P<b>[\w.]+)|\b(?P<c>[\w.]+)\s+as\s+the\s+(?:only\s+|primary\s+|partition\s+)?key\b")
        .expect("valid regex")
});

/// Secondary access paths that make other lookups cheap.
static INDEXES: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "GSI",
            "GSIs",
            "global secondary index",
            "global secondary indexes",
            "secondary index",
            "secondary indexes",
            "secondary indices",
            "LSI",
            "local secondary index",
            "search index",
            "inverted index",
            "index table",
            "lookup table",
            "index on",
            "indexed by",
        ]
        .map(|w| (w, ())),
    )
});

const NOT_ATTRIBUTES: &[&str] = &[
    "and",
    "or",
    "the",
    "a",
    "an",
    "its",
    "their",
    "his",
    "her",
    "by",
    "key",
    "keys",
    "id",
    "ids",
    "from",
    "same",
    "table",
    "in",
    "on",
    "of",
    "with",
    "to",
    "for",
    "primary",
    "partition",
];

fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect()
}

/// Attributes other than the key that a sentence looks data up by.
fn other_attributes(text: &str, keys: &[String]) -> Option<(std::ops::Range<usize>, Vec<String>)> {
    for caps in LOOKUP_BY.captures_iter(text) {
        let whole = caps.get(0).expect("match");
        let Some(attrs) = caps.name("a").or_else(|| caps.name("b")) else {
            continue;
        };
        // Stop at a clause that moves on ("... by cuisine and postcode from the same table").
        let attrs_text = attrs.as_str();
        let cut = [
            " from ",
            " in ",
            " using ",
            " via ",
            " with ",
            " so ",
            " because ",
            " which ",
        ]
        .iter()
        .filter_map(|w| attrs_text.find(w))
        .min()
        .unwrap_or(attrs_text.len());
        let found: Vec<String> = words(&attrs_text[..cut])
            .into_iter()
            .filter(|w| !NOT_ATTRIBUTES.contains(&w.as_str()))
            .filter(|w| !keys.contains(w))
            .collect();
        if !found.is_empty() {
            let end = attrs.start() + cut;
            return Some((whole.start()..end.max(whole.start() + 1), found));
        }
    }
    None
}

impl Rule for KeyValueSecondaryLookup {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        let mut indexed = FeatureTest::new(decisions, doc, |s: &Statement| {
            s.mentions(doc, &INDEXES).is_some()
                || s.asserted_stores()
                    .any(|f| f.kind.profile().family == Family::Search)
        });
        // Sentence indices per prose block, in document order (built once, so
        // the paragraph scan below is not a scan of the whole document).
        let mut by_block: Vec<Vec<usize>> = vec![Vec::new(); doc.blocks.len()];
        for (index, sentence) in doc.sentences.iter().enumerate() {
            if let Some(list) = by_block.get_mut(sentence.block) {
                list.push(index);
            }
        }
        for statement in &decisions.statements {
            let Some(store) = statement
                .asserted_stores()
                .find(|s| s.kind.profile().family == Family::KeyValue)
            else {
                continue;
            };
            let text = statement.text(doc);
            let keys: Vec<String> = KEY
                .captures_iter(text)
                .filter_map(|c| c.name("a").or(c.name("b")).or(c.name("c")))
                .flat_map(|m| words(m.as_str()))
                .collect();
            // The sentences of its paragraph (or list item) that name no other
            // store: "Support agents find players by email; profiles are
            // stored in DynamoDB keyed by `player_id`."
            let store_id = store.kind.profile().id;
            let mut hit = None;
            let in_block = by_block.get(statement.block).map_or(&[][..], |v| &v[..]);
            for &index in in_block {
                let sentence = &doc.sentences[index];
                let other_store = decisions.statement_of(index).is_some_and(|other| {
                    other
                        .asserted_stores()
                        .any(|f| f.kind.profile().id != store_id)
                });
                if other_store {
                    continue;
                }
                let t = doc.sentence_text(sentence);
                if let Some((local, attrs)) = other_attributes(t, &keys)
                    && polarity::of_match(doc, sentence, local.start).is_asserted()
                {
                    hit = Some((doc.sentence_span(sentence, local), attrs));
                    break;
                }
            }
            let Some((lookup, attrs)) = hit else { continue };
            if indexed.holds(statement) {
                continue;
            }
            let profile = store.kind.profile();
            out.push(
                Self::META
                    .finding(
                        store.range,
                        format!(
                            "{} finds items by key only, but this data is also looked up by {}",
                            profile.name,
                            attrs.join(", ")
                        ),
                    )
                    .help("Add a secondary index for each lookup (a DynamoDB GSI, an index table keyed by the attribute), or keep this data in a store that can index several columns.")
                    .related(lookup, "lookup by another attribute"),
            );
        }
    }
}
