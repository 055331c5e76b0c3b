//! Does a sentence assert what it says?
//!
//! Design docs discuss what they reject as often as what they choose. A match
//! only counts when the sentence *asserts* it: not negated in its clause
//! ("this is not a CA system"), not a question, not an explanation of a
//! mistake ("calling a multi-region system CA is a mistake"), not a rejected
//! alternative (a section or block quote about alternatives, "we considered X
//! and rejected it", "instead of X", "unlike X").

use std::sync::LazyLock;

use super::Lexicon;
use crate::TextRange;
use crate::document::{Document, Sentence};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Polarity {
    Asserted,
    /// Negated in the clause that holds the match.
    Negated,
    /// Questioned, explained as a mistake, hypothetical or rejected.
    NotAsserted,
}

impl Polarity {
    pub fn is_asserted(self) -> bool {
        self == Polarity::Asserted
    }
}

/// Words that, anywhere in a sentence, make it an explanation, a warning or
/// a hypothetical rather than a decision.
static DISCUSSION_CUES: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "mistake",
            "mistakes",
            "mistaken",
            "misconception",
            "myth",
            "anti-pattern",
            "antipattern",
            "anti pattern",
            "fallacy",
            "pitfall",
            "category error",
            "would be",
            "would have been",
            "tempting",
            "common error",
            "is wrong",
            "are wrong",
            "incorrect",
            "misleading",
            "meaningless",
            "impossible",
            "no such thing",
            "not possible",
            "we considered",
            "was considered",
            "were considered",
            "rejected",
            "ruled out",
            "decided against",
            "suppose",
            "imagine",
            "hypothetically",
            "a naive",
            "naively",
            "bad idea",
            "red flag",
            "strawman",
            "straw man",
            "the draft said",
            "the old design",
            "previous design",
            "claimed",
            "claims",
            "claiming",
            "described as",
            "calling",
            // Review notes quoting the draft under review.
            "the draft says",
            "the draft said",
            "the draft claims",
            "the draft proposes",
            "the draft proposed",
            "the draft used",
            "the draft uses",
            "the draft stored",
            "the draft served",
            "the draft resolved",
        ]
        .map(|w| (w, ())),
    )
});

/// Words that cancel a match when they come before it in the same clause.
static NEGATIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "not",
            "no",
            "never",
            "cannot",
            "can't",
            "isn't",
            "aren't",
            "wasn't",
            "weren't",
            "won't",
            "don't",
            "doesn't",
            "didn't",
            "shouldn't",
            "mustn't",
            "neither",
            "nor",
            "nothing",
            "none",
            "instead of",
            "rather than",
            "unlike",
            "avoid",
            "avoids",
            "avoided",
            // "against" alone is usually "run queries against X"; only the
            // verbs of objecting negate what follows.
            "argue against",
            "argued against",
            "advise against",
            "advised against",
            "recommend against",
            "recommended against",
            "voted against",
            "decided against",
            "decide against",
        ]
        .map(|w| (w, ())),
    )
});

/// Section titles whose subtree discusses rather than decides.
static DISCUSSION_SECTIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "rejected",
            "alternatives",
            "alternative",
            "alternatives considered",
            "considered",
            "anti-patterns",
            "anti-pattern",
            "antipatterns",
            "pitfalls",
            "pitfall",
            "mistakes",
            "common mistakes",
            "what not to do",
            "myths",
            "misconceptions",
            "non-goals",
            "out of scope",
            "prior art",
            "previous design",
            "old design",
            "background",
            "glossary",
            "faq",
            "quiz",
            "review comments",
            "review notes",
            "flawed",
        ]
        .map(|w| (w, ())),
    )
});

/// Clause separators: a negation before one of these does not reach past it.
fn clause_start(text: &str, before: usize) -> usize {
    let head = &text[..before];
    let mut start = 0;
    for sep in [
        ",",
        ";",
        ":",
        " but ",
        " however",
        " — ",
        " - ",
        "(",
        " while ",
        " whereas ",
    ] {
        if let Some(i) = head.rfind(sep) {
            start = start.max(i + sep.len());
        }
    }
    start
}

/// Lead-in labels of review paragraphs that restate a draft's flaw
/// ("**What the analyzer says.** The shard key `country` has few values").
const REVIEW_LABELS: &[&str] = &[
    "what the analyzer says",
    "what the linter says",
    "what blueprint says",
    "the trigger",
    "the finding",
    "finding",
    "review comment",
    "review note",
    "reviewer's note",
    "reviewer note",
    "why it matters",
    "what goes wrong",
];

const LONGEST_LABEL_CHARS: usize = 40;

/// The sentence's paragraph opens with a review label sentence.
fn under_review_label(doc: &Document, sentence: &Sentence) -> bool {
    let block = &doc.blocks[sentence.block];
    let plain = &block.text;
    // Labels are short: look no further than a label could reach.
    let Some(first_end) = plain
        .char_indices()
        .take(LONGEST_LABEL_CHARS)
        .find(|&(_, c)| matches!(c, '.' | ':' | '!' | '\n'))
        .map(|(i, _)| i)
    else {
        return false;
    };
    let label = plain[..first_end].trim().to_lowercase();
    sentence.plain.start > first_end && REVIEW_LABELS.contains(&label.as_str())
}

