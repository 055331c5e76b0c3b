//! The store lexicon: every data store the knowledge base profiles, matched
//! by id, name and aliases, plus a few everyday spellings the knowledge base
//! does not list.
//!
//! The knowledge base is the single source of truth for a store's family and
//! default consistency; this module only decides which of its names are safe
//! to match in prose (a few aliases are ordinary words or tool names).

use std::sync::LazyLock;

use crate::knowledge::{self, Consistency};
use crate::prose::Lexicon;

/// A store family, parsed leniently from the knowledge base's family string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Family {
    Relational,
    DistributedSql,
    Document,
    KeyValue,
    WideColumn,
    Cache,
    Search,
    Graph,
    TimeSeries,
    Analytics,
    ObjectStorage,
    Streaming,
    Vector,
    /// A family this build does not know; rules treat it as neutral.
    Other,
}

impl Family {
    /// Parses `relational`, `distributed-sql`, `key-value`, ... Unknown
    /// families become [`Family::Other`], never an error.
    pub fn parse(family: &str) -> Family {
        let f = knowledge::normalize(family);
        match f.as_str() {
            "relational" | "sql" | "rdbms" => Family::Relational,
            "distributed sql" | "newsql" => Family::DistributedSql,
            "document" => Family::Document,
            "key value" | "kv" => Family::KeyValue,
            "wide column" | "column family" => Family::WideColumn,
            "cache" | "in memory" => Family::Cache,
            "search" => Family::Search,
            "graph" => Family::Graph,
            "time series" => Family::TimeSeries,
            "analytics" | "olap" | "warehouse" => Family::Analytics,
            _ if f.contains("object") || f.contains("blob") => Family::ObjectStorage,
            _ if f.contains("stream") || f.contains("log") || f.contains("queue") => {
                Family::Streaming
            }
            _ if f.contains("vector") => Family::Vector,
            _ => Family::Other,
        }
    }

    /// Stores of this family are databases that can hold a feature's data
    /// (not a cache, a search index, a stream or a bucket).
    pub fn is_database(self) -> bool {
        matches!(
            self,
            Family::Relational
                | Family::DistributedSql
                | Family::Document
                | Family::KeyValue
                | Family::WideColumn
                | Family::Graph
                | Family::TimeSeries
        )
    }

    /// NoSQL families without multi-entity transactions by default.
    pub fn is_nosql_record_store(self) -> bool {
        matches!(
            self,
            Family::Document | Family::KeyValue | Family::WideColumn
        )
    }
}

/// One store as the decision model sees it.
#[derive(Clone, Debug)]
pub struct StoreProfile {
    /// The knowledge base id (`postgresql`).
    pub id: &'static str,
    pub name: &'static str,
    pub family: Family,
    /// The knowledge base's family string, verbatim.
    pub family_name: &'static str,
    pub consistency: Consistency,
    /// How to get strongly consistent reads when the default is weaker.
    pub strong_read_option: Option<&'static str>,
}

impl StoreProfile {
    /// Eventually consistent by default (Cassandra, DynamoDB default reads,
    /// CouchDB, Riak): the stores `cap/ap-store-for-strong-consistency` means.
    pub fn is_eventual_by_default(&self) -> bool {
        self.consistency == Consistency::Eventual && self.family.is_database()
    }
}

/// Aliases that are ordinary words, tools or query languages in prose: they
/// stay in the knowledge base (hovers, lookup) but are not matched as a
/// store mention.
const UNSAFE_ALIASES: &[&str] = &[
    "Atlas",
    "Flux",
    "Cortex",
    "Elastic",
    "ES",
    "hypertable",
    "Cypher",
    "MergeTree",
    "T-SQL",
    "PL/SQL",
    "SQL++",
    "psql",
    "Tiger Data",
    "Thanos",
    "Grafana Mimir",
    "VictoriaMetrics",
    "PromQL",
    "InfluxQL",
];

/// Extra spellings engineers use that the knowledge base does not list.
const EXTRA_ALIASES: &[(&str, &str)] = &[
    ("Dynamo", "dynamodb"),
    ("DynamoDB's", "dynamodb"),
    ("Memcache", "memcached"),
    ("ElastiCache", "redis"),
    ("Keyspaces", "cassandra"),
    ("Cosmos", "cosmos-db"),
    ("Mongo DB", "mongodb"),
    ("Postgre", "postgresql"),
    ("PostgreSQL's", "postgresql"),
    ("Postgres's", "postgresql"),
];

/// Spellings of object storage the knowledge base lacks. Added only when the
/// knowledge base has no entry at all for them: a glossary term ("object
/// storage") names the category, not a chosen store.
const OBJECT_STORAGE_SPELLINGS: &[&str] = &[
    "AWS S3",
    "S3 bucket",
    "S3 buckets",
    "an S3 bucket",
    "s3fs",
    "object storage",
    "blob store",
    "a bucket",
    "the bucket",
    "Cloud Storage bucket",
    "Azure Blob",
    "Azure Blobs",
];

