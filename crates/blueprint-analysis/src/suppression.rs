//! Inline suppressions in HTML comments (invisible when rendered):
//!
//! - `<!-- blueprint-disable-next-line rule/id -->`: the line after the comment
//! - `<!-- blueprint-disable rule/id -->` … `<!-- blueprint-enable rule/id -->`
//! - `<!-- blueprint-disable-file rule/id -->`
//!
//! Ids may be rule ids or areas, separated by spaces or commas; none means
//! every rule. Text after ` -- ` is a free-form reason. A suppression that
//! suppresses nothing is reported as `meta/unused-suppression`.

use crate::config::{Selector, did_you_mean};
use crate::document::Document;
use crate::registry::{self, RuleSet};
use crate::rules::meta::UnusedSuppression;
use crate::{Finding, TextRange};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Directive {
    DisableNextLine,
    Disable,
    Enable,
    DisableFile,
}

impl Directive {
    /// Longest first, so `blueprint-disable-file` is not read as `blueprint-disable`.
    const KEYWORDS: [(&'static str, Directive); 4] = [
        ("blueprint-disable-next-line", Directive::DisableNextLine),
        ("blueprint-disable-file", Directive::DisableFile),
        ("blueprint-disable", Directive::Disable),
        ("blueprint-enable", Directive::Enable),
    ];

    pub fn keyword(self) -> &'static str {
        Self::KEYWORDS
            .iter()
            .find(|(_, d)| *d == self)
            .map(|(k, _)| *k)
            .unwrap_or_default()
    }
}

/// One id (or "every rule") named by one comment.
#[derive(Clone, Debug)]
pub struct Suppression {
    pub directive: Directive,
    /// `None` for a bare directive, which covers every rule.
    pub selector: Option<Selector>,
    /// The id as written, for messages; empty for a bare directive.
    pub written: String,
    /// Where the id is written (the whole comment for a bare directive).
    pub range: TextRange,
    pub comment: TextRange,
    /// Offsets covered: the next line, up to the matching enable, or the file.
    pub covers: TextRange,
    /// `Err` holds "did you mean" for an unknown id.
    pub unknown: Option<Option<String>>,
}

/// Parses every blueprint comment in the document.
pub fn parse(doc: &Document) -> Vec<Suppression> {
    let mut out: Vec<Suppression> = Vec::new();
    let source = doc.source();
    for comment in &doc.html_comments {
        let body = doc.text(comment.body);
        let Some((keyword, directive)) = Directive::KEYWORDS.iter().find(|(k, _)| {
            body.starts_with(k)
                && !body[k.len()..].starts_with(|c: char| c.is_alphanumeric() || c == '-')
        }) else {
            continue;
        };
        let args_start = comment.body.start + keyword.len();
        let args = &body[keyword.len()..];
        let args = args.split(" -- ").next().unwrap_or("");
        let covers = match directive {
            Directive::DisableNextLine => {
                let index = doc.line_index();
                let line = index.line_of(comment.range.end.saturating_sub(1)) + 1;
                if line < index.line_count() {
                    index.line_range(source, line)
                } else {
                    TextRange::empty(source.len())
                }
            }
            Directive::Disable => TextRange::new(comment.range.end, source.len()),
            Directive::DisableFile => TextRange::new(0, source.len()),
            Directive::Enable => TextRange::empty(comment.range.start),
        };
        let mut ids = Vec::new();
        let mut offset = 0;
        for word in args.split(|c: char| c.is_whitespace() || c == ',') {
            let at = args[offset..].find(word).map_or(offset, |i| offset + i);
            offset = at + word.len();
            if !word.is_empty() {
                ids.push((
                    word,
                    TextRange::new(args_start + at, args_start + at + word.len()),
                ));
            }
        }
        if *directive == Directive::Enable {
            close(&mut out, &ids, comment.range.start);
            continue;
        }
        if ids.is_empty() {
            out.push(Suppression {
                directive: *directive,
                selector: None,
                written: String::new(),
                range: comment.range,
                comment: comment.range,
                covers,
                unknown: None,
            });
        }
        for (word, range) in ids {
            let (selector, unknown) = match Selector::parse(word) {
                Ok(selector) => (Some(selector), None),
                Err(suggestion) => (None, Some(suggestion)),
            };
            out.push(Suppression {
                directive: *directive,
                selector,
                written: word.to_string(),
                range,
                comment: comment.range,
                covers,
                unknown,
            });
        }
    }
    out
}

