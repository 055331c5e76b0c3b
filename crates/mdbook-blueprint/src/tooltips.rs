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
