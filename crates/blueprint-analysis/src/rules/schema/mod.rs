//! `schema/*`: table design.

mod denormalized_without_sync;
pub use denormalized_without_sync::DenormalizedWithoutSync;
mod float_for_money;

pub use float_for_money::FloatForMoney;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[&FloatForMoney, &DenormalizedWithoutSync];
