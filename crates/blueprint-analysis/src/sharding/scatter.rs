//! Which of the doc's queries include the shard key of the sharded tables they
//! read, and which must ask every shard (scatter-gather).
//!
//! A sharded table in a query is *routed* when the query pins its shard key
//! by equality (`=` / `IN`), or joins it on its shard key to a table that is
//! itself routed (or an unsharded table the query filters by equality): the
//! join then yields a bounded set of key values. Any other sharded table is
//! read on every shard. Shared by `sharding/scatter-gather-query` and the
//! shard key hover.

use std::sync::LazyLock;

use super::{ShardKey, ShardingModel, ShardingStatement, same_table};
use crate::TextRange;
use crate::document::Document;
use crate::prose::{Lexicon, polarity};
use crate::sql::query::PredicateOp;
use crate::sql::{SqlDialect, SqlModel, facts};

/// One sharded table read by one query.
#[derive(Clone, Debug)]
pub struct TableRouting {
    /// Index into [`SqlModel::queries`].
    pub query: usize,
    /// Index into the query's tables.
    pub table_ref: usize,
    /// Lower-cased table name as the query writes it.
    pub table: String,
    /// The shard key columns of the table (lower-cased, unqualified).
    pub keys: Vec<String>,
    /// The query pins the shard key (directly or through a join).
    pub routed: bool,
    /// Columns of this table the query filters on (lower-cased).
    pub filter_columns: Vec<String>,
    /// A join of this table with another: `(this table's column, range)`.
    pub cross_join: Option<(String, TextRange)>,
    /// Where to report: this table's predicates, else its reference.
    pub range: TextRange,
    /// From a CQL query with `ALLOW FILTERING`.
    pub allow_filtering: bool,
    /// A per-request lookup: an equality filter on this table with a bind
    /// parameter (`$1`, `?`, `:name`).
    pub lookup: bool,
    /// Aggregates, GROUP BY or DISTINCT: an analytic scan, parallel by design.
    pub analytic: bool,
    /// The query filters (WHERE) or joins this table at all.
    pub filtered: bool,
}

/// A bind parameter in SQL text: `$1`, `?`, `:name`, `%s`.
fn has_parameter(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        let next = bytes.get(i + 1).copied();
        match b {
            b'?' => true,
            b'$' => next.is_some_and(|c| c.is_ascii_digit()),
            b':' => {
                next.is_some_and(|c| c.is_ascii_alphabetic()) && (i == 0 || bytes[i - 1] != b':')
            }
            b'%' => next == Some(b's'),
            _ => false,
        }
    })
}

/// The bare, lower-cased column name of a shard key (`hash(id)` keys are
/// already reduced to `id` by the model; `t.col` loses its qualifier).
fn key_column(key: &ShardKey) -> String {
    key.name
        .rsplit('.')
        .next()
        .unwrap_or("")
        .trim_matches(|c| c == '`' || c == '"')
        .to_ascii_lowercase()
}

