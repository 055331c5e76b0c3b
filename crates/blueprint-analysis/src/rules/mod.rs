//! Every rule, one file each, grouped by area. Each area's `mod.rs` lists its
//! rules in `RULES`; [`all`] joins them in catalog order. Adding a rule means
//! adding its file and one entry to its area's list, nothing else.

pub mod cache;
pub mod cap;
pub mod choice;
pub mod estimate;
pub mod index;
pub mod meta;
pub mod ops;
pub mod query;
pub mod replication;
pub mod schema;
pub mod sharding;
pub mod structure;
pub mod tx;

use std::sync::LazyLock;

use crate::Rule;

static ALL: LazyLock<Vec<&'static dyn Rule>> = LazyLock::new(|| {
    [
        structure::RULES,
        estimate::RULES,
        choice::RULES,
        cap::RULES,
        sharding::RULES,
        replication::RULES,
        index::RULES,
        query::RULES,
        schema::RULES,
        tx::RULES,
        cache::RULES,
        ops::RULES,
        meta::RULES,
    ]
    .concat()
});

/// Every rule blueprint ships, in catalog order.
pub(crate) fn all() -> &'static [&'static dyn Rule] {
    &ALL
}
