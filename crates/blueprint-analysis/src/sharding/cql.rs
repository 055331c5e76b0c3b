//! A small reader for CQL `CREATE TABLE` in ```` ```cql ```` blocks: the table
//! name, its columns and types, and the partition key of its `PRIMARY KEY`.
//! sqlparser does not read CQL's `PRIMARY KEY ((a, b), c)`, so this scans the
//! statement text directly (linear in the block).

use crate::TextRange;
use crate::document::Document;

#[derive(Clone, Debug)]
pub struct CqlColumn {
    pub name: String,
    pub data_type: String,
    pub range: TextRange,
}

#[derive(Clone, Debug)]
pub struct CqlTable {
    pub name: String,
    pub name_range: TextRange,
    pub columns: Vec<CqlColumn>,
    /// The partition key columns, each with its range in the `PRIMARY KEY`.
    pub partition_key: Vec<(String, TextRange)>,
    pub code_block: usize,
}

impl CqlTable {
    pub fn column_type(&self, name: &str) -> Option<&str> {
        self.columns
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
            .map(|c| c.data_type.as_str())
    }
}

const CQL_LANGUAGES: &[&str] = &["cql", "cassandra", "scylla", "cqlsh"];

pub fn tables(doc: &Document) -> Vec<CqlTable> {
    let mut out = Vec::new();
    for (index, block) in doc.code_blocks.iter().enumerate() {
        if !block
            .language
            .as_deref()
            .is_some_and(|l| CQL_LANGUAGES.contains(&l))
        {
            continue;
        }
        let base = block.content.start;
        let content = doc.text(block.content);
        for (start, statement) in statements(content) {
            if let Some(table) = parse_create(statement, base + start, index) {
                out.push(table);
            }
        }
    }
    out
}

fn statements(content: &str) -> impl Iterator<Item = (usize, &str)> {
    let mut start = 0;
    content.split_inclusive(';').map(move |piece| {
        let at = start;
        start += piece.len();
        (at, piece)
    })
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '"' || c == '.'
}

/// Identifiers of a comma list, each with its offset.
fn identifiers(text: &str, offset: usize) -> Vec<(String, TextRange)> {
    let mut out = Vec::new();
    let mut i = 0;
    for part in text.split(',') {
        let trimmed = part.trim_start();
        let lead = part.len() - trimmed.len();
        let name: String = trimmed.chars().take_while(|&c| is_ident(c)).collect();
        if !name.is_empty() {
            let start = offset + i + lead;
            out.push((
                name.trim_matches('"').to_string(),
                TextRange::new(start, start + name.len()),
            ));
        }
        i += part.len() + 1;
    }
    out
}

fn parse_create(statement: &str, offset: usize, code_block: usize) -> Option<CqlTable> {
    let lower = statement.to_ascii_lowercase();
    let create = lower.find("create table")?;
    let mut at = create + "create table".len();
    let rest = &lower[at..];
    let trimmed = rest.trim_start();
    at += rest.len() - trimmed.len();
    if trimmed.starts_with("if not exists") {
        at += "if not exists".len();
        let rest = &lower[at..];
        at += rest.len() - rest.trim_start().len();
    }
    let name: String = statement[at..]
        .chars()
        .take_while(|&c| is_ident(c))
        .collect();
    if name.is_empty() {
        return None;
    }
    let name_range = TextRange::new(offset + at, offset + at + name.len());
    let open = at + statement[at..].find('(')?;
    // The body up to the matching parenthesis.
    let mut depth = 0;
    let mut close = None;
    for (i, c) in statement[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth == 0 {
                    close = Some(open + i);
                    break;
                }
            }
            _ => {}
        }
    }
    let close = close.unwrap_or(statement.len());
    let body = &statement[open + 1..close];
    let body_offset = offset + open + 1;

    let mut columns = Vec::new();
    let mut partition_key = Vec::new();
    let mut depth = 0;
    let mut item_start = 0;
    let mut items = Vec::new();
    for (i, c) in body.char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth -= 1,
            ',' if depth == 0 => {
                items.push((item_start, &body[item_start..i]));
                item_start = i + 1;
            }
            _ => {}
        }
    }
    items.push((item_start, &body[item_start..]));
    for (start, item) in items {
        let trimmed = item.trim_start();
        let lead = item.len() - trimmed.len();
        let item_offset = body_offset + start + lead;
        let lower_item = trimmed.to_ascii_lowercase();
        if lower_item.starts_with("primary key") {
            let Some(open) = trimmed.find('(') else {
                continue;
            };
            let inner = &trimmed[open + 1..];
            let inner_trimmed = inner.trim_start();
            let inner_lead = inner.len() - inner_trimmed.len();
            let inner_offset = item_offset + open + 1 + inner_lead;
            if let Some(composite) = inner_trimmed.strip_prefix('(') {
                let end = composite.find(')').unwrap_or(composite.len());
                partition_key = identifiers(&composite[..end], inner_offset + 1);
            } else {
                let end = inner_trimmed
                    .find([',', ')'])
                    .unwrap_or(inner_trimmed.len());
                partition_key = identifiers(&inner_trimmed[..end], inner_offset);
            }
            continue;
        }
        let mut words = trimmed.split_whitespace();
        let (Some(column), Some(data_type)) = (words.next(), words.next()) else {
            continue;
        };
        let column = column.trim_matches('"');
        let data_type = data_type.trim_end_matches(',');
        let range = TextRange::new(item_offset, item_offset + column.len());
        if lower_item.contains("primary key") && partition_key.is_empty() {
            partition_key = vec![(column.to_string(), range)];
        }
        columns.push(CqlColumn {
            name: column.to_string(),
            data_type: data_type.to_ascii_lowercase(),
            range,
        });
    }
    Some(CqlTable {
        name: name.trim_matches('"').to_string(),
        name_range,
        columns,
        partition_key,
        code_block,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_composite_and_simple_partition_keys() {
        let doc = Document::parse(
            "```cql\nCREATE TABLE readings (\n    reading_hour timestamp,\n    sensor_id uuid,\n    PRIMARY KEY ((reading_hour, sensor_id), ts)\n);\nCREATE TABLE wallets (user_id uuid PRIMARY KEY, balance decimal);\nCREATE TABLE t (a int, b int, PRIMARY KEY (a, b));\n```\n",
        );
        let tables = tables(&doc);
        assert_eq!(tables.len(), 3);
        let keys: Vec<&str> = tables[0]
            .partition_key
            .iter()
            .map(|(n, r)| {
                assert_eq!(doc.text(*r), n);
                n.as_str()
            })
            .collect();
        assert_eq!(keys, ["reading_hour", "sensor_id"]);
        assert_eq!(tables[0].column_type("reading_hour"), Some("timestamp"));
        assert_eq!(tables[1].partition_key[0].0, "user_id");
        assert_eq!(tables[2].partition_key[0].0, "a");
    }
}
