//! SQL in fenced code blocks: statements split by us (so one broken
//! statement never hides the rest), parsed with sqlparser in the dialect the
//! info string names, with spans mapped back to document ranges.
//!
//! On top of the statements, built once per document ([`SqlModel::build`]):
//! - [`schema`]: tables, columns, primary/partition keys, foreign keys and
//!   indexes (explicit, and implied by PRIMARY KEY / UNIQUE / EXCLUDE), across
//!   all blocks, including ALTER TABLE additions and Cassandra CQL tables;
//! - [`query`]: per SELECT/UPDATE/DELETE, the sargable predicates per table
//!   (through aliases and joins), join pairs, ORDER BY, LIMIT/OFFSET, wrapped
//!   columns, LIKE patterns and the projection;
//! - [`advisor`]: for every query and defined table, the index that serves it
//!   under the leftmost-prefix rule or the index to add;
//! - [`facts`]: what the prose says about tables and queries (write-heavy,
//!   large, hot path, counterexample), and the quick-fix edit for an index.
//!
//! Unparsable statements are exposed by [`SqlModel::problems`] and reported
//! by the `meta/unparsable-sql` rule (info), so every front end shows them
//! the same way and they can be suppressed like any finding.

pub mod advisor;
mod cql;
pub mod facts;
pub mod names;
pub mod query;
pub mod schema;
mod split;

pub use advisor::{Access, IndexUse, JoinColumn, Suggestion};
pub use query::{Query, QueryKind};
pub use schema::{Index, IndexKind, IndexMethod, Key, Schema, Table};

use sqlparser::ast::{CreateTable, Statement};
use sqlparser::dialect::{Dialect, GenericDialect, MySqlDialect, PostgreSqlDialect, SQLiteDialect};
use sqlparser::parser::Parser;
use sqlparser::tokenizer::Location;

use crate::TextRange;
use crate::document::Document;

/// The SQL dialect a block is written in, from its info string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SqlDialect {
    PostgreSql,
    MySql,
    Sqlite,
    Generic,
    /// Cassandra CQL: `CREATE TABLE` read by [`cql`], queries parsed as
    /// generic SQL where possible, never reported as unparsable.
    Cql,
}

impl SqlDialect {
    /// `None` when the block is not SQL.
    pub fn from_language(language: &str) -> Option<SqlDialect> {
        Some(match language {
            "postgresql" | "postgres" | "psql" | "pgsql" | "plpgsql" => SqlDialect::PostgreSql,
            "mysql" | "mariadb" => SqlDialect::MySql,
            "sqlite" | "sqlite3" => SqlDialect::Sqlite,
            "sql" | "ddl" | "tsql" | "plsql" => SqlDialect::Generic,
            "cql" | "cassandra" => SqlDialect::Cql,
            _ => return None,
        })
    }

    /// Dialects to try in order: the named one first, then the common ones,
    /// because a block marked `sql` is usually PostgreSQL or MySQL; a named
    /// dialect falls back to the generic one. The error reported is the named
    /// dialect's.
    fn attempts(self) -> Vec<Box<dyn Dialect>> {
        let named: Box<dyn Dialect> = match self {
            SqlDialect::PostgreSql => Box::new(PostgreSqlDialect {}),
            SqlDialect::MySql => Box::new(MySqlDialect {}),
            SqlDialect::Sqlite => Box::new(SQLiteDialect {}),
            SqlDialect::Generic | SqlDialect::Cql => Box::new(GenericDialect {}),
        };
        let mut dialects = vec![named];
        if self == SqlDialect::Generic {
            dialects.push(Box::new(PostgreSqlDialect {}));
            dialects.push(Box::new(MySqlDialect {}));
        } else if self != SqlDialect::Cql {
            // A block labelled with the wrong dialect still says something.
            dialects.push(Box::new(GenericDialect {}));
        }
        dialects
    }
}

