use std::sync::LazyLock;

use super::model;
use crate::prose::Lexicon;
use crate::sharding::Strategy;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags placement by `hash(key) % N` (N = the number of nodes or shards)
    /// when the doc mentions neither consistent hashing nor a fixed number of
    /// logical shards mapped onto the nodes.
    ///
    /// ## Why is this bad?
    /// With `% N`, changing N changes the shard of almost every key: going from
    /// 4 to 5 nodes moves about 80% of the data. Resharding becomes a full
    /// copy under load, exactly when the cluster is already too busy.
    ///
    /// ## Example
    /// ```markdown
    /// The clicks table is spread over 4 nodes, placing each row on node
    /// `hash(code) % 4`.
    /// ```
    ///
    /// ## Use instead
    /// Hash onto a fixed, large number of logical shards and map those to
    /// nodes (moving whole logical shards), or use consistent hashing:
    /// ```markdown
    /// Rows go to logical shard `hash(code) % 1024`; a mapping table assigns
    /// logical shards to the 4 nodes.
    /// ```
    pub struct ModuloResharding {
        id: "sharding/modulo-resharding",
        severity: Warning,
        summary: "Placement by hash(key) % N with no consistent hashing or fixed logical shards, so adding a shard moves most data.",
    }
}

static MITIGATIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "consistent hashing",
            "consistent hash",
            "consistent-hash",
            "hash ring",
            "virtual nodes",
            "vnodes",
            "jump hash",
            "rendezvous",
            "logical shard",
            "logical shards",
            "virtual shards",
            "logical partitions",
            "hash slots",
            "mapping table",
            "lookup table",
            "directory",
        ]
        .map(|w| (w, ())),
    )
});

/// Consistent hashing or logical shards stated in the statement's paragraph
/// (other tables' placement elsewhere in the section does not count).
fn mitigated_in_paragraph(
    cx: &RuleContext<'_>,
    statement: &crate::sharding::ShardingStatement,
) -> bool {
    let Some(index) = statement.sentence else {
        return false;
    };
    let block = cx.doc.sentences[index].block;
    MITIGATIONS.contains(&cx.doc.blocks[block].text)
}

impl Rule for ModuloResharding {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        for statement in model(cx).asserted() {
            let Some(modulo) = statement.modulo else {
                continue;
            };
            if [
                Strategy::ConsistentHashing,
                Strategy::LogicalShards,
                Strategy::Directory,
            ]
            .iter()
            .any(|s| statement.has_strategy(*s))
                || statement.logical_shards.is_some()
                || mitigated_in_paragraph(cx, statement)
            {
                continue;
            }
            let range = statement
                .keys
                .first()
                .filter(|k| k.range.start < modulo.start && modulo.start - k.range.end < 40)
                .map_or(modulo, |k| {
                    // Start at the hash function: `hash(code) % 4`.
                    let source = cx.doc.source();
                    let mut start = k.range.start;
                    if source[..start].ends_with('(') {
                        start -= 1;
                        start = crate::sharding::after_last(&source[..start], |c| {
                            !(c.is_ascii_alphanumeric() || c == '_')
                        });
                    }
                    crate::TextRange::new(start, modulo.end)
                });
            out.push(
                Self::META
                    .finding(
                        range,
                        format!(
                            "Placement by `{}`: changing the number of shards moves most of {}",
                            cx.doc.text(range).trim_matches('`'),
                            super::what(statement)
                        ),
                    )
                    .help("Hash onto a fixed, large number of logical shards mapped to nodes (move whole logical shards), or use consistent hashing."),
            );
        }
    }
}
