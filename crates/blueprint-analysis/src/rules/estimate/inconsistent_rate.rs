use super::{factor, times};
use crate::prose::polarity;
use crate::quantity::{HOUR, Quantity, human};
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a per-second (or per-minute) rate that disagrees by more than 2x
    /// with the daily, monthly or yearly volume stated beside it in the same
    /// sentence. A rate marked as a peak may exceed the average by up to 10x.
    ///
    /// ## Why is this bad?
    /// Capacity estimates drive the choice of store, the number of machines
    /// and whether to shard at all. 100M requests a day is about 1,160 per
    /// second; a doc that says 100/s (or 10,000/s) beside it sizes everything
    /// else on a number that is off by an order of magnitude, and reviewers
    /// cannot tell which of the two is meant.
    ///
    /// ## Example
    /// ```markdown
    /// New links: 100M per month, which is about 400 writes/s.
    /// ```
    ///
    /// ## Use instead
    /// Redo the division (a day has 86,400 seconds, a month about 2.6M) and
    /// state the peak separately:
    /// ```markdown
    /// New links: 100M per month ≈ 40 writes/s on average, ~200/s at peak.
    /// ```
    pub struct InconsistentRate {
        id: "estimate/inconsistent-rate",
        severity: Warning,
        summary: "A stated per-second rate disagrees by more than 2x with the daily or monthly volume stated beside it.",
    }
}

/// How much a stated peak may exceed the average before it is implausible.
const MAX_PEAK_FACTOR: f64 = 10.0;

fn singular(word: &str) -> String {
    word.trim_end_matches('s').to_ascii_lowercase()
}

/// Nouns that name different things ("writes" vs "reads").
fn different_things(a: &Quantity, b: &Quantity) -> bool {
    let (Some(x), Some(y)) = (a.noun.as_deref(), b.noun.as_deref()) else {
        return false;
    };
    let xs: Vec<String> = x.split_whitespace().map(singular).collect();
    !y.split_whitespace().map(singular).any(|w| xs.contains(&w))
}

/// The second figure is stated as the first one converted ("2 billion views
/// per month, which works out to 8,000 reads/s"): one quantity, whatever the
/// nouns.
fn stated_as_derived(text: &str, a: &Quantity, b: &Quantity) -> bool {
    let (first, second) = if a.local.start <= b.local.start {
        (a, b)
    } else {
        (b, a)
    };
    if first.local.end > second.local.start {
        return false;
    }
    let between = text[first.local.end..second.local.start].to_ascii_lowercase();
    [
        "works out to",
        "which is",
        "that is",
        "i.e.",
        "comes to",
        "amounts to",
        "translates to",
        "≈",
        " = ",
    ]
    .iter()
    .any(|cue| between.contains(cue))
}

/// A rate per user or per sensor ("6 readings/min per sensor").
fn per_entity(text: &str, q: &Quantity) -> bool {
    let after = text[q.local.end..].trim_start().to_ascii_lowercase();
    after.starts_with("each")
        || after
            .strip_prefix("per ")
            .is_some_and(|rest| !rest.starts_with("second") && !rest.starts_with("day"))
}

/// A factor of a product ("2M meters × 1 reading/min"): a per-item rate.
fn is_factor(text: &str, q: &Quantity) -> bool {
    let before = text[..q.local.start].trim_end();
    let after = text[q.local.end..].trim_start();
    before.ends_with(['×', '*']) || before.ends_with(" x") || after.starts_with(['×', '*'])
}

/// Inside a quotation ("A reader who sees "100M/day, 100/s" can tell"): an
/// example, not the doc's estimate.
fn quoted(text: &str, q: &Quantity) -> bool {
    let before = &text[..q.local.start];
    let straight = before.matches('"').count() % 2 == 1;
    let curly = before.matches('“').count() > before.matches('”').count();
    straight || curly
}

impl Rule for InconsistentRate {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.models.quantities(cx.doc);
        for (index, sentence) in cx.doc.sentences.iter().enumerate() {
            if matches!(
                cx.doc.blocks[sentence.block].kind,
                crate::document::ProseKind::Heading(_)
            ) {
                continue;
            }
            let text = cx.doc.sentence_text(sentence);
            let rates: Vec<&Quantity> = model
                .in_sentence(index)
                .iter()
                .filter(|q| {
                    q.is_rate() && !per_entity(text, q) && !is_factor(text, q) && !quoted(text, q)
                })
                .collect();
            // Each figure pairs with at most one neighbour: "35 writes/s
            // (3M/day), 4,600 increments/s (400M/day)" is two estimates.
            let mut i = 0;
            while i + 1 < rates.len() {
                let (a, b) = (rates[i], rates[i + 1]);
                i += 1;
                let (Some(pa), Some(pb)) = (a.period(), b.period()) else {
                    continue;
                };
                let (fast, slow) = if pa <= 60.0 && pb >= HOUR {
                    (a, b)
                } else if pb <= 60.0 && pa >= HOUR {
                    (b, a)
                } else {
                    continue;
                };
                i += 1;
                if different_things(a, b) && !stated_as_derived(text, a, b) {
                    continue;
                }
                let (Some(fast_rate), Some(slow_rate)) = (fast.per_second(), slow.per_second())
                else {
                    continue;
                };
                let f = factor(fast_rate, slow_rate);
                let inconsistent = if fast.peak && !slow.peak {
                    fast_rate > slow_rate * MAX_PEAK_FACTOR || fast_rate * 2.0 < slow_rate
                } else {
                    f > 2.0
                };
                if !inconsistent {
                    continue;
                }
                let derived = if fast.period() == Some(1.0) {
                    format!("{}/s", human(slow_rate))
                } else {
                    format!("{}/min", human(slow_rate * 60.0))
                };
                let message = if fast.peak {
                    format!(
                        "`{}` (peak) is {} the average of `{}` (about {derived}): more than a peak can explain",
                        cx.doc.text(fast.range),
                        times(f),
                        cx.doc.text(slow.range),
                    )
                } else {
                    format!(
                        "`{}` does not match `{}` beside it: that is about {derived} ({} apart)",
                        cx.doc.text(fast.range),
                        cx.doc.text(slow.range),
                        times(f),
                    )
                };
                if !polarity::of_match(cx.doc, sentence, b.local.start).is_asserted() {
                    continue;
                }
                out.push(
                    Self::META
                        .finding(b.range, message)
                        .related(a.range, "the other figure of this estimate")
                        .help("Redo the conversion (a day has 86,400 s, a month about 2.6M s) and state the peak separately from the average."),
                );
            }
        }
    }
}
