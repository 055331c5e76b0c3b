//! `query/*`: query shapes that hurt.

mod n_plus_one;
pub use n_plus_one::NPlusOne;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[&NPlusOne];
