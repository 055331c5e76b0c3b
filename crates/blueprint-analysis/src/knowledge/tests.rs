//! Validation of the embedded knowledge base: it parses, every name resolves
//! to exactly one entry, every cross-reference and book link exists, no field
//! is empty, and the curriculum's required terms and stores are covered.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use super::spot::{CASE_SENSITIVE_NAMES, NOT_SPOTTED, SQL_KEYWORD_TERMS};
use super::*;

fn kb() -> Knowledge {
    Knowledge::load().unwrap_or_else(|e| panic!("knowledge base does not parse: {e}"))
}

fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn book_src() -> PathBuf {
    crate_dir().join("../../book/src")
}

/// Every name an entry answers to: id, name, aliases.
fn names_of_term(t: &Term) -> impl Iterator<Item = &String> {
    std::iter::once(&t.id).chain([&t.name]).chain(&t.aliases)
}

fn names_of_db(d: &Database) -> impl Iterator<Item = &String> {
    std::iter::once(&d.id).chain([&d.name]).chain(&d.aliases)
}

#[test]
fn every_glossary_file_is_embedded() {
    let dir = crate_dir().join("knowledge/glossary");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("knowledge/glossary exists")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.ends_with(".toml"))
        .collect();
    on_disk.sort();
    let mut embedded: Vec<String> = GLOSSARY_SOURCES
        .iter()
        .map(|(f, _)| f.to_string())
        .collect();
    embedded.sort();
    assert_eq!(
        on_disk, embedded,
        "knowledge/glossary/*.toml and GLOSSARY_SOURCES differ"
    );
    // And each embedded text is the file on disk (include_str! of the right path).
    for (file, text) in GLOSSARY_SOURCES {
        let disk = std::fs::read_to_string(dir.join(file)).expect("readable");
        assert_eq!(&disk, text, "{file} embeds another file's text");
    }
}

#[test]
fn ids_are_kebab_case_and_unique_per_kind() {
    let kb = kb();
    let kebab = |id: &str| {
        !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            && !id.starts_with('-')
            && !id.ends_with('-')
    };
    let mut seen = HashSet::new();
    for id in kb
        .terms
        .iter()
        .map(|t| &t.id)
        .chain(kb.databases.iter().map(|d| &d.id))
    {
        assert!(kebab(id), "id `{id}` is not kebab-case");
        assert!(seen.insert(id.clone()), "id `{id}` is used twice");
    }
}

/// Every id, name and alias, normalized, belongs to exactly one entry across
/// terms and databases. There are no exceptions: an ambiguous name would make
/// `blueprint explain` and hovers pick one silently.
#[test]
fn every_name_resolves_to_exactly_one_entry() {
    let kb = kb();
    let mut owner: HashMap<String, String> = HashMap::new();
    let mut clashes = Vec::new();
    let mut claim = |name: &str, entry: String| {
        let key = normalize(name);
        assert!(!key.is_empty(), "{entry} has a blank name or alias");
        match owner.get(&key) {
            Some(existing) if *existing != entry => {
                clashes.push(format!("`{name}`: {existing} and {entry}"));
            }
            Some(_) => {}
            None => {
                owner.insert(key, entry);
            }
        }
    };
    for t in &kb.terms {
        for name in names_of_term(t) {
            claim(name, format!("term {}", t.id));
        }
    }
    for d in &kb.databases {
        for name in names_of_db(d) {
            claim(name, format!("database {}", d.id));
        }
    }
    assert!(
        clashes.is_empty(),
        "names shared by two entries:\n{}",
        clashes.join("\n")
    );
    // Each entry's own aliases are distinct too (no redundant spellings).
    for (entry, names) in kb
        .terms
        .iter()
        .map(|t| {
            (
                t.id.as_str(),
                t.aliases.iter().chain([&t.name]).collect::<Vec<_>>(),
            )
        })
        .chain(kb.databases.iter().map(|d| {
            (
                d.id.as_str(),
                d.aliases.iter().chain([&d.name]).collect::<Vec<_>>(),
            )
        }))
    {
        let mut seen = HashSet::new();
        for name in names {
            assert!(
                seen.insert(normalize(name)),
                "{entry} lists `{name}` twice (after normalization)"
            );
        }
    }
}

