//! The quantity scanner: one left-to-right pass over a sentence's plain text.

use super::{DAY, HOUR, MINUTE, MONTH, QuantityKind, WEEK, YEAR};

/// A quantity found in one sentence (positions in the sentence's text).
#[derive(Clone, Debug, PartialEq)]
pub struct Parsed {
    pub local: std::ops::Range<usize>,
    pub number: f64,
    pub value: f64,
    pub kind: QuantityKind,
    pub noun: Option<String>,
    pub approx: bool,
    pub peak: bool,
}

/// Words that end the noun after a number ("5,000 readings *per* day").
const NOUN_STOP: &[&str] = &[
    "at", "per", "a", "an", "the", "in", "on", "of", "for", "to", "with", "and", "or", "is", "are",
    "was", "were", "each", "every", "which", "that", "from", "into", "by", "as", "than", "over",
    "under", "about", "around", "after", "before", "across", "so", "we", "it", "its", "our",
    "their", "when", "while", "if", "then", "today", "now", "on", "up", "down", "more", "less",
    "most", "least", "x", "times", "be", "will", "can", "would", "plus", "minus", "but", "not",
    "all", "only", "average", "avg", "peak", "growing", "kept", "stored",
];

/// Nouns that are themselves a per-second rate.
const PER_SECOND_NOUNS: &[&str] = &[
    "qps", "rps", "tps", "iops", "ops/s", "req/s", "reqs/s", "wps", "mps",
];

fn magnitude_word(word: &str) -> Option<f64> {
    Some(match word {
        "thousand" => 1e3,
        "million" | "millions" | "mn" => 1e6,
        "billion" | "billions" | "bn" => 1e9,
        "trillion" => 1e12,
        "千" => 1e3,
        "万" => 1e4,
        "億" | "亿" => 1e8,
        _ => return None,
    })
}

/// A glued single-letter magnitude ("50k", "100M", "2B", "1.2T").
fn magnitude_suffix(word: &str) -> Option<f64> {
    Some(match word {
        "k" | "K" => 1e3,
        "M" | "m" | "mm" | "MM" | "mn" => 1e6,
        "B" | "b" | "bn" | "Bn" => 1e9,
        "T" => 1e12,
        _ => return None,
    })
}

fn byte_unit(word: &str) -> Option<f64> {
    Some(match word {
        "B" | "byte" | "bytes" | "Bytes" => 1.0,
        "KB" | "kB" | "kb" | "Kb" => 1e3,
        "KiB" => 1024.0,
        "MB" | "mb" => 1e6,
        "MiB" => 1024.0 * 1024.0,
        "GB" | "gb" => 1e9,
        "GiB" => 1024.0 * 1024.0 * 1024.0,
        "TB" | "tb" => 1e12,
        "TiB" => 1024f64.powi(4),
        "PB" | "pb" => 1e15,
        "PiB" => 1024f64.powi(5),
        "EB" => 1e18,
        _ => return None,
    })
}

/// Time units as they follow a number ("5 years", "10 s", "90 days").
fn duration_unit(word: &str) -> Option<f64> {
    Some(match word.to_ascii_lowercase().as_str() {
        "ms" | "millisecond" | "milliseconds" => 0.001,
        "s" | "sec" | "secs" | "second" | "seconds" | "秒" => 1.0,
        "min" | "mins" | "minute" | "minutes" | "分" | "分钟" => MINUTE,
        "h" | "hr" | "hrs" | "hour" | "hours" | "時間" | "小时" => HOUR,
        "d" | "day" | "days" | "日" | "天" => DAY,
        "wk" | "wks" | "week" | "weeks" | "周" => WEEK,
        "mo" | "month" | "months" | "か月" | "ヶ月" | "个月" => MONTH,
        "y" | "yr" | "yrs" | "year" | "years" | "年" => YEAR,
        _ => return None,
    })
}

