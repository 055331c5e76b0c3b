//! `meta/*`: findings about blueprint's own comments and inputs.

mod unparsable_sql;
mod unused_suppression;

pub use unparsable_sql::UnparsableSql;
pub use unused_suppression::UnusedSuppression;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[&UnusedSuppression, &UnparsableSql];
