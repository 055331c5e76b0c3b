//! `ops/*`: operating the data.

mod backups_without_restore_test;
mod blocking_migration;
mod no_connection_pooling;

pub use backups_without_restore_test::BackupsWithoutRestoreTest;
pub use blocking_migration::BlockingMigration;
pub use no_connection_pooling::NoConnectionPooling;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &NoConnectionPooling,
    &BackupsWithoutRestoreTest,
    &BlockingMigration,
];
