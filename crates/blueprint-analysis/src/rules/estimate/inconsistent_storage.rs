use std::collections::{HashMap, HashSet};

use super::{factor, times};
use crate::quantity::{
    DAY, Quantity, QuantityKind, QuantityModel, human, human_bytes, human_duration, storage_bytes,
};
use crate::{Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a storage total that disagrees by more than 2x with items x size
    /// x retention stated beside it: an explicit product ("2B × 1 KB × 90 ≈
    /// 18 TB") or a size and a retention next to a total, with the item rate
    /// stated elsewhere in the same estimate.
    ///
    /// ## Why is this bad?
    /// Storage totals decide the store, the disks, the number of shards and
    /// the bill. A total that is 10x too small hides the need to shard or to
    /// tier old data; one that is 10x too big buys machines nobody needs.
    ///
    /// ## Example
    /// ```markdown
    /// - 2B events/day, 1 KB each, kept 90 days: 2B × 1 KB × 90 ≈ 18 TB.
    /// ```
    ///
    /// ## Use instead
    /// Multiply it out, with the units written down:
    /// ```markdown
    /// - 2B events/day × 1 KB × 90 days ≈ 180 TB (before replication).
    /// ```
    pub struct InconsistentStorage {
        id: "estimate/inconsistent-storage",
        severity: Warning,
        summary: "A stated storage total disagrees by more than 2x with items x size x retention stated beside it.",
    }
}

fn is_times(between: &str) -> bool {
    matches!(between.trim(), "×" | "x" | "X" | "*" | "·" | "⋅")
}

fn is_result(between: &str) -> bool {
    let t = between.trim().to_ascii_lowercase();
    matches!(
        t.as_str(),
        "≈" | "="
            | "~"
            | "~="
            | "≈ about"
            | "→"
            | "->"
            | "=>"
            | "is"
            | "is about"
            | "is around"
            | "≈ ~"
            | "= ~"
            | "which is"
            | "so"
            | "so about"
            | "or about"
            | "gives"
    )
}

/// The number a factor contributes: bytes for sizes, the written number
/// otherwise ("90 days" → 90, "2B events/day" → 2e9).
fn factor_value(q: &Quantity) -> f64 {
    match q.kind {
        QuantityKind::Bytes => q.value,
        _ => q.number,
    }
}

/// Explicit products in one sentence: `(factors, result)`.
fn products<'q>(text: &str, quantities: &'q [Quantity]) -> Vec<(Vec<&'q Quantity>, &'q Quantity)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < quantities.len() {
        let mut chain = vec![&quantities[i]];
        let mut j = i;
        while j + 1 < quantities.len()
            && is_times(&text[quantities[j].local.end..quantities[j + 1].local.start])
        {
            j += 1;
            chain.push(&quantities[j]);
        }
        if chain.len() >= 2 && j + 1 < quantities.len() {
            let result = &quantities[j + 1];
            if result.kind == QuantityKind::Bytes
                && is_result(&text[quantities[j].local.end..result.local.start])
            {
                out.push((chain, result));
            }
        }
        i = j + 1;
    }
    out
}

/// A byte amount followed by a period ("per day", "a month", "/day",
/// "daily") is a growth rate.
fn is_growth(doc: &crate::document::Document, q: &Quantity) -> bool {
    let own = doc.text(q.range).to_ascii_lowercase();
    if own.contains(" per ") || own.contains('/') {
        return true;
    }
    let after: String = doc.source()[q.range.end..]
        .trim_start()
        .chars()
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    [
        "per ", "a day", "a week", "a month", "a year", "/day", "/d", "/month", "/mo", "/year",
        "/yr", "each ", "every ", "daily", "weekly", "monthly", "yearly",
    ]
    .iter()
    .any(|w| after.starts_with(w))
}

