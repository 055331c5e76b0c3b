//! `query/*`: query shapes that hurt.

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[];
