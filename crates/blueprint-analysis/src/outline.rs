//! Document-level facts: is this a design doc, which components does it
//! commit to, does it define a data model, does it state requirements.
//! Built once per analysis and shared by the `structure/*` rules.

use std::sync::LazyLock;

use crate::TextRange;
use crate::decisions::StoreLexicon;
use crate::document::{Document, ProseKind};
use crate::prose::{Lexicon, polarity};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Component {
    LoadBalancer,
    Gateway,
    Service,
    WebServer,
    Worker,
    Queue,
    Cache,
    Cdn,
    Proxy,
    Functions,
    Frontend,
}

static COMPONENTS: LazyLock<Lexicon<Component>> = LazyLock::new(|| {
    use Component::*;
    Lexicon::new(&[
        ("load balancer", LoadBalancer),
        ("load balancers", LoadBalancer),
        ("load-balancer", LoadBalancer),
        ("ALB", LoadBalancer),
        ("ELB", LoadBalancer),
        ("API gateway", Gateway),
        ("gateway", Gateway),
        ("service", Service),
        ("services", Service),
        ("microservice", Service),
        ("microservices", Service),
        ("API servers", WebServer),
        ("API server", WebServer),
        ("web server", WebServer),
        ("web servers", WebServer),
        ("app server", WebServer),
        ("app servers", WebServer),
        ("application servers", WebServer),
        ("worker", Worker),
        ("workers", Worker),
        ("background job", Worker),
        ("background jobs", Worker),
        ("message queue", Queue),
        ("queue", Queue),
        ("queues", Queue),
        ("Kafka", Queue),
        ("RabbitMQ", Queue),
        ("SQS", Queue),
        ("cache", Cache),
        ("caches", Cache),
        ("caching layer", Cache),
        ("Redis", Cache),
        ("Memcached", Cache),
        ("CDN", Cdn),
        ("CloudFront", Cdn),
        ("reverse proxy", Proxy),
        ("nginx", Proxy),
        ("Lambda", Functions),
        ("serverless functions", Functions),
        ("cloud functions", Functions),
        ("frontend", Frontend),
        ("front end", Frontend),
        ("web app", Frontend),
        ("mobile app", Frontend),
    ])
});

/// Words that say the doc commits to something ("we will use", "backed by").
static COMMITMENTS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "we will",
            "we'll",
            "we use",
            "we're using",
            "we are using",
            "we plan",
            "we propose",
            "we chose",
            "we choose",
            "we store",
            "we deploy",
            "we run",
            "we build",
            "we add",
            "we put",
            "will use",
            "will be",
            "will store",
            "is stored",
            "are stored",
            "backed by",
            "backs",
            "fronted by",
            "our",
            "proposed",
        ]
        .map(|w| (w, ())),
    )
});

static DESIGN_TITLES: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "design",
            "architecture",
            "RFC",
            "proposal",
            "ADR",
            "system",
            "spec",
            "specification",
            "plan",
            "draft",
            "service",
            "platform",
            "backend",
            "technical",
            "blueprint",
            "HLD",
            "LLD",
            "one-pager",
        ]
        .map(|w| (w, ())),
    )
});

static DATA_MODEL_HEADINGS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "data model",
            "data models",
            "data modeling",
            "data modelling",
            "schema",
            "schemas",
            "entities",
            "entity",
            "tables",
            "database design",
            "data design",
            "storage model",
            "access pattern",
            "access patterns",
            "domain model",
            "collections",
            "ERD",
            "ER diagram",
            "key design",
            "data layout",
            "record layout",
            "database schema",
            "data structures",
            "model",
            "models",
        ]
        .map(|w| (w, ())),
    )
});

static DATA_MODEL_WORDS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "access pattern",
            "access patterns",
            "primary key",
            "partition key",
            "sort key",
            "clustering key",
            "foreign key",
            "columns",
            "column",
            "entity",
            "entities",
            "one-to-many",
            "many-to-many",
            "one-to-one",
            "has many",
            "belongs to",
            "schema",
            "table",
            "tables",
            "collection",
            "fields",
            "document shape",
            "keyed by",
            "indexed by",
            "row per",
            "one row",
            "a row",
            "row",
            "rows",
        ]
        .map(|w| (w, ())),
    )
});

