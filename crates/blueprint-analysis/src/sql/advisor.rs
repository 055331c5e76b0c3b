//! The index advisor: for every query and every table it touches that the doc
//! defines, which index serves it under the leftmost-prefix rule (equality
//! columns first, then one range or the sort), or which index to add.
//!
//! This is the plan the hover and the book show, and what the `index/*`
//! rules report on; it is computed once per document.

use super::query::{PredicateOp, Query};
use super::schema::{Index, IndexKey, IndexKind, IndexMethod, Key, Schema};
use crate::TextRange;

/// How one index can be used by one table access.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexUse {
    /// Index into [`Schema::indexes`].
    pub index: usize,
    /// Leading index keys bound by the query's equality predicates.
    pub equality_prefix: usize,
    /// The key after the equality prefix is a range column of the query.
    pub range_used: bool,
    pub serves_filter: bool,
    /// The index returns rows in the query's ORDER BY order.
    pub serves_sort: bool,
}

/// A join column of this table and whether an index leads with it.
#[derive(Clone, Debug)]
pub struct JoinColumn {
    pub column: String,
    pub range: TextRange,
    pub indexed: bool,
}

/// The index to add.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    pub table: String,
    pub name: String,
    pub keys: Vec<IndexKey>,
    /// `CREATE INDEX name ON table (keys);`
    pub sql: String,
}

/// What one query asks of one defined table, and how the indexes answer.
#[derive(Clone, Debug)]
pub struct Access {
    /// Index into [`super::SqlModel::queries`].
    pub query: usize,
    /// Index into the query's tables.
    pub table_ref: usize,
    pub table: String,
    pub equality: Vec<Key>,
    pub range: Vec<Key>,
    pub null_checks: Vec<Key>,
    /// ORDER BY, when every sort key belongs to this table.
    pub sort: Vec<(Key, bool)>,
    pub limited: bool,
    /// Document ranges of this table's sargable predicates.
    pub predicate_ranges: Vec<TextRange>,
    pub joins: Vec<JoinColumn>,
    /// The best index for the filter (and sort, when one does both).
    pub served_by: Option<IndexUse>,
    /// An index that serves the filter (if any) and the ORDER BY.
    pub sort_served_by: Option<IndexUse>,
    /// A composite index with the query's columns in an order that cannot serve it.
    pub wrong_order: Option<usize>,
    /// A hash index on a range or sort column no B-tree index serves.
    pub hash_only: Option<(usize, Key)>,
    pub suggestion: Option<Suggestion>,
}

impl Access {
    pub fn has_filter(&self) -> bool {
        !self.equality.is_empty() || !self.range.is_empty()
    }
}

pub fn plan(schema: &Schema, queries: &[Query]) -> Vec<Access> {
    let mut accesses = Vec::new();
    for (q, query) in queries.iter().enumerate() {
        if query.cql {
            continue;
        }
        for (t, table_ref) in query.tables.iter().enumerate() {
            let Some(table) = schema.table(&table_ref.name) else {
                continue;
            };
            if table.cql {
                continue;
            }
            accesses.push(access(schema, query, q, t));
        }
    }
    accesses
}

fn push_unique(list: &mut Vec<Key>, key: Key) {
    if !list.contains(&key) {
        list.push(key);
    }
}

