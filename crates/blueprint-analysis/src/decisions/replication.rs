//! Replication facts: the replication mode a sentence states (asynchronous,
//! synchronous, multi-primary, a single primary), failover and conflict
//! resolution plans, and quorum settings (N, R, W and Cassandra-style
//! consistency levels).

use std::sync::LazyLock;

use regex::Regex;

use crate::prose::Lexicon;

/// A replication fact named by a phrase.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Replication {
    Async,
    /// Synchronous or semi-synchronous replication, quorum commit.
    Sync,
    /// A replica, follower, secondary or standby.
    Replica,
    /// Several nodes or regions accept writes for the same data.
    MultiPrimary,
    /// One primary and nothing to fail over to.
    SinglePrimary,
    /// A failover or high-availability plan.
    Failover,
    /// A conflict resolution strategy (merge, CRDTs, home region, ...).
    ConflictResolution,
    /// Last-write-wins: also a conflict resolution strategy.
    LastWriteWins,
    /// Routing that gives read-your-writes (read from the primary after a write).
    ReadYourWrites,
}

impl Replication {
    pub fn resolves_conflicts(self) -> bool {
        matches!(
            self,
            Replication::ConflictResolution | Replication::LastWriteWins
        )
    }
}

pub(crate) static REPLICATION: LazyLock<Lexicon<Replication>> = LazyLock::new(|| {
    use Replication::*;
    let mut entries: Vec<(&'static str, Replication)> = Vec::new();
    for w in [
        "asynchronous",
        "asynchronously",
        "async",
        "asynchronous replication",
        "asynchronous streaming replication",
        "lazily replicated",
        "非同期",
        "异步",
    ] {
        entries.push((w, Async));
    }
    for w in [
        "synchronous",
        "synchronously",
        "sync replication",
        "semi-synchronous",
        "semi-sync",
        "synchronous_commit",
        "synchronous standby",
        "quorum commit",
        "同期",
        "同步",
    ] {
        entries.push((w, Sync));
    }
    for w in [
        "replica",
        "replicas",
        "read replica",
        "read replicas",
        "read-replica",
        "read-replicas",
        "read-only replica",
        "read-only replicas",
        "follower",
        "followers",
        "secondary",
        "secondaries",
        "standby",
        "standbys",
        "warm copy",
        "レプリカ",
        "副本",
        "从库",
    ] {
        entries.push((w, Replica));
    }
    for w in [
        "multi-primary",
        "multi primary",
        "multi-master",
        "multi master",
        "multi-leader",
        "multi leader",
        "active-active",
        "active/active",
        "master-master",
        "primaries replicating to each other",
        "replicating to each other",
        "replicate to each other",
        "bidirectional replication",
        "bi-directional replication",
        "two-way replication",
        "writable in all",
        "writable in every",
        "writable in both",
        "writable in each",
        "written in both",
        "written in each region",
        "written in every region",
        "written in all regions",
        "both regions accept writes",
        "all regions accept writes",
        "every region accepts writes",
        "each region accepts writes",
        "accept writes in every region",
        "accept writes in all regions",
        "accept writes in both regions",
        "edit locally",
        "write locally",
        "マルチマスター",
        "多主",
    ] {
        entries.push((w, MultiPrimary));
    }
    for w in [
        "single primary",
        "one primary",
        "single instance",
        "single node",
        "single server",
        "single database server",
        "single database instance",
        "no standby",
        "no replica",
        "no replicas",
        "without a standby",
        "without replicas",
        "without a replica",
        "単一インスタンス",
        "单实例",
    ] {
        entries.push((w, SinglePrimary));
    }
    for w in [
        "failover",
        "fail over",
        "fails over",
        "failing over",
        "failed over",
        "fail-over",
        "high availability",
        "highly available",
        "HA",
        "Patroni",
        "Multi-AZ",
        "multi-AZ",
        "promote",
        "promoted",
        "promotes",
        "pg_auto_failover",
        "repmgr",
        "Orchestrator",
        "replica set",
        "Galera",
        "hot standby",
        "フェイルオーバー",
        "故障转移",
    ] {
        entries.push((w, Failover));
    }
    for w in [
        "CRDT",
        "CRDTs",
        "conflict resolution",
        "conflict-resolution",
        "resolve conflicts",
        "resolves conflicts",
        "conflicts are resolved",
        "conflicts are merged",
        "merge",
        "merges",
        "merged",
        "merging",
        "vector clock",
        "vector clocks",
        "version vector",
        "version vectors",
        "conflict-free",
        "home region",
        "single writer",
        "single-writer",
        "owner region",
        "owning region",
        "no conflicting writers",
    ] {
        entries.push((w, ConflictResolution));
    }
    for w in [
        "last-write-wins",
        "last write wins",
        "last-writer-wins",
        "last writer wins",
        "the last write wins",
        "LWW",
        "newest timestamp wins",
        "latest timestamp wins",
        "highest timestamp wins",
        "newest cell timestamp wins",
        "timestamp wins",
        "cell timestamps decide",
        "timestamps decide which write",
        "timestamp decides which write",
        "newest write wins",
        "latest write wins",
        "most recent write wins",
        "latest update wins",
        "last update wins",
    ] {
        entries.push((w, LastWriteWins));
    }
    for w in [
        "read-your-writes",
        "read your writes",
        "read-your-own-writes",
        "read your own writes",
        "reads its own writes",
        "session consistency",
        "causal consistency",
        "causally consistent",
        "sticky to the primary",
        "pinned to the primary",
        "pin reads to the primary",
        "routed to the primary",
        "route to the primary",
        "read from the primary",
        "reads from the primary",
        "served from the primary",
        "go to the primary",
        "wait for the replica",
        "waits for the replica",
    ] {
        entries.push((w, ReadYourWrites));
    }
    Lexicon::new(&entries)
});

/// A quorum or consistency level.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Count(u32),
    /// QUORUM, LOCAL_QUORUM, EACH_QUORUM, majority.
    Quorum,
    All,
    /// SERIAL / LOCAL_SERIAL (lightweight transactions).
    Serial,
}

