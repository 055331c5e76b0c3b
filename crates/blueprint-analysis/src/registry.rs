//! The rule registry and the set of rules one analysis runs.

use std::collections::HashMap;

use crate::rule::{OptionValue, RuleMeta};
use crate::{Rule, Severity};

/// Every rule, in catalog order.
pub fn all() -> &'static [&'static dyn Rule] {
    crate::rules::all()
}

pub fn find(id: &str) -> Option<&'static dyn Rule> {
    all().iter().copied().find(|r| r.meta().id == id)
}

pub fn meta(id: &str) -> Option<&'static RuleMeta> {
    find(id).map(|r| r.meta())
}

/// The enabled rules with their effective severities and options.
#[derive(Clone)]
pub struct RuleSet {
    rules: Vec<(&'static dyn Rule, Severity)>,
    options: HashMap<&'static str, HashMap<&'static str, OptionValue>>,
}

impl std::fmt::Debug for RuleSet {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.rules.iter().map(|(r, s)| (r.meta().id, *s)))
            .finish()
    }
}

impl Default for RuleSet {
    /// Every rule at its default severity.
    fn default() -> Self {
        RuleSet::new(
            all().iter().map(|r| (*r, r.meta().severity)).collect(),
            HashMap::new(),
        )
    }
}

impl RuleSet {
    pub fn new(
        rules: Vec<(&'static dyn Rule, Severity)>,
        options: HashMap<&'static str, HashMap<&'static str, OptionValue>>,
    ) -> Self {
        RuleSet { rules, options }
    }

    /// Only the named rules, at their default severities (tests, fixtures).
    pub fn only(ids: &[&str]) -> Self {
        RuleSet::new(
            all()
                .iter()
                .filter(|r| ids.contains(&r.meta().id))
                .map(|r| (*r, r.meta().severity))
                .collect(),
            HashMap::new(),
        )
    }

    pub fn rules(&self) -> impl Iterator<Item = (&'static dyn Rule, Severity)> + '_ {
        self.rules.iter().copied()
    }

    pub fn severity_of(&self, id: &str) -> Option<Severity> {
        self.rules
            .iter()
            .find(|(r, _)| r.meta().id == id)
            .map(|(_, s)| *s)
    }

    pub fn is_enabled(&self, id: &str) -> bool {
        self.severity_of(id).is_some()
    }

    /// The configured value of an option, else its default.
    pub fn option(&self, meta: &RuleMeta, name: &str) -> Option<OptionValue> {
        if let Some(value) = self.options.get(meta.id).and_then(|o| o.get(name)) {
            return Some(value.clone());
        }
        meta.options
            .iter()
            .find(|o| o.name == name)
            .map(|o| o.default.value())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule::AREAS;

    #[test]
    fn ids_are_unique_well_formed_and_in_known_areas() {
        let mut ids: Vec<&str> = all().iter().map(|r| r.meta().id).collect();
        for id in &ids {
            let (area, name) = id.split_once('/').expect("area/name");
            assert!(AREAS.contains(&area), "{id}: unknown area");
            assert!(
                !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{id}: name must be kebab-case"
            );
        }
        let count = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), count, "duplicate rule ids");
    }

    #[test]
    fn every_rule_documents_all_four_sections() {
        for rule in all() {
            let meta = rule.meta();
            let docs = meta.sections();
            for (part, text) in [
                ("What it does", &docs.what),
                ("Why is this bad?", &docs.why),
                ("Example", &docs.example),
                ("Use instead", &docs.instead),
            ] {
                assert!(!text.is_empty(), "{}: missing `## {part}`", meta.id);
            }
            assert!(
                !meta.summary.is_empty() && !meta.summary.contains('\n'),
                "{}",
                meta.id
            );
        }
    }
}