/// One statement of one SQL block.
#[derive(Debug)]
pub struct SqlStatement {
    pub code_block: usize,
    /// The statement text in the document (without the `;`).
    pub range: TextRange,
    pub dialect: SqlDialect,
    pub parsed: Result<Statement, SqlError>,
    /// The block shows what not to do (a rejected alternative, an
    /// anti-pattern): parsed, but not part of the doc's schema or queries.
    pub counterexample: bool,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SqlError {
    pub message: String,
    /// Where the parser stopped, when it said.
    pub at: Option<usize>,
}

/// A column of a `CREATE TABLE`.
#[derive(Clone, Debug)]
pub struct ColumnDef {
    pub table: String,
    pub name: String,
    pub name_range: TextRange,
    /// The type as sqlparser prints it, e.g. `DOUBLE PRECISION`, `NUMERIC(12,2)`.
    pub data_type: String,
    /// From the column name to the end of its type.
    pub range: TextRange,
}

/// Every SQL statement in the document, and what they say together: the
/// schema, the queries, and the index plan of every query.
#[derive(Debug, Default)]
pub struct SqlModel {
    pub statements: Vec<SqlStatement>,
    pub schema: Schema,
    pub queries: Vec<Query>,
    /// One entry per (query, defined table it touches).
    pub accesses: Vec<Access>,
    /// Columns of every parsed `CREATE TABLE`, in document order.
    columns: Vec<ColumnDef>,
}

/// A statement the parser rejected: reported once, at the parser's position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseProblem {
    pub statement: usize,
    /// The statement (or the line the parser stopped on).
    pub range: TextRange,
    pub message: String,
}

impl SqlModel {
    pub fn build(doc: &Document) -> SqlModel {
        let mut statements = Vec::new();
        for (index, block) in doc.code_blocks.iter().enumerate() {
            let Some(dialect) = block
                .language
                .as_deref()
                .and_then(SqlDialect::from_language)
            else {
                continue;
            };
            let content = doc.text(block.content);
            let counterexample = facts::is_counterexample(doc, index);
            for piece in split::statements(content) {
                let range = TextRange::new(
                    block.content.start + piece.start,
                    block.content.start + piece.end,
                );
                let text = doc.text(range);
                let parsed = if dialect == SqlDialect::Cql {
                    parse_one(&cql::sql_compatible(text), dialect, range.start)
                } else {
                    parse_one(text, dialect, range.start)
                };
                statements.push(SqlStatement {
                    code_block: index,
                    range,
                    dialect,
                    parsed,
                    counterexample,
                });
            }
        }
        let schema = Schema::build(doc, &statements);
        let queries = query::build(doc, &statements, &schema);
        let accesses = advisor::plan(&schema, &queries);
        let columns = column_defs(doc, &statements, &schema);
        SqlModel {
            statements,
            schema,
            queries,
            accesses,
            columns,
        }
    }

    /// Statements the parser rejected (CQL other than `CREATE TABLE` is not
    /// SQL and is never a problem).
    pub fn problems<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = ParseProblem> + 'a {
        self.statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.dialect != SqlDialect::Cql && !s.counterexample)
            .filter(move |(_, s)| !unsupported_on_purpose(doc.text(s.range)))
            .filter_map(move |(i, s)| {
                let error = s.parsed.as_ref().err()?;
                let range = match error.at {
                    Some(at) => {
                        // The line the parser stopped on, inside the statement.
                        let at = at.clamp(s.range.start, s.range.end);
                        let source = doc.source();
                        let start = source[..at]
                            .rfind('\n')
                            .map_or(0, |i| i + 1)
                            .max(s.range.start);
                        let end = source[at..]
                            .find('\n')
                            .map_or(source.len(), |i| at + i)
                            .min(s.range.end);
                        let line = TextRange::new(start, end.max(start));
                        let text = doc.text(line);
                        let lead = text.len() - text.trim_start().len();
                        TextRange::new(line.start + lead, line.start + lead + text.trim().len())
                    }
                    None => s.range,
                };
                Some(ParseProblem {
                    statement: i,
                    range,
                    message: error.message.clone(),
                })
            })
    }

    /// The plans of one query.
    pub fn accesses_of(&self, query: usize) -> impl Iterator<Item = &Access> {
        // Built query by query, so sorted by query: a binary search, not a scan.
        let start = self.accesses.partition_point(|a| a.query < query);
        self.accesses[start..]
            .iter()
            .take_while(move |a| a.query == query)
    }

    /// The queries parsed from a statement (one, or its CTEs and UNION branches).
    pub fn queries_of_statement(&self, statement: usize) -> impl Iterator<Item = (usize, &Query)> {
        // Built statement by statement, so sorted by statement.
        let start = self.queries.partition_point(|q| q.statement < statement);
        self.queries[start..]
            .iter()
            .enumerate()
            .map(move |(i, q)| (start + i, q))
            .take_while(move |(_, q)| q.statement == statement)
    }

    /// Columns of every parsed `CREATE TABLE`, in document order.
    pub fn columns(&self) -> &[ColumnDef] {
        &self.columns
    }
}

