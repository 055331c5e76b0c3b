//! The indexed lookups of the shared models (built once so that analysis is
//! linear in document size) must answer exactly what a scan of the whole
//! document answers. Checked on every fixture and corpus document, plus a
//! document written to stress the edge cases (redefined tables, indexes in
//! several blocks, nested sections, headings that name stores, tables).

use std::path::{Path, PathBuf};

use blueprint_analysis::Document;
use blueprint_analysis::decisions::{Decisions, Reach, Statement};
use blueprint_analysis::sql::SqlModel;

const EDGE_CASES: &str = "# Design\n\n\
## Orders on PostgreSQL\n\n\
Orders live in PostgreSQL. Balances must be strongly consistent.\n\n\
```sql\nCREATE TABLE orders (id BIGINT PRIMARY KEY, owner_id BIGINT, status TEXT);\n\
CREATE INDEX orders_owner ON orders (owner_id);\n\
SELECT * FROM orders WHERE owner_id = 1 ORDER BY status;\n```\n\n\
### Cassandra for the feed\n\n\
The feed is stored in Cassandra. Reads may be stale.\n\n\
| Store | Use |\n|---|---|\n| DynamoDB | sessions by id |\n| Redis | cache in front of orders |\n\n\
Anti-pattern:\n\n\
```sql\nCREATE TABLE orders (id INT);\nCREATE INDEX orders_status ON orders (status);\n```\n\n\
## Users in MySQL\n\n\
- Users are stored in MySQL; support finds users by email.\n\
- Another item about MongoDB.\n\n\
```sql\nCREATE TABLE users (id INT PRIMARY KEY, email TEXT);\n\
ALTER TABLE orders ADD COLUMN note TEXT;\n\
CREATE INDEX orders_owner_status ON orders (owner_id, status);\n\
CREATE UNIQUE INDEX users_email ON users (email);\n\
SELECT o.id FROM orders o JOIN users u ON u.id = o.owner_id WHERE u.email = 'x';\n\
WITH recent AS (SELECT id FROM orders WHERE status = 'new') SELECT id FROM recent UNION SELECT id FROM users;\n```\n\n\
#### Deep heading with Redis\n\nText under it.\n";

fn documents() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("tests/fixtures"), &mut files);
    collect(&root.join("../../tests/corpus"), &mut files);
    files.sort();
    let mut docs: Vec<(String, String)> = files
        .into_iter()
        .filter_map(|p| {
            let text = std::fs::read_to_string(&p).ok()?;
            Some((p.display().to_string(), text))
        })
        .collect();
    docs.push(("edge cases".to_string(), EDGE_CASES.to_string()));
    docs
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "md") {
            out.push(path);
        }
    }
}

#[test]
fn the_documents_exercise_the_lookups() {
    let docs = documents();
    assert!(docs.len() > 50, "found only {} documents", docs.len());
    let doc = Document::parse(EDGE_CASES);
    let model = SqlModel::build(&doc);
    assert_eq!(
        model.schema.tables.len(),
        2,
        "orders, users (the anti-pattern block is left out)"
    );
    assert!(model.statements.iter().any(|s| s.counterexample));
    assert!(model.schema.indexes_of("orders").count() >= 3);
    assert!(model.queries.len() >= 4);
    let decisions = Decisions::build(&doc);
    assert!(decisions.statements.iter().any(|s| s.is_heading));
}

