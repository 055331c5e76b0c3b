//! Judging a shard key: how many distinct values it has (cardinality) and
//! whether new rows get ever-increasing values (monotonicity).

use super::{ShardKey, ShardingModel, ShardingStatement, Source};
use crate::document::Document;
use crate::sql::names::name_parts;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cardinality {
    /// Few distinct values; `reason` says why we think so.
    Low {
        reason: String,
    },
    /// An identifier or other many-valued column.
    High {
        reason: String,
    },
    Unknown,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Monotonicity {
    /// Auto-increment ids, sequences, time-prefixed ids.
    Sequence {
        reason: String,
    },
    /// Timestamps, dates, hours, days.
    Time {
        reason: String,
    },
    NotMonotonic,
    Unknown,
}

impl Monotonicity {
    pub fn is_monotonic(&self) -> bool {
        matches!(
            self,
            Monotonicity::Sequence { .. } | Monotonicity::Time { .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KeyAssessment {
    pub cardinality: Cardinality,
    pub monotonicity: Monotonicity,
}

/// Name parts of columns with few distinct values.
const LOW_CARDINALITY: &[&str] = &[
    "country",
    "countries",
    "region",
    "regions",
    "continent",
    "status",
    "state",
    "type",
    "kind",
    "category",
    "gender",
    "sex",
    "language",
    "lang",
    "locale",
    "currency",
    "tier",
    "plan",
    "flag",
    "boolean",
    "bool",
    "enabled",
    "active",
    "deleted",
    "weekday",
    "priority",
    "level",
    "platform",
    "os",
    "channel_type",
    "zone",
    "datacenter",
    "dc",
];

/// Name parts of time columns.
const TIME_PARTS: &[&str] = &[
    "timestamp",
    "ts",
    "time",
    "date",
    "day",
    "hour",
    "minute",
    "month",
    "week",
    "year",
    "created",
    "updated",
    "occurred",
    "recorded",
    "inserted",
    "sent",
    "received",
    "at",
    "datetime",
    "period",
    "bucket_time",
];

const TIME_TYPES: &[&str] = &[
    "timestamp",
    "timestamptz",
    "date",
    "datetime",
    "timeuuid",
    "time",
    "timestamp with time zone",
    "timestamp without time zone",
];

const SEQUENCE_TYPES: &[&str] = &["serial", "bigserial", "smallserial"];

/// Words in the statement that say the key only grows.
const SEQUENCE_WORDS: &[&str] = &[
    "auto-increment",
    "auto-incrementing",
    "autoincrement",
    "auto increment",
    "auto_increment",
    "serial",
    "bigserial",
    "sequence",
    "sequential",
    "identity column",
    "monotonic",
    "monotonically",
    "increasing",
    "snowflake",
    "ulid",
    "time-ordered",
    "time-sortable",
    "uuidv7",
    "uuid v7",
    "ksuid",
    "next block",
];

/// Identifier-like names: many distinct values.
const HIGH_PARTS: &[&str] = &[
    "id", "uuid", "guid", "code", "key", "hash", "email", "sku", "handle", "username", "token",
];

/// The declared type of a key column, from the doc's CQL or SQL tables.
fn declared_type(
    model: &ShardingModel,
    statement: &ShardingStatement,
    key: &str,
) -> Option<String> {
    if let Source::Cql(i) = statement.source {
        return model.cql_tables[i].column_type(key).map(str::to_string);
    }
    for table in &statement.tables {
        if let Some(t) = model
            .cql_tables
            .iter()
            .find(|t| super::same_table(&t.name, table))
        {
            if let Some(ty) = t.column_type(key) {
                return Some(ty.to_string());
            }
        }
    }
    let columns = model.sql_column_types.get(&key.to_ascii_lowercase())?;
    if let Some((_, ty)) = columns
        .iter()
        .find(|(table, _)| statement.tables.iter().any(|t| super::same_table(t, table)))
    {
        return Some(ty.clone());
    }
    // A column of that name in another table counts only when the statement
    // names no table we know.
    if statement.tables.is_empty() {
        columns.first().map(|(_, ty)| ty.clone())
    } else {
        None
    }
}

/// Judges one key of a statement.
/// A sentence of the statement's section that names the key and then calls
/// it a sequence: "where `order_id` is an auto-increment sequence".
fn described_as_sequence(
    doc: &Document,
    statement: &ShardingStatement,
    key: &str,
) -> Option<&'static &'static str> {
    let key = key.to_ascii_lowercase();
    if key.is_empty() {
        return None;
    }
    doc.sentences
        .iter()
        .filter(|s| doc.section_within(s.section, statement.section))
        .find_map(|s| {
            let text = doc.sentence_text(s).to_ascii_lowercase();
            let needle = format!("{key} is ");
            let at = text.match_indices(&needle).map(|(i, _)| i).find(|&i| {
                !text[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_')
            })?;
            let after = &text[at + key.len()..];
            let clause = after.split([',', ';', '.']).next().unwrap_or("");
            SEQUENCE_WORDS.iter().find(|w| clause.contains(**w))
        })
}

pub fn assess(
    model: &ShardingModel,
    doc: &Document,
    statement: &ShardingStatement,
    key: &ShardKey,
) -> KeyAssessment {
    let parts = name_parts(&key.name);
    let declared = declared_type(model, statement, &key.name);
    let context = statement
        .sentence
        .map(|s| doc.sentence_text(&doc.sentences[s]).to_ascii_lowercase())
        .unwrap_or_default();

    let cardinality = if let Some(n) = statement.listed_values.filter(|&n| n <= 16) {
        Cardinality::Low {
            reason: format!("the doc lists {n} values for it"),
        }
    } else if declared.as_deref().is_some_and(|t| t.starts_with("bool")) {
        Cardinality::Low {
            reason: "it is a boolean: two values".into(),
        }
    } else if let Some(part) = parts
        .last()
        .filter(|p| LOW_CARDINALITY.contains(&p.as_str()))
    {
        Cardinality::Low {
            reason: format!("a {part} has few distinct values"),
        }
    } else if parts.iter().any(|p| HIGH_PARTS.contains(&p.as_str())) {
        Cardinality::High {
            reason: "an identifier has as many values as rows or entities".into(),
        }
    } else {
        Cardinality::Unknown
    };

    let is_time_name = parts.iter().any(|p| TIME_PARTS.contains(&p.as_str()))
        && !parts.iter().any(|p| p == "id" || p == "zone");
    let is_time_type = declared.as_deref().is_some_and(|t| {
        TIME_TYPES
            .iter()
            .any(|tt| t == *tt || t.starts_with(&format!("{tt}(")))
    });
    let monotonicity = if is_time_type || (is_time_name && declared.is_none()) {
        Monotonicity::Time {
            reason: match &declared {
                Some(t) => format!("it is a {t}: new rows get the current time"),
                None => "it is a time: new rows get the current time".into(),
            },
        }
    } else if let Some(t) = declared.as_deref().filter(|t| {
        SEQUENCE_TYPES.contains(t) || t.contains("auto_increment") || t.contains("identity")
    }) {
        Monotonicity::Sequence {
            reason: format!("it is a {t}: every new row gets the next value"),
        }
    } else if let Some(word) = SEQUENCE_WORDS
        .iter()
        .find(|w| context.contains(**w))
        .or_else(|| described_as_sequence(doc, statement, &key.name))
    {
        Monotonicity::Sequence {
            reason: format!("the doc calls it {word}"),
        }
    } else if declared
        .as_deref()
        .is_some_and(|t| t.contains("uuid") && !t.contains("time"))
        || parts
            .iter()
            .any(|p| matches!(p.as_str(), "hash" | "email" | "uuid" | "code" | "sku"))
    {
        Monotonicity::NotMonotonic
    } else {
        Monotonicity::Unknown
    };

    KeyAssessment {
        cardinality,
        monotonicity,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_names() {
        assert_eq!(name_parts("warehouse_region"), ["warehouse", "region"]);
        assert_eq!(name_parts("createdAt"), ["created", "at"]);
        assert_eq!(name_parts("sale_id#sku"), ["sale", "id", "sku"]);
    }
}
