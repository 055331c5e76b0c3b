//! Generated design documents: realistic building blocks (requirements, prose
//! decisions, SQL schema and queries, estimate tables, lists, suppressions)
//! repeated with fresh names until the document reaches the wanted size, so
//! every model and rule has real work at every size.

/// A small deterministic generator (no dependency, same output everywhere).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.next() % items.len()]
    }
}

const FEATURES: &[&str] = &[
    "checkout",
    "profile",
    "feed",
    "search",
    "messaging",
    "billing",
    "inventory",
    "bookings",
    "notifications",
    "analytics",
    "uploads",
    "sessions",
];
const STORES: &[&str] = &[
    "PostgreSQL",
    "MySQL",
    "Cassandra",
    "DynamoDB",
    "Redis",
    "MongoDB",
    "Elasticsearch",
    "S3",
    "Kafka",
    "ClickHouse",
];
const PROSE: &[&str] = &[
    "The {f} service stores its records in {s} because the access pattern is a lookup by key and the team already runs it.",
    "We considered {s} for {f} and rejected it: the data is relational and needs multi-row transactions.",
    "Reads for {f} may be a few seconds stale; writes must be durable before we acknowledge them.",
    "{f} handles 2,000 requests per second at peak, about 170M requests per day.",
    "Each {f} record is about 2 KB and we keep 90 days of history.",
    "A cache in front of {s} keeps hot {f} rows for 60 seconds and is invalidated on every write.",
    "Unlike {s}, the ledger for {f} lives in a single strongly consistent primary with a synchronous standby.",
    "日本のユーザー向けの {f} 機能も同じ設計です 🚀, and latency stays under 50 ms at p99.",
    "The {f} team owns the schema; migrations run with `CREATE INDEX CONCURRENTLY` and expand/contract steps.",
];

fn fill(template: &str, feature: &str, store: &str) -> String {
    template.replace("{f}", feature).replace("{s}", store)
}

fn section(rng: &mut Lcg, n: usize, out: &mut String) {
    let feature = rng.pick(FEATURES);
    let store = rng.pick(STORES);
    out.push_str(&format!("## {feature} ({n})\n\n"));
    for _ in 0..3 {
        out.push_str(&fill(rng.pick(PROSE), feature, store));
        out.push(' ');
    }
    out.push_str("\n\n");
    out.push_str(&format!(
        "- Requirement: {feature} must never lose an acknowledged write.\n\
         - Requirement: p99 latency under {} ms.\n\
         - Decision: {store} serves {feature}.\n\n",
        20 + rng.next() % 200
    ));
    out.push_str(&format!(
        "| Metric | Value |\n|---|---|\n| Peak QPS | {} |\n| Storage per year | {} GB |\n\n",
        100 + rng.next() % 10_000,
        1 + rng.next() % 900
    ));
    out.push_str(&format!(
        "```sql\nCREATE TABLE {feature}_{n} (\n    id BIGINT PRIMARY KEY,\n    owner_id BIGINT NOT NULL,\n    \
         status TEXT NOT NULL,\n    amount NUMERIC(12, 2) NOT NULL,\n    created_at TIMESTAMPTZ NOT NULL\n);\n\
         CREATE INDEX {feature}_{n}_owner ON {feature}_{n} (owner_id, created_at DESC);\n\n\
         SELECT id, status, amount FROM {feature}_{n}\nWHERE owner_id = $1\nORDER BY created_at DESC\nLIMIT 20;\n```\n\n"
    ));
    if rng.next() % 4 == 0 {
        out.push_str("<!-- blueprint-disable-next-line structure/unjustified-technology -- chosen org-wide -->\n");
        out.push_str(&format!(
            "We use {store} for the {feature} audit trail.\n\n"
        ));
    }
}

/// A design document of at least `size` bytes; `seed` varies the content.
pub fn document(seed: usize, size: usize) -> String {
    let mut rng = Lcg(seed as u64 ^ 0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(size + 4096);
    out.push_str(&format!(
        "# Design: generated system {seed}\n\n## Requirements\n\n\
         - 10M daily active users, 50 requests per user per day.\n\
         - Payments and balances must be strongly consistent.\n\n"
    ));
    let mut n = 0;
    while out.len() < size {
        section(&mut rng, n, &mut out);
        n += 1;
    }
    out
}