/// Shard keys per table of every query of the doc (design SQL only: not
/// counterexample blocks).
pub fn routings(doc: &Document, sql: &SqlModel, model: &ShardingModel) -> Vec<TableRouting> {
    let mut out = Vec::new();
    for (qi, query) in sql.queries.iter().enumerate() {
        let Some(statement) = sql.statements.get(query.statement) else {
            continue;
        };
        if statement.counterexample {
            continue;
        }
        let keys: Vec<Vec<String>> = query
            .tables
            .iter()
            .map(|t| {
                let mut keys: Vec<String> = model
                    .keys_for_table(&t.name)
                    .into_iter()
                    .map(key_column)
                    .filter(|k| !k.is_empty())
                    .collect();
                keys.dedup();
                keys
            })
            .collect();
        if keys.iter().all(Vec::is_empty) {
            continue;
        }
        let pinned = |ti: usize, cols: &[String]| {
            query.predicates_of(ti).any(|p| {
                matches!(p.op, PredicateOp::Eq | PredicateOp::In)
                    && p.key
                        .column()
                        .is_some_and(|c| cols.iter().any(|k| k.eq_ignore_ascii_case(c)))
            })
        };
        let mut routed: Vec<bool> = (0..query.tables.len())
            .map(|ti| {
                if keys[ti].is_empty() {
                    query
                        .predicates_of(ti)
                        .any(|p| matches!(p.op, PredicateOp::Eq | PredicateOp::In))
                } else {
                    pinned(ti, &keys[ti])
                }
            })
            .collect();
        // Joins on the shard key to a routed table route it too.
        loop {
            let mut changed = false;
            for join in &query.joins {
                for (this, other) in [(&join.left, &join.right), (&join.right, &join.left)] {
                    let (ti, column) = this;
                    if *ti >= routed.len() || other.0 >= routed.len() {
                        continue;
                    }
                    // Co-located: the other side is unsharded (its rows give
                    // the key values) or joined on its own shard key.
                    let colocated = keys[other.0].is_empty()
                        || keys[other.0]
                            .iter()
                            .any(|k| k.eq_ignore_ascii_case(&other.1));
                    if !routed[*ti]
                        && routed[other.0]
                        && colocated
                        && !keys[*ti].is_empty()
                        && keys[*ti].iter().any(|k| k.eq_ignore_ascii_case(column))
                    {
                        routed[*ti] = true;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        let allow_filtering = statement.dialect == SqlDialect::Cql
            && doc
                .text(statement.range)
                .to_ascii_uppercase()
                .contains("ALLOW FILTERING");
        for (ti, table) in query.tables.iter().enumerate() {
            if keys[ti].is_empty() {
                continue;
            }
            let predicates: Vec<_> = query.predicates_of(ti).collect();
            let mut filter_columns: Vec<String> = predicates
                .iter()
                .filter_map(|p| p.key.column().map(str::to_ascii_lowercase))
                .chain(
                    query
                        .wrapped
                        .iter()
                        .filter(|w| w.table == ti)
                        .map(|w| w.column.to_ascii_lowercase()),
                )
                .collect();
            filter_columns.dedup();
            let where_text = query.where_range.map(|r| doc.text(r)).unwrap_or("");
            let lookup = has_parameter(where_text)
                && (predicates
                    .iter()
                    .any(|p| matches!(p.op, PredicateOp::Eq | PredicateOp::In))
                    || query.wrapped.iter().any(|w| w.table == ti));
            let analytic = query.aggregate_only
                || query.group_by
                || doc
                    .text(query.range)
                    .to_ascii_uppercase()
                    .contains("DISTINCT");
            let range = match (predicates.first(), predicates.last()) {
                (Some(a), Some(b)) if a.range.start <= b.range.end => a.range.cover(b.range),
                _ => table.range,
            };
            let cross_join = query.joins.iter().find_map(|j| {
                [&j.left, &j.right]
                    .into_iter()
                    .find(|(t, _)| *t == ti)
                    .map(|(_, c)| (c.to_ascii_lowercase(), j.range))
            });
            let filtered = query.where_range.is_some() || cross_join.is_some();
            out.push(TableRouting {
                query: qi,
                table_ref: ti,
                table: table.name.clone(),
                keys: keys[ti].clone(),
                routed: routed[ti],
                filter_columns,
                cross_join,
                range,
                allow_filtering,
                lookup,
                analytic,
                filtered,
            });
        }
    }
    out
}

/// Words that say a query runs rarely or off the request path.
static RARE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "offline",
            "batch",
            "batch job",
            "nightly",
            "weekly",
            "monthly",
            "quarterly",
            "once a day",
            "once per day",
            "once a week",
            "cron",
            "backfill",
            "report",
            "reports",
            "reporting",
            "analytics",
            "ad-hoc",
            "ad hoc",
            "admin",
            "admins",
            "rarely",
            "occasionally",
            "infrequent",
            "infrequently",
            "one-off",
            "export",
            "migration",
            "audit",
            "data warehouse",
            "etl",
        ]
        .map(|w| (w, ())),
    )
});

/// Words that say a query runs often or on a user-facing path.
static FREQUENT: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "every",
            "each request",
            "each time",
            "frequent",
            "frequently",
            "hot path",
            "hot-path",
            "per request",
            "per second",
            "hottest",
            "most common",
            "high traffic",
            "high-traffic",
            "real time",
            "real-time",
            "latency-critical",
            "many times",
        ]
        .map(|w| (w, ())),
    )
});

