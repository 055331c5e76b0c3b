//! Case-insensitive whole-word phrase matching.
//!
//! The automaton reports overlapping matches; the lexicon keeps the valid
//! ones (whole words, acronyms in their case) and then picks, left to right,
//! the longest valid match at each start. A longer pattern that is not a
//! whole-word match ("Redis cache" inside "Redis caches") therefore never
//! hides a shorter one that is ("Redis").

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

/// A set of phrases, each tagged with a value, matched as whole words.
pub struct Lexicon<T: Copy + 'static> {
    automaton: AhoCorasick,
    values: Vec<T>,
    /// Patterns that must match with their exact case (acronyms such as `CA`).
    case_sensitive: Vec<bool>,
    patterns: Vec<&'static str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct WordMatch<T> {
    pub start: usize,
    pub end: usize,
    pub value: T,
}

impl<T: Copy + 'static> Lexicon<T> {
    /// Builds from `(phrase, value)` pairs. A phrase written in capitals with at
    /// most four letters (`CA`, `AP`, `RPO`) matches only in capitals.
    pub fn new(entries: &[(&'static str, T)]) -> Self {
        let flagged: Vec<(&'static str, T, bool)> = entries
            .iter()
            .map(|&(p, v)| {
                (
                    p,
                    v,
                    p.len() <= 4 && p.chars().all(|c| c.is_ascii_uppercase()),
                )
            })
            .collect();
        Self::with_case(&flagged)
    }

    /// Builds from `(phrase, value, case_sensitive)` triples, for callers with
    /// their own rule for which phrases keep their case.
    pub fn with_case(entries: &[(&'static str, T, bool)]) -> Self {
        let patterns: Vec<&'static str> = entries.iter().map(|(p, _, _)| *p).collect();
        let automaton = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(&patterns)
            .expect("lexicon patterns are valid");
        Self {
            automaton,
            values: entries.iter().map(|(_, v, _)| *v).collect(),
            case_sensitive: entries.iter().map(|(_, _, c)| *c).collect(),
            patterns,
        }
    }

    /// Every whole-word match, left to right, non-overlapping: at each start
    /// the longest valid match.
    pub fn find_all(&self, text: &str) -> Vec<WordMatch<T>> {
        // Most texts hold no phrase at all; the leftmost search uses the
        // automaton's prefilter and stops at the first candidate.
        if !self.automaton.is_match(text) {
            return Vec::new();
        }
        let mut valid: Vec<(usize, usize, usize)> = self
            .automaton
            .find_overlapping_iter(text)
            .filter(|m| self.is_valid(text, m.start(), m.end(), m.pattern().as_usize()))
            .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
            .collect();
        // Leftmost first; at one start the longest, then the first pattern.
        valid.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut out = Vec::new();
        let mut next = 0;
        for (start, end, pattern) in valid {
            if start < next {
                continue;
            }
            out.push(WordMatch {
                start,
                end,
                value: self.values[pattern],
            });
            next = end;
        }
        out
    }

    pub fn first(&self, text: &str) -> Option<WordMatch<T>> {
        self.find_all(text).into_iter().next()
    }

    /// Stops at the first valid match: callers test whole paragraphs.
    pub fn contains(&self, text: &str) -> bool {
        self.automaton.is_match(text)
            && self
                .automaton
                .find_overlapping_iter(text)
                .any(|m| self.is_valid(text, m.start(), m.end(), m.pattern().as_usize()))
    }

    fn is_valid(&self, text: &str, start: usize, end: usize, pattern: usize) -> bool {
        is_word_boundary(text, start, end)
            && (!self.case_sensitive[pattern] || &text[start..end] == self.patterns[pattern])
    }
}

/// Letters and digits of scripts that separate words with spaces. CJK text
/// has no spaces, so a CJK neighbour never glues a match to a word.
fn is_word_char(c: char) -> bool {
    (c.is_alphanumeric() || c == '_') && !is_cjk(c)
}

pub fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF    // Hiragana, Katakana
        | 0x3400..=0x4DBF  // CJK Extension A
        | 0x4E00..=0x9FFF  // CJK Unified Ideographs
        | 0xAC00..=0xD7AF  // Hangul syllables
        | 0xF900..=0xFAFF  // CJK Compatibility Ideographs
        | 0xFF00..=0xFFEF  // Half- and full-width forms
        | 0x20000..=0x2FA1F)
}

/// True when the match is not glued to letters or digits on either side.
pub fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..end].chars().next();
    let last = text[start..end].chars().next_back();
    let left_ok = !(before.is_some_and(is_word_char) && first.is_some_and(is_word_char));
    let right_ok = !(after.is_some_and(is_word_char) && last.is_some_and(is_word_char));
    left_ok && right_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only_and_acronyms_keep_their_case() {
        let lexicon = Lexicon::new(&[("CA", 1), ("cache", 2), ("load balancer", 3)]);
        let found: Vec<_> = lexicon
            .find_all("A CA system, a cached page, the Load Balancer, our ca team")
            .into_iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(found, vec![1, 3]);
    }

    #[test]
    fn a_longer_partial_word_match_does_not_hide_a_shorter_whole_word() {
        let lexicon = Lexicon::new(&[("Redis", 1), ("Redis cache", 2), ("caches", 3)]);
        let found: Vec<_> = lexicon
            .find_all("Redis caches each page; a Redis cache holds sessions")
            .into_iter()
            .map(|m| (m.start, m.value))
            .collect();
        assert_eq!(found, vec![(0, 1), (6, 3), (26, 2)]);
        // The longest whole-word match at a start still wins.
        assert_eq!(lexicon.first("the Redis cache").map(|m| m.value), Some(2));
    }

    #[test]
    fn overlapping_patterns_pick_leftmost_then_longest() {
        let lexicon = Lexicon::new(&[("read replica", 1), ("replica set", 2), ("replica", 3)]);
        let found: Vec<_> = lexicon
            .find_all("a read replica set")
            .into_iter()
            .map(|m| m.value)
            .collect();
        assert_eq!(found, vec![1]);
    }

    #[test]
    fn cjk_text_needs_no_spaces_around_words() {
        let lexicon = Lexicon::new(&[("Redis", 1), ("複製", 2)]);
        assert_eq!(lexicon.find_all("キャッシュはRedisで").len(), 1);
        assert_eq!(lexicon.find_all("キャッシュは Redis で").len(), 1);
        assert_eq!(lexicon.find_all("データは複製されます").len(), 1);
        assert_eq!(lexicon.find_all("Rediscover").len(), 0);
    }
}
