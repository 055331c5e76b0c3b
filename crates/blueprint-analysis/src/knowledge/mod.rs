//! The knowledge base: glossary terms and database profiles, written once as
//! TOML under `knowledge/` and embedded at build time. Hovers, `blueprint
//! explain`, the book's glossary and its tooltips all read it from here.

pub mod render;
mod spot;

pub use spot::mentions;

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Deserialize;

/// A glossary entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Stable kebab-case id (`cap-theorem`), used in links and `related`.
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// One line, for tooltips.
    pub short: String,
    /// A few paragraphs of Markdown: what it is, when it matters, the numbers.
    pub explain: String,
    #[serde(default)]
    pub related: Vec<String>,
    /// The book chapter file (relative to `book/src`) that teaches it.
    pub book: String,
}

/// How a store behaves by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Consistency {
    Strong,
    Eventual,
    Tunable,
}

/// A data store profile.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Database {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub aliases: Vec<String>,
    pub family: String,
    pub data_model: String,
    pub consistency: Consistency,
    pub consistency_notes: String,
    /// How to get strongly consistent reads, when the default is weaker.
    #[serde(default)]
    pub strong_read_option: Option<String>,
    /// Whether acknowledged writes are persisted (to disk or to replicas) in
    /// the default configuration, so the store can keep data rather than only
    /// cache it. False for caches and stores that hold recent writes only in
    /// memory or in unreplicated, disposable local storage.
    pub durable: bool,
    pub scaling: String,
    pub good_for: Vec<String>,
    pub bad_for: Vec<String>,
    pub pitfalls: Vec<String>,
    pub book: String,
}

/// Either kind of entry, as returned by lookups.
#[derive(Debug, Clone, Copy)]
pub enum Entry<'a> {
    Term(&'a Term),
    Database(&'a Database),
}

/// The embedded knowledge base.
#[derive(Debug)]
pub struct Knowledge {
    pub terms: Vec<Term>,
    pub databases: Vec<Database>,
    by_name: HashMap<String, EntryIndex>,
}

#[derive(Debug, Clone, Copy)]
enum EntryIndex {
    Term(usize),
    Database(usize),
}

/// The glossary files, in book order.
pub(crate) const GLOSSARY_SOURCES: &[(&str, &str)] = &[
    (
        "data-model.toml",
        include_str!("../../knowledge/glossary/data-model.toml"),
    ),
    (
        "storage.toml",
        include_str!("../../knowledge/glossary/storage.toml"),
    ),
    (
        "relational.toml",
        include_str!("../../knowledge/glossary/relational.toml"),
    ),
    (
        "transactions.toml",
        include_str!("../../knowledge/glossary/transactions.toml"),
    ),
    (
        "indexing.toml",
        include_str!("../../knowledge/glossary/indexing.toml"),
    ),
    (
        "nosql.toml",
        include_str!("../../knowledge/glossary/nosql.toml"),
    ),
    (
        "consistency.toml",
        include_str!("../../knowledge/glossary/consistency.toml"),
    ),
    (
        "replication.toml",
        include_str!("../../knowledge/glossary/replication.toml"),
    ),
    (
        "sharding.toml",
        include_str!("../../knowledge/glossary/sharding.toml"),
    ),
    (
        "scaling.toml",
        include_str!("../../knowledge/glossary/scaling.toml"),
    ),
    (
        "caching.toml",
        include_str!("../../knowledge/glossary/caching.toml"),
    ),
    (
        "api.toml",
        include_str!("../../knowledge/glossary/api.toml"),
    ),
    (
        "operations.toml",
        include_str!("../../knowledge/glossary/operations.toml"),
    ),
];

pub(crate) const DATABASES_SOURCE: (&str, &str) = (
    "databases.toml",
    include_str!("../../knowledge/databases.toml"),
);

#[derive(Deserialize)]
struct GlossaryFile {
    term: Vec<Term>,
}

#[derive(Deserialize)]
struct DatabaseFile {
    database: Vec<Database>,
}

static KNOWLEDGE: LazyLock<Knowledge> = LazyLock::new(|| {
    Knowledge::load().unwrap_or_else(|e| panic!("embedded knowledge base is invalid: {e}"))
});

/// The knowledge base embedded in this build. The validation test guarantees
/// it loads.
pub fn knowledge() -> &'static Knowledge {
    &KNOWLEDGE
}

/// Normalizes a name for lookup: case-insensitive, `-`, `_` and runs of
/// whitespace are equivalent.
pub fn normalize(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '_')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

impl Knowledge {
    /// Parses the embedded TOML. Errors name the file.
    pub fn load() -> Result<Knowledge, String> {
        let mut terms = Vec::new();
        for (file, text) in GLOSSARY_SOURCES {
            let parsed: GlossaryFile = toml::from_str(text).map_err(|e| format!("{file}: {e}"))?;
            terms.extend(parsed.term);
        }
        let (file, text) = DATABASES_SOURCE;
        let databases = toml::from_str::<DatabaseFile>(text)
            .map_err(|e| format!("{file}: {e}"))?
            .database;
        let mut by_name = HashMap::new();
        for (i, db) in databases.iter().enumerate() {
            for name in std::iter::once(&db.id).chain([&db.name]).chain(&db.aliases) {
                by_name
                    .entry(normalize(name))
                    .or_insert(EntryIndex::Database(i));
            }
        }
        for (i, term) in terms.iter().enumerate() {
            for name in std::iter::once(&term.id)
                .chain([&term.name])
                .chain(&term.aliases)
            {
                by_name
                    .entry(normalize(name))
                    .or_insert(EntryIndex::Term(i));
            }
        }
        Ok(Knowledge {
            terms,
            databases,
            by_name,
        })
    }

    fn lookup_index(&self, name: &str) -> Option<EntryIndex> {
        self.by_name.get(&normalize(name)).copied()
    }

    /// Exact lookup by id, name or alias (normalized).
    pub fn lookup(&self, name: &str) -> Option<Entry<'_>> {
        self.lookup_index(name).map(|index| match index {
            EntryIndex::Term(i) => Entry::Term(&self.terms[i]),
            EntryIndex::Database(i) => Entry::Database(&self.databases[i]),
        })
    }

    pub fn term(&self, id: &str) -> Option<&Term> {
        self.terms.iter().find(|t| t.id == id)
    }

    pub fn database(&self, id: &str) -> Option<&Database> {
        self.databases.iter().find(|d| d.id == id)
    }
}

/// A glossary term or database name found in a document's prose.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub range: crate::TextRange,
    pub kind: MentionKind,
    /// Index into [`Knowledge::terms`] or [`Knowledge::databases`].
    pub index: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionKind {
    Term,
    Database,
}

impl Mention {
    /// The knowledge entry this mention refers to.
    pub fn entry(&self) -> Entry<'static> {
        let kb = knowledge();
        match self.kind {
            MentionKind::Term => Entry::Term(&kb.terms[self.index]),
            MentionKind::Database => Entry::Database(&kb.databases[self.index]),
        }
    }
}

/// The mention under byte `offset` (a cursor just after the last character
/// still counts), if any. `mentions` must be sorted, as [`mentions`] returns them.
pub fn mention_at(mentions: &[Mention], offset: usize) -> Option<&Mention> {
    let i = mentions.partition_point(|m| m.range.end < offset);
    mentions
        .get(i)
        .filter(|m| m.range.start <= offset && offset <= m.range.end)
}

#[cfg(test)]
mod tests;
