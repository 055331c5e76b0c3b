//! `choice/*`: is the store fit for the data?

mod blob_in_database;
mod cache_as_primary_store;
mod database_on_object_storage;
mod full_text_with_like;
mod key_value_secondary_lookup;
mod nosql_for_relational_transactions;
mod wide_column_ad_hoc_queries;

pub use blob_in_database::BlobInDatabase;
pub use cache_as_primary_store::CacheAsPrimaryStore;
pub use database_on_object_storage::DatabaseOnObjectStorage;
pub use full_text_with_like::FullTextWithLike;
pub use key_value_secondary_lookup::KeyValueSecondaryLookup;
pub use nosql_for_relational_transactions::NosqlForRelationalTransactions;
pub use wide_column_ad_hoc_queries::WideColumnAdHocQueries;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &NosqlForRelationalTransactions,
    &WideColumnAdHocQueries,
    &KeyValueSecondaryLookup,
    &CacheAsPrimaryStore,
    &BlobInDatabase,
    &DatabaseOnObjectStorage,
    &FullTextWithLike,
];