/// The period named after `/`, `per` or `a` ("/s", "per day", "a month").
fn period_unit(word: &str) -> Option<f64> {
    Some(match word.to_ascii_lowercase().as_str() {
        "s" | "sec" | "second" | "秒" => 1.0,
        "min" | "minute" | "分" => MINUTE,
        "h" | "hr" | "hour" | "時" | "小时" => HOUR,
        "d" | "day" | "日" | "天" => DAY,
        "wk" | "week" | "周" => WEEK,
        "mo" | "month" | "月" => MONTH,
        "y" | "yr" | "year" | "年" => YEAR,
        _ => return None,
    })
}

fn is_cjk_unit_char(c: char) -> bool {
    matches!(
        c,
        '件' | '条' | '次' | '个' | '人' | '台' | '回' | '秒' | '分' | '日' | '天' | '年' | '月'
    )
}

fn is_word_char(c: char) -> bool {
    c.is_ascii_alphabetic() || c == '-' || c == '_' || c == '\''
}

/// Reads a word starting at `at`: ASCII letters (and `-`), or one run of CJK
/// unit characters. Returns its end.
fn word_at(text: &str, at: usize) -> Option<usize> {
    let mut chars = text[at..].char_indices();
    let (_, first) = chars.next()?;
    if first.is_ascii_alphabetic() {
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| !is_word_char(c))
            .map_or(text.len(), |(i, _)| at + i);
        // A trailing hyphen or apostrophe is punctuation, not part of the word.
        let word = text[at..end].trim_end_matches(['-', '\'']);
        Some(at + word.len())
    } else if magnitude_word(&first.to_string()).is_some()
        || is_cjk_unit_char(first)
        || matches!(first, '時' | '小' | '周' | 'か' | 'ヶ')
    {
        let end = text[at..]
            .char_indices()
            .find(|&(_, c)| {
                !(is_cjk_unit_char(c)
                    || matches!(
                        c,
                        '時' | '間' | '小' | '时' | '钟' | '周' | 'か' | 'ヶ' | '个'
                    ))
            })
            .map_or(text.len(), |(i, _)| at + i);
        (end > at).then_some(end)
    } else {
        None
    }
}

/// Skips at most one run of horizontal spaces.
fn skip_spaces(text: &str, at: usize) -> usize {
    at + text[at..]
        .char_indices()
        .find(|&(_, c)| !(c == ' ' || c == '\u{a0}' || c == '\u{202f}' || c == '\t'))
        .map_or(text.len() - at, |(i, _)| i)
}

/// Scans digits with `,` thousands groups and one decimal point.
fn scan_number(text: &str, at: usize) -> Option<(f64, usize)> {
    let bytes = text.as_bytes();
    let mut end = at;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    loop {
        let group = end + 1..end + 4;
        if end < bytes.len()
            && bytes[end] == b','
            && group.end <= bytes.len()
            && bytes[group.clone()].iter().all(u8::is_ascii_digit)
            && bytes.get(group.end).is_none_or(|b| !b.is_ascii_digit())
        {
            end = group.end;
        } else {
            break;
        }
    }
    if end + 1 < bytes.len() && bytes[end] == b'.' && bytes[end + 1].is_ascii_digit() {
        end += 1;
        while end < bytes.len() && bytes[end].is_ascii_digit() {
            end += 1;
        }
    }
    let digits: String = text[at..end].chars().filter(|&c| c != ',').collect();
    digits.parse().ok().map(|n| (n, end))
}

/// A rate suffix at `at`: `/s`, `/day`, ` per month`, ` a day`. Returns the
/// period in seconds and the end of the suffix.
fn rate_suffix(text: &str, at: usize) -> Option<(f64, usize)> {
    let rest = &text[at..];
    if rest.starts_with('/') {
        let start = at + 1;
        let end = word_at(text, start)?;
        return period_unit(&text[start..end]).map(|p| (p, end));
    }
    let spaced = skip_spaces(text, at);
    if spaced == at {
        return None;
    }
    let word_end = word_at(text, spaced)?;
    let word = text[spaced..word_end].to_ascii_lowercase();
    if !matches!(word.as_str(), "per" | "a" | "each" | "every" | "an") {
        return None;
    }
    let unit_start = skip_spaces(text, word_end);
    let unit_end = word_at(text, unit_start)?;
    period_unit(&text[unit_start..unit_end]).map(|p| (p, unit_end))
}