/// Inside a double-quoted passage of four or more words: a quotation of
/// someone else's text (a draft under review, a trigger), not the doc's own
/// assertion. Quoted terms ("hot", "CA") stay asserted.
pub fn in_quoted_passage(text: &str, at: usize) -> bool {
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        let closes = match (open, c) {
            (None, '"' | '“') => {
                open = Some(i + c.len_utf8());
                false
            }
            (Some(_), '"' | '”') => true,
            _ => false,
        };
        if closes {
            let start = open.take().unwrap_or(i);
            if start <= at && at < i {
                return text[start..i].split_whitespace().count() >= 4;
            }
            if start > at {
                return false;
            }
        }
    }
    false
}

/// The polarity of a match at `at` (byte offset in the sentence's plain text).
pub fn of_match(doc: &Document, sentence: &Sentence, at: usize) -> Polarity {
    let text = doc.sentence_text(sentence);
    if in_discussion_context(doc, sentence) || text.trim_end().ends_with('?') {
        return Polarity::NotAsserted;
    }
    if DISCUSSION_CUES.contains(text) || under_review_label(doc, sentence) {
        return Polarity::NotAsserted;
    }
    let at = at.min(text.len());
    if in_quoted_passage(text, at) {
        return Polarity::NotAsserted;
    }
    let clause = &text[clause_start(text, at)..at];
    if NEGATIONS.contains(clause) {
        return Polarity::Negated;
    }
    Polarity::Asserted
}

/// True when the sentence sits in a section about alternatives, mistakes or
/// background, or in a block quote that presents a rejected alternative.
pub fn in_discussion_context(doc: &Document, sentence: &Sentence) -> bool {
    if doc
        .section_and_ancestors(sentence.section)
        .any(|s| DISCUSSION_SECTIONS.contains(&s.title))
    {
        return true;
    }
    let block = &doc.blocks[sentence.block];
    if block.in_block_quote {
        if let Some(quote) = innermost_quote(&doc.block_quotes, sentence.range.start) {
            let text = doc.text(quote);
            if DISCUSSION_CUES.contains(text) {
                return true;
            }
        }
    }
    false
}

/// The innermost block quote containing `offset`. `quotes` are in document
/// order of their starts (the parser records a quote when it opens), and
/// quotes nest or are disjoint, so the innermost one is the last quote that
/// starts at or before `offset` and contains it: a binary search, then a
/// short walk back over earlier siblings that ended before `offset`.
fn innermost_quote(quotes: &[TextRange], offset: usize) -> Option<TextRange> {
    let upto = quotes.partition_point(|q| q.start <= offset);
    quotes[..upto]
        .iter()
        .rev()
        .find(|q| q.contains(offset))
        .copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_passages_and_review_labels_are_not_assertions() {
        assert_eq!(
            polarity(
                "The trigger: \"the position data is sharded by country across 12 nodes\".",
                "sharded"
            ),
            Polarity::NotAsserted
        );
        // A quoted term is still the doc's own words.
        assert_eq!(
            polarity("Orders are sharded by the \"buyer\" key.", "sharded"),
            Polarity::Asserted
        );
        assert_eq!(
            polarity(
                "**What the analyzer says.** The shard key `country` has few values.",
                "shard key"
            ),
            Polarity::NotAsserted
        );
        assert_eq!(
            polarity("**Storage.** The shard key is `user_id`.", "shard key"),
            Polarity::Asserted
        );
    }

    #[test]
    fn innermost_quote_by_binary_search() {
        let quotes = [
            TextRange::new(0, 100),
            TextRange::new(10, 20),
            TextRange::new(30, 60),
            TextRange::new(40, 50),
            TextRange::new(200, 210),
        ];
        assert_eq!(innermost_quote(&quotes, 45), Some(TextRange::new(40, 50)));
        assert_eq!(innermost_quote(&quotes, 55), Some(TextRange::new(30, 60)));
        assert_eq!(innermost_quote(&quotes, 25), Some(TextRange::new(0, 100)));
        assert_eq!(innermost_quote(&quotes, 150), None);
        assert_eq!(
            innermost_quote(&quotes, 205),
            Some(TextRange::new(200, 210))
        );
    }

    fn polarity(markdown: &str, word: &str) -> Polarity {
        let doc = Document::parse(markdown);
        let sentence = doc
            .sentences
            .iter()
            .find(|s| doc.sentence_text(s).contains(word))
            .expect("sentence with the word");
        let at = doc.sentence_text(sentence).find(word).unwrap();
        of_match(&doc, sentence, at)
    }

    #[test]
    fn assertions_and_negations() {
        assert_eq!(polarity("We chose a CA design.", "CA"), Polarity::Asserted);
        assert_eq!(
            polarity("This is not a CA system.", "CA"),
            Polarity::Negated
        );
        assert_eq!(polarity("We chose CA, not AP.", "CA"), Polarity::Asserted);
    }

    #[test]
    fn against_negates_only_after_a_verb_of_objecting() {
        assert_eq!(
            polarity("Analysts query it directly against Cassandra.", "Cassandra"),
            Polarity::Asserted
        );
        assert_eq!(
            polarity("We advise against Cassandra for this.", "Cassandra"),
            Polarity::Negated
        );
    }

    #[test]
    fn explanations_questions_and_rejections() {
        assert_eq!(
            polarity("Calling a multi-region system CA is a mistake.", "CA"),
            Polarity::NotAsserted
        );
        assert_eq!(
            polarity("Is this a CA system?", "CA"),
            Polarity::NotAsserted
        );
        assert_eq!(
            polarity(
                "## Alternatives considered\n\nA CA design with two regions.",
                "CA"
            ),
            Polarity::NotAsserted
        );
        assert_eq!(
            polarity("> Rejected: a CA design across regions.\n", "CA"),
            Polarity::NotAsserted
        );
    }
}
