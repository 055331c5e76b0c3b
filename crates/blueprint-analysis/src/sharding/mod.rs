//! Sharding and partitioning statements: what the doc shards, how (hash,
//! range, list, geographic, consistent hashing, logical shards, modulo
//! placement), on which key, and how many shards.
//!
//! Sources: prose sentences ("The `stock` table is sharded by
//! `warehouse_region`", "a trip lives on shard `crc32(trip_id) % 12`",
//! "パーティションキーは `region`") and the partition key of CQL `CREATE
//! TABLE ... PRIMARY KEY ((...))` blocks. SQL `PARTITION BY` and the SQL
//! model's own partition keys are not read yet (see [`ShardingModel::build`]).
//!
//! The model is built once per analysis in one pass over the sentences. It
//! exposes the shard key(s) of each table ([`ShardingModel::keys_for_table`])
//! so a query model can tell which queries include the shard key
//! (`sharding/scatter-gather-query`, built elsewhere).

pub mod cql;
pub mod key;
pub mod scatter;
pub mod scope;

use std::collections::HashMap;
use std::sync::LazyLock;

use crate::TextRange;
use crate::document::{Document, ProseKind};
use crate::prose::{Lexicon, polarity};
use crate::sql::SqlModel;

pub use cql::CqlTable;
pub use key::{Cardinality, KeyAssessment, Monotonicity, assess};

/// How rows are placed on shards.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Strategy {
    Hash,
    Range,
    List,
    Geographic,
    ConsistentHashing,
    LogicalShards,
    /// `hash(key) % N` placement.
    Modulo,
    /// A lookup table maps keys (or logical shards) to shards.
    Directory,
}

impl Strategy {
    pub fn describe(self) -> &'static str {
        match self {
            Strategy::Hash => "hash",
            Strategy::Range => "range",
            Strategy::List => "list",
            Strategy::Geographic => "geographic",
            Strategy::ConsistentHashing => "consistent hashing",
            Strategy::LogicalShards => "logical shards",
            Strategy::Modulo => "modulo placement",
            Strategy::Directory => "directory (lookup table)",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    Prose,
    /// The partition key of a CQL table (index into [`ShardingModel::cql_tables`]).
    Cql(usize),
}

/// One column of a shard or partition key, where the doc names it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ShardKey {
    pub name: String,
    pub range: TextRange,
}

/// One statement that data is sharded or partitioned.
#[derive(Clone, Debug)]
pub struct ShardingStatement {
    pub source: Source,
    /// The sentence (prose) or the `PRIMARY KEY` clause (CQL).
    pub range: TextRange,
    /// The decisive words ("sharded", "partition key", the CQL key).
    pub trigger: TextRange,
    /// Index into [`Document::sentences`] for prose statements.
    pub sentence: Option<usize>,
    pub section: usize,
    pub strategies: Vec<Strategy>,
    /// The key's columns, in order (composite keys have several).
    pub keys: Vec<ShardKey>,
    /// Tables, collections or entities the statement shards, lower-cased.
    pub tables: Vec<String>,
    /// "across 8 nodes", "12 MySQL shards".
    pub shard_count: Option<u64>,
    /// "onto 256 logical shards".
    pub logical_shards: Option<u64>,
    /// The `% N` / `mod N` of a modulo placement.
    pub modulo: Option<TextRange>,
    /// Values listed beside the key: "(EU, US, APAC)" → 3.
    pub listed_values: Option<usize>,
    /// The doc asserts it (not negated, rejected or hypothetical).
    pub asserted: bool,
    /// Rows are spread over machines (shards, nodes, a partitioned store),
    /// not just partitions of one table on one server.
    pub across_machines: bool,
    /// The doc commits to it ("X is sharded", "we will shard X"), rather than
    /// mentioning sharding in passing ("graphs are hard to shard").
    pub committed: bool,
}

impl ShardingStatement {
    pub fn has_strategy(&self, strategy: Strategy) -> bool {
        self.strategies.contains(&strategy)
    }

    /// The range to report a finding about the key at: the key, else the trigger.
    pub fn key_range(&self) -> TextRange {
        match (self.keys.first(), self.keys.last()) {
            (Some(first), Some(last)) if first.range.start <= last.range.end => {
                first.range.cover(last.range)
            }
            _ => self.trigger,
        }
    }