const STOP: &[&str] = &[
    "each", "about", "around", "kept", "keep", "years", "year", "bytes", "byte", "days", "day",
    "month", "months", "the", "and", "for", "are", "is", "so", "storage", "stored", "total",
    "which", "with", "per", "average", "on", "of", "a", "an", "we", "to", "in", "at", "that",
];

fn content_words(text: &str) -> HashSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2 && w.chars().any(char::is_alphabetic))
        .map(|w| w.to_ascii_lowercase().trim_end_matches('s').to_string())
        .filter(|w| !STOP.contains(&w.as_str()) && w.len() > 2)
        .collect()
}

/// Rates by the content words of their sentence, per section and doc-wide.
/// Posting lists are capped so a doc that repeats a word in every sentence
/// stays linear.
struct RateIndex<'q> {
    by_section: HashMap<(usize, String), Vec<&'q Quantity>>,
    by_word: HashMap<String, Vec<&'q Quantity>>,
}

const MAX_POSTINGS: usize = 32;

impl<'q> RateIndex<'q> {
    fn build(cx: &RuleContext<'_>, model: &'q QuantityModel) -> RateIndex<'q> {
        let mut by_section: HashMap<(usize, String), Vec<&'q Quantity>> = HashMap::new();
        let mut by_word: HashMap<String, Vec<&'q Quantity>> = HashMap::new();
        let mut cached: Option<(usize, HashSet<String>)> = None;
        for q in model.quantities.iter().filter(|q| q.is_rate()) {
            if cached.as_ref().is_none_or(|(s, _)| *s != q.sentence) {
                let words = content_words(cx.doc.sentence_text(&cx.doc.sentences[q.sentence]));
                cached = Some((q.sentence, words));
            }
            let section = cx.doc.sentences[q.sentence].section;
            for word in cached.as_ref().map(|(_, w)| w).into_iter().flatten() {
                let list = by_section.entry((section, word.clone())).or_default();
                if list.len() < MAX_POSTINGS {
                    list.push(q);
                }
                let list = by_word.entry(word.clone()).or_default();
                if list.len() < MAX_POSTINGS {
                    list.push(q);
                }
            }
        }
        RateIndex {
            by_section,
            by_word,
        }
    }

    /// Rates whose sentence shares a word with `words`, in one section or anywhere.
    fn lookup(&self, words: &HashSet<String>, section: Option<usize>) -> Vec<&'q Quantity> {
        let mut out: Vec<&'q Quantity> = Vec::new();
        for word in words {
            let list = match section {
                Some(s) => self.by_section.get(&(s, word.clone())),
                None => self.by_word.get(word),
            };
            for q in list.into_iter().flatten() {
                if !out.iter().any(|o| std::ptr::eq(*o, *q)) {
                    out.push(q);
                }
            }
        }
        out.sort_by_key(|q| q.range.start);
        out
    }
}

impl InconsistentStorage {
    fn explicit(
        &self,
        cx: &RuleContext<'_>,
        model: &QuantityModel,
        out: &mut Vec<Finding>,
    ) -> HashSet<usize> {
        let mut blocks_with_products = HashSet::new();
        for (index, sentence) in cx.doc.sentences.iter().enumerate() {
            let text = cx.doc.sentence_text(sentence);
            for (chain, result) in products(text, model.in_sentence(index)) {
                blocks_with_products.insert(sentence.block);
                let sizes = chain
                    .iter()
                    .filter(|q| q.kind == QuantityKind::Bytes)
                    .count();
                if sizes != 1 {
                    continue;
                }
                let product: f64 = chain.iter().map(|q| factor_value(q)).product();
                let f = factor(product, result.value);
                if f <= 2.0 {
                    continue;
                }
                let first = chain[0].range;
                let last = chain[chain.len() - 1].range;
                let expression = cx.doc.text(TextRange::new(first.start, last.end));
                out.push(
                    Self::META
                        .finding(
                            result.range,
                            format!(
                                "`{}` does not match `{expression}`, which is about {} ({} apart)",
                                cx.doc.text(result.range),
                                human_bytes(product),
                                times(f)
                            ),
                        )
                        .related(first.cover(last), "the product this total should equal")
                        .help("Multiply it out with the units written down (items × bytes per item × retention) and fix whichever figure is wrong."),
                );
            }
        }
        blocks_with_products
    }

