//! `sharding/*`: partitioning and shard keys.
//!
//! The rules read [`crate::sharding::ShardingModel`] (built once per
//! analysis). `sharding/scatter-gather-query` also reads the SQL query model
//! through [`crate::sharding::scatter`].

mod cross_shard_transaction;
mod hot_entity;
mod low_cardinality_key;
mod missing_key;
mod modulo_resharding;
mod monotonic_range_key;
mod premature;
mod scatter_gather_query;
mod time_key_hotspot;

pub use cross_shard_transaction::CrossShardTransaction;
pub use hot_entity::HotEntity;
pub use low_cardinality_key::LowCardinalityKey;
pub use missing_key::MissingKey;
pub use modulo_resharding::ModuloResharding;
pub use monotonic_range_key::MonotonicRangeKey;
pub use premature::Premature;
pub use scatter_gather_query::ScatterGatherQuery;
pub use time_key_hotspot::TimeKeyHotspot;

use crate::RuleContext;
use crate::sharding::{KeyAssessment, ShardKey, ShardingModel, ShardingStatement, assess};

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &MissingKey,
    &LowCardinalityKey,
    &MonotonicRangeKey,
    &TimeKeyHotspot,
    &ModuloResharding,
    &ScatterGatherQuery,
    &CrossShardTransaction,
    &HotEntity,
    &Premature,
];

pub(crate) fn model<'a>(cx: &RuleContext<'a>) -> &'a ShardingModel {
    cx.models.sharding(cx.doc)
}

/// Each asserted statement's keys with their assessments.
pub(crate) fn assessed<'a>(
    cx: &RuleContext<'a>,
    statement: &'a ShardingStatement,
) -> Vec<(&'a ShardKey, KeyAssessment)> {
    let model = model(cx);
    statement
        .keys
        .iter()
        .map(|k| (k, assess(model, cx.doc, statement, k)))
        .collect()
}

/// "the `stock` table" / "the shards" for messages.
pub(crate) fn what(statement: &ShardingStatement) -> String {
    match statement.tables.as_slice() {
        [] => "the data".into(),
        [one] => format!("`{one}`"),
        many => many
            .iter()
            .map(|t| format!("`{t}`"))
            .collect::<Vec<_>>()
            .join(" and "),
    }
}
