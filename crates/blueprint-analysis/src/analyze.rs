//! The analysis pipeline: parse once, run the enabled rules over the shared
//! model, apply suppressions, sort.

use crate::document::Document;
use crate::registry::RuleSet;
use crate::{Finding, RuleContext, suppression};

/// A document and what the rules found in it.
#[derive(Debug)]
pub struct Analysis {
    pub document: Document,
    pub findings: Vec<Finding>,
}

/// Parses and analyses one Markdown document.
pub fn analyze(source: impl Into<String>, rules: &RuleSet) -> Analysis {
    let document = Document::parse(source);
    let findings = analyze_document(&document, rules);
    Analysis { document, findings }
}

/// Runs the enabled rules over an already parsed document.
pub fn analyze_document(document: &Document, rules: &RuleSet) -> Vec<Finding> {
    let cx = RuleContext::new(document, rules);
    let mut findings = Vec::new();
    for (rule, severity) in rules.rules() {
        let start = findings.len();
        rule.check(&cx, &mut findings);
        for finding in &mut findings[start..] {
            finding.severity = severity;
        }
    }
    let mut findings = suppression::apply(document, rules, findings);
    findings.sort_by(|a, b| {
        (a.range.start, a.range.end, a.rule, &a.message).cmp(&(
            b.range.start,
            b.range.end,
            b.rule,
            &b.message,
        ))
    });
    findings.dedup_by(|a, b| a.rule == b.rule && a.range == b.range);
    findings
}