/// All stores and the lexicon that finds them.
pub struct StoreLexicon {
    pub stores: Vec<StoreProfile>,
    lexicon: Lexicon<usize>,
}

impl std::fmt::Debug for StoreLexicon {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StoreLexicon")
            .field("stores", &self.stores.len())
            .finish()
    }
}

impl StoreLexicon {
    fn build() -> StoreLexicon {
        let kb = knowledge::knowledge();
        let mut stores = Vec::new();
        let mut entries: Vec<(&'static str, usize)> = Vec::new();
        for db in &kb.databases {
            let index = stores.len();
            stores.push(StoreProfile {
                id: db.id.as_str(),
                name: db.name.as_str(),
                family: Family::parse(&db.family),
                family_name: db.family.as_str(),
                consistency: db.consistency,
                strong_read_option: db
                    .strong_read_option
                    .as_deref()
                    .filter(|s| !s.trim().is_empty()),
            });
            let names = std::iter::once(&db.name).chain(&db.aliases);
            for name in names {
                if UNSAFE_ALIASES.iter().any(|u| u.eq_ignore_ascii_case(name)) {
                    continue;
                }
                entries.push((name.as_str(), index));
            }
            if !db.id.contains('-') && db.id != db.name.to_ascii_lowercase() {
                entries.push((db.id.as_str(), index));
            }
        }
        if let Some(i) = stores
            .iter()
            .position(|s| s.family == Family::ObjectStorage)
        {
            for name in OBJECT_STORAGE_SPELLINGS {
                if kb.lookup(name).is_none() {
                    entries.push((name, i));
                }
            }
        }
        for (alias, id) in EXTRA_ALIASES {
            if let Some(i) = stores.iter().position(|s| s.id == *id) {
                entries.push((alias, i));
            }
        }
        entries.sort_by(|a, b| a.0.cmp(b.0));
        entries.dedup_by(|a, b| a.0.eq_ignore_ascii_case(b.0));
        StoreLexicon {
            stores,
            lexicon: Lexicon::new(&entries),
        }
    }

    /// The store lexicon of this build, built once.
    pub fn get() -> &'static StoreLexicon {
        static STORES: LazyLock<StoreLexicon> = LazyLock::new(StoreLexicon::build);
        &STORES
    }

    /// Every store named in `text`, as (start, end, store index).
    pub fn find_all(&self, text: &str) -> Vec<(usize, usize, usize)> {
        self.lexicon
            .find_all(text)
            .into_iter()
            .map(|m| (m.start, m.end, m.value))
            .collect()
    }

    /// Every store named in `text` with its profile.
    pub fn mentions(&self, text: &str) -> Vec<(usize, usize, &StoreProfile)> {
        self.lexicon
            .find_all(text)
            .into_iter()
            .map(|m| (m.start, m.end, &self.stores[m.value]))
            .collect()
    }

    pub fn by_id(&self, id: &str) -> Option<&StoreProfile> {
        self.stores.iter().find(|s| s.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<&'static str> {
        let lex = StoreLexicon::get();
        lex.find_all(text)
            .into_iter()
            .map(|(_, _, i)| lex.stores[i].id)
            .collect()
    }

    #[test]
    fn names_and_aliases_come_from_the_knowledge_base() {
        assert_eq!(ids("We use Postgres and Mongo."), ["postgresql", "mongodb"]);
        assert_eq!(
            ids("Apache Cassandra, Scylla and Dynamo"),
            ["cassandra", "scylladb", "dynamodb"]
        );
        assert_eq!(ids("Redis in front of PG"), ["redis", "postgresql"]);
        let lex = StoreLexicon::get();
        let cassandra = lex.by_id("cassandra").unwrap();
        assert_eq!(cassandra.family, Family::WideColumn);
        assert!(cassandra.is_eventual_by_default());
        assert!(cassandra.strong_read_option.is_some());
        assert!(!lex.by_id("postgresql").unwrap().is_eventual_by_default());
    }

    #[test]
    fn ordinary_words_are_not_stores() {
        assert!(ids("an elastic fleet, an atlas of maps, the flux of events").is_empty());
        assert!(ids("es ist gut, pg 12 of the book").is_empty());
    }

    #[test]
    fn object_storage_and_kafka_are_known() {
        let lex = StoreLexicon::get();
        let s3 = ids("photos go to S3");
        assert_eq!(s3.len(), 1);
        assert_eq!(lex.by_id(s3[0]).unwrap().family, Family::ObjectStorage);
        let kafka = ids("events go through Kafka");
        assert_eq!(lex.by_id(kafka[0]).unwrap().family, Family::Streaming);
    }

    #[test]
    fn unknown_families_are_tolerated() {
        assert_eq!(Family::parse("object-storage"), Family::ObjectStorage);
        assert_eq!(Family::parse("Streaming"), Family::Streaming);
        assert_eq!(Family::parse("vector"), Family::Vector);
        assert_eq!(Family::parse("ledger-db"), Family::Other);
        assert_eq!(Family::parse("key-value"), Family::KeyValue);
    }
}