impl Level {
    /// The number of replicas this level waits for, given N.
    pub fn count(self, n: u32) -> u32 {
        match self {
            Level::Count(c) => c,
            Level::Quorum | Level::Serial => n / 2 + 1,
            Level::All => n,
        }
    }

    /// QUORUM, ALL or SERIAL: a level that overlaps with any other quorum write.
    pub fn is_strong(self) -> bool {
        !matches!(self, Level::Count(_))
    }
}

/// Which side a level applies to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuorumPart {
    /// Replication factor N.
    Replicas,
    Reads,
    Writes,
}

/// One stated quorum setting, with its range in the sentence's plain text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct QuorumSetting {
    pub part: QuorumPart,
    pub level: Level,
    pub local: (usize, usize),
}

fn number(word: &str) -> Option<u32> {
    match word.to_ascii_lowercase().as_str() {
        "one" => Some(1),
        "two" => Some(2),
        "three" => Some(3),
        "four" => Some(4),
        "five" => Some(5),
        "six" => Some(6),
        "seven" => Some(7),
        w => w.parse().ok(),
    }
}

fn level(word: &str) -> Option<Level> {
    match word {
        "ONE" | "LOCAL_ONE" | "ANY" => Some(Level::Count(1)),
        "TWO" => Some(Level::Count(2)),
        "THREE" => Some(Level::Count(3)),
        "QUORUM" | "LOCAL_QUORUM" | "EACH_QUORUM" => Some(Level::Quorum),
        "ALL" => Some(Level::All),
        "SERIAL" | "LOCAL_SERIAL" => Some(Level::Serial),
        _ => None,
    }
}

/// `N=3`, `RF = 3`, `replication factor of 3`, `R=1`, `W = 2`, `read quorum of 2`.
static NUMERIC: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?x)
        \b(?P<n>N|RF)\s*=\s*(?P<nv>\d+)\b
        | (?i:\breplication[\s-]factor\b(?:\s+(?:of|is|=|:))?\s*)(?P<rf>\d+|one|two|three|five)\b
        | \b(?P<r>R)\s*=\s*(?P<rv>\d+)\b
        | \b(?P<w>W)\s*=\s*(?P<wv>\d+)\b
        | (?i:\bread\s+quorum\b(?:\s+(?:of|is|=|:))?\s*)(?P<rq>\d+)\b
        | (?i:\bwrite\s+quorum\b(?:\s+(?:of|is|=|:))?\s*)(?P<wq>\d+)\b
        ",
    )
    .expect("quorum regex is valid")
});

/// Cassandra-style consistency level words, upper case only.
static LEVELS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(LOCAL_QUORUM|EACH_QUORUM|QUORUM|LOCAL_ONE|ONE|TWO|THREE|ALL|LOCAL_SERIAL|SERIAL)\b",
    )
    .expect("level regex is valid")
});

/// The clause around `at`: from the previous `,` `;` `(` to the next one.
fn clause_around(text: &str, start: usize, end: usize) -> &str {
    let from = text[..start].rfind([',', ';', '(']).map_or(0, |i| i + 1);
    let to = text[end..]
        .find([',', ';', ')'])
        .map_or(text.len(), |i| end + i);
    &text[from..to]
}

