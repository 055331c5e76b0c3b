//! Design docs checked by the real analyzer: a `design-doc` callout renders
//! the doc with each finding's words highlighted and listed below it; a
//! chapter opted into site mode gets review callouts after the blocks that
//! hold findings.

use std::fmt::Write as _;

use blueprint_analysis::callout::DesignDoc;
use blueprint_analysis::{Finding, TextRange, registry};
use pulldown_cmark::{Event, Options, Parser};

use crate::html::{escape, markdown_inline, no_blank_lines};
use crate::render::Page;

/// Renders the doc's Markdown with `<mark>`s over the findings' ranges.
pub fn highlighted_markdown(doc: &str, findings: &[Finding], id: &str) -> String {
    let mut events = Vec::new();
    for (event, range) in Parser::new_ext(doc, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Text(text) if doc.get(range.clone()) == Some(&*text) => {
                split_marks(&text, range.start, findings, id, &mut events);
            }
            Event::Code(code) => {
                let hit = findings.iter().position(|f| overlaps(f.range, &range));
                match hit {
                    Some(n) => {
                        events.push(Event::InlineHtml(open_mark(findings, n, id).into()));
                        events.push(Event::Code(code));
                        events.push(Event::InlineHtml("</mark>".into()));
                    }
                    None => events.push(Event::Code(code)),
                }
            }
            Event::Html(html) | Event::InlineHtml(html) => events.push(Event::Text(html)),
            other => events.push(other),
        }
    }
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, events.into_iter());
    out
}

fn overlaps(range: TextRange, other: &std::ops::Range<usize>) -> bool {
    range.start < other.end && other.start < range.end.max(range.start + 1)
}

fn open_mark(findings: &[Finding], n: usize, id: &str) -> String {
    format!(
        "<mark class=\"bp-finding bp-sev-{}\" aria-describedby=\"{id}-f{}\" title=\"{}\">",
        findings[n].severity,
        n + 1,
        escape(findings[n].rule)
    )
}

fn split_marks<'a>(
    text: &str,
    base: usize,
    findings: &[Finding],
    id: &str,
    out: &mut Vec<Event<'a>>,
) {
    // Boundaries inside this text where a finding starts or ends.
    let end = base + text.len();
    let mut cuts: Vec<usize> = vec![base, end];
    for f in findings {
        for at in [f.range.start, f.range.end] {
            if at > base && at < end && text.is_char_boundary(at - base) {
                cuts.push(at);
            }
        }
    }
    cuts.sort_unstable();
    cuts.dedup();
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let piece = text[a - base..b - base].to_string();
        match findings
            .iter()
            .position(|f| f.range.start <= a && b <= f.range.end.max(f.range.start + 1))
        {
            Some(n) => {
                out.push(Event::InlineHtml(open_mark(findings, n, id).into()));
                out.push(Event::Text(piece.into()));
                out.push(Event::InlineHtml("</mark>".into()));
            }
            None => out.push(Event::Text(piece.into())),
        }
    }
}

fn finding_item(page: &Page<'_>, finding: &Finding, anchor: &str, words: &str) -> String {
    let rule = escape(finding.rule);
    let href = if registry::find(finding.rule).is_some() {
        page.rule_href(finding.rule)
    } else {
        "#".to_string()
    };
    let mut out = format!(
        "<li class=\"bp-finding-item bp-sev-{sev}\" id=\"{anchor}\"><span class=\"bp-sev-label\">{sev}</span> <a class=\"bp-rule\" href=\"{href}\">{rule}</a>: {msg}",
        sev = finding.severity,
        msg = markdown_inline(&finding.message),
    );
    if !words.is_empty() {
        let _ = write!(out, " <q class=\"bp-words\">{}</q>", escape(words));
    }
    if let Some(help) = &finding.help {
        let _ = write!(
            out,
            "<br><span class=\"bp-help\">Fix: {}</span>",
            markdown_inline(help)
        );
    }
    out.push_str("</li>");
    out
}

/// The HTML of a `design-doc` callout.
pub fn render_callout(
    page: &Page<'_>,
    design: &DesignDoc,
    findings: &[Finding],
    id: &str,
) -> String {
    let title = design
        .title
        .as_deref()
        .map(markdown_inline)
        .unwrap_or_else(|| "Design doc".to_string());
    let count = match findings.len() {
        0 => "the analyzer finds nothing".to_string(),
        1 => "1 finding".to_string(),
        n => format!("{n} findings"),
    };
    let mut out = format!(
        "<figure class=\"bp-callout bp-design-doc\" id=\"{id}\" aria-labelledby=\"{id}-title\">\n<figcaption class=\"bp-head\"><span class=\"bp-kind\">Design doc</span> <span class=\"bp-title\" id=\"{id}-title\">{title}</span> <span class=\"bp-count\">({count})</span></figcaption>\n<div class=\"bp-doc\">\n{}\n</div>\n",
        highlighted_markdown(&design.doc, findings, id)
    );
    if !findings.is_empty() {
        out.push_str("<ol class=\"bp-findings\" aria-label=\"Analyzer findings\">\n");
        for (n, finding) in findings.iter().enumerate() {
            let words = design.doc.get(finding.range.as_range()).unwrap_or("");
            let words: String = words.chars().take(120).collect();
            out.push_str(&finding_item(
                page,
                finding,
                &format!("{id}-f{}", n + 1),
                &words,
            ));
            out.push('\n');
        }
        out.push_str("</ol>\n");
    }
    out.push_str("</figure>");
    no_blank_lines(&out)
}

/// One review callout for the findings inside one block of a site-mode chapter.
pub fn render_review(page: &Page<'_>, source: &str, findings: &[&Finding], id: &str) -> String {
    let mut out = format!(
        "<aside class=\"bp-callout bp-review\" id=\"{id}\" role=\"note\" aria-label=\"Design review\">\n<header class=\"bp-head\"><span class=\"bp-kind\">Review</span></header>\n<ul class=\"bp-findings\">\n"
    );
    for (n, finding) in findings.iter().enumerate() {
        let words: String = source
            .get(finding.range.as_range())
            .unwrap_or("")
            .chars()
            .take(120)
            .collect();
        out.push_str(&finding_item(
            page,
            finding,
            &format!("{id}-f{}", n + 1),
            &words,
        ));
        out.push('\n');
    }
    out.push_str("</ul>\n</aside>");
    no_blank_lines(&out)
}

/// Top-level block ranges of a Markdown document (where review callouts go).
pub fn top_level_blocks(source: &str) -> Vec<std::ops::Range<usize>> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    for (event, range) in Parser::new_ext(source, Options::ENABLE_TABLES).into_offset_iter() {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    blocks.push(range);
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => blocks.push(range),
            _ => {}
        }
    }
    blocks
}