static REQUIREMENT_HEADINGS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "requirements",
            "requirement",
            "goals",
            "goal",
            "non-goals",
            "objectives",
            "constraints",
            "SLO",
            "SLOs",
            "SLA",
            "use cases",
            "user stories",
            "success criteria",
            "scope",
            "functional",
            "non-functional",
            "NFR",
            "NFRs",
            "acceptance criteria",
            "capacity",
            "scale",
            "latency",
            "estimates",
            "back-of-the-envelope",
            "problem statement",
            "needs",
        ]
        .map(|w| (w, ())),
    )
});

static REQUIREMENT_WORDS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "must",
            "should be able",
            "needs to",
            "need to",
            "required",
            "requires",
            "requirement",
            "requirements",
            "p99",
            "p95",
            "p50",
            "latency",
            "availability",
            "SLO",
            "SLA",
            "users can",
            "users should",
            "has to",
            "have to",
            "shall",
            "throughput",
            "QPS",
            "RPS",
            "per second",
            "per day",
            "strongly consistent",
            "consistency",
            "durable",
            "durability",
            "uptime",
            "99.9%",
            "99.99%",
            "requests/s",
            "req/s",
            "at least",
            "at most",
            "within",
        ]
        .map(|w| (w, ())),
    )
});

/// A component the doc commits to, where it says so.
/// Vague claims of large scale: "millions of users", "very high traffic".
pub(crate) static SCALE_CLAIMS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "millions of",
            "billions of",
            "hundreds of millions",
            "hundreds of thousands",
            "tens of millions",
            "massive",
            "huge",
            "enormous",
            "high traffic",
            "very high traffic",
            "heavy traffic",
            "web scale",
            "web-scale",
            "internet scale",
            "internet-scale",
            "planet scale",
            "planet-scale",
            "at scale",
            "massive scale",
            "global audience",
            "hyperscale",
            "must scale",
            "scale from the start",
            "highly scalable",
            "infinitely scalable",
            "数百万",
            "海量",
            "大规模",
            "大量のトラフィック",
        ]
        .map(|w| (w, ())),
    )
});

#[derive(Clone, Copy, Debug)]
pub struct ComponentMention {
    pub component: Component,
    pub range: TextRange,
}

#[derive(Debug)]
pub struct Outline {
    /// The doc reads as a design (a design-like title, or committed choices).
    pub is_design_doc: bool,
    pub components: Vec<ComponentMention>,
    /// Data stores the doc commits to ("We use CouchDB on the server").
    pub committed_stores: usize,
    /// The first thing that defines data (a schema block, a data-model
    /// heading, a schema table, a sentence about keys or entities).
    pub data_model: Option<TextRange>,
    /// The first stated requirement.
    pub requirements: Option<TextRange>,
    /// Where whole-document findings are reported: the title heading when the
    /// doc starts with one, else its first line.
    pub anchor: TextRange,
}

const SCHEMA_LANGUAGES: &[&str] = &[
    "sql",
    "postgresql",
    "postgres",
    "psql",
    "pgsql",
    "mysql",
    "mariadb",
    "sqlite",
    "cql",
    "prisma",
    "dbml",
    "proto",
    "protobuf",
    "avro",
    "ddl",
    "graphql",
    "mermaid",
];

