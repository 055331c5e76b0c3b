use std::sync::LazyLock;

use crate::decisions::{Entity, Family, Signal, Subject};
use crate::prose::Lexicon;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags Redis, Memcached or another cache holding data the doc treats as
    /// durable (orders, payments, accounts, balances, earnings) with no
    /// durable store behind it.
    ///
    /// ## Why is this bad?
    /// Caches are built to lose data: Memcached keeps everything in memory
    /// only, Redis persists asynchronously by default and evicts keys under
    /// memory pressure. A restart, failover or eviction silently deletes
    /// balances or accounts that nothing else records.
    ///
    /// ## Example
    /// ```markdown
    /// Star balances live in Redis (INCRBY is atomic and fast); no other
    /// database is needed for them.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Star balances live in PostgreSQL (one row per member, updated in the
    /// earn/redeem transaction); Redis caches them for the app for 30 s.
    /// ```
    pub struct CacheAsPrimaryStore {
        id: "choice/cache-as-primary-store",
        severity: Warning,
        summary: "A cache holds data the doc treats as durable with no durable store behind it.",
    }
}

/// Words that say the cache is a cache (or persisted deliberately).
static CACHE_ROLE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "cache",
            "caches",
            "cached",
            "caching",
            "TTL",
            "expire",
            "expires",
            "in front of",
            "read-through",
            "write-through",
            "write-behind",
            "copy",
            "mirror",
            "source of truth is",
            "backed by",
            "AOF",
            "appendfsync",
            "rebuilt from",
            "rebuild from",
        ]
        .map(|w| (w, ())),
    )
});

/// Words that say the cache holds the only copy.
static ONLY_HERE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "only place",
            "only store",
            "only copy",
            "only database",
            "no other database",
            "no other store",
            "source of truth",
            "system of record",
            "only",
        ]
        .map(|w| (w, ())),
    )
});

fn durable(signal: Signal) -> bool {
    matches!(
        signal,
        Signal::Strong(Subject::Money)
            | Signal::TransactionalEntity(
                Entity::Order
                    | Entity::Payment
                    | Entity::Account
                    | Entity::Balance
                    | Entity::Ledger
                    | Entity::Invoice
                    | Entity::Transfer
            )
    )
}

impl Rule for CacheAsPrimaryStore {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        for statement in &decisions.statements {
            let text = statement.text(doc);
            let Some(store) = statement
                .asserted_stores()
                .find(|s| s.kind.profile().family == Family::Cache && !s.kind.as_cache)
            else {
                continue;
            };
            // "the only place they are stored": any business data is durable.
            let only_here = statement.mentions(doc, &ONLY_HERE).is_some();
            let Some(data) = statement.signals.iter().find(|f| {
                f.is_asserted()
                    && (durable(f.kind)
                        || (only_here
                            && matches!(
                                f.kind,
                                Signal::Strong(_) | Signal::TransactionalEntity(_)
                            )))
                    && statement
                        .nearest_store(text, f.local.start)
                        .is_some_and(|s| s.local == store.local)
            }) else {
                continue;
            };
            let unit: Vec<_> = decisions.in_unit(statement.unit).collect();
            let cache_role = unit.iter().any(|s| s.mentions(doc, &CACHE_ROLE).is_some());
            let durable_behind = unit.iter().any(|s| {
                s.asserted_stores().any(|f| {
                    let family = f.kind.profile().family;
                    family.is_database() || family == Family::Streaming
                })
            });
            if cache_role || durable_behind {
                continue;
            }
            let profile = store.kind.profile();
            out.push(
                Self::META
                    .finding(
                        store.range,
                        format!(
                            "{} is the only store for `{}`, which must survive restarts and evictions",
                            profile.name,
                            doc.text(data.range)
                        ),
                    )
                    .help("Keep the durable copy in a database (write there first, in a transaction) and use the cache only to serve reads; or state the persistence settings and how data is rebuilt after a loss.")
                    .related(data.range, "durable data"),
            );
        }
    }
}
