//! A feature-scope question asked of many statements.

use std::collections::HashMap;

use super::{Decisions, Statement, Unit};
use crate::document::Document;

/// Does the feature scope of a statement (its level-2 section subtree, or
/// its unit) hold a statement that satisfies the predicate? Each feature
/// section and each unit is tested once, so asking for every statement of a
/// long section costs one pass over it, not one per statement.
pub struct FeatureTest<'a, P> {
    decisions: &'a Decisions,
    doc: &'a Document,
    pred: P,
    features: HashMap<usize, bool>,
    units: HashMap<Unit, bool>,
}

impl<'a, P: Fn(&Statement) -> bool> FeatureTest<'a, P> {
    pub fn new(decisions: &'a Decisions, doc: &'a Document, pred: P) -> Self {
        Self {
            decisions,
            doc,
            pred,
            features: HashMap::new(),
            units: HashMap::new(),
        }
    }

    /// True when a statement of `statement`'s feature section or of its
    /// unit satisfies the predicate.
    pub fn holds(&mut self, statement: &Statement) -> bool {
        let (decisions, doc, pred) = (self.decisions, self.doc, &self.pred);
        let feature = Decisions::feature_section(doc, statement.section);
        *self
            .features
            .entry(feature)
            .or_insert_with(|| decisions.in_section(doc, feature).any(pred))
            || *self
                .units
                .entry(statement.unit)
                .or_insert_with(|| decisions.in_unit(statement.unit).any(pred))
    }
}