/// `blueprint-enable` ends the open `blueprint-disable` ranges it names (all, when bare).
fn close(open: &mut [Suppression], ids: &[(&str, TextRange)], at: usize) {
    for s in open
        .iter_mut()
        .filter(|s| s.directive == Directive::Disable && s.covers.end > at)
    {
        let named = ids.is_empty() || ids.iter().any(|(w, _)| *w == s.written);
        if named && s.covers.start <= at {
            s.covers.end = at;
        }
    }
}

impl Suppression {
    fn suppresses(&self, finding: &Finding) -> bool {
        if self.unknown.is_some() {
            return false;
        }
        let rule_matches = self.selector.is_none_or(|s| s.matches(finding.rule));
        let place_matches = match self.directive {
            Directive::DisableFile => true,
            Directive::DisableNextLine => {
                self.covers.contains(finding.range.start)
                    || (self.covers.is_empty() && self.covers.start == finding.range.start)
                    || finding.range.start == self.covers.end && !self.covers.is_empty()
            }
            Directive::Disable => self.covers.contains(finding.range.start),
            Directive::Enable => false,
        };
        rule_matches && place_matches
    }
}

/// Removes suppressed findings and, when `meta/unused-suppression` is
/// enabled, reports suppressions that suppressed nothing.
pub fn apply(doc: &Document, rules: &RuleSet, findings: Vec<Finding>) -> Vec<Finding> {
    let suppressions = parse(doc);
    if suppressions.is_empty() {
        return findings;
    }
    let mut used = vec![false; suppressions.len()];
    // A sweep in source order: each finding is tested only against the
    // suppressions whose cover reaches it, not against all of them (50,000
    // suppressions times as many findings was quadratic).
    let mut order: Vec<usize> = (0..suppressions.len()).collect();
    order.sort_by_key(|&i| suppressions[i].covers.start);
    let mut by_start: Vec<usize> = (0..findings.len()).collect();
    by_start.sort_by_key(|&i| findings[i].range.start);
    let mut suppressed = vec![false; findings.len()];
    let mut active: Vec<usize> = Vec::new();
    let mut next = 0;
    for f in by_start {
        let at = findings[f].range.start;
        while let Some(&i) = order
            .get(next)
            .filter(|&&i| suppressions[i].covers.start <= at)
        {
            active.push(i);
            next += 1;
        }
        // Every directive's place test needs `covers.start <= at <= covers.end`.
        active.retain(|&i| suppressions[i].covers.end >= at);
        for &i in &active {
            if suppressions[i].suppresses(&findings[f]) {
                used[i] = true;
                suppressed[f] = true;
            }
        }
    }
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .zip(suppressed)
        .filter_map(|(finding, suppressed)| (!suppressed).then_some(finding))
        .collect();

    let meta = &UnusedSuppression::META;
    let Some(severity) = rules.severity_of(meta.id) else {
        return kept;
    };
    // A file-wide suppression of the meta rule silences these too.
    let meta_silenced = suppressions.iter().any(|other| {
        other.directive == Directive::DisableFile
            && other.selector.is_some_and(|sel| sel.matches(meta.id))
    });
    for (s, used) in suppressions.iter().zip(used) {
        if used {
            continue;
        }
        let message = match (&s.unknown, s.selector) {
            (Some(suggestion), _) => {
                let hint = suggestion
                    .as_ref()
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                format!(
                    "Unknown rule `{}` in `{}`{hint}",
                    s.written,
                    s.directive.keyword()
                )
            }
            (None, Some(crate::config::Selector::Rule(id))) if !rules.is_enabled(id) => {
                format!("`{id}` is not enabled, so this suppression suppresses nothing")
            }
            (None, None) => format!("`{}` suppresses nothing here", s.directive.keyword()),
            (None, Some(_)) => format!(
                "`{}` is not reported here, so this suppression suppresses nothing",
                s.written
            ),
        };
        let mut finding = meta
            .finding(s.range, message)
            .help("Remove the suppression, or fix the rule id.");
        finding.severity = severity;
        if !meta_silenced {
            kept.push(finding);
        }
    }
    kept
}

/// All rule ids, for completion and for "did you mean" in front ends.
pub fn suggest(id: &str) -> Option<String> {
    did_you_mean(id, registry::all().iter().map(|r| r.meta().id))
}
