use std::sync::LazyLock;

use regex::Regex;

use crate::decisions::Family;
use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags full-text or fuzzy search planned with `LIKE '%term%'`, in
    /// prose or in a SQL block that the doc presents as search.
    ///
    /// ## Why is this bad?
    /// A pattern with a leading `%` cannot use a B-tree index, so every
    /// search reads every row. It also finds no stems ("lamps" for "lamp"),
    /// no typos and no ranking. Search works with a full-text index
    /// (`tsvector` + GIN, `FULLTEXT`), a trigram index, or a search engine.
    ///
    /// ## Example
    /// ```sql
    /// SELECT id, title FROM listings WHERE title LIKE '%brass lamp%';
    /// ```
    ///
    /// ## Use instead
    /// ```sql
    /// CREATE INDEX listings_search ON listings USING gin (to_tsvector('english', title));
    /// SELECT id, title FROM listings
    /// WHERE to_tsvector('english', title) @@ plainto_tsquery('english', 'brass lamp');
    /// ```
    pub struct FullTextWithLike {
        id: "choice/full-text-with-like",
        severity: Info,
        summary: "Full-text or fuzzy search is planned with LIKE '%term%' instead of a full-text index or search engine.",
    }
}

static LIKE_BOTH: LazyLock<Regex> = LazyLock::new(|| {
    // `LIKE '%term%'`, `ILIKE '%' || :q || '%'`, `LIKE CONCAT('%', ?, '%')`.
    Regex::new(
        r"(?i)\bI?LIKE\s+(?:'%[^'%]+%'|'%'\s*\|\|\s*[^|]{1,40}?\s*\|\|\s*'%'|CONCAT\(\s*'%')",
    )
    .expect("valid regex")
});

static SEARCH: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "search",
            "searches",
            "searching",
            "keyword",
            "keywords",
            "full-text",
            "full text",
            "fuzzy",
            "typeahead",
            "autocomplete",
            "search box",
            "find",
            "matching",
            "match",
        ]
        .map(|w| (w, ())),
    )
});

/// Indexes that serve `LIKE '%x%'` or replace it.
static FULL_TEXT: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "pg_trgm",
            "trigram",
            "gin_trgm_ops",
            "gist_trgm_ops",
            "tsvector",
            "to_tsvector",
            "full-text index",
            "FULLTEXT",
            "MATCH AGAINST",
        ]
        .map(|w| (w, ())),
    )
});

const TEXT_COLUMNS: &[&str] = &[
    "title",
    "name",
    "description",
    "body",
    "content",
    "text",
    "comment",
    "message",
    "subject",
    "notes",
    "summary",
    "bio",
];

impl Rule for FullTextWithLike {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let source = doc.source();
        let decisions = cx.decisions();
        // A full-text or trigram index anywhere in the doc serves the search.
        let indexed = FULL_TEXT.contains(source)
            || decisions.statements.iter().any(|s| {
                s.asserted_stores()
                    .any(|f| f.kind.profile().family == Family::Search)
            });
        if indexed {
            return;
        }
        let help = "Use a full-text index (PostgreSQL `tsvector` + GIN, MySQL `FULLTEXT`), a trigram index (`pg_trgm`) for fuzzy matching, or a search engine.";
        // Prose: the sentence itself presents it as search.
        for sentence in &doc.sentences {
            let text = doc.sentence_text(sentence);
            let Some(m) = LIKE_BOTH.find(text) else {
                continue;
            };
            let heading_search = SEARCH.contains(&doc.sections[sentence.section].title);
            if !(SEARCH.contains(text) || heading_search)
                || !polarity::of_match(doc, sentence, m.start()).is_asserted()
            {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        doc.sentence_span(sentence, m.range()),
                        format!(
                            "Search with `{}` reads every row and finds no stems, typos or ranking",
                            m.as_str()
                        ),
                    )
                    .help(help),
            );
        }
        // SQL blocks: a text column, or prose right before the block about search.
        for block in &doc.code_blocks {
            let is_sql = block
                .language
                .as_deref()
                .is_some_and(|l| crate::sql::SqlDialect::from_language(l).is_some());
            if !is_sql {
                continue;
            }
            let code = doc.text(block.content);
            for m in LIKE_BOTH.find_iter(code) {
                let before = &code[..m.start()].to_ascii_lowercase();
                let column = before
                    .split(|c: char| !(c.is_alphanumeric() || c == '_' || c == '.'))
                    .rfind(|w| !w.is_empty())
                    .unwrap_or("");
                let column = column.rsplit('.').next().unwrap_or(column);
                let text_column = TEXT_COLUMNS.iter().any(|c| column.contains(c));
                let intro = doc
                    .sentences
                    .iter()
                    .rfind(|s| s.range.end <= block.range.start && s.section == block.section)
                    .is_some_and(|s| SEARCH.contains(doc.sentence_text(s)));
                // Two of three signs of search: a text column, prose right
                // before the block about search, a section about search.
                let heading = SEARCH.contains(&doc.sections[block.section].title);
                let signs = [text_column, intro, heading].iter().filter(|b| **b).count();
                if signs < 2 {
                    continue;
                }
                let range = TextRange::new(
                    block.content.start + m.start(),
                    block.content.start + m.end(),
                );
                out.push(
                    Self::META
                        .finding(
                            range,
                            format!("Search with `{}` reads every row and finds no stems, typos or ranking", m.as_str()),
                        )
                        .help(help),
                );
            }
        }
    }
}