    pub fn key_names(&self) -> String {
        self.keys
            .iter()
            .map(|k| k.name.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    }
}

#[derive(Debug, Default)]
pub struct ShardingModel {
    pub statements: Vec<ShardingStatement>,
    pub cql_tables: Vec<CqlTable>,
    /// SQL column types by lower-cased column name: `(table, type)`, both
    /// lower-cased, so key assessments are lookups.
    pub sql_column_types: HashMap<String, Vec<(String, String)>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Trigger {
    /// A verb that says data is sharded ("sharded", "partitioned").
    Verb,
    /// Names the key ("shard key", "partition key").
    KeyNoun,
    /// Placement words that shard only with a shard noun nearby ("spread over").
    Placement,
}

static TRIGGERS: LazyLock<Lexicon<Trigger>> = LazyLock::new(|| {
    use Trigger::*;
    Lexicon::new(&[
        ("sharded", Verb),
        ("shard by", Verb),
        ("shard on", Verb),
        ("shard the", Verb),
        ("shard it", Verb),
        ("shard them", Verb),
        ("will shard", Verb),
        ("we shard", Verb),
        ("to shard", Verb),
        ("sharding by", Verb),
        ("sharding on", Verb),
        ("sharding the", Verb),
        ("range-sharded", Verb),
        ("hash-sharded", Verb),
        ("range sharded", Verb),
        ("hash sharded", Verb),
        ("partitioned", Verb),
        ("partitioned by", Verb),
        ("partitioned on", Verb),
        ("range-partitioned", Verb),
        ("hash-partitioned", Verb),
        ("distributed on", Verb),
        ("distributed by", Verb),
        ("range-distributed", Verb),
        ("hash-distributed", Verb),
        ("shard key", KeyNoun),
        ("shard keys", KeyNoun),
        ("sharding key", KeyNoun),
        ("partition key", KeyNoun),
        ("partition keys", KeyNoun),
        ("partitioning key", KeyNoun),
        ("distribution key", KeyNoun),
        ("distribution column", KeyNoun),
        ("パーティションキー", KeyNoun),
        ("シャードキー", KeyNoun),
        ("分片键", KeyNoun),
        ("分区键", KeyNoun),
        ("シャーディング", Verb),
        ("分片", Verb),
        ("distributed across", Placement),
        ("distributed over", Placement),
        ("spread over", Placement),
        ("spread across", Placement),
        ("split into", Placement),
        ("split across", Placement),
        ("placed on", Placement),
        ("placing each", Placement),
        ("lives on shard", Placement),
        ("live on shard", Placement),
        ("shard is", Placement),
        ("shard of", Placement),
        ("goes to shard", Placement),
        ("routed to shard", Placement),
        ("mapped to shard", Placement),
    ])
});

/// Nouns that make a placement phrase a sharding statement.
static SHARD_NOUNS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "shard",
            "shards",
            "partitions",
            "nodes",
            "node",
            "workers",
            "servers",
            "instances",
            "clusters",
            "databases",
        ]
        .map(|w| (w, ())),
    )
});

static STRATEGY_WORDS: LazyLock<Lexicon<Strategy>> = LazyLock::new(|| {
    use Strategy::*;
    Lexicon::new(&[
        ("consistent hashing", ConsistentHashing),
        ("consistent hash", ConsistentHashing),
        ("consistent-hash", ConsistentHashing),
        ("consistent-hashing", ConsistentHashing),
        ("hash ring", ConsistentHashing),
        ("rendezvous hashing", ConsistentHashing),
        ("jump hash", ConsistentHashing),
        ("virtual nodes", ConsistentHashing),
        ("vnodes", ConsistentHashing),
        ("logical shard", LogicalShards),
        ("logical shards", LogicalShards),
        ("virtual shards", LogicalShards),
        ("logical partitions", LogicalShards),
        ("hash slots", LogicalShards),
        ("slots", LogicalShards),
        ("buckets", LogicalShards),
        ("range-sharded", Range),
        ("range sharded", Range),
        ("range sharding", Range),
        ("range-distributed", Range),
        ("range-partitioned", Range),
        ("range partitioning", Range),
        ("by range", Range),
        ("key ranges", Range),
        ("id ranges", Range),
        ("block of", Range),
        ("chunks of", Range),
        ("next block", Range),
        ("hash-sharded", Hash),
        ("hash sharded", Hash),
        ("hash-distributed", Hash),
        ("hash-partitioned", Hash),
        ("hashed", Hash),
        ("hash of", Hash),
        ("hashing", Hash),
        ("list-partitioned", List),
        ("list partitioning", List),
        ("by list", List),
        ("geo-partitioned", Geographic),
        ("geographic", Geographic),
        ("geo-sharded", Geographic),
        ("per region", Geographic),
        ("one cluster per region", Geographic),
        ("mapping table", Directory),
        ("lookup table", Directory),
        ("config table", Directory),
        ("directory", Directory),
        ("modulo", Modulo),
    ])
});

