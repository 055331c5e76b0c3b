//! `replication/*`: replicas, failover and conflicts.

mod async_zero_data_loss;
mod last_write_wins_loses_updates;
mod multi_primary_no_conflict_resolution;
mod no_failover;
mod replicas_scale_writes;

pub use async_zero_data_loss::AsyncZeroDataLoss;
pub use last_write_wins_loses_updates::LastWriteWinsLosesUpdates;
pub use multi_primary_no_conflict_resolution::MultiPrimaryNoConflictResolution;
pub use no_failover::NoFailover;
pub use replicas_scale_writes::ReplicasScaleWrites;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &AsyncZeroDataLoss,
    &ReplicasScaleWrites,
    &MultiPrimaryNoConflictResolution,
    &LastWriteWinsLosesUpdates,
    &NoFailover,
];
