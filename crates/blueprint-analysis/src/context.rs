//! What a rule sees: the document and the shared models built from it, each
//! built at most once per analysis, on first use.

use crate::document::Document;
use crate::models::Models;
use crate::outline::Outline;
use crate::registry::RuleSet;
use crate::rule::{OptionValue, RuleMeta};
use crate::sql::SqlModel;

pub struct RuleContext<'a> {
    pub doc: &'a Document,
    pub models: &'a Models,
    rules: &'a RuleSet,
}

impl<'a> RuleContext<'a> {
    pub fn new(doc: &'a Document, models: &'a Models, rules: &'a RuleSet) -> Self {
        RuleContext { doc, models, rules }
    }

    /// Every SQL statement of the doc's SQL blocks.
    pub fn sql(&self) -> &'a SqlModel {
        self.models.sql(self.doc)
    }

    /// Document-level facts (design doc? data model? requirements?).
    pub fn outline(&self) -> &'a Outline {
        self.models.outline(self.doc)
    }

    /// The decisions stated in the doc's prose.
    pub fn decisions(&self) -> &'a crate::decisions::Decisions {
        self.models.decisions(self.doc)
    }

    pub fn integer_option(&self, meta: &RuleMeta, name: &str) -> i64 {
        match self.rules.option(meta, name) {
            Some(OptionValue::Integer(v)) => v,
            other => panic!(
                "{}: option `{name}` is not an integer option: {other:?}",
                meta.id
            ),
        }
    }

    pub fn string_list_option(&self, meta: &RuleMeta, name: &str) -> Vec<String> {
        match self.rules.option(meta, name) {
            Some(OptionValue::StringList(v)) => v,
            other => panic!(
                "{}: option `{name}` is not a list option: {other:?}",
                meta.id
            ),
        }
    }
}