    /// Size and retention beside a total, with the item rate stated in the
    /// same section by a sentence about the same things.
    fn implicit(
        &self,
        cx: &RuleContext<'_>,
        model: &QuantityModel,
        skip: &HashSet<usize>,
        out: &mut Vec<Finding>,
    ) {
        let doc = cx.doc;
        let mut index: Option<RateIndex<'_>> = None;
        let mut i = 0;
        while i < doc.sentences.len() {
            let block = doc.sentences[i].block;
            let mut j = i;
            while j < doc.sentences.len() && doc.sentences[j].block == block {
                j += 1;
            }
            let range = i..j;
            i = j;
            if skip.contains(&block) {
                continue;
            }
            let quantities: Vec<&Quantity> =
                range.clone().flat_map(|s| model.in_sentence(s)).collect();
            let size = quantities
                .iter()
                .find(|q| q.kind == QuantityKind::Bytes && q.value < 1e8 && q.noun.is_none());
            let retention = quantities
                .iter()
                .find(|q| q.kind == QuantityKind::Duration && q.value >= DAY);
            let (Some(size), Some(retention)) = (size, retention) else {
                continue;
            };
            // "62 GB per day" is growth, not the total kept for the retention.
            let Some(total) = quantities.iter().find(|q| {
                q.kind == QuantityKind::Bytes
                    && q.value >= 1e9
                    && q.range.start > size.range.start
                    && !is_growth(doc, q)
            }) else {
                continue;
            };
            if quantities.iter().any(|q| q.is_rate()) {
                // The rate is stated beside the total: only explicit products are checked.
                continue;
            }
            let words: HashSet<String> = range
                .clone()
                .flat_map(|s| content_words(doc.sentence_text(&doc.sentences[s])))
                .collect();
            let section = doc.sentences[range.start].section;
            let index = index.get_or_insert_with(|| RateIndex::build(cx, model));
            let mut candidates = index.lookup(&words, Some(section));
            // The rates may be stated once for the whole doc (under Requirements).
            if candidates.is_empty() {
                candidates = index.lookup(&words, None);
            }
            let expected: Vec<(f64, &Quantity)> = candidates
                .iter()
                .filter_map(|q| {
                    q.per_second()
                        .map(|r| (storage_bytes(r, retention.value, size.value), *q))
                })
                .collect();
            if expected.is_empty() || expected.iter().any(|(e, _)| factor(*e, total.value) <= 2.0) {
                continue;
            }
            let (value, rate) = expected
                .iter()
                .min_by(|a, b| factor(a.0, total.value).total_cmp(&factor(b.0, total.value)))
                .copied()
                .expect("non-empty");
            let f = factor(value, total.value);
            out.push(
                Self::META
                    .finding(
                        total.range,
                        format!(
                            "`{}` does not match {} × {} × {}, which is about {} ({} apart)",
                            doc.text(total.range),
                            doc.text(rate.range),
                            human_bytes(size.value),
                            human_duration(retention.value),
                            human_bytes(value),
                            times(f)
                        ),
                    )
                    .related(rate.range, format!("the item rate: about {}/s", human(rate.per_second().unwrap_or(0.0))))
                    .related(size.range, "the size of one item")
                    .help("Multiply it out with the units written down (items × bytes per item × retention) and fix whichever figure is wrong."),
            );
        }
    }
}

impl Rule for InconsistentStorage {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.models.quantities(cx.doc);
        let skip = self.explicit(cx, model, out);
        self.implicit(cx, model, &skip, out);
    }
}
