//! Generated pages: the rule reference (one page per rule, from the rule
//! docs) and the glossary (from the knowledge base). Built from the same
//! sources as `blueprint explain` and the hovers, never copied by hand.

use std::fmt::Write as _;
use std::path::PathBuf;

use blueprint_analysis::knowledge::{self, render::term_markdown};
use blueprint_analysis::registry;
use mdbook_preprocessor::book::{Book, BookItem, Chapter};

use crate::config::BlueprintConfig;

pub fn rule_page_path(reference: &str, id: &str) -> String {
    let dir = reference.rsplit_once('/').map_or("", |(dir, _)| dir);
    let file = format!("rules/{}.md", id.replace('/', "-"));
    if dir.is_empty() {
        file
    } else {
        format!("{dir}/{file}")
    }
}

/// The Markdown of one rule's page.
pub fn rule_markdown(meta: &blueprint_analysis::RuleMeta) -> String {
    let mut out = format!(
        "# `{}`\n\n{}\n\n**Area:** `{}` · **Default severity:** {}\n\n",
        meta.id,
        meta.summary,
        meta.area(),
        meta.severity
    );
    out.push_str(&meta.docs_markdown());
    out.push('\n');
    if !meta.options.is_empty() {
        out.push_str("\n## Options\n\n| Option | Default | Meaning |\n|---|---|---|\n");
        for option in meta.options {
            let default = match option.default {
                blueprint_analysis::rule::OptionDefault::Integer(v) => v.to_string(),
                blueprint_analysis::rule::OptionDefault::Boolean(v) => v.to_string(),
                blueprint_analysis::rule::OptionDefault::StringList(v) => format!("{v:?}"),
            };
            let _ = writeln!(
                out,
                "| `{}` | `{default}` | {} |",
                option.name,
                option.doc.replace('|', "\\|")
            );
        }
    }
    let _ = write!(
        out,
        "\n## Configure\n\n```toml\n# blueprint.toml\n[severity]\n\"{}\" = \"error\"   # or warning, info, off\n```\n\nSuppress one line with `<!-- blueprint-disable-next-line {} -->`.\n",
        meta.id, meta.id
    );
    out
}

/// Whether a chapter holds prose of its own, beyond its title and HTML
/// comments (a page that only marks its place in SUMMARY.md does not).
fn has_own_prose(content: &str) -> bool {
    let mut rest = content;
    let mut prose = String::new();
    while let Some(start) = rest.find("<!--") {
        prose.push_str(&rest[..start]);
        rest = rest[start..]
            .find("-->")
            .map_or("", |end| &rest[start + end + 3..]);
    }
    prose.push_str(rest);
    prose
        .lines()
        .any(|line| !line.trim().is_empty() && !line.starts_with("# "))
}

/// The rule reference index: the chapter's own introduction when it has one,
/// then every rule by area.
pub fn reference_markdown(reference: &str, existing: &str) -> String {
    let mut out = if has_own_prose(existing) {
        format!("{}\n", existing.trim_end())
    } else {
        String::from(
            "# Rule reference\n\nEvery rule blueprint checks, generated from the rules' own documentation \
             (the same text `blueprint explain` prints and the editor shows on hover).\n",
        )
    };
    let base = reference.rsplit_once('/').map_or("", |(dir, _)| dir);
    for area in blueprint_analysis::rule::AREAS {
        let rules: Vec<_> = registry::all()
            .iter()
            .filter(|r| r.meta().area() == *area)
            .collect();
        if rules.is_empty() {
            continue;
        }
        let _ = write!(
            out,
            "\n## {area}\n\n| Rule | Severity | Summary |\n|---|---|---|\n"
        );
        for rule in rules {
            let meta = rule.meta();
            let path = rule_page_path(reference, meta.id);
            let link = path.strip_prefix(&format!("{base}/")).unwrap_or(&path);
            let _ = writeln!(
                out,
                "| [`{}`]({link}) | {} | {} |",
                meta.id,
                meta.severity,
                meta.summary.replace('|', "\\|")
            );
        }
    }
    out
}

