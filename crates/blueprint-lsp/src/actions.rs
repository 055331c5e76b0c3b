//! Code actions for findings: apply the finding's suggested edit, disable the
//! rule for the line (or the code block / table the finding sits in) or for
//! the file with a suppression comment, remove an unused suppression, and
//! open the rule's documentation.
//!
//! Suppression comments are placed so the rendered Markdown does not change:
//! on their own line where a block starts, appended to the previous line
//! inside a paragraph or list (a comment line there would split it), and
//! around a code block or table (a line inside those would become code or
//! end the table).

use std::collections::HashMap;

use blueprint_analysis::document::Document;
use blueprint_analysis::suppression::{self, Directive};
use blueprint_analysis::{Analysis, Finding, TextRange};
use serde_json::json;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, Command, TextEdit, Uri, WorkspaceEdit,
};

use crate::convert::{self, Lines};

/// `workspace/executeCommand` that opens a rule's page; argument: the rule id.
pub const EXPLAIN_COMMAND: &str = "blueprint.explainRule";
/// The kind of the "explain this rule" action (a quick fix sub-kind so
/// clients that ask only for quick fixes still list it).
pub const EXPLAIN_KIND: &str = "quickfix.blueprint.explain";

const UNUSED_SUPPRESSION: &str = "meta/unused-suppression";

/// One byte-range edit of the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Replace {
    pub range: TextRange,
    pub text: String,
}

impl Replace {
    fn insert(at: usize, text: impl Into<String>) -> Self {
        Replace {
            range: TextRange::empty(at),
            text: text.into(),
        }
    }
}

/// Every action for the findings touching `range`, filtered by `only` kinds.
pub fn code_actions(
    analysis: &Analysis,
    lines: &Lines<'_>,
    uri: &Uri,
    range: TextRange,
    only: Option<&[CodeActionKind]>,
) -> Vec<CodeActionOrCommand> {
    let doc = &analysis.document;
    let mut out = Vec::new();
    let touching = analysis
        .findings
        .iter()
        .filter(|f| f.range.start <= range.end && range.start <= f.range.end);
    for finding in touching {
        let diagnostic = convert::diagnostic(finding, lines, uri);
        let mut push =
            |title: String, kind: CodeActionKind, edits: Vec<Replace>, preferred: bool| {
                out.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title,
                    kind: Some(kind),
                    diagnostics: Some(vec![diagnostic.clone()]),
                    edit: Some(workspace_edit(uri, lines, edits)),
                    command: None,
                    is_preferred: preferred.then_some(true),
                    disabled: None,
                    data: None,
                }));
            };
        if let Some(edit) = &finding.edit {
            push(
                edit.description.clone(),
                CodeActionKind::QUICKFIX,
                vec![Replace {
                    range: edit.range,
                    text: edit.replacement.clone(),
                }],
                true,
            );
        }
        if finding.rule == UNUSED_SUPPRESSION {
            if let Some(edits) = remove_unused_suppression(doc, finding) {
                push(
                    "Remove the unused suppression".into(),
                    CodeActionKind::QUICKFIX,
                    edits,
                    true,
                );
            }
        } else if let Some((title, edits)) = disable_here(doc, finding) {
            push(title, CodeActionKind::QUICKFIX, edits, false);
        }
        push(
            format!("Disable `{}` for this file", finding.rule),
            CodeActionKind::QUICKFIX,
            disable_for_file(doc, finding.rule),
            false,
        );
        out.push(CodeActionOrCommand::CodeAction(CodeAction {
            title: format!("Explain `{}`", finding.rule),
            kind: Some(CodeActionKind::new(EXPLAIN_KIND)),
            diagnostics: Some(vec![diagnostic.clone()]),
            edit: None,
            command: Some(explain_command(finding.rule)),
            is_preferred: None,
            disabled: None,
            data: None,
        }));
    }
    if let Some(only) = only {
        out.retain(|action| match action {
            CodeActionOrCommand::CodeAction(CodeAction {
                kind: Some(kind), ..
            }) => only.iter().any(|wanted| kind_matches(kind, wanted)),
            _ => false,
        });
    }
    out
}

