//! Glossary tooltips: the first use of a glossary term in each section links
//! to its glossary entry and shows the term's short definition on hover and
//! keyboard focus (pure CSS, so it works with JavaScript off).

use blueprint_analysis::knowledge::{Mention, MentionKind, knowledge};
use blueprint_analysis::{Document, TextRange};

use crate::html::escape;
use crate::render::Page;

/// Edits that wrap the first mention of each term per section.
pub fn edits(
    doc: &Document,
    mentions: &[Mention],
    skip: &[TextRange],
    glossary_href: &str,
    page: &Page<'_>,
) -> Vec<(TextRange, String)> {
    let kb = knowledge();
    let mut done: Vec<(usize, usize)> = Vec::new(); // (section, term index)
    let mut out = Vec::new();
    for mention in mentions {
        if mention.kind != MentionKind::Term {
            continue;
        }
        let Some(term) = kb.terms.get(mention.index) else {
            continue;
        };
        let range = mention.range;
        let text = doc.source().get(range.as_range()).unwrap_or("");
        let plain = !text.is_empty()
            && !text.contains(['[', ']', '*', '`', '<', '>', '\n', '_', '|', '\\']);
        let heading = doc.sections.iter().any(|s| s.heading.contains(range.start));
        let before = doc.source()[..range.start].chars().next_back();
        if !plain
            || heading
            || matches!(before, Some('[' | '`' | '#'))
            || doc.in_code_block(range.start)
            || doc.in_inline_code(range.start)
            || skip.iter().any(|r| r.contains(range.start))
            || doc.front_matter.is_some_and(|r| r.contains(range.start))
        {
            continue;
        }
        let section = doc.section_at(range.start);
        if done.contains(&(section, mention.index)) {
            continue;
        }
        done.push((section, mention.index));
        let tip_id = format!(
            "bp-tip-{}",
            blueprint_analysis::callout::stable_id(&[
                page.chapter,
                &term.id,
                &range.start.to_string()
            ])
        );
        out.push((
            range,
            format!(
                "<span class=\"bp-term\"><a class=\"bp-term-link\" href=\"{glossary_href}#{}\" aria-describedby=\"{tip_id}\">{}</a><span class=\"bp-tip\" role=\"tooltip\" id=\"{tip_id}\">{}</span></span>",
                escape(&term.id),
                escape(text),
                escape(&term.short)
            ),
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use blueprint_analysis::knowledge::knowledge;

    fn mention(doc: &Document, word: &str, nth: usize, index: usize) -> Mention {
        let start = doc.source().match_indices(word).nth(nth).expect("word").0;
        Mention {
            range: TextRange::new(start, start + word.len()),
            kind: MentionKind::Term,
            index,
        }
    }

    #[test]
    fn first_use_per_section_gets_a_link_and_a_tooltip() {
        let kb = knowledge();
        let index = kb
            .terms
            .iter()
            .position(|t| t.id == "cap-theorem")
            .expect("cap-theorem");
        let source = "# CAP\n\nThe CAP theorem, and CAP again.\n\n## Later\n\nCAP once more, `CAP` in code.\n";
        let doc = Document::parse(source);
        let mentions: Vec<Mention> = (0..5).map(|n| mention(&doc, "CAP", n, index)).collect();
        let page = Page::new("07-cap.md");
        let edits = edits(&doc, &mentions, &[], "16-reference/glossary.html", &page);
        // Heading skipped, first use in each section wrapped, repeats and code left alone.
        let starts: Vec<usize> = edits.iter().map(|(r, _)| r.start).collect();
        assert_eq!(
            starts,
            vec![mentions[1].range.start, mentions[3].range.start]
        );
        let html = &edits[0].1;
        assert!(
            html.contains("href=\"16-reference/glossary.html#cap-theorem\""),
            "{html}"
        );
        assert!(html.contains("role=\"tooltip\""), "{html}");
        assert!(
            html.contains(&crate::html::escape(&kb.terms[index].short)),
            "{html}"
        );
        let tip = html
            .split("aria-describedby=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap();
        assert!(html.contains(&format!("id=\"{tip}\"")));
    }

    #[test]
    fn mentions_inside_callouts_and_links_are_skipped() {
        let kb = knowledge();
        let source = "See [CAP](x.md) and ACID.\n";
        let doc = Document::parse(source);
        let cap = mention(&doc, "CAP", 0, 0);
        let acid = mention(&doc, "ACID", 0, 1 % kb.terms.len());
        let page = Page::new("a/b.md");
        let out = edits(&doc, &[cap, acid], &[acid.range], "../g.html", &page);
        assert!(out.is_empty(), "{out:?}");
    }
}