fn ends_with_approx(before: &str) -> bool {
    let trimmed = before.trim_end();
    let lower = trimmed.to_ascii_lowercase();
    trimmed.ends_with('~')
        || trimmed.ends_with('≈')
        || trimmed.ends_with("~=")
        || [
            "about",
            "around",
            "roughly",
            "approximately",
            "approx.",
            "approx",
            "nearly",
            "almost",
            "some",
            "circa",
            "ca.",
        ]
        .iter()
        .any(|w| {
            lower.ends_with(w)
                && lower[..lower.len() - w.len()]
                    .chars()
                    .next_back()
                    .is_none_or(|c| !c.is_alphanumeric())
        })
}

const CLAUSE_BREAKS: &[char] = &[',', ';', '(', ')', '，', '、', '（', '）', '；', '—'];

fn in_peak_clause(text: &str, start: usize, end: usize) -> bool {
    let from = text[..start].rfind(CLAUSE_BREAKS).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let to = text[end..]
        .find(CLAUSE_BREAKS)
        .map_or(text.len(), |i| end + i);
    let clause = text[from..to].to_ascii_lowercase();
    [
        "peak",
        "burst",
        "spike",
        "maximum",
        "max ",
        "峰值",
        "ピーク",
        "高峰",
    ]
    .iter()
    .any(|w| clause.contains(w))
}

/// Every quantity in a sentence, left to right.
pub fn parse_sentence(text: &str) -> Vec<Parsed> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += text[i..].chars().next().map_or(1, char::len_utf8);
            continue;
        }
        let prev = text[..i].chars().next_back();
        let glued = prev.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.');
        let date_part = prev.is_some_and(|c| matches!(c, '-' | '/' | ':'))
            && text[..i]
                .chars()
                .rev()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit());
        if glued || date_part {
            i = skip_token(text, i);
            continue;
        }
        match parse_at(text, i) {
            Some(parsed) => {
                i = parsed.local.end.max(i + 1);
                out.push(parsed);
            }
            None => i = skip_token(text, i),
        }
    }
    out
}

/// Skips a run of letters, digits and number punctuation.
fn skip_token(text: &str, at: usize) -> usize {
    at + text[at..]
        .char_indices()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '.' | ',' | '_' | ':' | '-')))
        .map_or(text.len() - at, |(i, _)| i)
}

