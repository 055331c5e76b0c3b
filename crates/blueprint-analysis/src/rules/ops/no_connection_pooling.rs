use std::sync::LazyLock;

use crate::decisions::StoreLexicon;
use crate::prose::{Lexicon, polarity};
use crate::quantity::QuantityKind;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags many application instances or serverless functions that each
    /// open their own database connections ("120 pods, each opens 20
    /// connections straight to PostgreSQL", "each Lambda invocation opens its
    /// own connection") when the doc mentions no connection pooler.
    ///
    /// ## Why is this bad?
    /// Every PostgreSQL connection is a process with its own memory; a few
    /// hundred active ones already hurt, and `max_connections` caps the rest.
    /// Serverless bursts open thousands of connections in seconds, so the
    /// database refuses them (or falls over) exactly when traffic peaks.
    ///
    /// ## Example
    /// ```markdown
    /// Ingest runs on AWS Lambda, up to 2,000 concurrent executions; each
    /// invocation opens its own connection to the PostgreSQL database.
    /// ```
    ///
    /// ## Use instead
    /// Put a pooler between the instances and the database and size it:
    /// ```markdown
    /// Functions connect through RDS Proxy (PgBouncer for the pods), which
    /// multiplexes them onto 100 server connections.
    /// ```
    pub struct NoConnectionPooling {
        id: "ops/no-connection-pooling",
        severity: Info,
        summary: "Many app instances or serverless functions open database connections with no pooler.",
    }
}

static CONNECTIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "its own connection",
            "own connection",
            "own connections",
            "opens a connection",
            "opens a new connection",
            "open a connection",
            "connections straight to",
            "connection straight to",
            "connections directly to",
            "connects directly",
            "connect directly",
            "connections to",
            "connection to",
            "connections",
            "connects to",
        ]
        .map(|w| (w, ())),
    )
});

static MANY: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "Lambda",
            "AWS Lambda",
            "serverless",
            "Cloud Functions",
            "Azure Functions",
            "Cloud Run",
            "each invocation",
            "every invocation",
            "per invocation",
            "each function",
            "each pod",
            "every pod",
            "per pod",
            "each instance",
            "every instance",
            "per instance",
            "each container",
            "each worker",
            "every worker",
        ]
        .map(|w| (w, ())),
    )
});

static POOLERS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "PgBouncer",
            "pgbouncer",
            "RDS Proxy",
            "connection pool",
            "connection pools",
            "connection pooling",
            "connection pooler",
            "pooler",
            "poolers",
            "pooled",
            "pooling",
            "ProxySQL",
            "pgcat",
            "Odyssey",
            "Supavisor",
            "Data API",
            "HikariCP",
            "pgpool",
            "Pgpool-II",
        ]
        .map(|w| (w, ())),
    )
});

const INSTANCE_NOUNS: &[&str] = &[
    "pod",
    "instance",
    "function",
    "execution",
    "invocation",
    "container",
    "worker",
    "server",
    "process",
    "lambda",
    "task",
    "node",
    "replica",
];

impl Rule for NoConnectionPooling {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        if doc
            .sentences
            .iter()
            .any(|s| POOLERS.contains(doc.sentence_text(s)))
        {
            return;
        }
        let quantities = cx.models.quantities(doc);
        let mut i = 0;
        while i < doc.sentences.len() {
            let block = doc.sentences[i].block;
            let mut j = i;
            while j < doc.sentences.len() && doc.sentences[j].block == block {
                j += 1;
            }
            let range = i..j;
            i = j;
            let texts: Vec<&str> = range
                .clone()
                .map(|s| doc.sentence_text(&doc.sentences[s]))
                .collect();
            let many = texts.iter().any(|t| MANY.contains(t))
                || range
                    .clone()
                    .flat_map(|s| quantities.in_sentence(s))
                    .any(|q| {
                        q.kind == QuantityKind::Count
                            && q.value >= 20.0
                            && q.noun.as_deref().is_some_and(|n| {
                                let n = n.to_ascii_lowercase();
                                INSTANCE_NOUNS.iter().any(|w| n.contains(w))
                            })
                    });
            if !many {
                continue;
            }
            let database = texts.iter().any(|t| {
                t.to_ascii_lowercase().contains("database")
                    || StoreLexicon::get().mentions(t).iter().any(|(_, _, db)| {
                        matches!(db.family_name, "relational" | "distributed-sql")
                    })
            });
            if !database {
                continue;
            }
            let found = range.clone().find_map(|s| {
                let sentence = &doc.sentences[s];
                CONNECTIONS
                    .first(doc.sentence_text(sentence))
                    .filter(|m| polarity::of_match(doc, sentence, m.start).is_asserted())
                    .map(|m| (sentence, m))
            });
            let Some((sentence, m)) = found else {
                continue;
            };
            out.push(
                Self::META
                    .finding(
                        doc.sentence_span(sentence, m.start..m.end),
                        "Many instances open their own database connections and no connection pooler is mentioned: bursts exhaust the database's connection limit",
                    )
                    .help("Put a pooler (PgBouncer, RDS Proxy, ProxySQL) between the instances and the database, and size the server-side pool."),
            );
        }
    }
}