#[test]
fn lookup_finds_every_entry_by_each_of_its_names() {
    let kb = kb();
    for t in &kb.terms {
        for name in names_of_term(t) {
            assert!(
                matches!(kb.lookup(name), Some(Entry::Term(found)) if found.id == t.id),
                "`{name}` does not resolve to term {}",
                t.id
            );
            assert!(
                matches!(kb.lookup(&name.to_uppercase()), Some(Entry::Term(found)) if found.id == t.id),
                "lookup is case-sensitive for `{name}`"
            );
        }
    }
    for d in &kb.databases {
        for name in names_of_db(d) {
            assert!(
                matches!(kb.lookup(name), Some(Entry::Database(found)) if found.id == d.id),
                "`{name}` does not resolve to database {}",
                d.id
            );
        }
    }
}

#[test]
fn related_terms_exist() {
    let kb = kb();
    let ids: HashSet<&str> = kb.terms.iter().map(|t| t.id.as_str()).collect();
    for t in &kb.terms {
        let mut seen = HashSet::new();
        for r in &t.related {
            assert!(
                ids.contains(r.as_str()),
                "term {} relates to unknown `{r}`",
                t.id
            );
            assert_ne!(r, &t.id, "term {} relates to itself", t.id);
            assert!(seen.insert(r), "term {} lists `{r}` twice", t.id);
        }
    }
}

/// mdBook's heading ids: the heading's text, lower-cased, whitespace to `-`,
/// everything but letters, digits, `-` and `_` dropped; repeats get `-1`, `-2`.
fn heading_anchors(markdown: &str) -> HashSet<String> {
    let mut anchors = HashSet::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    let mut in_fence = false;
    for line in markdown.lines() {
        let trimmed = line.trim_start();
        if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
            in_fence = !in_fence;
            continue;
        }
        if in_fence {
            continue;
        }
        let hashes = trimmed.chars().take_while(|&c| c == '#').count();
        if hashes == 0 || hashes > 6 || !trimmed[hashes..].starts_with(' ') {
            continue;
        }
        let mut text = trimmed[hashes..].trim().trim_end_matches('#').trim();
        if let Some(open) = text.rfind("{#") {
            if let Some(id) = text[open + 2..].strip_suffix('}') {
                anchors.insert(id.to_string());
                continue;
            }
            text = &text[..open];
        }
        // Drop inline markup the rendered heading does not show.
        let plain: String = text.chars().filter(|c| !matches!(c, '`' | '*')).collect();
        let id: String = plain
            .chars()
            .filter_map(|c| {
                if c.is_alphanumeric() || c == '_' || c == '-' {
                    Some(c.to_lowercase().next().unwrap_or(c))
                } else if c.is_whitespace() {
                    Some('-')
                } else {
                    None
                }
            })
            .collect();
        let n = counts.entry(id.clone()).or_insert(0);
        let unique = if *n == 0 {
            id.clone()
        } else {
            format!("{id}-{n}")
        };
        *n += 1;
        anchors.insert(unique);
    }
    anchors
}

#[test]
fn anchor_ids_follow_mdbook() {
    let anchors = heading_anchors(
        "# Title\n## What CAP *actually* says\n```\n# not a heading\n```\n## Why \"CA\" is not an option\n## Summary\n## Summary\n### B-trees and B+trees\n",
    );
    for expected in [
        "title",
        "what-cap-actually-says",
        "why-ca-is-not-an-option",
        "summary",
        "summary-1",
        "b-trees-and-btrees",
    ] {
        assert!(
            anchors.contains(expected),
            "{expected} missing from {anchors:?}"
        );
    }
    assert!(!anchors.contains("not-a-heading"));
}

fn check_book_link(owner: &str, link: &str, chapters: &HashMap<String, HashSet<String>>) {
    let (file, anchor) = match link.split_once('#') {
        Some((file, anchor)) => (file, Some(anchor)),
        None => (link, None),
    };
    let Some(anchors) = chapters.get(file) else {
        panic!("{owner}: book link `{link}` names no chapter file under book/src");
    };
    if let Some(anchor) = anchor {
        assert!(
            anchors.contains(anchor),
            "{owner}: book link `{link}`: {file} has no heading with id `{anchor}`"
        );
    }
}

fn book_chapters() -> HashMap<String, HashSet<String>> {
    let mut chapters = HashMap::new();
    let root = book_src();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()));
        for entry in entries.filter_map(|e| e.ok()) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "md") {
                let rel = relative(&path, &root);
                let text = std::fs::read_to_string(&path).expect("readable chapter");
                chapters.insert(rel, heading_anchors(&text));
            }
        }
    }
    chapters
}

