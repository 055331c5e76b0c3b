//! Escaping and Markdown rendering for user text. Raw HTML in user text is
//! shown as text, link targets are limited to safe schemes, and the output
//! never contains a blank line (it is spliced into a Markdown HTML block,
//! which a blank line would end).

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

/// Escapes text for HTML content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// Only web, mail and relative links; anything else (`javascript:`, `data:`)
/// becomes an inert `#`.
fn safe_url(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    match lower.find(':') {
        None => true,
        Some(colon) => {
            // A colon after a path character is part of a relative path.
            if lower[..colon].contains(['/', '?', '#']) {
                return true;
            }
            matches!(&lower[..colon], "http" | "https" | "mailto")
        }
    }
}

fn sanitize<'a>(events: impl Iterator<Item = Event<'a>>) -> impl Iterator<Item = Event<'a>> {
    events.map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Event::Text(html),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) if !safe_url(&dest_url) => Event::Start(Tag::Image {
            link_type,
            dest_url: CowStr::Borrowed("#"),
            title,
            id,
        }),
        other => other,
    })
}

/// Markdown to HTML: paragraphs, lists, code, emphasis, links.
pub fn markdown_block(text: &str) -> String {
    let mut out = String::new();
    pulldown_cmark::html::push_html(&mut out, sanitize(Parser::new_ext(text, options())));
    no_blank_lines(out.trim_end())
}

/// Markdown to inline HTML: a single paragraph loses its `<p>`.
pub fn markdown_inline(text: &str) -> String {
    let events: Vec<Event<'_>> = sanitize(Parser::new_ext(text, options())).collect();
    let single_paragraph = matches!(events.first(), Some(Event::Start(Tag::Paragraph)))
        && matches!(events.last(), Some(Event::End(TagEnd::Paragraph)))
        && events
            .iter()
            .filter(|e| matches!(e, Event::Start(Tag::Paragraph)))
            .count()
            == 1
        && !events.iter().any(|e| {
            matches!(
                e,
                Event::Start(Tag::List(_) | Tag::CodeBlock(_) | Tag::BlockQuote(_))
            )
        });
    let mut out = String::new();
    if single_paragraph {
        pulldown_cmark::html::push_html(&mut out, events[1..events.len() - 1].iter().cloned());
    } else {
        pulldown_cmark::html::push_html(&mut out, events.into_iter());
    }
    no_blank_lines(out.trim_end())
}

/// Markdown rendered to plain text (for the Anki export's search field, and
/// `aria-label`s).
pub fn markdown_text(text: &str) -> String {
    let mut out = String::new();
    for event in Parser::new_ext(text, options()) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => {
                out.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::End(TagEnd::Paragraph | TagEnd::Item) => out.push(' '),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Replaces blank lines with a numeric newline entity: the same text inside
/// `<pre>`, whitespace elsewhere, and the Markdown HTML block stays one block.
pub fn no_blank_lines(html: &str) -> String {
    let mut out = html.to_string();
    while out.contains("\n\n") {
        out = out.replace("\n\n", "\n&#10;");
    }
    out.lines()
        .map(|line| {
            if line.trim().is_empty() {
                "&#10;"
            } else {
                line
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_html_and_script_urls_are_inert() {
        let html = markdown_block(
            "<script>alert(1)</script>\n\n[x](javascript:alert(1)) <b onmouseover=\"x\">",
        );
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<b "), "{html}");
        assert!(html.contains("href=\"#\""), "{html}");
        assert_eq!(escape("\"onmouseover=<"), "&quot;onmouseover=&lt;");
    }

    #[test]
    fn code_blocks_keep_blank_lines_without_ending_the_html_block() {
        let html = markdown_block("```\na\n\n\nb\n```");
        assert!(!html.contains("\n\n"), "{html}");
        // Three newlines in, three out: "\n", the entity, "\n".
        assert!(html.contains("a\n&#10;\nb"), "{html}");
    }

    #[test]
    fn inline_drops_the_paragraph() {
        assert_eq!(markdown_inline("*a* `b`"), "<em>a</em> <code>b</code>");
        assert!(markdown_inline("p1\n\np2").starts_with("<p>"));
    }
}