/// The glossary: every term with an anchor equal to its id.
pub fn glossary_markdown() -> String {
    let mut out = String::from(
        "# Glossary\n\nGenerated from blueprint's knowledge base: the same entries the editor shows \
         on hover and the book shows as tooltips.\n",
    );
    let mut terms: Vec<_> = knowledge::knowledge().terms.iter().collect();
    terms.sort_by_key(|t| t.name.to_lowercase());
    for term in terms {
        let _ = write!(
            out,
            "\n## {} {{#{}}}\n\n{}\n",
            term.name,
            term.id,
            term_markdown(term)
        );
    }
    out
}

fn find_chapter<'a>(items: &'a mut [BookItem], path: &str) -> Option<&'a mut Chapter> {
    for item in items {
        if let BookItem::Chapter(chapter) = item {
            if crate::is_chapter(chapter, path) {
                return Some(chapter);
            }
            if let Some(found) = find_chapter(&mut chapter.sub_items, path) {
                return Some(found);
            }
        }
    }
    None
}

/// Fills the reference and glossary chapters (or appends them when the
/// summary does not list them) and adds one sub-chapter per rule.
pub fn add_generated(book: &mut Book, config: &BlueprintConfig) {
    let reference = config.rule_reference.as_str();
    if find_chapter(&mut book.items, reference).is_none() {
        book.items.push(BookItem::PartTitle("Reference".into()));
        book.items.push(BookItem::Chapter(Chapter::new(
            "Rule reference",
            String::new(),
            reference,
            vec![],
        )));
    }
    let chapter = find_chapter(&mut book.items, reference).expect("just added");
    chapter.content = reference_markdown(reference, &chapter.content);
    chapter.source_path = None;
    let mut parents = chapter.parent_names.clone();
    parents.push(chapter.name.clone());
    let number = chapter.number.clone();
    chapter.sub_items = registry::all()
        .iter()
        .enumerate()
        .map(|(i, rule)| {
            let meta = rule.meta();
            let mut page = Chapter::new(
                meta.id,
                rule_markdown(meta),
                PathBuf::from(rule_page_path(reference, meta.id)),
                parents.clone(),
            );
            page.source_path = None;
            page.number = number.clone().map(|n| {
                let mut v: Vec<u32> = n.iter().copied().collect();
                v.push(i as u32 + 1);
                mdbook_preprocessor::book::SectionNumber::new(v)
            });
            BookItem::Chapter(page)
        })
        .collect();

    let glossary = config.glossary.as_str();
    if find_chapter(&mut book.items, glossary).is_none() {
        book.items.push(BookItem::Chapter(Chapter::new(
            "Glossary",
            String::new(),
            glossary,
            vec![],
        )));
    }
    let chapter = find_chapter(&mut book.items, glossary).expect("just added");
    chapter.content = glossary_markdown();
    chapter.source_path = None;
}

#[cfg(test)]
mod own_prose_tests {
    use super::*;

    #[test]
    fn a_marker_page_is_replaced_and_an_introduction_is_kept() {
        let marker = "# Rule reference\n\n<!-- Generated at build time;\n only a marker. -->\n";
        assert!(!has_own_prose(marker));
        let generated = reference_markdown("16-reference/README.md", marker);
        assert!(generated.starts_with("# Rule reference\n\nEvery rule blueprint checks"));

        let intro = "# Rule reference\n\nThis part lists every rule.\n";
        assert!(has_own_prose(intro));
        let generated = reference_markdown("16-reference/README.md", intro);
        assert!(generated.starts_with(intro));
        assert!(generated.contains("## cap"), "{generated}");
        assert!(
            generated.contains("(rules/cap-ca-distributed-claim.md)"),
            "{generated}"
        );
    }
}
