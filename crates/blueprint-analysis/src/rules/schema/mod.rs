//! `schema/*`: table design.

mod float_for_money;

pub use float_for_money::FloatForMoney;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[&FloatForMoney];
