//! SQL in fenced code blocks: statements split by us (so one broken
//! statement never hides the rest), parsed with sqlparser in the dialect the
//! info string names, with spans mapped back to document ranges.

pub mod advisor;
mod cql;
pub mod names;
pub mod query;
pub mod schema;
pub mod facts;
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
    /// because a block marked `sql` is usually PostgreSQL or MySQL.
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
                });
            }
        }
        let schema = Schema::build(doc, &statements);
        let queries = query::build(doc, &statements, &schema);
        let accesses = advisor::plan(&schema, &queries);
        SqlModel {
            statements,
            schema,
            queries,
            accesses,
        }
    }

    /// Statements the parser rejected (CQL other than `CREATE TABLE` is not
    /// SQL and is never a problem).
    pub fn problems<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = ParseProblem> + 'a {
        self.statements
            .iter()
            .enumerate()
            .filter(|(_, s)| s.dialect != SqlDialect::Cql)
            .filter_map(move |(i, s)| {
                let error = s.parsed.as_ref().err()?;
                let range = match error.at {
                    Some(at) => {
                        // The line the parser stopped on, inside the statement.
                        let at = at.clamp(s.range.start, s.range.end);
                        let source = doc.source();
                        let start = source[..at].rfind('\n').map_or(0, |i| i + 1).max(s.range.start);
                        let end = source[at..].find('\n').map_or(source.len(), |i| at + i).min(s.range.end);
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
        self.accesses.iter().filter(move |a| a.query == query)
    }

    /// The query parsed from a statement.
    pub fn query_of_statement(&self, statement: usize) -> Option<(usize, &Query)> {
        self.queries
            .iter()
            .enumerate()
            .find(|(_, q)| q.statement == statement)
    }

    /// Columns of every parsed `CREATE TABLE`, in document order.
    pub fn columns<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = ColumnDef> + 'a {
        let sql = self.statements.iter().flat_map(move |statement| {
            let mut columns = Vec::new();
            if statement.dialect == SqlDialect::Cql {
                return columns;
            }
            if let Ok(Statement::CreateTable(create)) = &statement.parsed {
                collect_columns(doc, statement.range, create, &mut columns);
            }
            columns
        });
        let cql = self
            .schema
            .tables
            .iter()
            .filter(|t| t.cql)
            .flat_map(move |table| {
                table.columns.iter().map(move |c| ColumnDef {
                    table: table.name.clone(),
                    name: c.name.clone(),
                    name_range: c.name_range,
                    data_type: c.data_type.clone(),
                    range: TextRange::new(
                        c.name_range.start,
                        type_end(doc, c.name_range.end, c.range.end, &c.data_type),
                    ),
                })
            });
        sql.chain(cql)
    }
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
    let tail = doc.text(TextRange::new(from, limit));
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
        let columns: Vec<_> = model.columns(&doc).collect();
        assert_eq!(columns.len(), 2);
        assert_eq!(columns[1].name, "price");
        assert_eq!(doc.text(columns[1].range), "price FLOAT");
    }

    #[test]
    fn non_sql_blocks_are_ignored() {
        let (_, model) = model(
            "```python\nprint(1)\n```\n\n```cql\nCREATE TABLE x (a int, PRIMARY KEY ((a)));\n```\n",
        );
        assert!(model.statements.is_empty());
    }
}

#[cfg(test)]
mod dump {
    #[test]
    fn dump() {
        let Ok(path) = std::env::var("SQL_DUMP") else {
            return;
        };
        let doc = crate::Document::parse(std::fs::read_to_string(path).unwrap());
        let model = super::SqlModel::build(&doc);
        for p in model.problems(&doc) {
            println!("PROBLEM {:?} {}", doc.line_col(p.range.start), p.message);
        }
        for t in &model.schema.tables {
            println!("TABLE {} pk={:?} part={:?} fks={:?}", t.name, t.primary_key, t.partition_key, t.foreign_keys.iter().map(|f| (&f.columns, doc.line_col(f.range.start).line)).collect::<Vec<_>>());
        }
        for i in &model.schema.indexes {
            println!("INDEX {} {} {:?} pred={:?}", i.table, i.label(), i.method, i.predicate);
        }
        for a in &model.accesses {
            let q = &model.queries[a.query];
            println!("ACCESS line {} {} eq={:?} range={:?} sort={:?} served={:?} sort_served={:?} wrong={:?} hash={:?} joins={:?} sugg={:?}",
                doc.line_col(q.range.start).line, a.table, a.equality, a.range, a.sort, a.served_by.as_ref().map(|u| model.schema.indexes[u.index].label()), a.sort_served_by.as_ref().map(|u| u.index), a.wrong_order, a.hash_only, a.joins.iter().map(|j| (&j.column, j.indexed)).collect::<Vec<_>>(), a.suggestion.as_ref().map(|s| &s.sql));
        }
    }
}