/// Function names that hash a key: `hash(user_id)`, `crc32(trip_id)`.
const HASH_FUNCTIONS: &[&str] = &[
    "hash",
    "crc32",
    "crc",
    "md5",
    "sha1",
    "sha256",
    "murmur",
    "murmur3",
    "murmurhash",
    "xxhash",
    "fnv",
    "farmhash",
    "hashtext",
    "abs",
];

/// Words after "by" that are not a key.
const NOT_KEYS: &[&str] = &[
    "the", "a", "an", "its", "their", "our", "hash", "hashing", "node", "nodes", "shard", "shards",
    "default", "design", "then", "now", "day", "one", "far", "using", "vitess", "citus", "means",
    "region's", "range", "key", "which", "to", "so", "and", "with", "from", "when", "for", "in",
    "of", "at", "on", "as", "per", "onto", "into", "across", "over", "is", "are", "be",
];

const KEY_STOP: &[&str] = &[
    "and", "or", "so", "to", "with", "from", "onto", "into", "using", "across", "over", "when",
    "which", "because", "for", "in", "of", "at", "on", "as", "per", "hashed", "with", "is", "are",
    "via", "through", "since", "while", "where", "that", "then", "but", "like",
];

impl ShardingModel {
    /// Reads prose statements and CQL partition keys. SQL `CREATE TABLE ...
    /// PARTITION BY` is not read yet: when the SQL model gains partition keys,
    /// add them here as another [`Source`].
    pub fn build(doc: &Document, sql: &SqlModel) -> ShardingModel {
        let table_names = table_names(doc, sql);
        let mut statements = Vec::new();
        for (index, sentence) in doc.sentences.iter().enumerate() {
            if matches!(doc.blocks[sentence.block].kind, ProseKind::Heading(_)) {
                continue;
            }
            let text = doc.sentence_text(sentence);
            let matches = TRIGGERS.find_all(text);
            let Some(first) = matches.iter().find(|m| match m.value {
                Trigger::Placement => {
                    SHARD_NOUNS.contains(&text[m.end..]) || text[m.end..].contains('%')
                }
                _ => true,
            }) else {
                continue;
            };
            if doc.sentence_is_code(sentence, first.start) || is_network_partition(text) {
                continue;
            }
            // A bare "partitioned" needs a table or shards nearby: "Tokyo and
            // Osaka can be partitioned" is about the network.
            if text[first.start..first.end].eq_ignore_ascii_case("partitioned")
                && !SHARD_NOUNS.contains(text)
                && !text.to_ascii_lowercase().contains("table")
            {
                continue;
            }
            let key_noun = matches.iter().find(|m| m.value == Trigger::KeyNoun);
            let asserted = polarity::of_match(doc, sentence, first.start).is_asserted()
                && !is_hypothetical(text);
            let mut statement = ShardingStatement {
                source: Source::Prose,
                range: sentence.range,
                trigger: doc.sentence_span(sentence, first.start..first.end),
                sentence: Some(index),
                section: sentence.section,
                strategies: Vec::new(),
                keys: Vec::new(),
                tables: Vec::new(),
                shard_count: None,
                logical_shards: None,
                modulo: None,
                listed_values: None,
                asserted,
                across_machines: across_machines(text, &text[first.start..first.end]),
                committed: first.value == Trigger::KeyNoun
                    || is_committed(text, first.start, first.end),
            };
            let keys = find_keys(
                doc,
                index,
                text,
                first.start,
                key_noun.map(|m| (m.start, m.end)),
            );
            statement.keys = keys
                .iter()
                .map(|(name, local)| ShardKey {
                    name: name.clone(),
                    range: span_in_sentence(doc, index, local.clone()),
                })
                .collect();
            if let Some((_, last)) = keys.last() {
                statement.listed_values = listed_values(&text[last.end..]);
            }
            let lower = text.to_ascii_lowercase();
            for m in STRATEGY_WORDS.find_all(text) {
                if !statement.strategies.contains(&m.value) {
                    statement.strategies.push(m.value);
                }
            }
            if let Some((local, _)) = modulo(text) {
                statement.modulo = Some(span_in_sentence(doc, index, local));
                for s in [Strategy::Modulo, Strategy::Hash] {
                    if !statement.strategies.contains(&s) {
                        statement.strategies.push(s);
                    }
                }
            }
            if HASH_FUNCTIONS
                .iter()
                .any(|f| lower.contains(&format!("{f}(")))
                && !statement.strategies.contains(&Strategy::Hash)
            {
                statement.strategies.push(Strategy::Hash);
            }
            statement.tables = tables_in(text, first.start, &table_names);
            let (count, logical) = counts(text);
            statement.shard_count = count;
            statement.logical_shards = logical;
            statements.push(statement);
        }

        let cql_tables = cql::tables(doc);
        for (i, table) in cql_tables.iter().enumerate() {
            let (Some(first), Some(last)) =
                (table.partition_key.first(), table.partition_key.last())
            else {
                continue;
            };
            let trigger = first.1.cover(last.1);
            statements.push(ShardingStatement {
                source: Source::Cql(i),
                range: trigger,
                trigger,
                sentence: None,
                section: doc.code_blocks[table.code_block].section,
                strategies: vec![Strategy::Hash],
                keys: table
                    .partition_key
                    .iter()
                    .map(|(name, range)| ShardKey {
                        name: name.clone(),
                        range: *range,
                    })
                    .collect(),
                tables: vec![table.name.to_ascii_lowercase()],
                shard_count: None,
                logical_shards: None,
                modulo: None,
                listed_values: None,
                asserted: true,
                across_machines: true,
                committed: true,
            });
        }
        statements.sort_by_key(|s| s.range.start);
        let mut sql_column_types: HashMap<String, Vec<(String, String)>> = HashMap::new();
        for column in sql.columns() {
            let table = column
                .table
                .rsplit('.')
                .next()
                .unwrap_or("")
                .trim_matches('"')
                .to_ascii_lowercase();
            sql_column_types
                .entry(column.name.to_ascii_lowercase())
                .or_default()
                .push((table, column.data_type.to_ascii_lowercase()));
        }
        ShardingModel {
            statements,
            cql_tables,
            sql_column_types,
        }
    }