pub fn explain_command(rule: &str) -> Command {
    Command {
        title: format!("Explain `{rule}`"),
        command: EXPLAIN_COMMAND.to_string(),
        arguments: Some(vec![json!(rule)]),
    }
}

/// `quickfix.blueprint.explain` matches `quickfix`; kinds are hierarchical.
fn kind_matches(kind: &CodeActionKind, wanted: &CodeActionKind) -> bool {
    let (kind, wanted) = (kind.as_str(), wanted.as_str());
    wanted.is_empty()
        || kind == wanted
        || kind
            .strip_prefix(wanted)
            .is_some_and(|rest| rest.starts_with('.'))
}

fn workspace_edit(uri: &Uri, lines: &Lines<'_>, edits: Vec<Replace>) -> WorkspaceEdit {
    let edits = edits
        .into_iter()
        .map(|e| TextEdit {
            range: lines.range(e.range),
            new_text: e.text,
        })
        .collect();
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        document_changes: None,
        change_annotations: None,
    }
}

fn comment(directive: Directive, rule: &str) -> String {
    format!("<!-- {} {rule} -->", directive.keyword())
}

/// The leading spaces and tabs of the line holding `offset`.
fn indent_at(doc: &Document, offset: usize) -> (usize, &str) {
    let index = doc.line_index();
    let line = index.line_range(doc.source(), index.line_of(offset));
    let text = doc.text(line);
    let indent = &text[..text.len() - text.trim_start_matches([' ', '\t']).len()];
    (line.start, indent)
}

/// "Disable for this line" (or for the enclosing code block or table).
pub fn disable_here(doc: &Document, finding: &Finding) -> Option<(String, Vec<Replace>)> {
    let rule = finding.rule;
    let at = finding.range.start;
    let source = doc.source();
    let index = doc.line_index();

    let wrap = |range: TextRange, what: &str| {
        let (start, indent) = indent_at(doc, range.start);
        let last_line = index.line_of(range.end.saturating_sub(1).max(range.start));
        let end = index.line_range(source, last_line).end;
        (
            format!("Disable `{rule}` for this {what}"),
            vec![
                Replace::insert(
                    start,
                    format!("{indent}{}\n", comment(Directive::Disable, rule)),
                ),
                Replace::insert(
                    end,
                    format!("\n{indent}{}", comment(Directive::Enable, rule)),
                ),
            ],
        )
    };
    if let Some(block) = doc.code_blocks.iter().find(|b| b.range.contains(at)) {
        return Some(wrap(block.range, "code block"));
    }
    if let Some(table) = doc.tables.iter().find(|t| t.range.contains(at)) {
        return Some(wrap(table.range, "table"));
    }

    let title = format!("Disable `{rule}` for this line");
    // Add to a `disable-next-line` comment that already covers the line.
    for s in suppression::parse(doc) {
        if s.directive == Directive::DisableNextLine && s.covers.contains(at) {
            if s.selector.is_some_and(|sel| sel.matches(rule)) {
                return None;
            }
            let Some(comment) = doc.html_comments.iter().find(|c| c.range == s.comment) else {
                continue;
            };
            let body = doc.text(comment.body);
            let insert_at = comment.body.start + body.find(" -- ").unwrap_or(body.len());
            return Some((title, vec![Replace::insert(insert_at, format!(" {rule}"))]));
        }
    }

    let line = index.line_of(at);
    let comment_text = comment(Directive::DisableNextLine, rule);
    let previous = line.checked_sub(1).map(|l| index.line_range(source, l));
    let own_line = match previous {
        None => true,
        Some(prev) => {
            doc.text(prev).trim().is_empty()
                || doc.code_blocks.iter().any(|b| b.range.contains(prev.start))
                || doc.tables.iter().any(|t| t.range.contains(prev.start))
                || doc
                    .html_comments
                    .iter()
                    .any(|c| c.range.start <= prev.end && prev.start < c.range.end)
        }
    };
    let edit = if own_line {
        let (start, indent) = indent_at(doc, at);
        Replace::insert(start, format!("{indent}{comment_text}\n"))
    } else {
        // Inside a paragraph or list: a comment line would split it, so the
        // comment goes at the end of the previous line (it covers the next).
        let prev = previous.expect("own_line is true without a previous line");
        Replace::insert(prev.end, format!(" {comment_text}"))
    };
    Some((title, vec![edit]))
}

