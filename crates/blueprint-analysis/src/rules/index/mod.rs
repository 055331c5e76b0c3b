//! `index/*`: SQL schema and index advice.

mod composite_order;
mod hash_for_range;
mod missing_for_filter;
mod missing_for_join;
mod over_indexed_write_heavy;
mod redundant;
mod sort_not_covered;
mod unindexed_foreign_key;

pub use composite_order::CompositeOrder;
pub use hash_for_range::HashForRange;
pub use missing_for_filter::MissingForFilter;
pub use missing_for_join::MissingForJoin;
pub use over_indexed_write_heavy::OverIndexedWriteHeavy;
pub use redundant::Redundant;
pub use sort_not_covered::SortNotCovered;
pub use unindexed_foreign_key::UnindexedForeignKey;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &MissingForFilter,
    &MissingForJoin,
    &UnindexedForeignKey,
    &SortNotCovered,
    &CompositeOrder,
    &Redundant,
    &OverIndexedWriteHeavy,
    &HashForRange,
];