    /// Asserted statements, in document order.
    pub fn asserted(&self) -> impl Iterator<Item = &ShardingStatement> {
        self.statements.iter().filter(|s| s.asserted)
    }

    /// The shard key columns the doc states for a table (lower-cased name),
    /// from every asserted statement about it. The extension point for
    /// `sharding/scatter-gather-query`: a query on the table whose filter
    /// lacks all of these asks every shard.
    pub fn keys_for_table(&self, table: &str) -> Vec<&ShardKey> {
        let table = table.to_ascii_lowercase();
        self.asserted()
            .filter(|s| s.tables.iter().any(|t| same_table(t, &table)))
            .flat_map(|s| s.keys.iter())
            .collect()
    }

    /// The statement whose key (or trigger) covers `offset`.
    pub fn key_at(&self, offset: usize) -> Option<(&ShardingStatement, &ShardKey)> {
        self.statements.iter().find_map(|s| {
            s.keys
                .iter()
                .find(|k| k.range.start <= offset && offset <= k.range.end)
                .map(|k| (s, k))
        })
    }

    /// Whether the doc shards anything at all (asserted).
    pub fn shards_anything(&self) -> bool {
        self.asserted().next().is_some()
    }
}

/// The source range of a sentence-local range, exact inside inline code too
/// (the generic mapping snaps code to the whole span, backticks included).
fn span_in_sentence(doc: &Document, sentence: usize, local: std::ops::Range<usize>) -> TextRange {
    let s = &doc.sentences[sentence];
    let block = &doc.blocks[s.block];
    let plain = s.plain.start + local.start..s.plain.start + local.end;
    let segment = block.segments.iter().find(|seg| {
        seg.code && seg.plain_start <= plain.start && plain.end <= seg.plain_start + seg.plain_len
    });
    if let Some(seg) = segment {
        let code = &block.text[seg.plain_start..seg.plain_start + seg.plain_len];
        if let Some(at) = doc.text(seg.source).find(code) {
            let start = seg.source.start + at + (plain.start - seg.plain_start);
            return TextRange::new(start, start + plain.len());
        }
    }
    doc.sentence_span(s, local)
}

