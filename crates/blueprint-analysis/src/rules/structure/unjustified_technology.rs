use std::collections::HashMap;
use std::sync::LazyLock;

use crate::decisions::StoreLexicon;
use crate::document::{Document, ProseKind, Sentence};
use crate::prose::{Lexicon, polarity};
use crate::{Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a technology the doc chooses — a database, queue, orchestrator
    /// or cloud service ("we use Kafka", "transcoding runs on Kubernetes") —
    /// when no paragraph that mentions it gives a reason ("because", "since",
    /// "so that", a "why" column).
    ///
    /// ## Why is this bad?
    /// A choice without a reason cannot be reviewed: readers cannot tell
    /// whether the team weighed alternatives, which requirement it serves, or
    /// when it should be revisited. Unexplained choices are also the ones that
    /// quietly turn into "we have always used it".
    ///
    /// ## Example
    /// ```markdown
    /// We use RabbitMQ for the fan-out and thumbnail jobs.
    /// ```
    ///
    /// ## Use instead
    /// Give the requirement it serves, in the same paragraph:
    /// ```markdown
    /// We use RabbitMQ for the fan-out jobs because per-message acks and
    /// dead-lettering fit retries, and the team already runs it.
    /// ```
    pub struct UnjustifiedTechnology {
        id: "structure/unjustified-technology",
        severity: Info,
        summary: "A technology is chosen (\"we use Redis\") with no reason given in the same paragraph.",
    }
}

/// Infrastructure that is not a data store (stores come from the knowledge base).
static TECHNOLOGIES: LazyLock<Lexicon<&'static str>> = LazyLock::new(|| {
    Lexicon::new(&[
        ("Kafka", "Kafka"),
        ("Apache Kafka", "Kafka"),
        ("RabbitMQ", "RabbitMQ"),
        ("Kubernetes", "Kubernetes"),
        ("K8s", "Kubernetes"),
        ("Step Functions", "Step Functions"),
        ("Amazon SNS", "SNS"),
        ("SNS", "SNS"),
        ("Amazon SQS", "SQS"),
        ("SQS", "SQS"),
        ("Kinesis", "Kinesis"),
        ("Pub/Sub", "Pub/Sub"),
        ("NATS", "NATS"),
        ("EMQX", "EMQX"),
        ("Mosquitto", "Mosquitto"),
        ("HiveMQ", "HiveMQ"),
        ("VerneMQ", "VerneMQ"),
        ("Pulsar", "Pulsar"),
        ("ActiveMQ", "ActiveMQ"),
        ("AWS Lambda", "Lambda"),
        ("Lambda", "Lambda"),
        ("Envoy", "Envoy"),
        ("HAProxy", "HAProxy"),
        ("Istio", "Istio"),
        ("Consul", "Consul"),
        ("ZooKeeper", "ZooKeeper"),
        ("etcd", "etcd"),
        ("Debezium", "Debezium"),
        ("Fluent Bit", "Fluent Bit"),
        ("Fluentd", "Fluentd"),
        ("Logstash", "Logstash"),
        ("Airflow", "Airflow"),
        ("Spark", "Spark"),
        ("Flink", "Flink"),
        ("Temporal", "Temporal"),
        ("Celery", "Celery"),
        ("Sidekiq", "Sidekiq"),
        ("Nomad", "Nomad"),
        ("Amazon ECS", "ECS"),
        ("ECS", "ECS"),
        ("EKS", "EKS"),
        ("GKE", "GKE"),
        ("Cloud Run", "Cloud Run"),
        ("Twilio", "Twilio"),
        ("GridFS", "GridFS"),
        ("Amazon SES", "SES"),
        ("SES", "SES"),
    ])
});

/// Data that is files by nature (object storage needs no other reason).
static FILE_DATA: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "backup",
            "backups",
            "backed up",
            "snapshot",
            "snapshots",
            "archive",
            "archives",
            "archived",
            "image",
            "images",
            "photo",
            "photos",
            "video",
            "videos",
            "file",
            "files",
            "document",
            "documents",
            "pdf",
            "pdfs",
            "attachment",
            "attachments",
            "media",
            "asset",
            "assets",
            "dump",
            "dumps",
            "pg_dump",
            "export",
            "exports",
            "segments",
            "artifacts",
            "uploads",
        ]
        .map(|w| (w, ())),
    )
});

static REASONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "because",
            "since",
            "as it",
            "as they",
            "so that",
            "so",
            "to keep",
            "to avoid",
            "due to",
            "given that",
            "which gives",
            "which lets",
            "lets us",
            "allows us",
            "in order to",
            "for its",
            "chosen for",
            "reason",
            "reasons",
            "why",
            "the only way",
            "thanks to",
            "gives us",
            "enables",
            "cheapest",
            "already",
            "we need",
            "needs",
            "ため",
            "から",
            "ので",
            "理由",
            "因为",
            "由于",
            "为了",
            "所以",
        ]
        .map(|w| (w, ())),
    )
});

/// The "paragraph" of a sentence: its block, or for a table cell its row
/// (with the header, whose "why" column justifies every row).
fn paragraph_text(doc: &Document, sentence: &Sentence) -> String {
    let block = &doc.blocks[sentence.block];
    if let ProseKind::TableCell { table, row, .. } = block.kind {
        let table = &doc.tables[table];
        let mut text = String::new();
        for &cell in table
            .rows
            .get(row)
            .into_iter()
            .chain(table.rows.first())
            .flatten()
        {
            text.push_str(&doc.blocks[cell].text);
            text.push(' ');
        }
        return text;
    }
    block.text.clone()
}

/// Words that make a mention a choice ("we use X", "X orchestrates", "runs on X").
static CHOICES: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "use",
            "uses",
            "using",
            "used",
            "run",
            "runs",
            "running",
            "live",
            "lives",
            "stored",
            "kept",
            "keep",
            "keeps",
            "go",
            "goes",
            "sits",
            "sit",
            "orchestrate",
            "orchestrates",
            "handle",
            "handles",
            "handled",
            "choose",
            "chose",
            "chosen",
            "pick",
            "picked",
            "adopt",
            "adopted",
            "deploy",
            "deployed",
            "behind",
            "via",
            "through",
            "backed",
            "backs",
            "powered",
            "land",
            "lands",
            "hold",
            "holds",
            "written",
            "placed",
            "caches",
            "cached",
            "in front of",
            "on top of",
            "is the",
            "are the",
            "is a",
            "is an",
            "orchestrated",
            "managed",
            "hosted",
            "を使う",
            "を使用",
            "使う",
            "採用",
            "使用",
            "采用",
            "保存",
            "選",
            "存在",
            "存",
        ]
        .map(|w| (w, ())),
    )
});

/// A choice word belongs to the mention when at most four words and no
/// clause break (`;`, `:`, `.`) stand between them: "Accounts live in
/// PostgreSQL", "Envoy is the gateway proxy", but not "Here is the core of
/// the model in PostgreSQL" or "served by Cassandra ... the stored hash".
/// CJK text has no spaces, so there only the clause break counts.
fn near(text: &str, a: (usize, usize), b: (usize, usize)) -> bool {
    let (left, right) = if a.0 <= b.0 { (a, b) } else { (b, a) };
    if right.0 < left.1 {
        return true;
    }
    let between = &text[left.1..right.0];
    if between.contains([';', ':', '.', '。', '；']) {
        return false;
    }
    between.split_whitespace().count() <= 4
}

/// Sections that describe what exists today ("Context", "Background",
/// "Current state"): the systems they name were chosen before this doc.
fn in_background_section(doc: &Document, section: usize) -> bool {
    const TITLES: &[&str] = &[
        "context",
        "background",
        "current state",
        "current system",
        "current architecture",
        "today",
        "status quo",
        "existing system",
    ];
    doc.section_and_ancestors(section).any(|s| {
        let title = s.title.to_ascii_lowercase();
        s.level >= 2 && TITLES.iter().any(|t| title.contains(t))
    })
}

/// Inside a non-restrictive clause describing something that exists ("the
/// player profile, which lives in DynamoDB"): a description, not a choice.
fn in_which_clause(text: &str, start: usize) -> bool {
    let Some(comma) = text[..start].rfind(", ") else {
        return false;
    };
    let clause = &text[comma + 2..start];
    clause.starts_with("which ") && !clause.contains(['.', ';', ':'])
}

/// Design docs in languages the outline's title words do not cover.
fn is_design(cx: &RuleContext<'_>) -> bool {
    cx.outline().is_design_doc
        || cx.doc.sections.iter().any(|s| {
            s.level == 1
                && ["設計", "设计", "アーキテクチャ", "架构", "方案"]
                    .iter()
                    .any(|w| s.title.contains(w))
        })
}

/// Working notes count when they state what "we" use.
fn commits_to_something(cx: &RuleContext<'_>) -> bool {
    static WE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
        Lexicon::new(&["we use", "we will use", "we'll use", "we run", "we chose"].map(|w| (w, ())))
    });
    cx.doc
        .sentences
        .iter()
        .any(|s| WE.contains(cx.doc.sentence_text(s)))
}

