//! `meta/*`: findings about blueprint's own comments.

mod unused_suppression;

pub use unused_suppression::UnusedSuppression;