/// An auxiliary or subject right before the trigger: "is sharded", "will be
/// split into", "we shard", "are spread over", "plan to shard".
fn is_committed(text: &str, start: usize, end: usize) -> bool {
    const AUX: &[&str] = &[
        "is", "are", "be", "been", "get", "gets", "got", "we", "will", "we'll", "plan", "going",
        "decided", "need", "needs", "must", "shall",
    ];
    let trigger = text[start..end].to_ascii_lowercase();
    if trigger.starts_with("will ") || trigger.starts_with("we ") {
        return true;
    }
    if trigger.starts_with("placing") || trigger.starts_with("lives") || trigger.starts_with("live")
    {
        return true;
    }
    // The word right before the trigger, skipping one adverb ("are also sharded").
    let mut words = text[..start].split_whitespace().rev().map(|w| {
        w.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'')
            .to_ascii_lowercase()
    });
    const ADVERBS: &[&str] = &[
        "also",
        "then",
        "now",
        "currently",
        "later",
        "eventually",
        "first",
        "fully",
    ];
    match words.next() {
        Some(w) if AUX.contains(&w.as_str()) => true,
        Some(w) if ADVERBS.contains(&w.as_str()) => {
            words.next().is_some_and(|w| AUX.contains(&w.as_str()))
        }
        _ => false,
    }
}

