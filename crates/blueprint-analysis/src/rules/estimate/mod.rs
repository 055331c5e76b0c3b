//! `estimate/*`: do the numbers add up?

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[];
