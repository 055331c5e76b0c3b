//! The labelled corpus: every `tests/corpus/*.md` design doc is analysed with
//! the default rule set and its findings are compared with the labels in the
//! matching `.expected` file. Prints precision and recall per rule and per
//! area, and fails when the implemented rules fall below the quality bar or a
//! label names a rule id that does not exist in the spec.
//!
//! Label format (one per line, `#` starts a comment):
//! - `LINE rule/id`: a finding of that rule starting on that line (1-based);
//! - `A-B rule/id`: a finding of that rule overlapping lines A to B.
//!
//! A finding matches a label when the rules agree and the finding's lines
//! overlap the label's lines. Each label and each finding match at most once.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use blueprint_analysis::{RuleSet, analyze, registry};
use blueprint_tests::spec_rule_ids;

/// The bar from the issues: precision first, then recall.
const MIN_PRECISION: f64 = 0.95;
const MIN_RECALL: f64 = 0.85;

struct Label {
    lines: (usize, usize),
    rule: String,
    source_line: usize,
}

#[derive(Default, Clone, Copy)]
struct Counts {
    true_positives: usize,
    false_positives: usize,
    false_negatives: usize,
}

impl Counts {
    fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }

    fn precision(self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_positives,
        )
    }

    fn recall(self) -> f64 {
        ratio(
            self.true_positives,
            self.true_positives + self.false_negatives,
        )
    }
}

fn ratio(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        1.0
    } else {
        part as f64 / whole as f64
    }
}

fn parse_labels(path: &Path, text: &str) -> Result<Vec<Label>, String> {
    let mut labels = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let line = raw.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let at = format!("{}:{}", path.display(), index + 1);
        let (lines, rule) = line
            .split_once(char::is_whitespace)
            .ok_or_else(|| format!("{at}: expected `LINE rule/id`, found `{line}`"))?;
        let number = |s: &str| {
            s.parse::<usize>()
                .map_err(|_| format!("{at}: `{s}` is not a line number"))
        };
        let lines = match lines.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => (number(lines)?, number(lines)?),
        };
        labels.push(Label {
            lines,
            rule: rule.trim().to_owned(),
            source_line: index + 1,
        });
    }
    Ok(labels)
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus")
}

fn main() -> ExitCode {
    let spec_ids = spec_rule_ids();
    let rules = RuleSet::default();
    let implemented: Vec<&str> = registry::all().iter().map(|r| r.meta().id).collect();
    let mut per_rule: BTreeMap<String, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut misses = Vec::new();
    let mut documents = 0;

    let mut paths: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus exists")
        .map(|e| e.expect("readable corpus entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    paths.sort();

    for path in &paths {
        let expected_path = path.with_extension("expected");
        let source = std::fs::read_to_string(path).expect("corpus doc is UTF-8");
        let Ok(expected) = std::fs::read_to_string(&expected_path) else {
            errors.push(format!("{}: no .expected file", path.display()));
            continue;
        };
        let labels = match parse_labels(&expected_path, &expected) {
            Ok(labels) => labels,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        for label in &labels {
            if !spec_ids.contains(&label.rule.as_str()) {
                errors.push(format!(
                    "{}:{}: `{}` is not a rule id of the spec",
                    expected_path.display(),
                    label.source_line,
                    label.rule
                ));
            }
        }
        documents += 1;
        let analysis = analyze(source, &rules);
        let doc = &analysis.document;
        let findings: Vec<(usize, usize, &str)> = analysis
            .findings
            .iter()
            .map(|f| {
                let start = doc.line_col(f.range.start).line as usize;
                let end = doc.line_col(f.range.end.max(f.range.start + 1) - 1).line as usize;
                (start, end.max(start), f.rule)
            })
            .collect();
        let name = path.file_name().unwrap().to_string_lossy();
        let mut used = vec![false; findings.len()];
        for label in labels
            .iter()
            .filter(|l| implemented.contains(&l.rule.as_str()))
        {
            let counts = per_rule.entry(label.rule.clone()).or_default();
            let hit = findings.iter().enumerate().position(|(i, (s, e, rule))| {
                !used[i] && *rule == label.rule && *s <= label.lines.1 && label.lines.0 <= *e
            });
            match hit {
                Some(i) => {
                    used[i] = true;
                    counts.true_positives += 1;
                }
                None => {
                    counts.false_negatives += 1;
                    misses.push(format!(
                        "  missed      {name}:{}-{} {}",
                        label.lines.0, label.lines.1, label.rule
                    ));
                }
            }
        }
        for ((start, _, rule), used) in findings.iter().zip(&used) {
            if !used {
                per_rule
                    .entry((*rule).to_owned())
                    .or_default()
                    .false_positives += 1;
                let message = analysis
                    .findings
                    .iter()
                    .find(|f| {
                        f.rule == *rule && doc.line_col(f.range.start).line as usize == *start
                    })
                    .map(|f| f.message.as_str())
                    .unwrap_or_default();
                misses.push(format!("  unexpected  {name}:{start} {rule}: {message}"));
            }
        }
    }

    let pending: Vec<&str> = spec_ids
        .iter()
        .copied()
        .filter(|id| !implemented.contains(id))
        .collect();
    println!(
        "\ncorpus: {documents} labelled documents in tests/corpus, {} of {} spec rules implemented",
        implemented.len(),
        spec_ids.len()
    );
    println!(
        "{:<48} {:>4} {:>4} {:>4} {:>9} {:>7}",
        "rule", "tp", "fp", "fn", "precision", "recall"
    );
    let mut per_area: BTreeMap<&str, Counts> = BTreeMap::new();
    let mut total = Counts::default();
    for (rule, counts) in &per_rule {
        println!(
            "{:<48} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}",
            rule,
            counts.true_positives,
            counts.false_positives,
            counts.false_negatives,
            counts.precision(),
            counts.recall()
        );
        let area = rule.split('/').next().unwrap_or(rule);
        per_area.entry(spec_area(area)).or_default().add(*counts);
        total.add(*counts);
    }
    println!("\nper area:");
    for (area, counts) in &per_area {
        println!(
            "{:<48} {:>4} {:>4} {:>4} {:>9.3} {:>7.3}",
            area,
            counts.true_positives,
            counts.false_positives,
            counts.false_negatives,
            counts.precision(),
            counts.recall()
        );
    }
    println!(
        "\nall implemented rules: precision {:.3}, recall {:.3} (tp {}, fp {}, fn {})",
        total.precision(),
        total.recall(),
        total.true_positives,
        total.false_positives,
        total.false_negatives
    );
    if !pending.is_empty() {
        println!(
            "not yet implemented (labels not scored): {}",
            pending.join(", ")
        );
    }
    if !misses.is_empty() {
        println!("\ndisagreements:");
        for miss in &misses {
            println!("{miss}");
        }
    }

    if total.precision() < MIN_PRECISION {
        errors.push(format!(
            "precision {:.3} is below {MIN_PRECISION}",
            total.precision()
        ));
    }
    if total.recall() < MIN_RECALL {
        errors.push(format!(
            "recall {:.3} is below {MIN_RECALL}",
            total.recall()
        ));
    }
    if errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        for error in &errors {
            eprintln!("error: {error}");
        }
        ExitCode::FAILURE
    }
}

fn spec_area(area: &str) -> &'static str {
    blueprint_analysis::rule::AREAS
        .iter()
        .copied()
        .find(|a| *a == area)
        .unwrap_or("unknown")
}
