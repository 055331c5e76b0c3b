use crate::decisions::FeatureTest;
use crate::decisions::Statement;
use std::collections::BTreeSet;
use std::sync::LazyLock;

use crate::decisions::{Entity, Signal};
use crate::prose::Lexicon;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a document, key-value or wide-column store chosen for data the
    /// doc describes as relational with multi-entity writes: orders with
    /// their items, stock and payments; balances with their transfer log;
    /// redemptions with vouchers and reward stock.
    ///
    /// ## Why is this bad?
    /// These writes must happen together or not at all: an order without its
    /// stock decrement oversells, a debit without its credit loses money.
    /// Stores without multi-entity transactions make every such write a
    /// hand-written saga with partial failures to repair, and the joins the
    /// data needs become application code.
    ///
    /// ## Example
    /// ```markdown
    /// Orders, order items, menu stock and payments are all stored in MongoDB,
    /// each in its own collection.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Orders, order items, stock and payments live in PostgreSQL; placing an
    /// order is one transaction. The menu catalogue (flexible shape) is in
    /// MongoDB.
    /// ```
    pub struct NosqlForRelationalTransactions {
        id: "choice/nosql-for-relational-transactions",
        severity: Warning,
        summary: "A document, key-value or wide-column store is chosen for relational data with multi-entity transactions.",
    }
}

/// Copies and projections, not the system of record.
static DERIVED: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "history view",
            "history views",
            "history table",
            "order history",
            "analytics",
            "read model",
            "read models",
            "projection",
            "projections",
            "archive",
            "archived",
            "copy",
            "copies",
            "export",
            "exported",
            "events",
            "event log",
            "audit",
            "search index",
            "timeline",
            "derived",
            "denormalized",
            "view",
            "snapshot",
            "snapshots",
            "cache",
            "cached",
        ]
        .map(|w| (w, ())),
    )
});

/// The store's own multi-entity transactions, stated for the feature.
static STORE_TRANSACTIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "multi-document transaction",
            "multi-document transactions",
            "multi-document ACID transactions",
            "TransactWriteItems",
            "DynamoDB transactions",
            "withTransaction",
            "startTransaction",
            "transactions across documents",
            "transactions across collections",
            "lightweight transaction",
            "lightweight transactions",
        ]
        .map(|w| (w, ())),
    )
});

impl Rule for NosqlForRelationalTransactions {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        let mut transactional = FeatureTest::new(decisions, doc, |s: &Statement| {
            s.mentions(doc, &STORE_TRANSACTIONS).is_some()
        });
        for statement in &decisions.statements {
            let text = statement.text(doc);
            for store in statement.asserted_stores() {
                let profile = store.kind.profile();
                if !profile.family.is_nosql_record_store() || store.kind.as_cache {
                    continue;
                }
                let belongs = |at: usize| {
                    statement
                        .nearest_store(text, at)
                        .is_some_and(|s| s.local == store.local)
                };
                // The sentence's entities that belong to this store, plus, in a
                // table row, the entities of the row's cells that name no store.
                let row_cells: Vec<&crate::decisions::Statement> =
                    if matches!(statement.unit, crate::decisions::Unit::Row { .. }) {
                        decisions
                            .in_unit(statement.unit)
                            .filter(|s| {
                                s.sentence != statement.sentence
                                    && s.asserted_stores().next().is_none()
                            })
                            .collect()
                    } else {
                        Vec::new()
                    };
                let entity_facts: Vec<&crate::decisions::Fact<Signal>> = statement
                    .signals
                    .iter()
                    .filter(|f| f.is_asserted() && belongs(f.local.start))
                    .chain(
                        row_cells
                            .iter()
                            .flat_map(|s| s.signals.iter().filter(|f| f.is_asserted())),
                    )
                    .collect();
                // A noun compound ("inventory reservations") is one entity:
                // drop an entity word directly followed by another one.
                let entity_facts: Vec<&crate::decisions::Fact<Signal>> = entity_facts
                    .iter()
                    .copied()
                    .filter(|f| {
                        !matches!(f.kind, Signal::TransactionalEntity(_))
                            || !entity_facts.iter().any(|g| {
                                matches!(g.kind, Signal::TransactionalEntity(_))
                                    && g.range.start > f.range.end
                                    && doc
                                        .text(crate::TextRange::new(f.range.end, g.range.start))
                                        .trim()
                                        .is_empty()
                            })
                    })
                    .collect();
                let entities: BTreeSet<Entity> = entity_facts
                    .iter()
                    .filter_map(|f| match f.kind {
                        Signal::TransactionalEntity(e) => Some(e),
                        _ => None,
                    })
                    .collect();
                let atomic = entity_facts
                    .iter()
                    .any(|f| f.kind == Signal::MultiEntityWrite)
                    || statement
                        .signal(|k| k == Signal::MultiEntityWrite)
                        .is_some();
                // "single-item atomic updates" are not multi-entity writes.
                let single_item = std::iter::once(statement)
                    .chain(row_cells.iter().copied())
                    .any(|s| {
                        let t = s.text(doc).to_ascii_lowercase();
                        [
                            "single-item",
                            "single item",
                            "single-document",
                            "single document",
                            "single-row",
                            "single row",
                        ]
                        .iter()
                        .any(|w| t.contains(w))
                    });
                let atomic = atomic && !single_item;
                let relational = entities.len() >= 2 || (!entities.is_empty() && atomic);
                let derived = statement.matches(doc, &DERIVED).iter().any(|f| {
                    f.is_asserted() && f.local.start < crate::decisions::reason_start(text)
                });
                if !relational || derived {
                    continue;
                }
                if transactional.holds(statement) {
                    continue;
                }
                let mut names: Vec<&str> = entity_facts
                    .iter()
                    .filter(|f| matches!(f.kind, Signal::TransactionalEntity(_)))
                    .map(|f| doc.text(f.range))
                    .collect();
                names.dedup();
                out.push(
                    Self::META
                        .finding(
                            store.range,
                            format!(
                                "{} ({}) holds {}, which are written together in multi-entity transactions",
                                profile.name,
                                profile.family_name,
                                names.join(", ")
                            ),
                        )
                        .help("Keep data that changes together in a store with multi-row transactions (PostgreSQL, MySQL, a distributed SQL database), or state the store's transaction mechanism and the saga for partial failures."),
                );
                break;
            }
        }
    }
}
