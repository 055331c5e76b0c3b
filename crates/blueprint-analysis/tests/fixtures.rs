//! Rule fixtures: `fixtures/<area>/<rule-name>/pos-*.md` must make that rule
//! fire, `neg-*.md` (near misses) must keep it silent. Every fixture's
//! findings are snapshotted with insta, with positions and the underlined
//! source, so a change in what or where a rule reports shows up in review.
//!
//! A fixture may start with `<!-- fixture: also=rule/id,area -->` to enable
//! more rules next to the one under test (e.g. for suppression fixtures).

use std::fmt::Write;
use std::path::{Path, PathBuf};

use blueprint_analysis::{Finding, RuleSet, analyze, registry};

fn fixtures_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

/// `fixtures/cap/ca-distributed-claim/pos-x.md` → `cap/ca-distributed-claim`.
fn rule_of(path: &Path) -> String {
    let relative = path
        .strip_prefix(fixtures_root())
        .expect("fixture under the root");
    let parts: Vec<String> = relative
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    format!("{}/{}", parts[0], parts[1])
}

fn extra_rules(text: &str) -> Vec<String> {
    let Some(rest) = text.strip_prefix("<!-- fixture: also=") else {
        return Vec::new();
    };
    let list = rest.split("-->").next().unwrap_or("");
    list.split(',')
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn render(source: &str, doc: &blueprint_analysis::Document, findings: &[Finding]) -> String {
    let mut out = String::new();
    if findings.is_empty() {
        out.push_str("(no findings)\n");
    }
    for f in findings {
        let start = doc.line_col(f.range.start);
        let end = doc.line_col(f.range.end);
        writeln!(
            out,
            "{}:{}-{}:{} {} {}: {}",
            start.line, start.column, end.line, end.column, f.severity, f.rule, f.message
        )
        .unwrap();
        let line = doc.line_index().line_range(source, start.line as usize - 1);
        let text = &source[line.as_range()];
        let width = if end.line == start.line {
            (end.column - start.column).max(1)
        } else {
            1
        };
        writeln!(out, "  | {text}").unwrap();
        writeln!(
            out,
            "  | {}{}",
            " ".repeat(start.column as usize - 1),
            "^".repeat(width as usize)
        )
        .unwrap();
        for r in &f.related {
            let at = doc.line_col(r.range.start);
            writeln!(out, "  related {}:{}: {}", at.line, at.column, r.message).unwrap();
        }
        if let Some(help) = &f.help {
            writeln!(out, "  help: {help}").unwrap();
        }
        if let Some(edit) = &f.edit {
            let at = doc.line_col(edit.range.start);
            writeln!(
                out,
                "  fix at {}:{}: {}\n{}",
                at.line, at.column, edit.description, edit.replacement
            )
            .unwrap();
        }
    }
    out
}

#[test]
fn fixtures() {
    insta::glob!("fixtures/**/*.md", |path| {
        let rule = rule_of(path);
        assert!(
            registry::find(&rule).is_some(),
            "{}: no rule `{rule}`",
            path.display()
        );
        let source = std::fs::read_to_string(path).expect("fixture is UTF-8");
        let mut ids = vec![rule.clone()];
        ids.extend(extra_rules(&source));
        let id_refs: Vec<&str> = ids.iter().map(String::as_str).collect();
        let analysis = analyze(source.clone(), &RuleSet::only(&id_refs));
        let own = analysis.findings.iter().filter(|f| f.rule == rule).count();
        let name = path.file_name().unwrap().to_string_lossy();
        if name.starts_with("pos-") {
            assert!(own > 0, "{}: expected `{rule}` to fire", path.display());
        } else if name.starts_with("neg-") {
            assert_eq!(
                own,
                0,
                "{}: expected `{rule}` to stay silent, got {:#?}",
                path.display(),
                analysis.findings
            );
        } else {
            panic!("{}: fixture names start with pos- or neg-", path.display());
        }
        insta::assert_snapshot!(render(&source, &analysis.document, &analysis.findings));
    });
}

#[test]
fn every_rule_has_positive_and_negative_fixtures() {
    let mut missing = Vec::new();
    for rule in registry::all() {
        let id = rule.meta().id;
        let dir = fixtures_root().join(id);
        let names: Vec<String> = std::fs::read_dir(&dir)
            .map(|entries| {
                entries
                    .filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        for prefix in ["pos-", "neg-"] {
            if !names
                .iter()
                .any(|n| n.starts_with(prefix) && n.ends_with(".md"))
            {
                missing.push(format!("{id}: no {prefix}*.md in {}", dir.display()));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "rules without fixtures:\n{}",
        missing.join("\n")
    );
}
