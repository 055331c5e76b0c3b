//! Term spotting: finds glossary terms and database names in a document so
//! hovers and the book's tooltips can explain them.
//!
//! One automaton over every name and alias (plus hyphen/space and plural
//! variants), built once. Matching is whole-word and case-insensitive, except
//! for phrases written in capitals (`CAP`, `BASE`, `RC`, `EXPLAIN`) and a few
//! product names that are also ordinary words (`Oracle`, `Aurora`), which
//! match only with their exact case. Prose only: code is skipped, except SQL
//! keywords that are terms (`SERIALIZABLE`, `READ COMMITTED`, `GIN`), which are
//! found in inline code and SQL blocks in any case.

use std::collections::HashSet;
use std::sync::LazyLock;

use super::{Knowledge, Mention, MentionKind, knowledge};
use crate::TextRange;
use crate::document::Document;
use crate::prose::lexicon::Lexicon;
use crate::sql::SqlDialect;

/// Aliases too common in everyday English to be spotted (they still resolve
/// in `blueprint explain`). Compared case-insensitively, spelled exactly (so
/// `at most once` is skipped while `at-most-once` is not).
pub(crate) const NOT_SPOTTED: &[&str] = &[
    "view",
    "join",
    "joins",
    "queue",
    "login",
    "uptime",
    "journal",
    "promotion",
    "permissions",
    "monitoring",
    "telemetry",
    "expiry",
    "expiration",
    "retries",
    "jitter",
    "phantom",
    "phantoms",
    "embedding",
    "embeddings",
    "entities",
    "nines",
    "filer",
    "use case",
    "throttling",
    "stateless",
    "leaderless",
    "switchover",
    "inconsistent read",
    "paging",
    "page size",
    "locks",
    "lock wait",
    "flow control",
    "data duplication",
    "denormalized",
    "multiple databases",
    "right tool for the job",
    "bigger machine",
    "uncommitted read",
    "contains search",
    "entity relationship",
    "write pattern",
    "read pattern",
    "lazy loading",
    "append-only log",
    // Too ambiguous even in capitals: "ES modules", "file descriptor (FD)",
    // "elastic scaling" at the start of a sentence.
    "ES",
    "FD",
    "Elastic",
    "at most once",
    "at least once",
];

/// Product names that are also ordinary words: matched with their exact case.
pub(crate) const CASE_SENSITIVE_NAMES: &[&str] = &[
    "Oracle",
    "Aurora",
    "Spanner",
    "Neptune",
    "Cockroach",
    "Influx",
    "Timescale",
    "Mongo",
    "Pinecone",
    "Kafka",
    "Scylla",
    "Prometheus",
    "Cassandra",
    "Firestore",
];

/// SQL keywords that are glossary terms: spotted inside inline code and SQL
/// blocks too, in any case. Each resolves to a term (checked by a test).
pub(crate) const SQL_KEYWORD_TERMS: &[&str] = &[
    "SERIALIZABLE",
    "READ COMMITTED",
    "READ UNCOMMITTED",
    "REPEATABLE READ",
    "SET TRANSACTION ISOLATION LEVEL",
    "FOR UPDATE",
    "NOLOCK",
    "EXPLAIN",
    "EXPLAIN ANALYZE",
    "GIN",
    "GiST",
    "BRIN",
    "USING HASH",
    "FULLTEXT",
    "VACUUM",
    "CREATE VIEW",
    "CREATE MATERIALIZED VIEW",
    "PARTITION BY LIST",
    "SELECT *",
];

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Target {
    kind: MentionKind,
    index: usize,
}

struct Spotter {
    prose: Lexicon<Target>,
    /// SQL keyword terms in SQL blocks: any case (`using gin`).
    sql_block: Lexicon<Target>,
    /// SQL keyword terms in inline code: exact case only, since inline code
    /// is often a field or function name (`explain`).
    inline_code: Lexicon<Target>,
}

static SPOTTER: LazyLock<Spotter> = LazyLock::new(|| Spotter::build(knowledge()));

