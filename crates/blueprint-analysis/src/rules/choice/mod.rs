//! `choice/*`: is the store fit for the data?

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[];
