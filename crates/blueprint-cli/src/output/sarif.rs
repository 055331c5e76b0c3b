//! `--format sarif`: SARIF 2.1.0 with every rule in `tool.driver.rules`.

use blueprint_analysis::{Document, Finding, Severity, TextRange, VERSION, registry};
use serde_json::{Value, json};

use super::span;
use crate::check::Checked;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a relative path into a URI reference.
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

fn region(document: &Document, range: TextRange) -> Value {
    let (start, end) = span(document, range);
    json!({
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
    })
}

fn location(file: &str, document: &Document, range: TextRange) -> Value {
    json!({
        "physicalLocation": {
            "artifactLocation": {"uri": uri(file)},
            "region": region(document, range),
        }
    })
}

fn result(file: &str, document: &Document, finding: &Finding) -> Value {
    let index = registry::all()
        .iter()
        .position(|r| r.meta().id == finding.rule);
    let mut text = finding.message.clone();
    if let Some(help) = &finding.help {
        text = format!("{text}\n{help}");
    }
    let mut value = json!({
        "ruleId": finding.rule,
        "level": level(finding.severity),
        "message": {"text": text},
        "locations": [location(file, document, finding.range)],
    });
    if let Some(index) = index {
        value["ruleIndex"] = json!(index);
    }
    if !finding.related.is_empty() {
        value["relatedLocations"] = finding
            .related
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let mut loc = location(file, document, r.range);
                loc["id"] = json!(i + 1);
                loc["message"] = json!({"text": r.message});
                loc
            })
            .collect();
    }
    if let Some(edit) = &finding.edit {
        value["fixes"] = json!([{
            "description": {"text": edit.description},
            "artifactChanges": [{
                "artifactLocation": {"uri": uri(file)},
                "replacements": [{
                    "deletedRegion": region(document, edit.range),
                    "insertedContent": {"text": edit.replacement},
                }],
            }],
        }]);
    }
    value
}

fn rules() -> Vec<Value> {
    registry::all()
        .iter()
        .map(|rule| {
            let meta = rule.meta();
            let docs = meta.sections();
            json!({
                "id": meta.id,
                "name": meta.id.replace(['/', '-'], "_"),
                "shortDescription": {"text": meta.summary},
                "fullDescription": {"text": docs.what},
                "helpUri": meta.url(),
                "help": {"text": format!("{}\n\n{}", docs.why, docs.instead), "markdown": meta.docs_markdown()},
                "defaultConfiguration": {"level": level(meta.severity)},
                "properties": {"tags": [meta.area()]},
            })
        })
        .collect()
}

pub fn render(checked: &[Checked]) -> Value {
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for c in checked {
        match &c.outcome {
            Ok((document, findings)) => {
                results.extend(
                    findings
                        .iter()
                        .map(|f| result(&c.input.display, document, f)),
                );
            }
            Err(error) => {
                let mut location = json!({"artifactLocation": {"uri": uri(&c.input.display)}});
                if let Some((line, column)) = error.at {
                    location["region"] = json!({"startLine": line, "startColumn": column});
                }
                notifications.push(json!({
                    "level": "error",
                    "message": {"text": error.message},
                    "locations": [{"physicalLocation": location}],
                }));
            }
        }
    }
    json!({
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "blueprint",
                "version": VERSION,
                "informationUri": blueprint_analysis::BOOK_URL,
                "rules": rules(),
            }},
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    })
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(uri("docs/my design.md"), "docs/my%20design.md");
        assert_eq!(uri("設計.md"), "%E8%A8%AD%E8%A8%88.md");
    }
}