/// Conditionals and refusals anywhere in the sentence: "range-sharding on an
/// id would send every insert to the last shard, so we will not do that".
fn is_hypothetical(text: &str) -> bool {
    let lower = format!(" {} ", text.to_ascii_lowercase());
    [
        " would ",
        " could ",
        " might ",
        " if we ",
        " should we ",
        " will not ",
        " won't ",
        " whether ",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// "when the network is partitioned" is CAP, not data placement.
fn is_network_partition(text: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    [
        "network",
        "partition toleran",
        "split brain",
        "split-brain",
        "netsplit",
        "cap theorem",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Whether a statement spreads rows over machines rather than partitioning
/// one table on one server.
fn across_machines(text: &str, trigger: &str) -> bool {
    let lower = text.to_ascii_lowercase();
    if [
        "one server",
        "single server",
        "one node",
        "single node",
        "one instance",
        "single instance",
        "one machine",
        "native partitioning",
        "declarative partitioning",
    ]
    .iter()
    .any(|w| lower.contains(w))
    {
        return false;
    }
    let trigger = trigger.to_ascii_lowercase();
    if [
        "shard",
        "distribut",
        "spread",
        "placed",
        "placing",
        "lives",
        "シャード",
        "分片",
    ]
    .iter()
    .any(|w| trigger.contains(w))
    {
        return true;
    }
    let lower = text.to_ascii_lowercase();
    [
        "node",
        "shard",
        "worker",
        "server",
        "cluster",
        "instances",
        "dynamodb",
        "cassandra",
        "bigtable",
        "cosmos",
        "scylla",
        "hbase",
        "machines",
    ]
    .iter()
    .any(|w| lower.contains(w))
}

/// Singular/plural-insensitive table name equality.
pub fn same_table(a: &str, b: &str) -> bool {
    let a = a.trim_end_matches('s');
    let b = b.trim_end_matches('s');
    a.eq_ignore_ascii_case(b)
}

fn table_names(doc: &Document, sql: &SqlModel) -> HashMap<String, String> {
    let mut names: Vec<String> = sql
        .statements
        .iter()
        .filter_map(|s| match &s.parsed {
            Ok(sqlparser::ast::Statement::CreateTable(create)) => Some(
                create
                    .name
                    .0
                    .last()
                    .map(|p| p.to_string())
                    .unwrap_or_default()
                    .trim_matches('"')
                    .to_ascii_lowercase(),
            ),
            _ => None,
        })
        .collect();
    // Tables the doc's queries read, when the doc defines no schema for them.
    names.extend(
        sql.queries
            .iter()
            .flat_map(|q| q.tables.iter().map(|t| t.name.to_ascii_lowercase())),
    );
    names.extend(
        cql::tables(doc)
            .into_iter()
            .map(|t| t.name.to_ascii_lowercase()),
    );
    names
        .into_iter()
        .map(|name| (table_key(&name), name))
        .collect()
}

/// Singular, lower-cased: the key tables are matched by.
fn table_key(name: &str) -> String {
    name.to_ascii_lowercase().trim_end_matches('s').to_string()
}

/// Tables the sentence names before the trigger: defined tables (singular or
/// plural, `snake_case` or spaced) and "the X table/collection".
fn tables_in(text: &str, trigger: usize, names: &HashMap<String, String>) -> Vec<String> {
    let head = text[..trigger].to_ascii_lowercase();
    let words: Vec<&str> = head
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .collect();
    let mut out: Vec<String> = Vec::new();
    for w in &words {
        if let Some(name) = names.get(&table_key(w)) {
            if !out.contains(name) {
                out.push(name.clone());
            }
        }
    }
    for (i, w) in words.iter().enumerate() {
        if matches!(*w, "table" | "collection" | "tables" | "collections") && i > 0 {
            let name = words[i - 1].to_string();
            if !out.contains(&name) && !matches!(name.as_str(), "the" | "a" | "each" | "this") {
                out.push(name);
            }
        }
    }
    if out.is_empty() {
        // Defined tables named after the trigger: "we will shard: tickets go to ...".
        let all: Vec<&str> = text
            .split(|c: char| !(c.is_alphanumeric() || c == '_'))
            .filter(|w| !w.is_empty())
            .collect();
        for w in &all {
            if let Some(name) = names.get(&table_key(w)) {
                if !out.contains(name) {
                    out.push(name.clone());
                }
            }
        }
    }
    if out.is_empty() {
        // "Trips are spread over ...", "Driver payouts are sharded by ...".
        let subject: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| {
                !matches!(
                    *w,
                    "the" | "a" | "an" | "and" | "all" | "our" | "will" | "be" | "are" | "is"
                )
            })
            .collect();
        if let Some(last) = subject.last().filter(|w| {
            !matches!(
                **w,
                "we" | "it"
                    | "they"
                    | "this"
                    | "that"
                    | "which"
                    | "i"
                    | "you"
                    | "writes"
                    | "reads"
                    | "data"
                    | "rows"
                    | "records"
            )
        }) {
            out.push((*last).to_string());
        }
    }
    out
}

/// Identifiers inside a code span that are keys: not function names, not the
/// left side of `node = ...`, not numbers.
fn code_identifiers(code: &str) -> Vec<(String, std::ops::Range<usize>)> {
    let mut out = Vec::new();
    let bytes = code.as_bytes();
    let mut i = 0;
    let assignment = code.find('=').filter(|&e| !code[e..].starts_with("=="));
    while i < bytes.len() {
        let c = bytes[i] as char;
        if c.is_ascii_alphabetic() || c == '_' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_alphanumeric() || bytes[i] == b'_') {
                i += 1;
            }
            let word = &code[start..i];
            let is_call = code[i..].trim_start().starts_with('(');
            let lhs = assignment.is_some_and(|e| start < e);
            let lower = word.to_ascii_lowercase();
            if !is_call
                && !lhs
                && !matches!(
                    lower.as_str(),
                    "mod" | "node" | "shard" | "n" | "and" | "or"
                )
            {
                out.push((word.to_string(), start..i));
            }
        } else {
            i += 1;
        }
    }
    out
}

/// Inline code spans in a sentence's text: `(start, end)` of the code text.
fn code_spans(doc: &Document, sentence: usize, text: &str) -> Vec<std::ops::Range<usize>> {
    let s = &doc.sentences[sentence];
    let block = &doc.blocks[s.block];
    block
        .segments
        .iter()
        .filter(|seg| seg.code)
        .filter_map(|seg| {
            let start = seg.plain_start.checked_sub(s.plain.start)?;
            let end = start + seg.plain_len;
            (end <= text.len()).then_some(start..end)
        })
        .collect()
}

/// The key(s) a sentence names, with their ranges in the sentence text.
fn find_keys(
    doc: &Document,
    sentence: usize,
    text: &str,
    trigger: usize,
    key_noun: Option<(usize, usize)>,
) -> Vec<(String, std::ops::Range<usize>)> {
    let spans = code_spans(doc, sentence, text);
    let code_keys = |span: &std::ops::Range<usize>| -> Vec<(String, std::ops::Range<usize>)> {
        code_identifiers(&text[span.clone()])
            .into_iter()
            .map(|(w, r)| (w, span.start + r.start..span.start + r.end))
            .collect()
    };
    // 1. A hash function call anywhere after the trigger: `hash(user_id) % 4`.
    for span in spans.iter().filter(|s| s.start >= trigger) {
        let code = text[span.clone()].to_ascii_lowercase();
        if HASH_FUNCTIONS
            .iter()
            .any(|f| code.contains(&format!("{f}(")))
        {
            let keys = code_keys(span);
            if !keys.is_empty() {
                return keys;
            }
        }
    }
    // 2. A key noun: "partition key is `code`", "`game_id` is the shard key".
    if let Some((start, end)) = key_noun {
        if let Some(span) = spans.iter().find(|s| s.start >= end) {
            let keys = code_keys(span);
            if !keys.is_empty() {
                return keys;
            }
        }
        let before = text[..start].trim_end();
        let before = before
            .strip_suffix("is the")
            .or_else(|| before.strip_suffix("is our"))
            .or_else(|| before.strip_suffix("as the"))
            .map(str::trim_end);
        if let Some(before) = before {
            let word_start = after_last(before, |c| !(c.is_alphanumeric() || c == '_' || c == '`'));
            let word = before[word_start..].trim_matches('`');
            if word.contains('_') || word.len() > 2 {
                let start = word_start + before[word_start..].find(word).unwrap_or(0);
                return vec![(word.to_string(), start..start + word.len())];
            }
        }
        let after = &text[end..];
        if let Some(rest) = after.trim_start().strip_prefix("is ") {
            let at = text.len() - rest.len();
            if let Some(keys) = listed_composite(text, at) {
                return keys;
            }
            if let Some(key) = words_key(text, at) {
                return vec![key];
            }
        }
    }
    // 3. "tenant_id modulo 12", "user_id % 8" in prose.
    let lower = text.to_ascii_lowercase();
    for op in [" modulo ", " mod ", " % "] {
        if let Some(i) = lower[trigger..].find(op).map(|i| trigger + i) {
            let head = text[..i].trim_end_matches('`');
            let start = after_last(head, |c| !(c.is_alphanumeric() || c == '_'));
            let word = &head[start..];
            if word.contains('_') {
                return vec![(word.to_string(), start..start + word.len())];
            }
        }
    }
    // 4. "by `x`", "on `x`", "by country", "by hash of user_id".
    let mut search = trigger;
    while let Some(found) = next_by_or_on(text, search) {
        let (word_end, is_by) = found;
        let at = skip_ws(text, word_end);
        if let Some(span) = spans.iter().find(|s| s.start == at || s.start == at + 1) {
            let mut keys = code_keys(span);
            // `owner_id`/`user_id`, (`region`, `user_id`): joined columns.
            let mut last = span.end;
            for next in spans.iter().filter(|s| s.start > span.start) {
                let between = &text[last..next.start];
                let joiner = between.trim().trim_matches('`').trim();
                if matches!(joiner, "/" | "," | "and" | ", and" | "+") {
                    keys.extend(code_keys(next));
                    last = next.end;
                } else {
                    break;
                }
            }
            if !keys.is_empty() {
                return keys;
            }
        }
        // "on" names a key only right after the verb: "shard on a hashed article id".
        let on_after_verb = !is_by && {
            let before = text[..word_end - 3].trim_end().to_ascii_lowercase();
            let last = before.rsplit(' ').next().unwrap_or("");
            ["shard", "partition", "distribut", "range-", "hash-"]
                .iter()
                .any(|w| last.contains(w))
        };
        if is_by || on_after_verb {
            if let Some(key) = words_key(text, at) {
                return vec![key];
            }
        }
        search = word_end;
    }
    Vec::new()
}

/// A composite key written as a list: "the pair (meter, day)", "the tuple
/// (tenant_id, created_at)", "(region, user_id)".
fn listed_composite(text: &str, at: usize) -> Option<Vec<(String, std::ops::Range<usize>)>> {
    let rest = &text[at..];
    let lower = rest.to_ascii_lowercase();
    let mut skip = 0;
    for lead in ["the ", "a ", "our "] {
        if lower[skip..].starts_with(lead) {
            skip += lead.len();
        }
    }
    for noun in ["pair ", "tuple ", "combination ", "composite ", "compound "] {
        if lower[skip..].starts_with(noun) {
            skip += noun.len();
            break;
        }
    }
    let open = at + skip + (rest[skip..].len() - rest[skip..].trim_start().len());
    let inner_start = text[open..].strip_prefix('(').map(|_| open + 1)?;
    let close = inner_start + text[inner_start..].find(')')?;
    let mut keys = Vec::new();
    let mut start = inner_start;
    for part in text[inner_start..close].split(',') {
        let trimmed = part.trim().trim_matches('`');
        let offset = part.find(trimmed).unwrap_or(0);
        if trimmed.is_empty() || !trimmed.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return None;
        }
        keys.push((
            trimmed.to_string(),
            start + offset..start + offset + trimmed.len(),
        ));
        start += part.len() + 1;
    }
    (keys.len() >= 2).then_some(keys)
}