#[test]
fn schema_lookups_match_a_scan() {
    for (name, text) in documents() {
        let doc = Document::parse(text);
        let model = SqlModel::build(&doc);
        let schema = &model.schema;
        let mut names: Vec<&str> = schema.tables.iter().map(|t| t.name.as_str()).collect();
        names.extend(schema.indexes.iter().map(|i| i.table.as_str()));
        names.extend(
            model
                .queries
                .iter()
                .flat_map(|q| q.tables.iter().map(|t| t.name.as_str())),
        );
        names.push("no_such_table");
        for table in names {
            let scanned = schema.tables.iter().position(|t| t.name == table);
            assert_eq!(schema.table_index(table), scanned, "{name}: table {table}");
            assert_eq!(
                schema.table(table).map(|t| t as *const _),
                scanned.map(|i| &schema.tables[i] as *const _),
                "{name}: table {table}"
            );
            let indexed: Vec<usize> = schema.indexes_of(table).map(|(i, _)| i).collect();
            let scanned: Vec<usize> = (0..schema.indexes.len())
                .filter(|&i| schema.indexes[i].table == table)
                .collect();
            assert_eq!(indexed, scanned, "{name}: indexes of {table}");
        }
        for q in 0..model.queries.len() + 1 {
            let indexed: Vec<*const _> = model.accesses_of(q).map(|a| a as *const _).collect();
            let scanned: Vec<*const _> = model
                .accesses
                .iter()
                .filter(|a| a.query == q)
                .map(|a| a as *const _)
                .collect();
            assert_eq!(indexed, scanned, "{name}: accesses of query {q}");
        }
        for s in 0..model.statements.len() + 1 {
            let indexed: Vec<usize> = model.queries_of_statement(s).map(|(i, _)| i).collect();
            let scanned: Vec<usize> = (0..model.queries.len())
                .filter(|&i| model.queries[i].statement == s)
                .collect();
            assert_eq!(indexed, scanned, "{name}: queries of statement {s}");
        }
    }
}

#[test]
fn sentence_before_matches_a_scan() {
    for (name, text) in documents() {
        let doc = Document::parse(text);
        let mut offsets: Vec<usize> = doc.code_blocks.iter().map(|c| c.range.start).collect();
        offsets.extend(
            doc.sentences
                .iter()
                .flat_map(|s| [s.range.start, s.range.end]),
        );
        offsets.extend([0, doc.source().len()]);
        for offset in offsets {
            let scanned = doc.sentences.iter().rev().find(|s| s.range.end <= offset);
            assert_eq!(
                doc.sentence_before(offset).map(|s| s as *const _),
                scanned.map(|s| s as *const _),
                "{name}: sentence before {offset}"
            );
        }
    }
}

/// `Decisions::scoped` as a scan of every statement, per enclosing section.
fn scoped_by_scan<'a>(
    doc: &Document,
    decisions: &'a Decisions,
    statement: &'a Statement,
) -> Vec<(*const Statement, Reach)> {
    let mut out = vec![(statement as *const _, Reach::Sentence)];
    out.extend(
        decisions
            .statements
            .iter()
            .filter(|s| s.unit == statement.unit && s.sentence != statement.sentence)
            .map(|s| (s as *const _, Reach::Unit)),
    );
    let mut section = Some(statement.section);
    while let Some(i) = section {
        if doc.sections[i].level < 2 {
            break;
        }
        let heading = doc.sections[i].heading;
        out.extend(
            decisions
                .statements
                .iter()
                .filter(|s| s.is_heading && heading.contains_range(s.range))
                .filter(|s| s.sentence != statement.sentence)
                .map(|s| (s as *const _, Reach::Heading)),
        );
        section = doc.sections[i].parent;
    }
    out
}

#[test]
fn decision_scopes_match_a_scan() {
    for (name, text) in documents() {
        let doc = Document::parse(text);
        let decisions = Decisions::build(&doc);
        for section in 0..doc.sections.len() {
            let indexed: Vec<usize> = decisions
                .in_section(&doc, section)
                .map(|s| s.sentence)
                .collect();
            let scanned: Vec<usize> = decisions
                .statements
                .iter()
                .filter(|s| doc.section_within(s.section, section))
                .map(|s| s.sentence)
                .collect();
            assert_eq!(indexed, scanned, "{name}: statements in section {section}");
        }
        for statement in &decisions.statements {
            let indexed: Vec<usize> = decisions
                .in_unit(statement.unit)
                .map(|s| s.sentence)
                .collect();
            let scanned: Vec<usize> = decisions
                .statements
                .iter()
                .filter(|s| s.unit == statement.unit)
                .map(|s| s.sentence)
                .collect();
            assert_eq!(indexed, scanned, "{name}: unit of {}", statement.sentence);
            let scoped: Vec<(*const Statement, Reach)> = decisions
                .scoped(&doc, statement)
                .into_iter()
                .map(|(s, r)| (s as *const _, r))
                .collect();
            assert_eq!(
                scoped,
                scoped_by_scan(&doc, &decisions, statement),
                "{name}: scope of {}",
                statement.sentence
            );
        }
    }
}