fn parse_at(text: &str, start: usize) -> Option<Parsed> {
    let (raw, number_end) = scan_number(text, start)?;
    let next = text[number_end..].chars().next();
    // Percentages, times (14:50), dates (2024-05-14), multipliers (2x, 3×).
    if matches!(next, Some('%' | '％' | '×')) {
        return None;
    }
    if matches!(next, Some(':' | '-'))
        && text[number_end + 1..]
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_digit())
    {
        return None;
    }
    let mut number = raw;
    let mut end = number_end;

    // Glued magnitude or unit: "50k", "100M", "2B", "5MB", "10s".
    if let Some(word_end) = word_at(text, end).filter(|_| next.is_some_and(|c| !c.is_whitespace()))
    {
        let word = &text[end..word_end];
        if let Some(m) = magnitude_suffix(word) {
            number *= m;
            end = word_end;
        } else if let Some(m) = magnitude_word(word) {
            number *= m;
            end = word_end;
        } else if byte_unit(word).is_none() && duration_unit(word).is_none() {
            // "2x", "8th", "p99"-like tokens, "2FA".
            return None;
        }
    }
    // Spaced magnitude word: "1.2 billion", "30 万".
    let spaced = skip_spaces(text, end);
    if end == number_end {
        let word = word_at(text, spaced).map(|e| (e, text[spaced..e].to_ascii_lowercase()));
        if let Some((word_end, m)) = word.and_then(|(e, w)| magnitude_word(&w).map(|m| (e, m))) {
            number *= m;
            end = word_end;
        } else if let Some(first) = text[spaced..].chars().next() {
            if let Some(m) = magnitude_word(&first.to_string()) {
                number *= m;
                end = spaced + first.len_utf8();
            }
        }
    }

    let approx = ends_with_approx(&text[..start]);
    let make = |end: usize, value: f64, kind: QuantityKind, noun: Option<String>| Parsed {
        local: start..end,
        number,
        value,
        kind,
        noun,
        approx,
        peak: in_peak_clause(text, start, end),
    };

    // A rate right after the number: "40/s", "100M per month".
    if let Some((period, rate_end)) = rate_suffix(text, end) {
        return Some(make(rate_end, number, QuantityKind::Rate { period }, None));
    }

    // A unit: bytes or duration.
    let unit_start = if end == number_end && next.is_some_and(|c| !c.is_whitespace()) {
        end
    } else {
        skip_spaces(text, end)
    };
    if let Some(unit_end) = word_at(text, unit_start) {
        let unit = &text[unit_start..unit_end];
        if unit.eq_ignore_ascii_case("mbit")
            || unit.eq_ignore_ascii_case("gbit")
            || unit.eq_ignore_ascii_case("mbps")
            || unit.eq_ignore_ascii_case("gbps")
            || unit.eq_ignore_ascii_case("kbps")
        {
            return None;
        }
        if let Some(size) = byte_unit(unit) {
            // "5 MB/s" is a bandwidth, not a size.
            if let Some((_, rate_end)) = rate_suffix(text, unit_end) {
                return Some(
                    make(rate_end, number * size, QuantityKind::Bytes, None)
                        .with_noun("throughput"),
                );
            }
            return Some(make(unit_end, number * size, QuantityKind::Bytes, None));
        }
        if let Some(seconds) = duration_unit(unit) {
            return Some(make(
                unit_end,
                number * seconds,
                QuantityKind::Duration,
                None,
            ));
        }
    }

    // A noun, then maybe a rate: "5,000 readings/s", "43M readings per day".
    let mut cursor = end;
    let mut noun_words: Vec<&str> = Vec::new();
    for _ in 0..3 {
        let word_start = skip_spaces(text, cursor);
        if word_start == cursor && !noun_words.is_empty() {
            break;
        }
        let Some(word_end) = word_at(text, word_start) else {
            break;
        };
        let word = &text[word_start..word_end];
        let lower = word.to_ascii_lowercase();
        if NOUN_STOP.contains(&lower.as_str()) {
            break;
        }
        if PER_SECOND_NOUNS.contains(&lower.as_str()) {
            return Some(make(
                word_end,
                number,
                QuantityKind::Rate { period: 1.0 },
                Some(word.to_string()),
            ));
        }
        noun_words.push(word);
        cursor = word_end;
        if let Some((period, rate_end)) = rate_suffix(text, cursor) {
            return Some(make(
                rate_end,
                number,
                QuantityKind::Rate { period },
                Some(noun_words.join(" ")),
            ));
        }
        // "ops/s", "req/s" written with a slash.
        if text[cursor..].starts_with("/s")
            && PER_SECOND_NOUNS.contains(&format!("{lower}/s").as_str())
        {
            return Some(make(
                cursor + 2,
                number,
                QuantityKind::Rate { period: 1.0 },
                Some(word.to_string()),
            ));
        }
    }
    let noun = (!noun_words.is_empty()).then(|| noun_words.join(" "));
    Some(make(end, number, QuantityKind::Count, noun))
}

impl Parsed {
    fn with_noun(mut self, noun: &str) -> Parsed {
        self.noun = Some(noun.to_string());
        self
    }
}