/// The byte offset just after the last char matching `pred` (0 if none),
/// on a char boundary whatever the char's width.
pub(crate) fn after_last(text: &str, pred: impl Fn(char) -> bool) -> usize {
    text.char_indices()
        .rev()
        .find(|&(_, c)| pred(c))
        .map_or(0, |(i, c)| i + c.len_utf8())
}

fn skip_ws(text: &str, at: usize) -> usize {
    at + text[at..].len() - text[at..].trim_start().len()
}

/// The next " by " or " on " at or after `from`: (end of the word, is "by").
fn next_by_or_on(text: &str, from: usize) -> Option<(usize, bool)> {
    let lower = text[from..].to_ascii_lowercase();
    let by = lower.find(" by ").map(|i| (from + i + 3, true));
    let on = lower.find(" on ").map(|i| (from + i + 3, false));
    match (by, on) {
        (Some(b), Some(o)) => Some(if b.0 < o.0 { b } else { o }),
        (b, o) => b.or(o),
    }
}

/// A key written in words: "country", "user id", "hash of user_id".
fn words_key(text: &str, at: usize) -> Option<(String, std::ops::Range<usize>)> {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = at;
    loop {
        i = skip_ws(text, i);
        let end = text[i..]
            .char_indices()
            .find(|&(_, c)| !(c.is_alphanumeric() || c == '_' || c == '\'' || c == '#'))
            .map_or(text.len(), |(j, _)| i + j);
        if end == i {
            break;
        }
        let word = text[i..end].to_ascii_lowercase();
        if words.is_empty()
            && matches!(
                word.as_str(),
                "the" | "a" | "an" | "their" | "its" | "each" | "hashed"
            )
        {
            i = end;
            continue;
        }
        if words.is_empty() && matches!(word.as_str(), "hash" | "hashing") {
            let rest = text[end..].trim_start();
            if let Some(after) = rest.strip_prefix("of ") {
                i = text.len() - after.len();
                continue;
            }
        }
        if KEY_STOP.contains(&word.as_str()) || word.chars().all(|c| c.is_ascii_digit()) {
            break;
        }
        words.push((i, end));
        i = end;
        if words.len() == 2 || !text[end..].starts_with(' ') {
            break;
        }
    }
    let (first, last) = (words.first()?, words.last()?);
    let name = text[first.0..last.1].to_string();
    let lower = name.to_ascii_lowercase();
    if NOT_KEYS.contains(&lower.as_str())
        || lower
            .split(' ')
            .any(|w| NOT_KEYS.contains(&w) && w != "day")
    {
        // "by the day" is a key ("day"); "by hash" alone is not.
        if !(lower == "day" || lower.ends_with(" day")) {
            return None;
        }
    }
    Some((name, first.0..last.1))
}