/// "Disable for this file": adds the id to an existing `disable-file` comment,
/// else inserts one at the top (after front matter).
pub fn disable_for_file(doc: &Document, rule: &str) -> Vec<Replace> {
    let existing = suppression::parse(doc)
        .into_iter()
        .find(|s| s.directive == Directive::DisableFile && s.selector.is_some());
    if let Some(comment) =
        existing.and_then(|s| doc.html_comments.iter().find(|c| c.range == s.comment))
    {
        let body = doc.text(comment.body);
        let at = comment.body.start + body.find(" -- ").unwrap_or(body.len());
        return vec![Replace::insert(at, format!(" {rule}"))];
    }
    let at = match doc.front_matter {
        Some(front) => {
            let index = doc.line_index();
            let last = index.line_of(front.end.saturating_sub(1));
            index.line_start(last + 1).unwrap_or(doc.source().len())
        }
        None => 0,
    };
    let newline = if at == doc.source().len() && !doc.source().ends_with('\n') && at > 0 {
        "\n"
    } else {
        ""
    };
    vec![Replace::insert(
        at,
        format!("{newline}{}\n", comment(Directive::DisableFile, rule)),
    )]
}

/// Removes the id an unused-suppression finding points at, or the whole
/// comment when it names nothing else (with its line when it is alone on it).
pub fn remove_unused_suppression(doc: &Document, finding: &Finding) -> Option<Vec<Replace>> {
    let suppressions = suppression::parse(doc);
    let target = suppressions.iter().find(|s| s.range == finding.range)?;
    let siblings = suppressions
        .iter()
        .filter(|s| s.comment == target.comment)
        .count();
    let source = doc.source();
    if siblings > 1 && !target.written.is_empty() {
        // `a, b c`: drop the id with the separators before it.
        let before = &source[..target.range.start];
        let start = before.trim_end_matches([' ', ',', '\t']).len();
        return Some(vec![Replace {
            range: TextRange::new(start, target.range.end),
            text: String::new(),
        }]);
    }
    let index = doc.line_index();
    let first = index.line_range(source, index.line_of(target.comment.start));
    let last_line = index.line_of(target.comment.end.saturating_sub(1));
    let last = index.line_range(source, last_line);
    let alone = source[first.start..target.comment.start].trim().is_empty()
        && source[target.comment.end..last.end].trim().is_empty();
    let range = if alone {
        let end = index.line_start(last_line + 1).unwrap_or(source.len());
        TextRange::new(first.start, end)
    } else {
        let before = &source[..target.comment.start];
        TextRange::new(
            before.trim_end_matches([' ', '\t']).len(),
            target.comment.end,
        )
    };
    Some(vec![Replace {
        range,
        text: String::new(),
    }])
}

#[cfg(test)]
mod tests {
    use blueprint_analysis::{RuleSet, analyze};

    use super::*;

    fn apply(text: &str, mut edits: Vec<Replace>) -> String {
        edits.sort_by_key(|e| std::cmp::Reverse(e.range.start));
        let mut out = text.to_string();
        for edit in edits {
            out.replace_range(edit.range.as_range(), &edit.text);
        }
        out
    }