impl Outline {
    pub fn build(doc: &Document) -> Outline {
        let title = doc
            .sections
            .iter()
            .skip(1)
            .find(|s| s.level == 1)
            .or(doc.sections.get(1));
        let mut is_design_doc = title.is_some_and(|t| DESIGN_TITLES.contains(&t.title));

        let titled = is_design_doc;
        let mut components = Vec::new();
        // Components a titled design doc describes without a commitment word
        // ("**Envoy** is the gateway proxy", "Redis sits in front of ...").
        let mut described = Vec::new();
        let mut stores = 0;
        let mut data_model = None;
        let mut requirements = None;
        let note = |slot: &mut Option<TextRange>, range: TextRange| {
            if slot.is_none_or(|r| range.start < r.start) {
                *slot = Some(range);
            }
        };

        for section in doc.sections.iter().skip(1) {
            if DATA_MODEL_HEADINGS.contains(&section.title) {
                note(&mut data_model, section.heading);
            }
            if REQUIREMENT_HEADINGS.contains(&section.title) {
                note(&mut requirements, section.heading);
            }
        }
        for block in &doc.code_blocks {
            let language = block.language.as_deref().unwrap_or("");
            let in_data_section = DATA_MODEL_HEADINGS.contains(&doc.sections[block.section].title);
            if SCHEMA_LANGUAGES.contains(&language) || (in_data_section && !language.is_empty()) {
                note(&mut data_model, block.range);
            }
        }
        for table in &doc.tables {
            if is_schema_table(doc, table) {
                note(&mut data_model, table.range);
            }
        }
        for sentence in &doc.sentences {
            let text = doc.sentence_text(sentence);
            let block = &doc.blocks[sentence.block];
            if matches!(block.kind, ProseKind::Heading(_)) {
                continue;
            }
            if polarity::in_discussion_context(doc, sentence) {
                continue;
            }
            if let Some(m) = DATA_MODEL_WORDS.first(text) {
                note(&mut data_model, doc.sentence_span(sentence, m.start..m.end));
            }
            if let Some(m) = REQUIREMENT_WORDS
                .find_all(text)
                .into_iter()
                .find(|m| states_requirement(text, m.start, m.end))
            {
                note(
                    &mut requirements,
                    doc.sentence_span(sentence, m.start..m.end),
                );
            }
            let committed = COMMITMENTS.contains(text);
            for m in COMPONENTS.find_all(text) {
                if polarity::of_match(doc, sentence, m.start).is_asserted() {
                    let mention = ComponentMention {
                        component: m.value,
                        range: doc.sentence_span(sentence, m.start..m.end),
                    };
                    if committed {
                        is_design_doc = true;
                        components.push(mention);
                    } else {
                        described.push(mention);
                    }
                }
            }
            if committed {
                for (start, _, _) in StoreLexicon::get().mentions(text) {
                    if polarity::of_match(doc, sentence, start).is_asserted() {
                        is_design_doc = true;
                        stores += 1;
                    }
                }
            }
        }

        if titled {
            components.extend(described);
            components.sort_by_key(|c| c.range.start);
        }
        Outline {
            is_design_doc,
            components,
            committed_stores: stores,
            data_model,
            requirements,
            anchor: anchor(doc),
        }
    }

    /// How many different kinds of component the doc commits to.
    pub fn component_kinds(&self) -> usize {
        let mut kinds: Vec<Component> = self.components.iter().map(|c| c.component).collect();
        kinds.sort();
        kinds.dedup();
        kinds.len()
    }
}

/// Whether a requirement word at `start..end` states a requirement: not a
/// justification ("Riak, because reads must be fast") and not a modal on a
/// vague scale claim with no number ("it has to serve millions of users"),
/// which `structure/missing-capacity-estimate` judges instead.
fn states_requirement(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].to_ascii_lowercase();
    if before.contains("because") || before.contains(" since ") {
        return false;
    }
    let modal = matches!(
        text[start..end].to_ascii_lowercase().as_str(),
        "must" | "has to" | "have to" | "needs to" | "need to" | "shall"
    );
    !(modal && SCALE_CLAIMS.contains(text) && !text.chars().any(|c| c.is_ascii_digit()))
}

/// A table whose header names columns/fields and their types.
fn is_schema_table(doc: &Document, table: &crate::document::Table) -> bool {
    let Some(header) = table.rows.first() else {
        return false;
    };
    let cells: Vec<String> = header
        .iter()
        .map(|&b| doc.blocks[b].text.trim().to_ascii_lowercase())
        .collect();
    let has = |names: &[&str]| cells.iter().any(|c| names.contains(&c.as_str()));
    (has(&["column", "field", "attribute", "name", "key"])
        && has(&["type", "data type", "datatype"]))
        || (has(&["entity", "table", "collection"])
            && has(&["fields", "columns", "attributes", "key", "primary key"]))
}

fn anchor(doc: &Document) -> TextRange {
    if let Some(first) = doc.sections.get(1) {
        if doc.line_col(first.heading.start).line == 1 {
            let block = doc.blocks.iter().find(|b| {
                matches!(b.kind, ProseKind::Heading(_)) && first.heading.contains_range(b.range)
            });
            return block.map_or(first.heading, |b| b.range);
        }
    }
    doc.line_index().line_range(doc.source(), 0)
}
