//! SQL in fenced code blocks: statements split by us (so one broken
//! statement never hides the rest), parsed with sqlparser in the dialect the
//! info string names, with spans mapped back to document ranges.

mod split;

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
}

impl SqlDialect {
    /// `None` when the block is not SQL.
    pub fn from_language(language: &str) -> Option<SqlDialect> {
        Some(match language {
            "postgresql" | "postgres" | "psql" | "pgsql" | "plpgsql" => SqlDialect::PostgreSql,
            "mysql" | "mariadb" => SqlDialect::MySql,
            "sqlite" | "sqlite3" => SqlDialect::Sqlite,
            "sql" | "ddl" | "tsql" | "plsql" => SqlDialect::Generic,
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
            SqlDialect::Generic => Box::new(GenericDialect {}),
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

/// Every SQL statement in the document.
#[derive(Debug, Default)]
pub struct SqlModel {
    pub statements: Vec<SqlStatement>,
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
                statements.push(SqlStatement {
                    code_block: index,
                    range,
                    dialect,
                    parsed: parse_one(text, dialect, range.start),
                });
            }
        }
        SqlModel { statements }
    }

    /// Columns of every parsed `CREATE TABLE`, in document order.
    pub fn columns<'a>(&'a self, doc: &'a Document) -> impl Iterator<Item = ColumnDef> + 'a {
        self.statements.iter().flat_map(move |statement| {
            let mut columns = Vec::new();
            if let Ok(Statement::CreateTable(create)) = &statement.parsed {
                collect_columns(doc, statement.range, create, &mut columns);
            }
            columns
        })
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
fn type_end(doc: &Document, from: usize, limit: usize, data_type: &str) -> usize {
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