    fn finding_of<'a>(analysis: &'a Analysis, rule: &str) -> &'a Finding {
        analysis
            .findings
            .iter()
            .find(|f| f.rule == rule)
            .unwrap_or_else(|| panic!("no {rule} in {:#?}", analysis.findings))
    }

    const CA: &str = "cap/ca-distributed-claim";

    fn only_ca() -> RuleSet {
        RuleSet::only(&[CA, UNUSED_SUPPRESSION])
    }

    #[test]
    fn own_line_after_a_blank_line_silences_the_finding() {
        let text = "# Design\n\nThe cluster spans three regions and is a CA system.\n";
        let analysis = analyze(text, &only_ca());
        let (title, edits) = disable_here(&analysis.document, finding_of(&analysis, CA)).unwrap();
        assert_eq!(title, format!("Disable `{CA}` for this line"));
        let fixed = apply(text, edits);
        assert_eq!(
            fixed,
            format!(
                "# Design\n\n<!-- blueprint-disable-next-line {CA} -->\nThe cluster spans three regions and is a CA system.\n"
            )
        );
        assert!(analyze(fixed, &only_ca()).findings.is_empty());
    }

    #[test]
    fn inside_a_paragraph_the_comment_joins_the_previous_line() {
        let text = "# Design\n\nWe replicate across three regions.\nThe cluster is a CA system.\n";
        let analysis = analyze(text, &only_ca());
        let (_, edits) = disable_here(&analysis.document, finding_of(&analysis, CA)).unwrap();
        let fixed = apply(text, edits);
        assert!(
            fixed.contains("three regions. <!-- blueprint-disable-next-line cap/ca-distributed-claim -->\nThe cluster"),
            "{fixed}"
        );
        let after = analyze(fixed, &only_ca());
        assert!(after.findings.is_empty(), "{:#?}", after.findings);
    }

    #[test]
    fn an_existing_next_line_comment_gets_the_id() {
        let text = "# Design\n\n<!-- blueprint-disable-next-line schema -- legacy -->\nThe cluster spans three regions and is a CA system.\n";
        let analysis = analyze(text, &RuleSet::only(&[CA]));
        let (_, edits) = disable_here(&analysis.document, finding_of(&analysis, CA)).unwrap();
        let fixed = apply(text, edits);
        assert!(
            fixed.contains(
                "<!-- blueprint-disable-next-line schema cap/ca-distributed-claim -- legacy -->"
            ),
            "{fixed}"
        );
        assert!(analyze(fixed, &RuleSet::only(&[CA])).findings.is_empty());
    }

    #[test]
    fn file_level_goes_after_front_matter() {
        let text =
            "---\ntitle: x\n---\n# Design\n\nThe cluster spans three regions and is a CA system.\n";
        let analysis = analyze(text, &only_ca());
        let fixed = apply(text, disable_for_file(&analysis.document, CA));
        assert!(fixed.starts_with("---\ntitle: x\n---\n<!-- blueprint-disable-file cap/ca-distributed-claim -->\n# Design"), "{fixed}");
        assert!(analyze(fixed, &only_ca()).findings.is_empty());
    }

    #[test]
    fn unused_suppressions_are_removed_whole_or_by_id() {
        let text = "# Design\n\n<!-- blueprint-disable-next-line cap/all-three-claim -->\nNothing to see.\n";
        let rules = RuleSet::only(&["cap/all-three-claim", UNUSED_SUPPRESSION]);
        let analysis = analyze(text, &rules);
        let finding = finding_of(&analysis, UNUSED_SUPPRESSION);
        let fixed = apply(
            text,
            remove_unused_suppression(&analysis.document, finding).unwrap(),
        );
        assert_eq!(fixed, "# Design\n\nNothing to see.\n");

        let text = "# Design\n\n<!-- blueprint-disable-next-line cap/ca-distributed-claim, cap/all-three-claim -->\nThe cluster spans three regions and is a CA system.\n";
        let rules = RuleSet::only(&[CA, "cap/all-three-claim", UNUSED_SUPPRESSION]);
        let analysis = analyze(text, &rules);
        let finding = finding_of(&analysis, UNUSED_SUPPRESSION);
        let fixed = apply(
            text,
            remove_unused_suppression(&analysis.document, finding).unwrap(),
        );
        assert!(
            fixed.contains("<!-- blueprint-disable-next-line cap/ca-distributed-claim -->"),
            "{fixed}"
        );
        assert!(analyze(fixed, &rules).findings.is_empty());
    }

    #[test]
    fn sql_findings_are_wrapped_around_the_code_block() {
        let text = "# Orders\n\n```sql\nCREATE TABLE orders (\n  id BIGINT PRIMARY KEY,\n  total DOUBLE PRECISION\n);\n```\n\nMore.\n";
        let rules = RuleSet::only(&["schema/float-for-money", UNUSED_SUPPRESSION]);
        let analysis = analyze(text, &rules);
        let finding = finding_of(&analysis, "schema/float-for-money");
        let (title, edits) = disable_here(&analysis.document, finding).unwrap();
        assert_eq!(
            title,
            "Disable `schema/float-for-money` for this code block"
        );
        let fixed = apply(text, edits);
        assert!(
            fixed.contains("<!-- blueprint-disable schema/float-for-money -->\n```sql\n")
                && fixed.contains(");\n```\n<!-- blueprint-enable schema/float-for-money -->\n"),
            "{fixed}"
        );
        let after = analyze(fixed, &rules);
        assert!(after.findings.is_empty(), "{:#?}", after.findings);
    }

    #[test]
    fn a_findings_own_edit_is_the_preferred_quick_fix() {
        let text = "# Orders\n\nThe cluster spans three regions and is a CA system.\n";
        let mut analysis = analyze(text, &RuleSet::only(&[CA]));
        let at = text.find("CA system").unwrap();
        analysis.findings[0].edit = Some(blueprint_analysis::Edit {
            description: "Say CP instead".into(),
            range: TextRange::new(at, at + 2),
            replacement: "CP".into(),
        });
        let doc = &analysis.document;
        let lines = Lines::new(
            doc.source(),
            doc.line_index(),
            blueprint_analysis::PositionEncoding::Utf16,
        );
        let uri: Uri = "file:///d.md".parse().unwrap();
        let actions = code_actions(&analysis, &lines, &uri, TextRange::empty(at + 1), None);
        let CodeActionOrCommand::CodeAction(first) = &actions[0] else {
            panic!("{actions:?}");
        };
        assert_eq!(first.title, "Say CP instead");
        assert_eq!(first.is_preferred, Some(true));
        let edits = &first.edit.as_ref().unwrap().changes.as_ref().unwrap()[&uri];
        assert_eq!(edits[0].new_text, "CP");
        assert_eq!(edits[0].range.start.character, 41);
        // Far from the finding: no actions.
        assert!(code_actions(&analysis, &lines, &uri, TextRange::empty(0), None).is_empty());
        // `only: ["refactor"]` filters everything out.
        let only = [CodeActionKind::REFACTOR];
        assert!(
            code_actions(&analysis, &lines, &uri, TextRange::empty(at), Some(&only)).is_empty()
        );
    }

    #[test]
    fn only_filters_by_hierarchical_kind() {
        assert!(kind_matches(
            &CodeActionKind::new(EXPLAIN_KIND),
            &CodeActionKind::QUICKFIX
        ));
        assert!(kind_matches(
            &CodeActionKind::QUICKFIX,
            &CodeActionKind::QUICKFIX
        ));
        assert!(!kind_matches(
            &CodeActionKind::QUICKFIX,
            &CodeActionKind::REFACTOR
        ));
        assert!(!kind_matches(
            &CodeActionKind::new("quickfixes"),
            &CodeActionKind::QUICKFIX
        ));
    }
}