/// Statements that are valid, or meant as sketches, but that the parser does
/// not read: elided SQL (`SELECT ...`), procedural bodies, maintenance
/// commands, psql meta-commands, CQL in a `sql` block. Reporting them would be
/// noise; the rules skip them either way.
fn unsupported_on_purpose(text: &str) -> bool {
    static UNSUPPORTED: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(
            r"(?is)^\s*(--[^\n]*\n\s*)*(\\|refresh\b|vacuum\b|analyze\b|cluster\b|reindex\b|copy\b|do\s|call\b|create\s+(or\s+replace\s+)?(function|procedure|trigger|rule|extension)\b|alter\s+table\b.*\bdetach\s+partition\b)",
        )
        .expect("valid regex")
    });
    text.contains("...")
        || text.contains('…')
        || UNSUPPORTED.is_match(text)
        || cql::looks_like_cql(text)
}

fn parse_one(text: &str, dialect: SqlDialect, offset: usize) -> Result<Statement, SqlError> {
    let mut first_error = None;
    for attempt in dialect.attempts() {
        match Parser::parse_sql(attempt.as_ref(), text) {
            Ok(mut parsed) if parsed.len() == 1 => return Ok(parsed.remove(0)),
            Ok(parsed) => {
                first_error.get_or_insert(SqlError {
                    message: format!("expected one statement, found {}", parsed.len()),
                    at: None,
                });
            }
            Err(error) => {
                first_error.get_or_insert_with(|| sql_error(text, offset, &error.to_string()));
            }
        }
    }
    Err(first_error.unwrap_or(SqlError {
        message: "unparsable statement".into(),
        at: None,
    }))
}

