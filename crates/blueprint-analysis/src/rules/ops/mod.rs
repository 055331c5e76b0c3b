//! `ops/*`: operating the data.

mod blocking_migration;

pub use blocking_migration::BlockingMigration;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[&BlockingMigration];
