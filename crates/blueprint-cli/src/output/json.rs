//! `--format json`: the shape documented in the README and the spec.

use blueprint_analysis::{Document, Finding, TextRange, registry};
use serde_json::{Value, json};

use super::span;
use crate::check::Checked;

fn range(document: &Document, range: TextRange) -> Value {
    let (start, end) = span(document, range);
    json!({
        "start": {"line": start.line, "column": start.column},
        "end": {"line": end.line, "column": end.column},
    })
}

fn diagnostic(file: &str, document: &Document, finding: &Finding) -> Value {
    let mut value = json!({
        "file": file,
        "rule": finding.rule,
        "severity": finding.severity.as_str(),
        "message": finding.message,
        "help": finding.help,
        "range": range(document, finding.range),
        "url": registry::meta(finding.rule).map(|m| m.url()),
    });
    if !finding.related.is_empty() {
        value["related"] = finding
            .related
            .iter()
            .map(|r| json!({"message": r.message, "range": range(document, r.range)}))
            .collect();
    }
    if let Some(edit) = &finding.edit {
        value["fix"] = json!({
            "description": edit.description,
            "range": range(document, edit.range),
            "replacement": edit.replacement,
        });
    }
    value
}

pub fn render(checked: &[Checked]) -> Value {
    let mut diagnostics = Vec::new();
    let mut errors = Vec::new();
    for c in checked {
        match &c.outcome {
            Ok((document, findings)) => {
                diagnostics.extend(
                    findings
                        .iter()
                        .map(|f| diagnostic(&c.input.display, document, f)),
                );
            }
            Err(error) => {
                let mut value = json!({"file": c.input.display, "message": error.message});
                if let Some((line, column)) = error.at {
                    value["position"] = json!({"line": line, "column": column});
                }
                errors.push(value);
            }
        }
    }
    json!({
        "version": 1,
        "files": checked.len(),
        "diagnostics": diagnostics,
        "errors": errors,
    })
}
