//! `estimate/*`: do the numbers add up?
//!
//! Both rules read [`crate::quantity::QuantityModel`]: every number with a
//! unit or magnitude, normalized to per-second rates, bytes and seconds.

mod inconsistent_rate;
mod inconsistent_storage;

pub use inconsistent_rate::InconsistentRate;
pub use inconsistent_storage::InconsistentStorage;

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[&InconsistentRate, &InconsistentStorage];

/// How far apart two values are, as a factor >= 1.
pub(crate) fn factor(a: f64, b: f64) -> f64 {
    if a <= 0.0 || b <= 0.0 {
        return f64::INFINITY;
    }
    if a > b { a / b } else { b / a }
}

/// "10x", "2.5x".
pub(crate) fn times(f: f64) -> String {
    if f >= 10.0 {
        format!("{f:.0}x")
    } else {
        format!("{f:.1}x")
    }
}
