//! Benchmarks of SQL-heavy design docs: building the SQL model (statement
//! splitting, parsing, schema, queries, index plans) and running the SQL rules.
//!
//! Inputs are the labelled corpus docs with the most SQL, plus a synthetic doc
//! with many tables, indexes and queries (the size of a large real schema).

use std::fmt::Write;
use std::hint::black_box;
use std::path::Path;

use blueprint_analysis::sql::SqlModel;
use blueprint_analysis::{Document, RuleSet, analyze, registry};
use criterion::{Criterion, criterion_group, criterion_main};

fn corpus(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../tests/corpus")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// `tables` tables with five indexes each and four queries per table.
fn synthetic(tables: usize) -> String {
    let mut doc = String::from("# Synthetic schema\n\n`t0` is an append-only event log.\n\n");
    for t in 0..tables {
        let _ = write!(
            doc,
            "## Table t{t}\n\n```sql\nCREATE TABLE t{t} (\n    id bigserial PRIMARY KEY,\n    parent_id bigint REFERENCES t{p}(id),\n    owner_id bigint NOT NULL,\n    status text NOT NULL,\n    tags text, -- comma-separated\n    created_at timestamptz NOT NULL DEFAULT now()\n);\nCREATE INDEX t{t}_owner ON t{t} (owner_id);\nCREATE INDEX t{t}_owner_created ON t{t} (owner_id, created_at DESC);\nCREATE INDEX t{t}_created_status ON t{t} (created_at, status);\nCREATE INDEX t{t}_open ON t{t} (owner_id) WHERE status = 'open';\nCREATE INDEX t{t}_status ON t{t} USING hash (status);\n```\n\nHot path (every view):\n\n```postgresql\nSELECT * FROM t{t} WHERE owner_id = $1 ORDER BY created_at DESC LIMIT 20 OFFSET $2;\nSELECT id FROM t{t} WHERE status = 'open' AND created_at > now() - interval '1 day' ORDER BY created_at LIMIT 50;\nSELECT a.id FROM t{t} a JOIN t{p} b ON b.owner_id = a.parent_id WHERE a.owner_id = $1 AND lower(a.status) = 'x';\nSELECT id FROM t{t} WHERE tags LIKE '%urgent%';\n```\n\n",
            p = t.saturating_sub(1)
        );
    }
    doc
}

fn bench(c: &mut Criterion) {
    let docs = [
        (
            "marketplace-listings",
            corpus("marketplace-listings-draft.md"),
        ),
        (
            "subscription-billing",
            corpus("subscription-billing-draft.md"),
        ),
        ("support-tickets", corpus("support-tickets-draft.md")),
        ("synthetic-50-tables", synthetic(50)),
    ];
    let sql_rules: Vec<&str> = registry::all()
        .iter()
        .map(|r| r.meta().id)
        .filter(|id| {
            [
                "index/",
                "query/",
                "schema/",
                "ops/blocking",
                "meta/unparsable",
            ]
            .iter()
            .any(|p| id.starts_with(p))
        })
        .collect();
    let rules = RuleSet::only(&sql_rules);
    let mut group = c.benchmark_group("sql");
    for (name, source) in &docs {
        let doc = Document::parse(source.as_str());
        group.bench_function(format!("model/{name}"), |b| {
            b.iter(|| SqlModel::build(black_box(&doc)))
        });
        group.bench_function(format!("rules/{name}"), |b| {
            b.iter(|| analyze(black_box(source.as_str()), &rules))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
