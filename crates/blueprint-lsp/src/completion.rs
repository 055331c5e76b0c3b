//! Completion inside suppression comments: the directive after `<!--`, then
//! rule ids and areas after the directive. Everything else gets nothing (the
//! server never guesses in prose).

use blueprint_analysis::rule::AREAS;
use blueprint_analysis::suppression::Directive;
use blueprint_analysis::{TextRange, registry};

/// What the cursor is completing.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Context {
    /// A directive keyword; `range` is the partial word to replace.
    Directive { range: TextRange },
    /// A rule id or area; `present` are ids already written in the comment.
    RuleId {
        range: TextRange,
        present: Vec<String>,
    },
}

/// A completion, in analysis terms.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub label: String,
    pub detail: String,
    /// Markdown documentation.
    pub documentation: Option<String>,
    pub is_area: bool,
}

const DIRECTIVES: [Directive; 4] = [
    Directive::DisableNextLine,
    Directive::Disable,
    Directive::Enable,
    Directive::DisableFile,
];

/// Finds the completion context at byte `offset` of `text`, if the cursor is
/// inside an open `<!--` comment on its line.
pub fn context(text: &str, offset: usize) -> Option<Context> {
    let offset = blueprint_analysis::line_index::floor_char_boundary(text, offset);
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let before = &text[line_start..offset];
    let open = before.rfind("<!--")?;
    if before[open..].contains("-->") {
        return None;
    }
    let inside_start = line_start + open + 4;
    let inside = &text[inside_start..offset];
    let trimmed = inside.trim_start();
    let lead = inside.len() - trimmed.len();
    // Still typing the directive?
    if !trimmed.contains(char::is_whitespace) {
        let start = inside_start + lead;
        let partial = trimmed;
        let any = DIRECTIVES.iter().any(|d| d.keyword().starts_with(partial));
        return any.then_some(Context::Directive {
            range: TextRange::new(start, offset),
        });
    }
    let keyword = trimmed.split_whitespace().next()?;
    DIRECTIVES.iter().find(|d| d.keyword() == keyword)?;
    let args = &trimmed[keyword.len()..];
    // After ` -- ` comes a free-form reason.
    if args.contains(" -- ") {
        return None;
    }
    let word_start = args
        .rfind(|c: char| c.is_whitespace() || c == ',')
        .map_or(0, |i| i + 1);
    let start = offset - (args.len() - word_start);
    let present = args[..word_start]
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    Some(Context::RuleId {
        range: TextRange::new(start, offset),
        present,
    })
}

pub fn candidates(context: &Context) -> Vec<Candidate> {
    match context {
        Context::Directive { .. } => DIRECTIVES
            .iter()
            .map(|d| Candidate {
                label: d.keyword().to_string(),
                detail: match d {
                    Directive::DisableNextLine => "silence rules on the next line",
                    Directive::Disable => "silence rules until blueprint-enable",
                    Directive::Enable => "end a blueprint-disable range",
                    Directive::DisableFile => "silence rules in the whole file",
                }
                .to_string(),
                documentation: None,
                is_area: false,
            })
            .collect(),
        Context::RuleId { present, .. } => {
            let present = |id: &str| present.iter().any(|p| p == id);
            let areas = AREAS.iter().filter(|a| !present(a)).map(|area| {
                let count = registry::all()
                    .iter()
                    .filter(|r| r.meta().area() == *area)
                    .count();
                Candidate {
                    label: area.to_string(),
                    detail: format!("every `{area}/*` rule ({count})"),
                    documentation: None,
                    is_area: true,
                }
            });
            let rules = registry::all()
                .iter()
                .map(|r| r.meta())
                .filter(|m| !present(m.id))
                .map(|meta| Candidate {
                    label: meta.id.to_string(),
                    detail: meta.summary.to_string(),
                    documentation: Some(format!(
                        "{}\n\n[Rule reference]({})",
                        meta.sections().what,
                        meta.url()
                    )),
                    is_area: false,
                });
            rules.chain(areas).collect()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at_end(text: &str) -> Option<Context> {
        context(text, text.len())
    }

    #[test]
    fn completes_directives_after_the_comment_opener() {
        let text = "Intro\n<!-- blueprint-dis";
        let Some(Context::Directive { range }) = at_end(text) else {
            panic!("{:?}", at_end(text));
        };
        assert_eq!(&text[range.as_range()], "blueprint-dis");
        assert!(matches!(at_end("<!-- "), Some(Context::Directive { .. })));
        assert_eq!(at_end("<!-- todo"), None);
    }

    #[test]
    fn completes_ids_after_the_directive() {
        let text = "<!-- blueprint-disable-next-line cap/ca-distributed-claim, sch";
        let Some(Context::RuleId { range, present }) = at_end(text) else {
            panic!("{:?}", at_end(text));
        };
        assert_eq!(&text[range.as_range()], "sch");
        assert_eq!(present, ["cap/ca-distributed-claim"]);
        let labels: Vec<String> = candidates(&at_end(text).unwrap())
            .into_iter()
            .map(|c| c.label)
            .collect();
        assert!(labels.contains(&"schema/float-for-money".to_string()));
        assert!(labels.contains(&"schema".to_string()));
        assert!(!labels.contains(&"cap/ca-distributed-claim".to_string()));
    }

    #[test]
    fn nothing_outside_comments_or_in_reasons() {
        assert_eq!(at_end("The cluster is CA"), None);
        assert_eq!(at_end("<!-- blueprint-disable cap -- because "), None);
        assert_eq!(at_end("<!-- blueprint-disable cap --> after"), None);
        assert_eq!(at_end("<!-- other-tool ignore "), None);
    }
}
