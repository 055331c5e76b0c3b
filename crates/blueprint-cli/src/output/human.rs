//! `--format human`: rustc-style code frames, then a summary line.

use std::io::Write;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use anyhow::Result;
use blueprint_analysis::{Document, Finding, Severity, TextRange};

use crate::check::Checked;

/// The lines around a range, as (first line number, text, range within it).
fn excerpt(document: &Document, range: TextRange) -> (usize, &str, std::ops::Range<usize>) {
    let index = document.line_index();
    let source = document.source();
    let first = index.line_of(range.start);
    let last = index.line_of(range.end.saturating_sub(1).max(range.start));
    let start = index.line_range(source, first).start;
    let end = index
        .line_range(source, last)
        .end
        .max(range.end.min(source.len()));
    let text = &source[start..end];
    let local = range.start - start..(range.end.min(end) - start).max(range.start - start);
    (first + 1, text, local)
}

fn level(severity: Severity) -> Level<'static> {
    match severity {
        Severity::Error => Level::ERROR,
        Severity::Warning => Level::WARNING,
        Severity::Info => Level::INFO,
    }
}

fn render_finding(
    renderer: &Renderer,
    file: &str,
    document: &Document,
    finding: &Finding,
) -> String {
    let (line, text, local) = excerpt(document, finding.range);
    let mut group = level(finding.severity)
        .primary_title(finding.message.as_str())
        .id(finding.rule)
        .element(
            Snippet::source(text)
                .line_start(line)
                .path(file)
                .annotation(AnnotationKind::Primary.span(local)),
        );
    for related in &finding.related {
        let (line, text, local) = excerpt(document, related.range);
        group = group.element(
            Snippet::source(text)
                .line_start(line)
                .path(file)
                .annotation(
                    AnnotationKind::Context
                        .span(local)
                        .label(related.message.as_str()),
                ),
        );
    }
    let mut report: Vec<Group<'_>> = vec![group];
    if let Some(help) = &finding.help {
        report.push(Group::with_title(
            Level::HELP.secondary_title(help.as_str()),
        ));
    }
    renderer.render(&report).to_string()
}

pub fn write(checked: &[Checked]) -> Result<()> {
    let renderer =
        if anstream::AutoStream::choice(&std::io::stdout()) == anstream::ColorChoice::Never {
            Renderer::plain()
        } else {
            Renderer::styled()
        };
    let mut out = anstream::stdout().lock();
    let mut counts = [0usize; 3];
    for c in checked {
        match &c.outcome {
            Ok((document, findings)) => {
                for finding in findings {
                    writeln!(
                        out,
                        "{}\n",
                        render_finding(&renderer, &c.input.display, document, finding)
                    )?;
                    counts[finding.severity as usize] += 1;
                }
            }
            // Unreadable files are errors of the run, not findings: stderr.
            Err(error) => anstream::eprintln!("error: {}", error.located(&c.input.display)),
        }
    }
    let [info, warning, error] = counts;
    let files = checked.len() - checked.iter().filter(|c| c.outcome.is_err()).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let unreadable = checked.iter().filter(|c| c.outcome.is_err()).count();
    if unreadable > 0 {
        writeln!(out, "{} could not be checked.", plural(unreadable, "file"))?;
    }
    if info + warning + error == 0 {
        writeln!(out, "No findings in {}.", plural(files, "file"))?;
    } else {
        writeln!(
            out,
            "Found {}, {} and {} in {}.",
            plural(error, "error"),
            plural(warning, "warning"),
            plural(info, "info"),
            plural(files, "file")
        )?;
    }
    Ok(())
}
