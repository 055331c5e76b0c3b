//! `index/*`: SQL schema and index advice.

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[];