/// Which side a consistency level applies to: the nearest "read"/"write"
/// before it in its clause, else "for reads and writes" after it, else both.
fn level_parts(text: &str, start: usize, end: usize) -> &'static [QuorumPart] {
    const BOTH: &[QuorumPart] = &[QuorumPart::Reads, QuorumPart::Writes];
    let clause = clause_around(text, start, end).to_ascii_lowercase();
    let offset = text[..start]
        .char_indices()
        .rfind(|(_, c)| [',', ';', '('].contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let level_at = start - offset;
    let (before, after) = clause.split_at(level_at.min(clause.len()));
    if after.contains("reads and writes")
        || after.contains("writes and reads")
        || after.contains("for both")
    {
        return BOTH;
    }
    let read = before.rfind("read");
    let write = before.rfind("writ");
    match (read, write) {
        (Some(r), Some(w)) if r > w => &[QuorumPart::Reads],
        (Some(_), Some(_)) => &[QuorumPart::Writes],
        (Some(_), None) => &[QuorumPart::Reads],
        (None, Some(_)) => &[QuorumPart::Writes],
        (None, None) => match (after.find("read"), after.find("writ")) {
            (Some(r), Some(w)) if r < w => &[QuorumPart::Reads],
            (Some(_), Some(_)) => &[QuorumPart::Writes],
            (Some(_), None) => &[QuorumPart::Reads],
            (None, Some(_)) => &[QuorumPart::Writes],
            (None, None) => BOTH,
        },
    }
}

/// Every quorum setting stated in a sentence's plain text.
pub fn quorum_settings(text: &str) -> Vec<QuorumSetting> {
    let mut out = Vec::new();
    for caps in NUMERIC.captures_iter(text) {
        let whole = caps.get(0).expect("match");
        let local = (whole.start(), whole.end());
        let get = |name: &str| caps.name(name).and_then(|m| number(m.as_str()));
        let setting = if caps.name("n").is_some() {
            get("nv").map(|v| (QuorumPart::Replicas, v))
        } else if caps.name("rf").is_some() {
            get("rf").map(|v| (QuorumPart::Replicas, v))
        } else if caps.name("r").is_some() {
            get("rv").map(|v| (QuorumPart::Reads, v))
        } else if caps.name("w").is_some() {
            get("wv").map(|v| (QuorumPart::Writes, v))
        } else if caps.name("rq").is_some() {
            get("rq").map(|v| (QuorumPart::Reads, v))
        } else {
            get("wq").map(|v| (QuorumPart::Writes, v))
        };
        if let Some((part, v)) = setting {
            out.push(QuorumSetting {
                part,
                level: Level::Count(v),
                local,
            });
        }
    }
    for m in LEVELS.find_iter(text) {
        let Some(level) = level(m.as_str()) else {
            continue;
        };
        let clause = clause_around(text, m.start(), m.end()).to_ascii_lowercase();
        let before = text[..m.start()].to_ascii_lowercase();
        // `ALL` and `ONE` are ordinary words in capitals only in headings;
        // require consistency-level context for them.
        let context = clause.contains("consistency")
            || clause.contains("read")
            || clause.contains("write")
            || clause.contains("quorum")
            || before.trim_end().ends_with(" at");
        if !context {
            continue;
        }
        let parts = level_parts(text, m.start(), m.end());
        for &part in parts {
            out.push(QuorumSetting {
                part,
                level,
                local: (m.start(), m.end()),
            });
        }
    }
    out.sort_by_key(|s| s.local);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(text: &str) -> Vec<(QuorumPart, Level)> {
        quorum_settings(text)
            .into_iter()
            .map(|s| (s.part, s.level))
            .collect()
    }

    #[test]
    fn numeric_quorums() {
        use Level::Count;
        use QuorumPart::*;
        assert_eq!(
            parts("we run N=3, R=1 and W=2"),
            [(Replicas, Count(3)), (Reads, Count(1)), (Writes, Count(2))]
        );
        assert_eq!(
            parts("replication factor 3; we write them with W=2 and read with R=1"),
            [(Replicas, Count(3)), (Writes, Count(2)), (Reads, Count(1))]
        );
        assert_eq!(
            parts("a replication factor of five"),
            [(Replicas, Count(5))]
        );
    }

    #[test]
    fn consistency_levels() {
        use QuorumPart::*;
        assert_eq!(
            parts("stored in Cassandra at consistency ONE for reads and writes"),
            [(Reads, Level::Count(1)), (Writes, Level::Count(1))]
        );
        assert_eq!(
            parts("writes at QUORUM, reads at ONE"),
            [(Writes, Level::Quorum), (Reads, Level::Count(1))]
        );
        assert!(parts("ALL CAPS HEADING").is_empty());
        assert_eq!(
            parts("written at ONE and read at TWO"),
            [(Writes, Level::Count(1)), (Reads, Level::Count(2))]
        );
        assert_eq!(
            parts("QUORUM for both reads and writes"),
            [(Reads, Level::Quorum), (Writes, Level::Quorum)]
        );
    }
}