fn access(schema: &Schema, query: &Query, q: usize, t: usize) -> Access {
    let name = query.tables[t].name.clone();
    let mut equality = Vec::new();
    let mut range = Vec::new();
    let mut null_checks = Vec::new();
    let mut predicate_ranges = Vec::new();
    for predicate in query.predicates_of(t) {
        match predicate.op {
            PredicateOp::Eq | PredicateOp::In => push_unique(&mut equality, predicate.key.clone()),
            PredicateOp::Range => push_unique(&mut range, predicate.key.clone()),
            PredicateOp::IsNull => push_unique(&mut null_checks, predicate.key.clone()),
        }
        if predicate.op != PredicateOp::IsNull {
            predicate_ranges.push(predicate.range);
        }
    }
    range.retain(|k| !equality.contains(k));
    // Grouped or aggregated output is sorted after the aggregation, which
    // reads every matching row anyway.
    let sort: Vec<(Key, bool)> = if !query.order_by.is_empty()
        && !query.group_by
        && !query.aggregate_only
        && query.order_by.iter().all(|s| s.table == Some(t))
    {
        query
            .order_by
            .iter()
            .map(|s| (s.key.clone(), s.desc))
            .collect()
    } else {
        Vec::new()
    };
    let conjuncts: Vec<&str> = query
        .conjuncts
        .iter()
        .filter(|(owner, _)| owner.is_none_or(|o| o == t))
        .map(|(_, c)| c.as_str())
        .collect();
    let mut access = Access {
        query: q,
        table_ref: t,
        table: name.clone(),
        equality,
        range,
        null_checks,
        sort,
        limited: query.limit.is_some(),
        predicate_ranges,
        joins: Vec::new(),
        served_by: None,
        sort_served_by: None,
        wrong_order: None,
        hash_only: None,
        suggestion: None,
    };
    let innodb_pk: Option<&[String]> = schema
        .table(&name)
        .filter(|t| t.mysql)
        .map(|t| t.primary_key.as_slice());
    let uses: Vec<IndexUse> = schema
        .indexes_of(&name)
        .filter_map(|(i, index)| match innodb_pk {
            // InnoDB secondary indexes carry the primary key after their columns.
            Some(pk) if index.kind != IndexKind::Primary && index.method == IndexMethod::BTree => {
                let mut extended = index.clone();
                for column in pk {
                    let key = Key::Column(column.clone());
                    if !extended.keys.iter().any(|k| k.key == key) {
                        extended.keys.push(IndexKey { key, desc: false });
                    }
                }
                evaluate(i, &extended, &access, &conjuncts)
            }
            _ => evaluate(i, index, &access, &conjuncts),
        })
        .collect();
    access.served_by = uses
        .iter()
        .filter(|u| u.serves_filter)
        .max_by_key(|u| {
            (
                u.equality_prefix + usize::from(u.range_used),
                u.serves_sort,
                std::cmp::Reverse(u.index),
            )
        })
        .cloned();
    if !access.sort.is_empty() {
        access.sort_served_by = uses
            .iter()
            .filter(|u| u.serves_sort && (u.serves_filter || !access.has_filter()))
            .max_by_key(|u| (u.equality_prefix, std::cmp::Reverse(u.index)))
            .cloned();
        if let Some(both) = &access.sort_served_by {
            if access
                .served_by
                .as_ref()
                .is_some_and(|s| s.equality_prefix <= both.equality_prefix)
            {
                access.served_by = Some(both.clone());
            }
        }
    }
    if access.served_by.is_none() && access.has_filter() {
        access.wrong_order = wrong_order(schema, &access, &conjuncts);
    }
    access.hash_only = hash_only(schema, &access);
    for pair in &query.joins {
        for (side, other) in [(&pair.left, &pair.right), (&pair.right, &pair.left)] {
            if side.0 != t || other.0 == t {
                continue;
            }
            let indexed = schema.indexes_of(&name).any(|(_, index)| {
                index.method != IndexMethod::Hash || index.keys.len() == 1
            } && join_served(index, &access, &side.1, &conjuncts));
            access.joins.push(JoinColumn {
                column: side.1.clone(),
                range: pair.range,
                indexed,
            });
        }
    }
    let needs_sort = access.limited && !access.sort.is_empty() && access.sort_served_by.is_none();
    if access.has_filter() && access.served_by.is_none() || needs_sort {
        access.suggestion = suggest(&access);
    }
    access
}

/// Columns a partial index's predicate fixes (`status = 'open'`).
fn fixed_by(index: &Index, key: &Key) -> bool {
    let Some(column) = key.column() else {
        return false;
    };
    index.predicate.iter().any(|p| {
        p.strip_prefix(column)
            .is_some_and(|rest| rest.starts_with('=') || rest.starts_with("is"))
    })
}

fn partial_matches(index: &Index, conjuncts: &[&str]) -> bool {
    index
        .predicate
        .iter()
        .all(|p| conjuncts.contains(&p.as_str()))
}

pub fn evaluate(i: usize, index: &Index, access: &Access, conjuncts: &[&str]) -> Option<IndexUse> {
    if !partial_matches(index, conjuncts) {
        return None;
    }
    let equality: Vec<&Key> = access
        .equality
        .iter()
        .filter(|k| !fixed_by(index, k))
        .collect();
    let bound = |k: &Key| equality.contains(&k) || access.null_checks.contains(k);
    let equality_prefix = index.keys.iter().take_while(|k| bound(&k.key)).count();
    let first = &index.keys[0].key;
    if index.method == IndexMethod::Hash {
        let all = index.keys.iter().all(|k| equality.contains(&&k.key));
        return Some(IndexUse {
            index: i,
            equality_prefix: if all { index.keys.len() } else { 0 },
            range_used: false,
            serves_filter: all,
            serves_sort: false,
        });
    }
    let range_used = index
        .keys
        .get(equality_prefix)
        .is_some_and(|k| access.range.contains(&k.key));
    let serves_filter = if !equality.is_empty() {
        equality.contains(&first)
    } else if !access.equality.is_empty() {
        // A partial index whose predicate does the equality filtering.
        true
    } else {
        access.range.contains(first)
    };
    let serves_sort = index.method == IndexMethod::BTree && sort_served(index, access, &bound);
    Some(IndexUse {
        index: i,
        equality_prefix,
        range_used,
        serves_filter,
        serves_sort,
    })
}