/// `% 12`, `mod 6`, "modulo 4" in a sentence: (range, N).
fn modulo(text: &str) -> Option<(std::ops::Range<usize>, String)> {
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        if c == '%' {
            let rest = &text[i + 1..];
            let trimmed = rest.trim_start();
            let n: String = trimmed
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            let before_is_operand = text[..i]
                .trim_end()
                .chars()
                .next_back()
                .is_some_and(|c| c == ')' || c.is_ascii_alphanumeric() || c == '_');
            // "80%" is a percentage: a digit right before and no operand after.
            let percent = i > 0 && bytes[i - 1].is_ascii_digit();
            if !n.is_empty() && before_is_operand && !percent {
                let end = i + 1 + (rest.len() - trimmed.len()) + n.len();
                return Some((i..end, n));
            }
        }
    }
    let lower = text.to_ascii_lowercase();
    for word in [" mod ", " modulo "] {
        if let Some(i) = lower.find(word) {
            let start = i + 1;
            let after = i + word.len();
            let n: String = text[after..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !n.is_empty() {
                return Some((start..after + n.len(), n));
            }
        }
    }
    None
}

/// Values listed right after the key: " (EU, US, APAC)" → 3.
fn listed_values(after: &str) -> Option<usize> {
    let rest = after.trim_start_matches(['`', ' ']);
    let rest = rest.strip_prefix('(').or_else(|| rest.strip_prefix('（'))?;
    let end = rest.find([')', '）'])?;
    let inner = &rest[..end];
    let items = inner
        .split([',', '、', '・', '/', '|'])
        .filter(|s| !s.trim().is_empty())
        .count();
    (items >= 2).then_some(items)
}

/// "across 8 nodes" / "12 MySQL shards" and "onto 256 logical shards".
fn counts(text: &str) -> (Option<u64>, Option<u64>) {
    let mut count = None;
    let mut logical = None;
    for q in crate::quantity::parse_sentence(text) {
        let Some(noun) = q.noun.as_deref().map(str::to_ascii_lowercase) else {
            continue;
        };
        let n = q.number as u64;
        if noun.contains("logical")
            || noun.contains("virtual")
            || noun.contains("slots")
            || noun.contains("buckets")
        {
            logical.get_or_insert(n);
        } else if [
            "shard",
            "node",
            "partition",
            "worker",
            "server",
            "cluster",
            "instance",
        ]
        .iter()
        .any(|w| noun.contains(w))
        {
            count.get_or_insert(n);
        }
    }
    (count, logical)
}

#[cfg(test)]
mod tests;
