//! `cap/*`: consistency and availability.

mod all_three_claim;
mod ap_store_for_strong_consistency;
mod ca_distributed_claim;
mod eventual_consistency_for_money;
mod quorum_not_overlapping;
mod stale_read_after_write;
mod whole_system_choice;

pub use all_three_claim::AllThreeClaim;
pub use ap_store_for_strong_consistency::ApStoreForStrongConsistency;
pub use ca_distributed_claim::CaDistributedClaim;
pub use eventual_consistency_for_money::EventualConsistencyForMoney;
pub use quorum_not_overlapping::QuorumNotOverlapping;
pub use stale_read_after_write::StaleReadAfterWrite;
pub use whole_system_choice::WholeSystemChoice;

use std::sync::LazyLock;

use crate::TextRange;
use crate::document::Document;
use crate::prose::{Lexicon, scope};

/// Words that say the system runs on more than one machine.
static DISTRIBUTED: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "multi-region",
            "multi region",
            "multiple regions",
            "two regions",
            "three regions",
            "regions",
            "cross-region",
            "replicated",
            "replication",
            "replicas",
            "replica",
            "distributed",
            "cluster",
            "clusters",
            "clustered",
            "nodes",
            "multi-node",
            "data centers",
            "datacenters",
            "data centres",
            "datacentres",
            "multi-AZ",
            "availability zones",
            "zones",
            "shards",
            "sharded",
            "geo-distributed",
            "globally",
            "followers",
            "standby",
            "standbys",
            "partitioned",
            // Japanese and Chinese: replication, region, replica, cluster, distributed, node.
            "複製",
            "レプリケーション",
            "リージョン",
            "レプリカ",
            "クラスタ",
            "分散",
            "ノード",
            "分布式",
            "副本",
            "集群",
            "多区域",
            "区域",
            "节点",
        ]
        .map(|w| (w, ())),
    )
});

/// The first sentence in the same feature scope as `at` (the sentence holding
/// `at` first) that says the system is distributed.
pub(crate) fn distributed_evidence(doc: &Document, at: usize) -> Option<TextRange> {
    let here = doc
        .sentences_in(TextRange::new(at, at + 1))
        .iter()
        .find(|s| s.range.contains(at) || s.range.start == at);
    if let Some(sentence) = here {
        if DISTRIBUTED.contains(doc.sentence_text(sentence)) {
            return Some(sentence.range);
        }
    }
    // Every sentence of the same feature lies inside the outermost feature
    // section around `at` (or the section itself when none is a feature), so
    // only that range is searched.
    let mut outer = doc.section_at(at);
    let mut ancestor = doc.sections[outer].parent;
    while let Some(section) = ancestor {
        if doc.sections[section].level >= 2 {
            outer = section;
        }
        ancestor = doc.sections[section].parent;
    }
    doc.sentences_in(doc.sections[outer].range)
        .iter()
        .filter(|s| scope::same_feature(doc, s.range.start, at))
        .find(|s| DISTRIBUTED.contains(doc.sentence_text(s)))
        .map(|s| s.range)
}

/// This area's rules, in catalog order.
pub(crate) static RULES: &[&dyn crate::Rule] = &[
    &ApStoreForStrongConsistency,
    &EventualConsistencyForMoney,
    &CaDistributedClaim,
    &AllThreeClaim,
    &WholeSystemChoice,
    &QuorumNotOverlapping,
    &StaleReadAfterWrite,
];
