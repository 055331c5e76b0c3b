//! Hover for database names: the store's profile (family, consistency stance
//! and tunables, fit, pitfalls) and how this doc uses it.

use super::Hover;
use crate::Analysis;
use crate::knowledge::{Entry, MentionKind, knowledge, mention_at, render};

pub(super) fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let mention = mention_at(analysis.mentions(), offset)?;
    let Entry::Database(db) = mention.entry() else {
        return None;
    };
    let mut markdown = render::database_markdown(db);
    let uses = uses_in_doc(analysis, &db.id);
    if !uses.is_empty() {
        markdown.push_str("\n\n**In this doc:**");
        for line in uses {
            markdown.push_str(&format!("\n- {line}"));
        }
    }
    Some(Hover {
        range: mention.range,
        markdown,
    })
}

/// How the doc uses the store with id `database_id`, one Markdown line each:
/// the uses its prose states (what the store serves, from the decision
/// model), then the other sections that only mention it.
pub fn uses_in_doc(analysis: &Analysis, database_id: &str) -> Vec<String> {
    let doc = &analysis.document;
    let place = |section: usize| {
        let title = &doc.sections[section].title;
        let line = doc.line_col(doc.sections[section].heading.start).line;
        if section == 0 || title.is_empty() {
            "the introduction".to_string()
        } else {
            format!("*{title}* (line {line})")
        }
    };
    let mut lines = Vec::new();
    let mut stated_sections = Vec::new();
    for site in analysis.decisions().uses_of(doc, database_id) {
        let line = doc.line_col(site.range.start).line;
        let use_line = match &site.purpose {
            Some(purpose) => format!(
                "serves **{purpose}**: line {line}, in {}",
                place(site.section)
            ),
            None => format!("chosen at line {line}, in {}", place(site.section)),
        };
        if !lines.contains(&use_line) {
            lines.push(use_line);
        }
        stated_sections.push(site.section);
    }

    let kb = knowledge();
    let Some(index) = kb.databases.iter().position(|d| d.id == database_id) else {
        return lines;
    };
    let mut mentioned: Vec<(usize, usize)> = Vec::new(); // (section, mentions)
    for mention in analysis.mentions() {
        if mention.kind != MentionKind::Database || mention.index != index {
            continue;
        }
        let section = doc.section_at(mention.range.start);
        if stated_sections.contains(&section) {
            continue;
        }
        match mentioned.iter_mut().find(|(s, _)| *s == section) {
            Some((_, count)) => *count += 1,
            None => mentioned.push((section, 1)),
        }
    }
    lines.extend(mentioned.into_iter().map(|(section, count)| match count {
        1 => format!("mentioned in {}", place(section)),
        n => format!("mentioned {n} times in {}", place(section)),
    }));
    lines
}

#[cfg(test)]
mod tests {
    use crate::hover::hover;
    use crate::{RuleSet, analyze};

    #[test]
    fn profile_and_the_sections_that_mention_it() {
        let source = "# Design\n\n## Storage\n\nOrders live in Postgres.\n\n## Reads\n\nReplicas of PostgreSQL serve reads. PostgreSQL again.\n";
        let analysis = analyze(source, &RuleSet::only(&[]));
        let offset = source.find("Postgres.").expect("needle") + 2;
        let hover = hover(&analysis, offset).expect("a hover");
        assert_eq!(&source[hover.range.as_range()], "Postgres");
        assert!(
            hover.markdown.starts_with("**PostgreSQL** (relational"),
            "{}",
            hover.markdown
        );
        assert!(
            hover
                .markdown
                .contains("- serves **Orders**: line 5, in *Storage* (line 3)"),
            "{}",
            hover.markdown
        );
        assert!(
            hover
                .markdown
                .contains("- chosen at line 9, in *Reads* (line 7)"),
            "{}",
            hover.markdown
        );
        assert_eq!(
            hover.markdown.matches("chosen at line 9").count(),
            1,
            "{}",
            hover.markdown
        );
    }

    #[test]
    fn sections_that_only_mention_the_store_are_listed_too() {
        let source = "# Design\n\n## Storage\n\nOrders live in Postgres.\n\n## History\n\nWe moved off MySQL years ago; MySQL was fine.\n";
        let analysis = analyze(source, &RuleSet::only(&[]));
        let offset = source.find("MySQL").expect("needle") + 1;
        let hover = hover(&analysis, offset).expect("a hover");
        assert!(
            hover.markdown.contains("mentioned 2 times in *History*")
                || hover.markdown.contains("in *History*"),
            "{}",
            hover.markdown
        );
    }

    #[test]
    fn ordinary_words_that_name_products_need_their_capital() {
        let source = "The timestamp oracle orders commits. We run Oracle for billing.\n";
        let analysis = analyze(source, &RuleSet::only(&[]));
        let lower = source.find("oracle").expect("needle") + 1;
        assert!(hover(&analysis, lower).is_none());
        let upper = source.find("Oracle").expect("needle") + 1;
        let hover = hover(&analysis, upper).expect("a hover");
        assert!(hover.markdown.starts_with("**Oracle Database**"));
    }
}
