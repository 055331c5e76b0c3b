//! Markdown renderings of knowledge entries, shared by hovers, `blueprint
//! explain` and the book's generated glossary so they never drift apart.

use super::{Consistency, Database, Term, knowledge};
use crate::BOOK_URL;

/// The book URL of a chapter file such as `07-cap-consistency.md`.
pub fn book_url(chapter: &str) -> String {
    format!("{BOOK_URL}/{}", chapter.replace(".md", ".html"))
}

/// A term's full entry: name, short line, explanation, related terms, link.
pub fn term_markdown(term: &Term) -> String {
    let mut out = format!(
        "**{}**: {}\n\n{}",
        term.name,
        term.short,
        term.explain.trim()
    );
    let related: Vec<&str> = term
        .related
        .iter()
        .filter_map(|id| knowledge().term(id).map(|t| t.name.as_str()))
        .collect();
    if !related.is_empty() {
        out.push_str(&format!("\n\nRelated: {}", related.join(", ")));
    }
    out.push_str(&format!(
        "\n\n[Read more in the book]({})",
        book_url(&term.book)
    ));
    out
}

/// A database profile: family, consistency stance, fit and pitfalls.
pub fn database_markdown(db: &Database) -> String {
    let consistency = match db.consistency {
        Consistency::Strong => "strong by default",
        Consistency::Eventual => "eventual by default",
        Consistency::Tunable => "tunable",
    };
    let mut out = format!(
        "**{}** ({}; consistency: {consistency})\n\n{}\n\n{}",
        db.name,
        db.family,
        db.data_model.trim(),
        db.consistency_notes.trim()
    );
    if let Some(option) = &db.strong_read_option {
        out.push_str(&format!("\n\nStrong reads: {}", option.trim()));
    }
    out.push_str(&format!("\n\nScaling: {}", db.scaling.trim()));
    for (title, items) in [
        ("Good for", &db.good_for),
        ("Bad for", &db.bad_for),
        ("Pitfalls", &db.pitfalls),
    ] {
        if !items.is_empty() {
            out.push_str(&format!("\n\n{title}:"));
            for item in items {
                out.push_str(&format!("\n- {}", item.trim()));
            }
        }
    }
    out.push_str(&format!(
        "\n\n[Read more in the book]({})",
        book_url(&db.book)
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn book_urls_keep_the_section_anchor() {
        assert_eq!(
            book_url("04-transactions.md#read-committed"),
            format!("{BOOK_URL}/04-transactions.html#read-committed")
        );
        assert_eq!(
            book_url("14-worked-designs/chat.md"),
            format!("{BOOK_URL}/14-worked-designs/chat.html")
        );
    }

    #[test]
    fn term_entry_links_its_related_terms_and_section() {
        let term = knowledge().term("write-skew").expect("write-skew exists");
        let md = term_markdown(term);
        assert!(md.starts_with("**Write Skew**: "), "{md}");
        assert!(
            md.contains("Related: Snapshot Isolation, Serializable"),
            "{md}"
        );
        assert!(
            md.ends_with("04-transactions.html#write-skew-step-by-step)"),
            "{md}"
        );
    }

    #[test]
    fn database_entry_says_how_to_get_strong_reads_only_when_needed() {
        let kb = knowledge();
        let cassandra = database_markdown(kb.database("cassandra").expect("cassandra"));
        assert!(
            cassandra.starts_with("**Cassandra** (wide-column; consistency: eventual by default)")
        );
        assert!(cassandra.contains("Strong reads: QUORUM"));
        let postgres = database_markdown(kb.database("postgresql").expect("postgresql"));
        assert!(!postgres.contains("Strong reads:"));
        assert!(postgres.contains("\n\nPitfalls:\n- "));
    }
}