/// What a sentence's paragraph says, computed once per block: a paragraph
/// can hold thousands of sentences.
#[derive(Clone, Copy)]
struct ParagraphFacts {
    /// About files, backups or archives (object storage needs no reason).
    files: bool,
    /// Gives a reason (the spec's "same paragraph", or a table row with a
    /// "why" column).
    reason: bool,
}

fn paragraph_facts(
    doc: &Document,
    sentence: &Sentence,
    cache: &mut HashMap<usize, ParagraphFacts>,
) -> ParagraphFacts {
    *cache.entry(sentence.block).or_insert_with(|| {
        let text = paragraph_text(doc, sentence);
        ParagraphFacts {
            files: FILE_DATA.contains(&text),
            reason: REASONS.contains(&text),
        }
    })
}

struct Mention {
    range: TextRange,
    choice: bool,
    justified: bool,
}

impl Rule for UnjustifiedTechnology {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        if !is_design(cx) && !commits_to_something(cx) {
            return;
        }
        let doc = cx.doc;
        let mut by_tech: HashMap<String, Vec<Mention>> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        let mut paragraphs = HashMap::new();
        for sentence in &doc.sentences {
            if matches!(doc.blocks[sentence.block].kind, ProseKind::Heading(_)) {
                continue;
            }
            let text = doc.sentence_text(sentence);
            // Object storage for files, backups and archives is the default
            // home of that data: the kind of data is the reason.
            let paragraph = paragraph_facts(doc, sentence, &mut paragraphs);
            let files = paragraph.files;
            let mut found: Vec<(usize, usize, String)> = StoreLexicon::get()
                .mentions(text)
                .into_iter()
                .filter(|(_, _, db)| !(files && db.family_name == "object-storage"))
                .map(|(s, e, db)| (s, e, db.id.to_string()))
                .collect();
            found.extend(
                TECHNOLOGIES
                    .find_all(text)
                    .into_iter()
                    .map(|m| (m.start, m.end, m.value.to_string())),
            );
            if found.is_empty() {
                continue;
            }
            let justified_paragraph = paragraph.reason;
            let background = in_background_section(doc, sentence.section);
            // A list or comparison of technologies is not a choice: "such as
            // Cassandra, ScyllaDB and Riak", "(a PostgreSQL LSN, a MySQL GTID)".
            let mut distinct: Vec<&str> = found.iter().map(|(_, _, t)| t.as_str()).collect();
            distinct.sort_unstable();
            distinct.dedup();
            let lower = text.to_ascii_lowercase();
            let listing = distinct.len() >= 3;
            // "Owner: ... · Status: draft · DB: PostgreSQL 15" is metadata.
            let metadata = ["status:", "owner:", "author:", "reviewers:"]
                .iter()
                .any(|w| lower.contains(w));
            let choice_words = CHOICES.find_all(text);
            let chooses = |start: usize, end: usize| {
                choice_words
                    .iter()
                    .any(|c| near(text, (c.start, c.end), (start, end)))
            };
            for (start, end, tech) in found {
                let example = [
                    "such as ",
                    "e.g.",
                    "for example",
                    "like ",
                    "unlike ",
                    "versus",
                    " vs",
                ]
                .iter()
                .any(|w| lower[..start].contains(w));
                let choice = chooses(start, end)
                    && !listing
                    && !metadata
                    && !background
                    && !in_which_clause(text, start);
                if example
                    || doc.sentence_is_code(sentence, start)
                    || !polarity::of_match(doc, sentence, start).is_asserted()
                {
                    continue;
                }
                // "Redis (INCRBY is atomic and fast)": a parenthesised reason.
                let explained = text[end..].trim_start().starts_with(['(', '（']);
                if !by_tech.contains_key(&tech) {
                    order.push(tech.clone());
                }
                by_tech.entry(tech).or_default().push(Mention {
                    range: doc.sentence_span(sentence, start..end),
                    choice,
                    justified: justified_paragraph || explained,
                });
            }
        }
        for tech in order {
            let mentions = &by_tech[&tech];
            // The choice is its first mention that reads as one; a reason at
            // or before it (in a paragraph mentioning the technology) counts.
            let Some(choice) = mentions.iter().position(|m| m.choice) else {
                continue;
            };
            if mentions[..=choice].iter().any(|m| m.justified) {
                continue;
            }
            let first = &mentions[choice];
            out.push(
                Self::META
                    .finding(
                        first.range,
                        format!(
                            "`{}` is chosen with no reason given: say which requirement it serves",
                            doc.text(first.range)
                        ),
                    )
                    .help("Add the reason in the same paragraph (\"because ...\"): the requirement it serves and the alternative it beat."),
            );
        }
    }
}
