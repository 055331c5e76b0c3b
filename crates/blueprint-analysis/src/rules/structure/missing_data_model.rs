use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a design doc that describes components — load balancers, services,
    /// caches, queues — but never defines the data: no entities, tables, schema,
    /// keys or access patterns.
    ///
    /// ## Why is this bad?
    /// The data model decides almost everything else: which store fits, how it
    /// is indexed and partitioned, what the APIs return, where service boundaries
    /// fall. A doc that starts from boxes and arrows hides the decisions that are
    /// hardest to change later, and reviewers cannot check any of them.
    ///
    /// ## Example
    /// ```markdown
    /// # Design: photo sharing
    /// Clients call our API servers behind a load balancer. A Redis cache sits
    /// in front of the photo service, and workers resize uploads from a queue.
    /// ```
    ///
    /// ## Use instead
    /// Name the entities, their relationships and the queries each feature runs,
    /// for example with a `CREATE TABLE` block or a table of fields and types:
    /// ```markdown
    /// ## Data model
    /// | Entity | Key | Fields |
    /// |---|---|---|
    /// | photo | photo_id | owner_id, object_key, created_at |
    /// Access patterns: photos by owner, newest first; one photo by id.
    /// ```
    pub struct MissingDataModel {
        id: "structure/missing-data-model",
        severity: Warning,
        summary: "The doc describes components but defines no entities, tables, schema or access patterns.",
    }
}

/// Components of at least this many kinds make a doc an architecture description.
const MIN_COMPONENT_KINDS: usize = 2;

impl Rule for MissingDataModel {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let outline = cx.outline();
        if !outline.is_design_doc
            || outline.data_model.is_some()
            || outline.component_kinds() < MIN_COMPONENT_KINDS
        {
            return;
        }
        let mut finding = Self::META
            .finding(
                outline.anchor,
                "The design describes components but never defines its data: no entities, tables, schema or access patterns",
            )
            .help("Add a data model section: the entities, their keys and relationships, and the queries each feature runs.");
        for mention in outline.components.iter().take(2) {
            finding = finding.related(mention.range, "a component is described here");
        }
        out.push(finding);
    }
}