/// Whether a phrase keeps its case: written without lower-case letters and
/// with at least two capitals (`CAP`, `RC`, `EXPLAIN`, `READ COMMITTED`; not
/// `N+1`, which has one), or a listed product name.
fn is_case_sensitive(phrase: &str) -> bool {
    let upper = phrase.chars().filter(char::is_ascii_uppercase).count();
    let lower = phrase.chars().any(char::is_lowercase);
    (!lower && upper >= 2) || CASE_SENSITIVE_NAMES.contains(&phrase)
}

/// The phrase and its spelling variants: `-` and space swapped, and a plural.
fn variants(phrase: &str) -> Vec<String> {
    let mut out = vec![phrase.to_string()];
    if phrase.contains('-') {
        out.push(phrase.replace('-', " "));
    }
    if phrase.contains(' ') {
        out.push(phrase.replace(' ', "-"));
    }
    let bases = out.clone();
    for base in bases {
        let last = base.chars().next_back();
        if base.len() >= 3
            && last.is_some_and(|c| c.is_ascii_alphabetic() && c != 's' && c != 'S')
            && !base.ends_with('y')
        {
            out.push(format!("{base}s"));
        }
    }
    out
}

impl Spotter {
    fn build(kb: &'static Knowledge) -> Spotter {
        let skip: HashSet<String> = NOT_SPOTTED.iter().map(|s| s.to_lowercase()).collect();
        let skipped = |name: &str| skip.contains(&name.to_lowercase()) || name.contains('(');
        // Explicit names first, so a generated variant never shadows an alias.
        let mut explicit: Vec<(&'static str, Target)> = Vec::new();
        for (index, db) in kb.databases.iter().enumerate() {
            let target = Target {
                kind: MentionKind::Database,
                index,
            };
            for name in std::iter::once(&db.name).chain(&db.aliases) {
                explicit.push((name.as_str(), target));
            }
        }
        for (index, term) in kb.terms.iter().enumerate() {
            let target = Target {
                kind: MentionKind::Term,
                index,
            };
            for name in std::iter::once(&term.name).chain(&term.aliases) {
                explicit.push((name.as_str(), target));
            }
        }
        let mut seen: HashSet<String> = HashSet::new();
        let mut prose: Vec<(&'static str, Target, bool)> = Vec::new();
        for &(name, target) in &explicit {
            if skipped(name) {
                continue;
            }
            if seen.insert(name.to_ascii_lowercase()) {
                prose.push((name, target, is_case_sensitive(name)));
            }
        }
        for &(name, target) in &explicit {
            if skipped(name) {
                continue;
            }
            let case_sensitive = is_case_sensitive(name);
            for variant in variants(name).into_iter().skip(1) {
                if skipped(&variant) {
                    continue;
                }
                if seen.insert(variant.to_ascii_lowercase()) {
                    // Built once per process; the automaton keeps `&'static str`.
                    let variant: &'static str = variant.leak();
                    prose.push((variant, target, case_sensitive));
                }
            }
        }
        let keywords = |case_sensitive: bool| -> Vec<(&'static str, Target, bool)> {
            SQL_KEYWORD_TERMS
                .iter()
                .filter_map(|&keyword| match kb.lookup_index(keyword)? {
                    super::EntryIndex::Term(index) => Some((
                        keyword,
                        Target {
                            kind: MentionKind::Term,
                            index,
                        },
                        case_sensitive,
                    )),
                    super::EntryIndex::Database(_) => None,
                })
                .collect()
        };
        Spotter {
            prose: Lexicon::with_case(&prose),
            sql_block: Lexicon::with_case(&keywords(false)),
            inline_code: Lexicon::with_case(&keywords(true)),
        }
    }
}

fn mention(range: TextRange, target: Target) -> Mention {
    Mention {
        range,
        kind: target.kind,
        index: target.index,
    }
}

/// Every glossary term and database name mentioned in the doc, in document
/// order: prose (paragraphs, headings, list items, table cells) outside code,
/// plus SQL keywords that are terms inside SQL blocks (any case) and inline
/// code (as written in capitals, e.g. `` `SERIALIZABLE` ``). When
/// phrases overlap, the longest wins (`read committed isolation` over
/// `read committed`).
pub fn mentions(doc: &Document) -> Vec<Mention> {
    let spotter = &*SPOTTER;
    let source = doc.source();
    let mut found = Vec::new();
    for block in &doc.blocks {
        for m in spotter.prose.find_all(&block.text) {
            let touches_code = block
                .segments
                .iter()
                .any(|s| s.code && s.plain_start < m.end && m.start < s.plain_start + s.plain_len);
            if touches_code {
                continue;
            }
            let range = block.range_to_source(source, m.start..m.end);
            if !range.is_empty() {
                found.push(mention(range, m.value));
            }
        }
        for segment in block.segments.iter().filter(|s| s.code) {
            let text = &block.text[segment.plain_start..segment.plain_start + segment.plain_len];
            // The segment's source range includes the backticks; the code
            // text sits verbatim inside it (CommonMark only strips one space
            // or turns line ends into spaces, which the keywords never span).
            let Some(inner) = source
                .get(segment.source.as_range())
                .and_then(|raw| raw.find(text))
            else {
                continue;
            };
            let base = segment.source.start + inner;
            for m in spotter.inline_code.find_all(text) {
                found.push(mention(
                    TextRange::new(base + m.start, base + m.end),
                    m.value,
                ));
            }
        }
    }
    for code in &doc.code_blocks {
        let is_sql = code
            .language
            .as_deref()
            .is_some_and(|l| SqlDialect::from_language(l).is_some());
        if !is_sql {
            continue;
        }
        let text = doc.text(code.content);
        for m in spotter.sql_block.find_all(text) {
            let range = TextRange::new(code.content.start + m.start, code.content.start + m.end);
            found.push(mention(range, m.value));
        }
    }
    found.sort_by_key(|m| (m.range.start, std::cmp::Reverse(m.range.end)));
    // Blocks do not overlap, but keep the invariant explicit: no mention
    // starts inside the previous one.
    let mut out: Vec<Mention> = Vec::with_capacity(found.len());
    for m in found {
        if out
            .last()
            .is_none_or(|prev| m.range.start >= prev.range.end)
        {
            out.push(m);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::knowledge::Entry;

    /// `(text, entry id)` of every mention, in order.
    fn spotted(source: &str) -> Vec<(String, String)> {
        let doc = Document::parse(source);
        mentions(&doc)
            .into_iter()
            .map(|m| {
                let id = match m.entry() {
                    Entry::Term(t) => t.id.clone(),
                    Entry::Database(d) => d.id.clone(),
                };
                (source[m.range.as_range()].to_string(), id)
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn finds_terms_and_databases_in_document_order() {
        let source = "# Payments\n\nBalances live in PostgreSQL at Serializable isolation; \
                      the feed is eventually consistent and cached in Redis.\n";
        assert_eq!(
            spotted(source),
            pairs(&[
                ("PostgreSQL", "postgresql"),
                ("Serializable", "serializable"),
                ("isolation", "isolation"),
                ("eventually consistent", "eventual-consistency"),
                ("Redis", "redis"),
            ])
        );
    }

    #[test]
    fn longest_match_wins() {
        assert_eq!(
            spotted("We use consistent hashing with virtual nodes.\n"),
            pairs(&[
                ("consistent hashing", "consistent-hashing"),
                ("virtual nodes", "virtual-nodes"),
            ])
        );
        assert_eq!(
            spotted("Transfers use SET TRANSACTION ISOLATION LEVEL READ COMMITTED.\n"),
            pairs(&[
                ("SET TRANSACTION ISOLATION LEVEL", "isolation-level"),
                ("READ COMMITTED", "read-committed")
            ])
        );
    }

    #[test]
    fn capital_acronyms_keep_their_case() {
        assert_eq!(
            spotted("It is CP, RC is the default, and PG runs it. We cap it; the base rate.\n"),
            pairs(&[
                ("CP", "cp-system"),
                ("RC", "read-committed"),
                ("PG", "postgresql"),
            ])
        );
        // Plain-English spellings of capital terms are not terms.
        assert!(spotted("Please explain the rest of the plan and the base case.\n").is_empty());
        assert_eq!(
            spotted("Run EXPLAIN on it; the REST API is public.\n"),
            pairs(&[("EXPLAIN", "explain-plan"), ("REST API", "rest")])
        );
    }

    #[test]
    fn spelling_variants_and_plurals() {
        assert_eq!(
            spotted("Read-committed and read committed; two B-trees; CDNs; sagas.\n"),
            pairs(&[
                ("Read-committed", "read-committed"),
                ("read committed", "read-committed"),
                ("B-trees", "b-tree"),
                ("CDNs", "cdn"),
                ("sagas", "saga"),
            ])
        );
    }

    #[test]
    fn whole_words_only() {
        assert!(spotted("Rediscover the ACIDic cachet of Redisson and PGs.\n").is_empty());
        assert!(spotted("Our view: the users join later and sit in a queue.\n").is_empty());
    }

    #[test]
    fn code_is_skipped_except_sql_keywords_that_are_terms() {
        let source = "Set `SERIALIZABLE` on `redis_client`, `explain` and `isolation = eventual consistency`.\n\n\
                      ```sql\nSET TRANSACTION ISOLATION LEVEL serializable;\n\
                      CREATE INDEX ON docs USING gin (tags); -- not Redis\n```\n\n\
                      ```python\nx = 'SERIALIZABLE'  # Redis\n```\n";
        assert_eq!(
            spotted(source),
            pairs(&[
                ("SERIALIZABLE", "serializable"),
                ("SET TRANSACTION ISOLATION LEVEL", "isolation-level"),
                ("serializable", "serializable"),
                ("gin", "gin-index"),
            ])
        );
    }

    #[test]
    fn headings_lists_and_tables_count_as_prose() {
        let source = "## Sharding with Cassandra\n\n- Quorum reads\n\n| Store | Role |\n|---|---|\n| DynamoDB | sessions |\n";
        assert_eq!(
            spotted(source),
            pairs(&[
                ("Sharding", "sharding"),
                ("Cassandra", "cassandra"),
                ("Quorum reads", "quorum"),
                ("DynamoDB", "dynamodb"),
            ])
        );
    }

    #[test]
    fn emoji_and_cjk_text() {
        let source =
            "🚀 データはPostgreSQLに保存し、キャッシュはRedis 🔥。Eventual consistencyで十分。\n";
        let found = spotted(source);
        assert_eq!(
            found,
            pairs(&[
                ("PostgreSQL", "postgresql"),
                ("Redis", "redis"),
                ("Eventual consistency", "eventual-consistency"),
            ])
        );
        // Ranges are on char boundaries of the source (slicing above would panic otherwise).
        let doc = Document::parse(source);
        for m in mentions(&doc) {
            assert!(source.is_char_boundary(m.range.start) && source.is_char_boundary(m.range.end));
        }
    }

    #[test]
    fn markup_inside_a_phrase_still_maps_to_the_source() {
        let source = "Reads are *eventually* consistent.\n";
        let found = spotted(source);
        assert_eq!(
            found,
            pairs(&[("eventually* consistent", "eventual-consistency")])
        );
    }

    #[test]
    fn ambiguous_short_names_are_left_alone() {
        assert_eq!(
            spotted("Elastic scaling with ES modules; search runs on Elasticsearch.\n"),
            pairs(&[("Elasticsearch", "elasticsearch")])
        );
    }

    #[test]
    fn ordinary_words_are_not_spotted_but_still_resolve() {
        assert!(spotted("Users view the queue after login.\n").is_empty());
        let kb = knowledge();
        assert!(matches!(kb.lookup("queue"), Some(Entry::Term(_))));
    }
}
