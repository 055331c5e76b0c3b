//! Quantities in prose: numbers with magnitudes and units ("100M", "1.2
//! billion", "50k", "40 per second", "5,000 QPS", "10B per month", "300 GB",
//! "5 years"), normalized to per-second rates, bytes and seconds.
//!
//! Built once per analysis over every sentence of the doc (paragraphs, list
//! items, table cells), in one left-to-right scan per sentence, so the cost is
//! linear in the document. Rules relate the quantities of one estimate (rates
//! across time units, storage = count x size x retention); hovers show a
//! quantity's normalized values.

mod parse;

pub use parse::parse_sentence;

use crate::TextRange;
use crate::document::Document;

pub const MINUTE: f64 = 60.0;
pub const HOUR: f64 = 3_600.0;
pub const DAY: f64 = 86_400.0;
pub const WEEK: f64 = 7.0 * DAY;
/// A month is 30 days for estimates.
pub const MONTH: f64 = 30.0 * DAY;
pub const YEAR: f64 = 365.0 * DAY;

/// What a quantity measures.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum QuantityKind {
    /// A plain count ("40k users", "8 nodes").
    Count,
    /// `number` things per `period` seconds ("100M per month": period = MONTH).
    Rate { period: f64 },
    /// A size; `value` is in bytes.
    Bytes,
    /// A span of time; `value` is in seconds.
    Duration,
}

/// One parsed quantity.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// The number, its magnitude and unit in the source ("100M per month").
    pub range: TextRange,
    /// Index into [`Document::sentences`].
    pub sentence: usize,
    /// The same range in the sentence's plain text.
    pub local: std::ops::Range<usize>,
    /// The number with its magnitude applied, in the unit it was written in
    /// ("5 years" → 5, "1.2 billion" → 1.2e9, "300 GB" → 300).
    pub number: f64,
    /// Normalized: bytes for sizes, seconds for durations, the count for
    /// counts and for rates the count per period (see [`Quantity::per_second`]).
    pub value: f64,
    pub kind: QuantityKind,
    /// The word(s) naming what is counted ("requests", "stock adjustments").
    pub noun: Option<String>,
    /// Written as an approximation ("~", "≈", "about").
    pub approx: bool,
    /// Its clause talks about a peak or burst, not an average.
    pub peak: bool,
}

impl Quantity {
    /// A rate normalized to one second.
    pub fn per_second(&self) -> Option<f64> {
        match self.kind {
            QuantityKind::Rate { period } if period > 0.0 => Some(self.value / period),
            _ => None,
        }
    }

    pub fn bytes(&self) -> Option<f64> {
        (self.kind == QuantityKind::Bytes).then_some(self.value)
    }

    pub fn seconds(&self) -> Option<f64> {
        (self.kind == QuantityKind::Duration).then_some(self.value)
    }

    pub fn is_rate(&self) -> bool {
        matches!(self.kind, QuantityKind::Rate { .. })
    }

    /// The period of a rate in seconds.
    pub fn period(&self) -> Option<f64> {
        match self.kind {
            QuantityKind::Rate { period } => Some(period),
            _ => None,
        }
    }
}

/// Every quantity in the doc's prose, in document order.
#[derive(Debug, Default)]
pub struct QuantityModel {
    pub quantities: Vec<Quantity>,
    /// For each sentence, the range of its quantities in `quantities`.
    by_sentence: Vec<std::ops::Range<usize>>,
}

impl QuantityModel {
    pub fn build(doc: &Document) -> QuantityModel {
        let mut quantities = Vec::new();
        let mut by_sentence = Vec::with_capacity(doc.sentences.len());
        for (index, sentence) in doc.sentences.iter().enumerate() {
            let start = quantities.len();
            let text = doc.sentence_text(sentence);
            for parsed in parse_sentence(text) {
                if doc.sentence_is_code(sentence, parsed.local.start) {
                    continue;
                }
                quantities.push(Quantity {
                    range: doc.sentence_span(sentence, parsed.local.clone()),
                    sentence: index,
                    local: parsed.local,
                    number: parsed.number,
                    value: parsed.value,
                    kind: parsed.kind,
                    noun: parsed.noun,
                    approx: parsed.approx,
                    peak: parsed.peak,
                });
            }
            by_sentence.push(start..quantities.len());
        }
        QuantityModel {
            quantities,
            by_sentence,
        }
    }

    /// The quantities of one sentence, left to right.
    pub fn in_sentence(&self, sentence: usize) -> &[Quantity] {
        self.by_sentence
            .get(sentence)
            .map_or(&[], |r| &self.quantities[r.clone()])
    }

    /// The quantity whose source range holds `offset`.
    pub fn at(&self, offset: usize) -> Option<&Quantity> {
        let i = self.quantities.partition_point(|q| q.range.end < offset);
        self.quantities[i..]
            .iter()
            .take_while(|q| q.range.start <= offset)
            .find(|q| q.range.start <= offset && offset <= q.range.end)
    }

    /// The largest stated rate, per second, of anything.
    pub fn max_rate_per_second(&self) -> Option<f64> {
        self.quantities
            .iter()
            .filter_map(Quantity::per_second)
            .fold(None, |acc, v| Some(acc.map_or(v, |a: f64| a.max(v))))
    }
}

/// How many items a per-second rate adds up to over `period` seconds
/// (40/s over a `DAY` is 3.46M).
pub fn over_period(per_second: f64, period: f64) -> f64 {
    per_second * period
}

/// Storage = items per second x retention x bytes per item, in bytes.
pub fn storage_bytes(per_second: f64, retention_seconds: f64, item_bytes: f64) -> f64 {
    per_second * retention_seconds * item_bytes
}

/// Human-readable number: 1234567 → "1.23M", 0.5 → "0.5".
pub fn human(value: f64) -> String {
    let (scaled, suffix) = if value.abs() >= 1e12 {
        (value / 1e12, "T")
    } else if value.abs() >= 1e9 {
        (value / 1e9, "B")
    } else if value.abs() >= 1e6 {
        (value / 1e6, "M")
    } else if value.abs() >= 1e4 {
        (value / 1e3, "k")
    } else {
        (value, "")
    };
    format!("{}{suffix}", trim_number(scaled))
}

/// Human-readable size in decimal units: 3.04e12 → "3.04 TB".
pub fn human_bytes(bytes: f64) -> String {
    const UNITS: &[(f64, &str)] = &[
        (1e18, "EB"),
        (1e15, "PB"),
        (1e12, "TB"),
        (1e9, "GB"),
        (1e6, "MB"),
        (1e3, "KB"),
    ];
    for &(size, unit) in UNITS {
        if bytes.abs() >= size {
            return format!("{} {unit}", trim_number(bytes / size));
        }
    }
    format!("{} B", trim_number(bytes))
}

/// Human-readable duration: 157680000 → "5 years".
pub fn human_duration(seconds: f64) -> String {
    const UNITS: &[(f64, &str)] = &[
        (YEAR, "years"),
        (MONTH, "months"),
        (DAY, "days"),
        (HOUR, "hours"),
        (MINUTE, "minutes"),
    ];
    for &(size, unit) in UNITS {
        if seconds >= size {
            return format!("{} {unit}", trim_number(seconds / size));
        }
    }
    format!("{} s", trim_number(seconds))
}

/// Three significant digits at most, no trailing zeros.
fn trim_number(value: f64) -> String {
    let digits = if value.abs() >= 100.0 {
        0
    } else if value.abs() >= 10.0 {
        1
    } else {
        2
    };
    let text = format!("{value:.digits$}");
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests;
