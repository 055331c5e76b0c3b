//! Every rule, one file each, grouped by area. [`ALL`] is the registry.

pub mod cap;
pub mod meta;
pub mod schema;
pub mod structure;

use crate::Rule;

/// Every rule blueprint ships, in catalog order.
pub(crate) static ALL: &[&dyn Rule] = &[
    &structure::MissingDataModel,
    &structure::MissingRequirements,
    &cap::CaDistributedClaim,
    &cap::AllThreeClaim,
    &schema::FloatForMoney,
    &meta::UnusedSuppression,
];