/// Where the doc says the query is frequent: its comments or the caption
/// paragraph right above its block ("every shard" is not a frequency).
pub fn frequent_words(doc: &Document, sql: &SqlModel, query: usize) -> Option<TextRange> {
    let query = sql.queries.get(query)?;
    let statement = sql.statements.get(query.statement)?;
    if let Some(found) = facts::hot_path_words(doc, statement.code_block, statement.range) {
        return Some(found);
    }
    let frequency = |text: &str| {
        FREQUENT.find_all(text).into_iter().find(|m| {
            let next = text[m.end..]
                .split(|c: char| !c.is_alphanumeric())
                .find(|w| !w.is_empty())
                .unwrap_or("")
                .to_ascii_lowercase();
            !matches!(
                next.trim_end_matches('s'),
                "shard"
                    | "node"
                    | "partition"
                    | "region"
                    | "worker"
                    | "server"
                    | "replica"
                    | "row"
                    | "table"
                    | "column"
            )
        })
    };
    let text = doc.text(statement.range);
    if let Some(found) = frequency(text) {
        return Some(TextRange::new(
            statement.range.start + found.start,
            statement.range.start + found.end,
        ));
    }
    let caption = caption(doc, statement.code_block)?;
    let found = frequency(doc.sentence_text(caption))?;
    Some(doc.sentence_span(caption, found.start..found.end))
}

/// The sentence right above a code block (at most one blank line between).
fn caption(doc: &Document, code_block: usize) -> Option<&crate::document::Sentence> {
    let block = doc.code_blocks.get(code_block)?;
    let caption = doc
        .sentences
        .iter()
        .rev()
        .find(|s| s.range.end <= block.range.start)?;
    let between = &doc.source()[caption.range.end..block.range.start];
    (between.matches('\n').count() <= 2).then_some(caption)
}

/// Words that say a second access path exists for a non-key column.
static SECOND_PATH: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "global secondary index",
            "global index",
            "gsi",
            "lookup table",
            "lookup tables",
            "mapping table",
            "index table",
            "directory table",
            "materialized view",
            "materialised view",
            "reverse index",
            "inverted index",
            "secondary index",
            "denormalized copy",
            "denormalised copy",
            "second table keyed by",
            "table keyed by",
        ]
        .map(|w| (w, ())),
    )
});

/// The words around a query that say it is rare (a report, a batch job),
/// unless they also say it is on a hot path.
pub fn rare_words(doc: &Document, sql: &SqlModel, query_index: usize) -> Option<TextRange> {
    let query = sql.queries.get(query_index)?;
    let statement = sql.statements.get(query.statement)?;
    if facts::hot_path_words(doc, statement.code_block, statement.range).is_some() {
        return None;
    }
    let text = doc.text(statement.range);
    if let Some(found) = RARE.first(text) {
        return Some(TextRange::new(
            statement.range.start + found.start,
            statement.range.start + found.end,
        ));
    }
    let block = doc.code_blocks.get(statement.code_block)?;
    if let Some(caption) = caption(doc, statement.code_block) {
        let text = doc.sentence_text(caption);
        if let Some(found) = RARE.first(text) {
            return Some(doc.sentence_span(caption, found.start..found.end));
        }
    }
    // The section (or a parent below the title) is about reports or batch jobs.
    let mut section = Some(block.section);
    while let Some(i) = section {
        let s = &doc.sections[i];
        if s.level >= 2 && RARE.contains(&s.title) {
            return Some(s.heading);
        }
        section = s.parent;
    }
    None
}

/// An asserted sentence that states a second access path (a global secondary
/// index, a lookup table) for one of the columns the query filters on.
pub fn second_path(doc: &Document, routing: &TableRouting) -> Option<TextRange> {
    let columns: Vec<&String> = routing
        .filter_columns
        .iter()
        .filter(|c| !routing.keys.contains(c))
        .collect();
    if columns.is_empty() {
        return None;
    }
    doc.sentences.iter().find_map(|s| {
        let text = doc.sentence_text(s);
        let found = SECOND_PATH.first(text)?;
        if !columns.iter().any(|c| facts::mentions(text, c)) {
            return None;
        }
        if !polarity::of_match(doc, s, found.start).is_asserted() {
            return None;
        }
        Some(s.range)
    })
}

/// The asserted statement that shards `table`, for related ranges.
pub fn statement_for<'m>(model: &'m ShardingModel, table: &str) -> Option<&'m ShardingStatement> {
    model
        .asserted()
        .find(|s| !s.keys.is_empty() && s.tables.iter().any(|t| same_table(t, table)))
}
