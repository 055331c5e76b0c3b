//! `schema/*`: table design.

mod float_for_money;

pub use float_for_money::FloatForMoney;
