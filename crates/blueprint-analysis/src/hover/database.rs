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

/// How the doc uses the store with id `database_id`, one Markdown line each.
///
/// EXTENSION POINT: when `crate::decisions` lands (the decisions stated in
/// prose, with `uses_of(database_id)`), answer from it: what the store holds,
/// which features read or write it, the consistency level chosen. Until then
/// this lists the sections whose prose mentions the store.
pub fn uses_in_doc(analysis: &Analysis, database_id: &str) -> Vec<String> {
    let kb = knowledge();
    let Some(index) = kb.databases.iter().position(|d| d.id == database_id) else {
        return Vec::new();
    };
    let doc = &analysis.document;
    let mut sections: Vec<(usize, usize)> = Vec::new(); // (section, mentions)
    for mention in analysis.mentions() {
        if mention.kind != MentionKind::Database || mention.index != index {
            continue;
        }
        let section = doc.section_at(mention.range.start);
        match sections.iter_mut().find(|(s, _)| *s == section) {
            Some((_, count)) => *count += 1,
            None => sections.push((section, 1)),
        }
    }
    sections
        .into_iter()
        .map(|(section, count)| {
            let title = &doc.sections[section].title;
            let place = if section == 0 || title.is_empty() {
                "the introduction".to_string()
            } else {
                format!("*{title}*")
            };
            let line = doc.line_col(doc.sections[section].heading.start).line;
            match count {
                1 => format!("mentioned in {place} (line {line})"),
                n => format!("mentioned {n} times in {place} (line {line})"),
            }
        })
        .collect()
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
            hover.markdown.contains("mentioned in *Storage*"),
            "{}",
            hover.markdown
        );
        assert!(
            hover.markdown.contains("mentioned 2 times in *Reads*"),
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
