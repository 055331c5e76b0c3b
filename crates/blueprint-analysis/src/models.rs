//! The shared models built from a parsed document, each at most once per
//! analysis and only when something asks for it. Rules see them through
//! [`crate::RuleContext`]; front ends (hovers, outline, book) read the same
//! instances through [`crate::Analysis`], so nothing is parsed twice.

use std::sync::OnceLock;

use crate::decisions::Decisions;
use crate::document::Document;
use crate::knowledge::Mention;
use crate::outline::Outline;
use crate::quantity::QuantityModel;
use crate::sharding::ShardingModel;
use crate::sql::SqlModel;

/// Lazily built models of one document. Add a model by adding a field and an
/// accessor; keep each model's construction in its own module.
#[derive(Debug, Default)]
pub struct Models {
    sql: OnceLock<SqlModel>,
    outline: OnceLock<Outline>,
    mentions: OnceLock<Vec<Mention>>,
    decisions: OnceLock<Decisions>,
    quantities: OnceLock<QuantityModel>,
    sharding: OnceLock<ShardingModel>,
}

impl Models {
    /// Every SQL statement of the doc's SQL blocks.
    pub fn sql(&self, doc: &Document) -> &SqlModel {
        self.sql.get_or_init(|| SqlModel::build(doc))
    }

    /// Document-level facts (design doc? data model? requirements?).
    pub fn outline(&self, doc: &Document) -> &Outline {
        self.outline.get_or_init(|| Outline::build(doc))
    }

    /// Glossary terms and database names mentioned in the doc, in order.
    pub fn mentions(&self, doc: &Document) -> &[Mention] {
        self.mentions
            .get_or_init(|| crate::knowledge::mentions(doc))
    }

    /// The decisions stated in prose: which store serves what, requirement
    /// signals, replication, quorums and CAP labels, with scope and polarity.
    pub fn decisions(&self, doc: &Document) -> &Decisions {
        self.decisions.get_or_init(|| Decisions::build(doc))
    }

    /// Every number with a unit or magnitude in the doc's prose.
    pub fn quantities(&self, doc: &Document) -> &QuantityModel {
        self.quantities.get_or_init(|| QuantityModel::build(doc))
    }

    /// Sharding and partitioning statements (prose and CQL partition keys).
    pub fn sharding(&self, doc: &Document) -> &ShardingModel {
        self.sharding
            .get_or_init(|| ShardingModel::build(doc, self.sql(doc)))
    }
}
