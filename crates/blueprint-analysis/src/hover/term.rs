//! Hover for glossary terms: the term's definition, explanation, related
//! terms and book link, for the term spotted under the cursor.

use super::Hover;
use crate::Analysis;
use crate::knowledge::{Entry, mention_at, render};

pub(super) fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let mention = mention_at(analysis.mentions(), offset)?;
    let Entry::Term(term) = mention.entry() else {
        return None;
    };
    Some(Hover {
        range: mention.range,
        markdown: render::term_markdown(term),
    })
}

#[cfg(test)]
mod tests {
    use crate::hover::hover;
    use crate::{RuleSet, analyze};

    fn hover_on(source: &str, needle: &str) -> Option<crate::hover::Hover> {
        let analysis = analyze(source, &RuleSet::only(&[]));
        let offset = source.find(needle).expect("needle in source") + 1;
        hover(&analysis, offset)
    }

    #[test]
    fn explains_the_term_under_the_cursor() {
        let source = "# Ledger\n\nTransfers run at Read Committed isolation.\n";
        let hover = hover_on(source, "Read Committed").expect("a hover");
        assert_eq!(&source[hover.range.as_range()], "Read Committed");
        assert!(
            hover.markdown.starts_with("**Read Committed**"),
            "{}",
            hover.markdown
        );
        assert!(hover.markdown.contains("04-transactions.html"));
    }

    #[test]
    fn acronyms_resolve_and_plain_words_do_not() {
        let source = "We pick CAP trade-offs per feature; we cap uploads at 10 MB.\n";
        let hover = hover_on(source, "CAP").expect("a hover on CAP");
        assert!(hover.markdown.starts_with("**CAP Theorem**"));
        assert!(hover_on(source, "cap uploads").is_none());
    }

    #[test]
    fn nothing_inside_code_blocks() {
        let source = "Text.\n\n```python\nisolation = 'eventual consistency'\n```\n";
        assert!(hover_on(source, "eventual consistency").is_none());
    }
}