fn sort_served(index: &Index, access: &Access, bound: &dyn Fn(&Key) -> bool) -> bool {
    if access.sort.is_empty() {
        return false;
    }
    let keys: Vec<&IndexKey> = index.keys.iter().skip_while(|k| bound(&k.key)).collect();
    let wanted: Vec<&(Key, bool)> = access.sort.iter().filter(|(k, _)| !bound(k)).collect();
    if wanted.is_empty() {
        return true;
    }
    if wanted.len() > keys.len() {
        return false;
    }
    let reversed = wanted[0].1 != keys[0].desc;
    wanted.iter().zip(keys).all(|((key, desc), index_key)| {
        *key == index_key.key && (*desc != index_key.desc) == reversed
    })
}

fn join_served(index: &Index, access: &Access, column: &str, conjuncts: &[&str]) -> bool {
    if !partial_matches(index, conjuncts) {
        return false;
    }
    index
        .keys
        .iter()
        .find(|k| !access.equality.contains(&k.key))
        .is_some_and(|k| k.key.column() == Some(column))
        || index.keys[0].key.column() == Some(column)
}

fn wrong_order(schema: &Schema, access: &Access, conjuncts: &[&str]) -> Option<usize> {
    let in_query = |k: &Key| {
        access.equality.contains(k)
            || access.range.contains(k)
            || access.null_checks.contains(k)
            || access.sort.iter().any(|(s, _)| s == k)
    };
    schema
        .indexes_of(&access.table)
        .find(|(_, index)| {
            index.kind != IndexKind::Primary
                && index.keys.len() >= 2
                && matches!(index.method, IndexMethod::BTree)
                && partial_matches(index, conjuncts)
                && access
                    .equality
                    .iter()
                    .all(|e| index.keys.iter().any(|k| &k.key == e))
                && index.keys.iter().all(|k| in_query(&k.key))
                && index.keys.iter().filter(|k| in_query(&k.key)).count() >= 2
        })
        .map(|(i, _)| i)
}

fn hash_only(schema: &Schema, access: &Access) -> Option<(usize, Key)> {
    let mut wanted: Vec<&Key> = access.range.iter().collect();
    if let Some((key, _)) = access.sort.first() {
        wanted.push(key);
    }
    for key in wanted {
        let hash = schema
            .indexes_of(&access.table)
            .find(|(_, i)| i.method == IndexMethod::Hash && &i.keys[0].key == key);
        let Some((h, _)) = hash else {
            continue;
        };
        let ordered = schema.indexes_of(&access.table).any(|(_, i)| {
            i.method != IndexMethod::Hash
                && i.keys
                    .iter()
                    .find(|k| !access.equality.contains(&k.key))
                    .is_some_and(|k| &k.key == key)
        });
        if !ordered {
            return Some((h, key.clone()));
        }
    }
    None
}

fn suggest(access: &Access) -> Option<Suggestion> {
    let mut keys: Vec<IndexKey> = access
        .equality
        .iter()
        .map(|k| IndexKey {
            key: k.clone(),
            desc: false,
        })
        .collect();
    let sort_first = access.sort.first().map(|(k, _)| k);
    let use_sort = access.limited
        && !access.sort.is_empty()
        && (access.range.is_empty() || access.range.first() == sort_first);
    if use_sort {
        for (key, desc) in &access.sort {
            if !keys.iter().any(|k| &k.key == key) {
                keys.push(IndexKey {
                    key: key.clone(),
                    desc: *desc,
                });
            }
        }
    } else if let Some(range) = access.range.first() {
        keys.push(IndexKey {
            key: range.clone(),
            desc: false,
        });
    }
    if keys.is_empty() {
        return None;
    }
    let mut name = access.table.clone();
    for key in &keys {
        name.push('_');
        let text = match &key.key {
            Key::Column(c) => c.clone(),
            Key::Expr(e) => e.clone(),
        };
        let cleaned: String = text
            .chars()
            .map(|c| if c.is_alphanumeric() { c } else { '_' })
            .collect();
        name.push_str(cleaned.trim_matches('_'));
    }
    name.push_str("_idx");
    let list: Vec<String> = keys
        .iter()
        .map(|k| {
            let key = match &k.key {
                Key::Column(c) => c.clone(),
                Key::Expr(e) => format!("({e})"),
            };
            if k.desc { format!("{key} DESC") } else { key }
        })
        .collect();
    let sql = format!(
        "CREATE INDEX {name} ON {} ({});",
        access.table,
        list.join(", ")
    );
    Some(Suggestion {
        table: access.table.clone(),
        name,
        keys,
        sql,
    })
}
