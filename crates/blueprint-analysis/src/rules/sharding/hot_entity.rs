use std::sync::LazyLock;

use super::model;
use crate::prose::Lexicon;
use crate::sharding::scope::SectionFlags;
use crate::sql::names::name_parts;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags sharding by a user or other entity key when the same feature's
    /// section mentions celebrities, viral items or very uneven popularity
    /// ("one game produces 80% of all submissions") and says nothing about
    /// how hot keys are handled.
    ///
    /// ## Why is this bad?
    /// Sharding spreads keys, not load. Everything about one key lives on one
    /// shard, so the celebrity with 50M followers, or the one game that gets
    /// most of the traffic, saturates its shard while the rest idle. Adding
    /// shards does not help a single key.
    ///
    /// ## Example
    /// ```markdown
    /// Posts are sharded by `user_id`. A handful of celebrity accounts have
    /// 50M+ followers.
    /// ```
    ///
    /// ## Use instead
    /// Say how hot keys are handled: split them into sub-keys (`game_id#0..7`),
    /// cache or replicate them, or treat them differently (fan-out on read for
    /// celebrities):
    /// ```markdown
    /// Accounts above 1M followers are fanned out on read and their posts are
    /// cached at the edge; everyone else is fanned out on write.
    /// ```
    pub struct HotEntity {
        id: "sharding/hot-entity",
        severity: Info,
        summary: "Sharding by user or entity where the doc mentions celebrities, viral items or very uneven popularity, with no mitigation.",
    }
}

static HOT: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "celebrity",
            "celebrities",
            "influencer",
            "influencers",
            "viral",
            "goes viral",
            "superstar",
            "superstars",
            "very uneven",
            "uneven popularity",
            "highly skewed",
            "skewed popularity",
            "power law",
            "power-law",
            "% of all",
            "alone produces",
            "alone generates",
            "far more than anyone",
            "most of the traffic",
        ]
        .map(|w| (w, ())),
    )
});

static MITIGATIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "hot key",
            "hot keys",
            "hot-key",
            "hot partition",
            "hot partitions",
            "hot shard",
            "sub-counter",
            "sub-counters",
            "sub-keys",
            "sub-key",
            "salt",
            "salted",
            "salting",
            "key suffix",
            "fan-out on read",
            "fan out on read",
            "fanned out on read",
            "pull model",
            "special-case",
            "special case",
            "handled separately",
            "dedicated shard",
            "dedicated shards",
            "split into",
            "write sharding",
            "isolate",
            "isolated",
            "mitigation",
            "mitigations",
            "mitigate",
            "mitigates",
            "mitigated",
            "at read time",
            "hot row",
        ]
        .map(|w| (w, ())),
    )
});

const ENTITY_PARTS: &[&str] = &[
    "user",
    "users",
    "owner",
    "author",
    "account",
    "game",
    "customer",
    "tenant",
    "creator",
    "channel",
    "seller",
    "merchant",
    "artist",
    "player",
    "page",
    "post",
    "item",
    "product",
    "video",
    "celebrity",
    "profile",
    "member",
    "team",
    "organization",
    "org",
    "store",
    "restaurant",
];

impl Rule for HotEntity {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let hot = SectionFlags::build(cx.doc, &HOT);
        let mitigated = SectionFlags::build(cx.doc, &MITIGATIONS);
        let mut reported_sections = Vec::new();
        for statement in model(cx).asserted() {
            let Some(key) = statement.keys.iter().find(|k| {
                name_parts(&k.name)
                    .iter()
                    .any(|p| ENTITY_PARTS.contains(&p.as_str()))
            }) else {
                continue;
            };
            if reported_sections.contains(&statement.section) {
                continue;
            }
            let Some(evidence) = hot.in_scope(cx.doc, statement.section) else {
                continue;
            };
            if mitigated.in_scope(cx.doc, statement.section).is_some() {
                continue;
            }
            reported_sections.push(statement.section);
            let evidence = &cx.doc.sentences[evidence];
            let mut finding = Self::META
                .finding(
                    key.range,
                    format!(
                        "Sharding by `{}` puts each hot entity the doc mentions on a single shard, and nothing says how hot keys are handled",
                        key.name
                    ),
                )
                .help("Say how hot keys are handled: split them into sub-keys, cache or replicate them, or treat them differently (e.g. fan-out on read for celebrities).");
            if !statement.range.contains_range(evidence.range) {
                finding = finding.related(
                    evidence.range,
                    "the doc mentions very popular entities here",
                );
            }
            out.push(finding);
        }
    }
}