/// sqlparser reports "... at Line: 3, Column: 14"; keep the message, map the place.
fn sql_error(text: &str, offset: usize, message: &str) -> SqlError {
    let at = message.rfind(" at Line: ").and_then(|i| {
        let tail = &message[i + " at Line: ".len()..];
        let (line, rest) = tail.split_once(", Column: ")?;
        let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let location = Location::new(line.trim().parse().ok()?, column.parse().ok()?);
        location_offset(text, location).map(|o| offset + o)
    });
    let message = match message.rfind(" at Line: ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    };
    SqlError {
        message: message.trim_start_matches("sql parser error: ").to_string(),
        at,
    }
}

/// Byte offset of a sqlparser location (1-based line, 1-based char column).
pub fn location_offset(text: &str, location: Location) -> Option<usize> {
    if location.line == 0 {
        return None;
    }
    let mut line_start = 0;
    for _ in 1..location.line {
        line_start += text[line_start..].find('\n')? + 1;
    }
    let line_end = text[line_start..]
        .find('\n')
        .map_or(text.len(), |i| line_start + i);
    let column = (location.column as usize).saturating_sub(1);
    Some(
        text[line_start..line_end]
            .char_indices()
            .nth(column)
            .map_or(line_end, |(i, _)| line_start + i),
    )
}

fn column_defs(doc: &Document, statements: &[SqlStatement], schema: &Schema) -> Vec<ColumnDef> {
    let mut columns = Vec::new();
    for statement in statements {
        if statement.dialect == SqlDialect::Cql || statement.counterexample {
            continue;
        }
        if let Ok(Statement::CreateTable(create)) = &statement.parsed {
            collect_columns(doc, statement.range, create, &mut columns);
        }
    }
    for table in schema.tables.iter().filter(|t| t.cql) {
        columns.extend(table.columns.iter().map(|c| ColumnDef {
            table: table.name.clone(),
            name: c.name.clone(),
            name_range: c.name_range,
            data_type: c.data_type.clone(),
            range: TextRange::new(
                c.name_range.start,
                type_end(doc, c.name_range.end, c.range.end, &c.data_type),
            ),
        }));
    }
    columns
}

fn collect_columns(
    doc: &Document,
    statement: TextRange,
    create: &CreateTable,
    out: &mut Vec<ColumnDef>,
) {
    let text = doc.text(statement);
    let table = create.name.to_string();
    for column in &create.columns {
        let Some(start) = location_offset(text, column.name.span.start) else {
            continue;
        };
        let end = location_offset(text, column.name.span.end).unwrap_or(start);
        let name_range = TextRange::new(statement.start + start, statement.start + end.max(start));
        let data_type = column.data_type.to_string();
        let range = TextRange::new(
            name_range.start,
            type_end(doc, name_range.end, statement.end, &data_type),
        );
        out.push(ColumnDef {
            table: table.clone(),
            name: column.name.value.clone(),
            name_range,
            data_type,
            range,
        });
    }
}

/// The end of the type written after a column name: the first word of the
/// printed type, found case-insensitively, and any parenthesised arguments.
pub(crate) fn type_end(doc: &Document, from: usize, limit: usize, data_type: &str) -> usize {
    // A type follows its column name closely: look no further than a long
    // type could reach, or a CREATE TABLE costs its length once per column.
    const TYPE_WINDOW: usize = 256;
    let mut limit = limit.min(from + TYPE_WINDOW);
    while !doc.source().is_char_boundary(limit) {
        limit -= 1;
    }
    let tail = doc.text(TextRange::new(from, limit.max(from)));
    let words: Vec<&str> = data_type
        .split(|c: char| !c.is_alphanumeric() && c != '_')
        .filter(|w| !w.is_empty() && w.chars().next().is_some_and(char::is_alphabetic))
        .collect();
    let lower = tail.to_ascii_lowercase();
    let mut end = 0;
    let mut cursor = 0;
    for word in words {
        match lower[cursor..].find(&word.to_ascii_lowercase()) {
            Some(i) if lower[cursor..cursor + i].trim().is_empty() || end == 0 => {
                cursor += i + word.len();
                end = cursor;
            }
            _ => break,
        }
    }
    if lower[end..].trim_start().starts_with('(') {
        if let Some(close) = lower[end..].find(')') {
            end += close + 1;
        }
    }
    from + end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn model(markdown: &str) -> (Document, SqlModel) {
        let doc = Document::parse(markdown);
        let model = SqlModel::build(&doc);
        (doc, model)
    }

    #[test]
    fn a_broken_statement_does_not_hide_the_others() {
        let (doc, model) = model(
            "```sql\nCREATE TABLE a (id INT PRIMARY KEY);\nCREATE TABLEE b (id INT);\nCREATE TABLE c (price FLOAT);\n```\n",
        );
        assert_eq!(model.statements.len(), 3);
        assert!(model.statements[0].parsed.is_ok());
        let error = model.statements[1].parsed.as_ref().unwrap_err();
        let at = error.at.expect("the parser says where");
        assert_eq!(doc.line_col(at).line, 3);
        let columns: Vec<_> = model.columns().to_vec();
        assert_eq!(columns.len(), 2);
        assert_eq!(columns[1].name, "price");
        assert_eq!(doc.text(columns[1].range), "price FLOAT");
    }

    #[test]
    fn non_sql_blocks_are_ignored_and_cql_is_never_a_problem() {
        let (doc, model) = model(
            "```python\nprint(1)\n```\n\n```cql\nCREATE TABLE x (a int, b int, PRIMARY KEY ((a), b));\nSELECT * FROM x WHERE b = ? ALLOW FILTERING;\nBEGIN BATCH APPLY BATCH;\n```\n",
        );
        assert_eq!(model.statements.len(), 3);
        assert!(
            model
                .statements
                .iter()
                .all(|s| s.dialect == SqlDialect::Cql)
        );
        assert_eq!(model.problems(&doc).count(), 0);
        let table = model.schema.table("x").expect("CQL table");
        assert!(table.cql);
        assert_eq!(table.partition_key, vec!["a"]);
        assert_eq!(table.clustering_key, vec!["b"]);
        assert_eq!(doc.text(table.name_range), "x");
        // The ALLOW FILTERING query is in the query model, flagged as CQL.
        assert!(model.queries.iter().any(|q| q.cql));
        assert!(model.accesses.is_empty());
    }

    #[test]
    fn cql_composite_partition_keys() {
        let (doc, model) = model(
            "```cql\nCREATE TABLE IF NOT EXISTS ks.messages (\n  conversation_id uuid, -- the chat\n  bucket int,\n  id timeuuid,\n  tags set<text>,\n  PRIMARY KEY ((conversation_id, bucket), id)\n) WITH CLUSTERING ORDER BY (id DESC);\nCREATE TABLE users (id uuid PRIMARY KEY, name text);\n```\n",
        );
        let messages = model.schema.table("messages").unwrap();
        assert_eq!(messages.partition_key, vec!["conversation_id", "bucket"]);
        assert_eq!(messages.clustering_key, vec!["id"]);
        assert_eq!(messages.columns.len(), 4);
        assert_eq!(doc.text(messages.columns[3].name_range), "tags");
        let users = model.schema.table("users").unwrap();
        assert_eq!(users.partition_key, vec!["id"]);
    }

    #[test]
    fn one_problem_per_broken_statement_at_the_parser_line() {
        let (doc, model) =
            model("# T\n\n```postgresql\nSELECT a\nFROM t\nWHERE a = = 1;\nSELECT 1;\n```\n");
        let problems: Vec<_> = model.problems(&doc).collect();
        assert_eq!(problems.len(), 1);
        assert_eq!(doc.line_col(problems[0].range.start).line, 6);
        assert_eq!(doc.text(problems[0].range), "WHERE a = = 1");
        assert!(
            problems[0].message.contains("Expected"),
            "{}",
            problems[0].message
        );
    }

    #[test]
    fn spans_map_to_exact_bytes_after_multibyte_text() {
        let (doc, model) = model(
            "Café ☕ notes\n\n```sql\nSELECT id FROM t WHERE name = 'Zoë ☕' AND b.x = 1 AND lower(city) = 'köln';\n```\n",
        );
        let query = &model.queries[0];
        let texts: Vec<&str> = query.predicates.iter().map(|p| doc.text(p.range)).collect();
        assert_eq!(texts, vec!["name = 'Zoë ☕'", "lower(city) = 'köln'"]);
        assert_eq!(doc.text(query.wrapped[0].range), "lower(city)");
    }

    #[test]
    fn schema_model_reads_keys_indexes_and_alters() {
        let (doc, model) = model(
            "```sql\nCREATE TABLE a (id int PRIMARY KEY, email text UNIQUE, org_id int REFERENCES orgs(id), EXCLUDE USING gist (org_id WITH =));\nCREATE UNIQUE INDEX CONCURRENTLY a_lower ON a (lower(email)) WHERE org_id IS NOT NULL;\nCREATE INDEX a_brin ON a USING brin (id DESC);\nALTER TABLE a ADD COLUMN note text;\nALTER TABLE a ADD CONSTRAINT a_org FOREIGN KEY (org_id, id) REFERENCES orgs (id, x);\n```\n",
        );
        let a = model.schema.table("a").unwrap();
        assert_eq!(a.primary_key, vec!["id"]);
        assert_eq!(a.columns.len(), 4);
        assert_eq!(a.foreign_keys.len(), 2);
        assert_eq!(
            doc.text(a.foreign_keys[1].range),
            "a_org FOREIGN KEY (org_id, id) REFERENCES orgs (id, x)"
        );
        let labels: Vec<(String, IndexMethod)> = model
            .schema
            .indexes
            .iter()
            .map(|i| (i.label(), i.method))
            .collect();
        assert_eq!(
            labels,
            vec![
                ("primary key (id)".to_string(), IndexMethod::BTree),
                ("UNIQUE constraint (email)".to_string(), IndexMethod::BTree),
                ("index (org_id)".to_string(), IndexMethod::Gist),
                (
                    "index `a_lower` ((lower(email)))".to_string(),
                    IndexMethod::BTree
                ),
                ("index `a_brin` (id DESC)".to_string(), IndexMethod::Brin),
            ]
        );
        let partial = &model.schema.indexes[3];
        assert!(partial.concurrently);
        assert_eq!(partial.kind, IndexKind::Unique);
        assert_eq!(
            partial.predicate,
            vec!["orgidisnotnull".replace("orgid", "org_id")]
        );
    }

    fn plan(markdown: &str) -> (SqlModel, Vec<String>) {
        let (_, model) = model(markdown);
        let served = model
            .accesses
            .iter()
            .map(|a| match (&a.served_by, &a.suggestion) {
                (Some(u), _) => format!(
                    "{} sort={}",
                    model.schema.indexes[u.index].label(),
                    a.sort_served_by.is_some()
                ),
                (None, Some(s)) => s.sql.clone(),
                (None, None) => "none".to_string(),
            })
            .collect();
        (model, served)
    }

    #[test]
    fn advisor_leftmost_prefix_pk_desc_and_partial() {
        let (_, served) = plan(
            "```sql\nCREATE TABLE o (id int PRIMARY KEY, c int, s text, t timestamptz);\nCREATE INDEX o_c_t ON o (c, t DESC);\nCREATE INDEX o_open ON o (t) WHERE s = 'open';\n```\n\n```sql\nSELECT id FROM o WHERE c = 1;\nSELECT id FROM o x WHERE x.id = 1;\nSELECT id FROM o WHERE c = 1 ORDER BY t DESC LIMIT 5;\nSELECT id FROM o WHERE s = 'open' ORDER BY t LIMIT 5;\nSELECT id FROM o WHERE s = 'closed' AND t > now() ORDER BY t LIMIT 5;\n```\n",
        );
        assert_eq!(
            served,
            vec![
                "index `o_c_t` (c, t DESC) sort=false",
                "primary key (id) sort=false",
                "index `o_c_t` (c, t DESC) sort=true",
                "index `o_open` (t) sort=true",
                "CREATE INDEX o_s_t_idx ON o (s, t);",
            ]
        );
    }

    #[test]
    fn advisor_composite_order_and_hash() {
        let (model, served) = plan(
            "```sql\nCREATE TABLE s (id int PRIMARY KEY, c int, r date);\nCREATE INDEX s_r_c ON s (r, c);\nCREATE INDEX s_r_hash ON s USING hash (r);\nSELECT id FROM s WHERE c = $1 AND r BETWEEN $2 AND $3;\nSELECT id FROM s WHERE r = $1;\n```\n",
        );
        assert_eq!(served[0], "CREATE INDEX s_c_r_idx ON s (c, r);");
        assert_eq!(model.accesses[0].wrong_order, Some(1));
        assert_eq!(served[1], "index `s_r_c` (r, c) sort=false");
    }

    #[test]
    fn hostile_input_never_panics() {
        let inputs = [
            "```sql\nSELECT 'unterminated FROM t WHERE a = 1\n```\n",
            "```sql\nSELECT é FROM ü WHERE ü.é = 'ö' ORDER BY é DESÇ LIMIT ñ OFFSET ☕;\n```\n",
            "```sql\nCREATE TABLE (;\nCREATE INDEX ON;\nALTER TABLE;\n;;;\n```\n",
            "```cql\nCREATE TABLE\n```\n```cql\nCREATE TABLE x (a int, PRIMARY KEY ((a)\n```\n```cql\nCREATE TABLE é (ü int PRIMARY KEY, PRIMARY KEY ())\n```\n",
            "```sql\nSELECT * FROM a JOIN b USING (x) JOIN c ON c.y = b.y AND c.z = 'é' WHERE (a.q, b.r) < (1, 2) ORDER BY lower(a.n) DESC, 1 LIMIT 1, 2;\nDELETE FROM a WHERE id IN (SELECT id FROM b) ;\nUPDATE a SET x = 1 FROM b WHERE a.id = b.id;\n```\n",
            "```mysql\nCREATE TABLE t (id INT, KEY k (id), UNIQUE KEY u (id), FULLTEXT (id)) ENGINE=InnoDB;\n```\n",
            "```sql\nCREATE TABLE t (id int, PRIMARY KEY (), UNIQUE ());\nCREATE INDEX i ON t ();\nSELECT id FROM t WHERE id = 1 ORDER BY id LIMIT 1;\n```\n",
        ];
        for input in inputs {
            let (doc, model) = model(input);
            let _ = model.problems(&doc).count();
            let _ = model.columns().len();
            let analysis = crate::analyze(input, &crate::RuleSet::default());
            for offset in 0..=input.len() {
                if input.is_char_boundary(offset) {
                    let _ = crate::hover::hover(&analysis, offset);
                }
            }
        }
    }

    #[test]
    fn sketches_and_unsupported_statements_are_not_problems() {
        let (doc, model) = model(
            "```sql\nEXPLAIN (ANALYZE) SELECT ...;\nREFRESH MATERIALIZED VIEW CONCURRENTLY v;\nCREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$;\nCREATE TABLE r (\n  s text, d date, ts timestamp,\n  PRIMARY KEY ((s, d), ts)\n) WITH CLUSTERING ORDER BY (ts DESC);\nSELEC 1;\n```\n",
        );
        let problems: Vec<_> = model.problems(&doc).collect();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(doc.text(problems[0].range), "SELEC 1");
        let r = model.schema.table("r").expect("CQL table in a sql block");
        assert!(r.cql);
        assert_eq!(r.partition_key, vec!["s", "d"]);
    }

    #[test]
    fn postgres_partitioning_and_innodb_implicit_primary_key() {
        let (_, model) = model(
            "```postgresql\nCREATE TABLE events (id bigint, created_at timestamptz) PARTITION BY RANGE (created_at);\n```\n\n```mysql\nCREATE TABLE posts (id BIGINT PRIMARY KEY, user_id BIGINT, KEY posts_user (user_id));\nSELECT id FROM posts WHERE user_id = 1 ORDER BY id DESC LIMIT 10;\n```\n",
        );
        let events = model.schema.table("events").unwrap();
        assert_eq!(events.partition_key, vec!["created_at"]);
        assert_eq!(events.partition_method.as_deref(), Some("range"));
        let access = &model.accesses[0];
        assert!(access.sort_served_by.is_some(), "{access:?}");
    }

    #[test]
    fn counterexample_blocks_are_not_the_design() {
        let (_, model) = model(
            "# D\n\n## Schema\n\n```sql\nCREATE TABLE a (id int PRIMARY KEY, t text);\n```\n\n## Alternatives considered\n\n```sql\nCREATE TABLE b (id int);\nSELECT * FROM a;\n```\n\n## Queries\n\nAnti-pattern, do not do this:\n\n```sql\nSELECT * FROM a WHERE t LIKE '%x';\n```\n\nThe real one:\n\n```sql\nSELECT id FROM a WHERE id = 1;\n```\n",
        );
        let names: Vec<&str> = model
            .schema
            .tables
            .iter()
            .map(|t| t.name.as_str())
            .collect();
        assert_eq!(names, vec!["a"]);
        assert_eq!(model.queries.len(), 1);
        assert!(model.statements.iter().filter(|s| s.counterexample).count() == 3);
    }

    #[test]
    fn ctes_and_union_branches_are_queries_too() {
        let (_, model) = model(
            "```sql\nCREATE TABLE t (id int PRIMARY KEY, a int, b int);\nWITH x AS (SELECT id FROM t WHERE a = 1) SELECT id FROM x LIMIT 5;\nSELECT id FROM t WHERE b = 2 UNION ALL SELECT id FROM t WHERE id = 3;\n```\n",
        );
        let shapes: Vec<(usize, bool, usize)> = model
            .queries
            .iter()
            .map(|q| (q.statement, q.nested, q.predicates.len()))
            .collect();
        assert_eq!(
            shapes,
            vec![(1, true, 1), (1, false, 0), (2, true, 1), (2, true, 1)]
        );
        let unserved: Vec<&str> = model
            .accesses
            .iter()
            .filter(|a| a.has_filter() && a.served_by.is_none())
            .filter_map(|a| a.suggestion.as_ref().map(|s| s.sql.as_str()))
            .collect();
        assert_eq!(
            unserved,
            vec![
                "CREATE INDEX t_a_idx ON t (a);",
                "CREATE INDEX t_b_idx ON t (b);"
            ]
        );
    }
}
