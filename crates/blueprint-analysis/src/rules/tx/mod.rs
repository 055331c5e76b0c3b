//! `tx/*`: transactions.

mod missing_transaction;
mod two_phase_commit_across_services;
mod weak_isolation_for_money;

pub use missing_transaction::MissingTransaction;
pub use two_phase_commit_across_services::TwoPhaseCommitAcrossServices;
pub use weak_isolation_for_money::WeakIsolationForMoney;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &MissingTransaction,
    &WeakIsolationForMoney,
    &TwoPhaseCommitAcrossServices,
];
