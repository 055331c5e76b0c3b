//! `sharding/*`: partitioning and shard keys.

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[];
