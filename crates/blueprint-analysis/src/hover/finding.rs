//! Hover for findings: every finding whose range covers the cursor, with its
//! message, help and the rule's explanation.

use super::Hover;
use crate::{Analysis, TextRange, registry};

pub(super) fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let covering: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.range.start <= offset && offset <= f.range.end)
        .collect();
    let first = covering.first()?;
    let mut range = first.range;
    let mut markdown = String::new();
    for (i, finding) in covering.iter().enumerate() {
        range = TextRange::new(
            range.start.min(finding.range.start),
            range.end.max(finding.range.end),
        );
        if i > 0 {
            markdown.push_str("\n\n---\n\n");
        }
        markdown.push_str(&format!(
            "**{}** ({}): {}",
            finding.rule, finding.severity, finding.message
        ));
        if let Some(help) = &finding.help {
            markdown.push_str(&format!("\n\n*Fix:* {help}"));
        }
        if let Some(meta) = registry::meta(finding.rule) {
            markdown.push_str(&format!(
                "\n\n{}\n\n[Rule reference]({})",
                meta.summary,
                meta.url()
            ));
        }
    }
    Some(Hover { range, markdown })
}
