//! `schema/*`: table design.

mod denormalized_without_sync;
mod float_for_money;
mod missing_primary_key;
mod multi_valued_column;

pub use denormalized_without_sync::DenormalizedWithoutSync;
pub use float_for_money::FloatForMoney;
pub use missing_primary_key::MissingPrimaryKey;
pub use multi_valued_column::MultiValuedColumn;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &MissingPrimaryKey,
    &MultiValuedColumn,
    &FloatForMoney,
    &DenormalizedWithoutSync,
];
