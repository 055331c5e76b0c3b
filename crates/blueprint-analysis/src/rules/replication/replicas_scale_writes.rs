use std::sync::LazyLock;

use regex::Regex;

use crate::decisions::{Replication, Statement};
use crate::prose::polarity;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags read replicas proposed to scale writes: writers pointed at
    /// replicas, or replicas added "to absorb" a write or ingest spike.
    ///
    /// ## Why is this bad?
    /// A replica applies every write the primary makes; it cannot accept
    /// writes of its own (or rejects them as read-only). Adding replicas adds
    /// read capacity and adds replication work; the primary still takes
    /// every write. Write throughput scales by batching, partitioning
    /// (sharding) or a store built for write-heavy load.
    ///
    /// ## Example
    /// ```markdown
    /// Write load goes up 5x on Black Friday. To absorb that spike we will
    /// add three more read replicas.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Write load goes up 5x on Black Friday: we batch stock decrements per
    /// SKU and partition the stock table by SKU hash across four primaries.
    /// ```
    pub struct ReplicasScaleWrites {
        id: "replication/replicas-scale-writes",
        severity: Error,
        summary: "Read replicas are proposed to scale writes.",
    }
}

/// "to take the extra INCRBY load", "to scale writes", "absorb write spikes".
static FOR_WRITES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(take|absorb|handle|scale|spread|offload|serve|keep up with|cope with|soak up|distribute)\s+(?:[\w-]+\s+){0,3}?(writes|write load|write traffic|write throughput|write spikes?|incrby|ingest|inserts|updates)\b")
        .expect("valid regex")
});

/// "point half of the ingest writers at the read replicas".
static WRITERS_AT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(point|send|route|direct|redirect|move|spread)\s+(?:[\w-]+\s+){0,5}?(writers|writes|inserts|ingest)\b[^.;]{0,30}?\b(at|to|across)\b[^.;]{0,30}?\breplicas?\b")
        .expect("valid regex")
});

/// "to absorb that spike" after a sentence about write load.
static ABSORB_THAT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(absorb|handle|take|cope with|deal with|survive)\s+(that|this|the)\s+(spike|load|peak|burst|surge)\b")
        .expect("valid regex")
});

static WRITE_LOAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(write load|write traffic|write throughput|writes per second|writes/s|write rate|write volume|ingest rate|inserts per second)\b|\bwrites?\b[^.;]{0,40}\b(spike|go up|goes up|grow|grows|double|triple|increase)")
        .expect("valid regex")
});

fn adds_replicas(statement: &Statement) -> bool {
    statement
        .replication(|r| r == Replication::Replica)
        .is_some()
}

impl Rule for ReplicasScaleWrites {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        for statement in &decisions.statements {
            if !adds_replicas(statement) {
                continue;
            }
            let sentence = &doc.sentences[statement.sentence];
            let text = statement.text(doc);
            let direct = WRITERS_AT
                .find(text)
                .or_else(|| FOR_WRITES.find(text))
                .map(|m| m.range());
            let via_previous = || {
                let m = ABSORB_THAT.find(text)?;
                let previous = decisions
                    .in_unit(statement.unit)
                    .filter(|s| s.sentence < statement.sentence)
                    .last()
                    .map(|s| s.text(doc))
                    .or_else(|| {
                        let prev = statement.sentence.checked_sub(1)?;
                        let p = &doc.sentences[prev];
                        (p.block == sentence.block).then(|| doc.sentence_text(p))
                    })?;
                WRITE_LOAD.is_match(previous).then(|| m.range())
            };
            let Some(local) = direct.or_else(via_previous) else {
                continue;
            };
            if !polarity::of_match(doc, sentence, local.start).is_asserted() {
                continue;
            }
            let replica = statement
                .replication(|r| r == Replication::Replica)
                .expect("checked above");
            let range = doc.sentence_span(sentence, local);
            out.push(
                Self::META
                    .finding(
                        range,
                        "Read replicas are proposed to take write load, but every write still goes to the primary",
                    )
                    .help("Replicas scale reads only. For write load, batch writes, partition (shard) the data across primaries, or queue the writes.")
                    .related(replica.range, "read replicas"),
            );
        }
    }
}
