//! blueprint's analysis core: the single source of truth for every front end.
//!
//! It parses a Markdown design document once ([`Document`]), builds shared
//! models from it (the SQL in fenced blocks, the doc's outline, the decisions
//! stated in prose), and runs a registry of [`Rule`]s over them. It does no I/O
//! beyond the text it is handed and depends on no async runtime, protocol or
//! renderer types.

pub mod analyze;
pub mod callout;
pub mod config;
pub mod context;
pub mod decisions;
pub mod document;
pub mod finding;
pub mod hover;
pub mod knowledge;
pub mod line_index;
pub mod models;
pub mod outline;
pub mod prose;
pub mod quantity;
pub mod registry;
pub mod rule;
pub mod rules;
pub mod sharding;
pub mod sql;
pub mod suppression;
mod text_range;

pub use analyze::{Analysis, analyze, analyze_document, analyze_with};
pub use config::{Config, ConfigError, ConfigErrors, FailOn};
pub use context::RuleContext;
pub use document::Document;
pub use finding::{Edit, Finding, Related, Severity};
pub use line_index::{LineCol, LineIndex, PositionEncoding, WirePosition};
pub use registry::RuleSet;
pub use rule::{Rule, RuleMeta};
pub use text_range::TextRange;

/// Where the published book (and its rule reference) lives.
pub const BOOK_URL: &str = "https://blueprint-docs.github.io/blueprint";

/// The version of this crate, shown by every front end.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