fn relative(path: &Path, root: &Path) -> String {
    path.strip_prefix(root)
        .expect("under book/src")
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

#[test]
fn book_links_point_at_existing_chapters_and_headings() {
    let kb = kb();
    let chapters = book_chapters();
    assert!(
        chapters.contains_key("04-transactions.md"),
        "book/src not found at {}",
        book_src().display()
    );
    for t in &kb.terms {
        check_book_link(&format!("term {}", t.id), &t.book, &chapters);
    }
    for d in &kb.databases {
        check_book_link(&format!("database {}", d.id), &d.book, &chapters);
    }
}

#[test]
fn no_field_is_empty() {
    let kb = kb();
    let blank = |s: &str| s.trim().is_empty();
    for t in &kb.terms {
        let id = &t.id;
        for (field, value) in [
            ("name", &t.name),
            ("short", &t.short),
            ("explain", &t.explain),
            ("book", &t.book),
        ] {
            assert!(!blank(value), "term {id}: empty {field}");
        }
        assert!(!t.short.contains('\n'), "term {id}: short must be one line");
        assert!(!t.related.is_empty(), "term {id}: no related terms");
        for alias in &t.aliases {
            assert!(!blank(alias), "term {id}: empty alias");
        }
    }
    for d in &kb.databases {
        let id = &d.id;
        for (field, value) in [
            ("name", &d.name),
            ("family", &d.family),
            ("data_model", &d.data_model),
            ("consistency_notes", &d.consistency_notes),
            ("scaling", &d.scaling),
            ("book", &d.book),
        ] {
            assert!(!blank(value), "database {id}: empty {field}");
        }
        if let Some(option) = &d.strong_read_option {
            assert!(
                !blank(option),
                "database {id}: empty strong_read_option (omit it instead)"
            );
        }
        for (field, items) in [
            ("good_for", &d.good_for),
            ("bad_for", &d.bad_for),
            ("pitfalls", &d.pitfalls),
        ] {
            assert!(!items.is_empty(), "database {id}: no {field}");
            assert!(
                items.iter().all(|i| !blank(i)),
                "database {id}: empty item in {field}"
            );
        }
        for alias in &d.aliases {
            assert!(!blank(alias), "database {id}: empty alias");
        }
    }
}

#[test]
fn stores_that_are_not_strong_by_default_say_how_to_get_strong_reads() {
    for d in &kb().databases {
        if d.consistency != Consistency::Strong {
            assert!(
                d.strong_read_option.is_some(),
                "database {} is {:?} by default but has no strong_read_option",
                d.id,
                d.consistency
            );
        }
    }
}

/// The curriculum of issue 6: each phrase must resolve to a glossary term.
const REQUIRED_TERMS: &[&str] = &[
    "ACID",
    "BASE",
    "CAP",
    "CAP theorem",
    "PACELC",
    "consistency model",
    "linearizability",
    "sequential consistency",
    "causal consistency",
    "eventual consistency",
    "strong consistency",
    "read-your-writes",
    "monotonic reads",
    "isolation level",
    "read uncommitted",
    "read-committed",
    "READ COMMITTED",
    "RC",
    "repeatable read",
    "snapshot isolation",
    "serializable",
    "SERIALIZABLE",
    "dirty read",
    "non-repeatable read",
    "phantom read",
    "lost update",
    "write skew",
    "read skew",
    "MVCC",
    "locking",
    "pessimistic locking",
    "optimistic locking",
    "SELECT FOR UPDATE",
    "deadlock",
    "two-phase locking",
    "2PC",
    "two-phase commit",
    "saga",
    "outbox pattern",
    "transactional outbox",
    "quorum",
    "sloppy quorum",
    "replication",
    "synchronous replication",
    "asynchronous replication",
    "semi-synchronous replication",
    "replication lag",
    "multi-primary",
    "leaderless replication",
    "LWW",
    "last-write-wins",
    "CRDT",
    "conflict resolution",
    "partitioning",
    "range partitioning",
    "hash partitioning",
    "list partitioning",
    "directory-based sharding",
    "consistent hashing",
    "hot spot",
    "hot key",
    "resharding",
    "logical shards",
    "federation",
    "normalization",
    "first normal form",
    "2NF",
    "3NF",
    "BCNF",
    "4NF",
    "denormalization",
    "B-tree",
    "B+tree",
    "hash index",
    "composite index",
    "leftmost prefix",
    "covering index",
    "partial index",
    "expression index",
    "GIN",
    "GiST",
    "BRIN",
    "full-text index",
    "clustered index",
    "EXPLAIN",
    "N+1",
    "connection pooling",
    "cache-aside",
    "read-through",
    "write-through",
    "write-behind",
    "eviction",
    "LRU",
    "cache stampede",
    "thundering herd",
    "CDN",
    "block storage",
    "file storage",
    "object storage",
    "storage kinds",
    "replication modes",
    "partitioning strategies",
    "caching patterns",
    "pagination styles",
    "index kinds",
    "RPO",
    "RTO",
    "PITR",
    "point-in-time recovery",
    "idempotency",
    "idempotency key",
    "pagination",
    "offset pagination",
    "keyset pagination",
    "cursor pagination",
    "rate limiting",
    "token bucket",
];

#[test]
fn required_terms_are_covered() {
    let kb = kb();
    assert!(kb.terms.len() >= 120, "only {} terms", kb.terms.len());
    let missing: Vec<&str> = REQUIRED_TERMS
        .iter()
        .copied()
        .filter(|q| !matches!(kb.lookup(q), Some(Entry::Term(_))))
        .collect();
    assert!(missing.is_empty(), "required terms missing: {missing:?}");
    // The three spellings of one isolation level land on the same entry.
    for q in ["read-committed", "READ COMMITTED", "RC", "read committed"] {
        assert!(
            matches!(kb.lookup(q), Some(Entry::Term(t)) if t.id == "read-committed"),
            "`{q}`"
        );
    }
}

/// The stores of issue 6, with the family each must have.
const REQUIRED_DATABASES: &[(&str, &str)] = &[
    ("PostgreSQL", "relational"),
    ("MySQL", "relational"),
    ("SQLite", "relational"),
    ("CockroachDB", "distributed-sql"),
    ("Spanner", "distributed-sql"),
    ("Yugabyte", "distributed-sql"),
    ("MongoDB", "document"),
    ("Couchbase", "document"),
    ("Firestore", "document"),
    ("DynamoDB", "key-value"),
    ("Cassandra", "wide-column"),
    ("Scylla", "wide-column"),
    ("HBase", "wide-column"),
    ("Bigtable", "wide-column"),
    ("Redis", "cache"),
    ("Memcached", "cache"),
    ("Elasticsearch", "search"),
    ("OpenSearch", "search"),
    ("Neo4j", "graph"),
    ("Neptune", "graph"),
    ("InfluxDB", "time-series"),
    ("TimescaleDB", "time-series"),
    ("Prometheus", "time-series"),
    ("ClickHouse", "analytics"),
    ("pgvector", "vector"),
    ("Pinecone", "vector"),
    ("S3", "object-storage"),
    ("Amazon S3", "object-storage"),
    ("GCS", "object-storage"),
    ("Google Cloud Storage", "object-storage"),
    ("Azure Blob Storage", "object-storage"),
    ("blob storage", "object-storage"),
    ("object store", "object-storage"),
    ("MinIO", "object-storage"),
    ("Kafka", "streaming"),
    ("Apache Kafka", "streaming"),
];

#[test]
fn required_databases_are_covered() {
    let kb = kb();
    assert!(
        kb.databases.len() >= 25,
        "only {} databases",
        kb.databases.len()
    );
    for (name, family) in REQUIRED_DATABASES {
        match kb.lookup(name) {
            Some(Entry::Database(d)) => {
                assert_eq!(
                    &d.family, family,
                    "`{name}` resolves to {} of family {}",
                    d.id, d.family
                )
            }
            other => panic!("`{name}` does not resolve to a database: {other:?}"),
        }
    }
}

#[test]
fn spotting_lists_name_real_entries() {
    let kb = kb();
    let all_names: HashSet<String> = kb
        .terms
        .iter()
        .flat_map(names_of_term)
        .chain(kb.databases.iter().flat_map(names_of_db))
        .map(|n| normalize(n))
        .collect();
    for name in NOT_SPOTTED {
        assert!(
            all_names.contains(&normalize(name)),
            "NOT_SPOTTED lists `{name}`, which is no name or alias"
        );
    }
    for name in CASE_SENSITIVE_NAMES {
        assert!(
            matches!(kb.lookup(name), Some(Entry::Database(d)) if names_of_db(d).any(|n| n == name)),
            "CASE_SENSITIVE_NAMES lists `{name}`, which is no database name spelled so"
        );
    }
    for keyword in SQL_KEYWORD_TERMS {
        assert!(
            matches!(kb.lookup(keyword), Some(Entry::Term(_))),
            "SQL keyword `{keyword}` resolves to no term"
        );
    }
}

#[test]
fn embedded_knowledge_loads_and_resolves_aliases() {
    let kb = knowledge();
    assert!(matches!(kb.lookup("cap"), Some(Entry::Term(t)) if t.id == "cap-theorem"));
    assert!(matches!(kb.lookup("postgres"), Some(Entry::Database(d)) if d.id == "postgresql"));
    assert!(
        matches!(kb.lookup("  Read_Committed "), Some(Entry::Term(t)) if t.id == "read-committed")
    );
    assert!(kb.lookup("no such thing").is_none());
}
