//! `meta/*`: findings about blueprint's own comments.

mod unused_suppression;

pub use unused_suppression::UnusedSuppression;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[&UnusedSuppression];
