//! The analysis pipeline: parse once, run the enabled rules over the shared
//! model, apply suppressions, sort.

use crate::document::Document;
use crate::models::Models;
use crate::registry::RuleSet;
use crate::{Finding, RuleContext, suppression};

/// A document, the models built from it and what the rules found in it.
#[derive(Debug)]
pub struct Analysis {
    pub document: Document,
    pub models: Models,
    pub findings: Vec<Finding>,
}

impl Analysis {
    /// The doc's SQL model (built during analysis if a rule needed it).
    pub fn sql(&self) -> &crate::sql::SqlModel {
        self.models.sql(&self.document)
    }

    pub fn outline(&self) -> &crate::outline::Outline {
        self.models.outline(&self.document)
    }

    /// Glossary terms and database names mentioned in the doc, in order.
    pub fn mentions(&self) -> &[crate::knowledge::Mention] {
        self.models.mentions(&self.document)
    }

    /// The decisions stated in the doc's prose (stores, requirements, replication).
    pub fn decisions(&self) -> &crate::decisions::Decisions {
        self.models.decisions(&self.document)
    }
}

/// Parses and analyses one Markdown document.
pub fn analyze(source: impl Into<String>, rules: &RuleSet) -> Analysis {
    let document = Document::parse(source);
    let models = Models::default();
    let findings = analyze_with(&document, &models, rules);
    Analysis {
        document,
        models,
        findings,
    }
}

/// Runs the enabled rules over an already parsed document.
pub fn analyze_document(document: &Document, rules: &RuleSet) -> Vec<Finding> {
    analyze_with(document, &Models::default(), rules)
}

/// Runs the enabled rules over a parsed document and models that may be
/// built already (benchmarks time rules apart from the models they read).
pub fn analyze_with(document: &Document, models: &Models, rules: &RuleSet) -> Vec<Finding> {
    let cx = RuleContext::new(document, models, rules);
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
