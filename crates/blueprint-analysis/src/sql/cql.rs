//! Cassandra CQL: sqlparser has no CQL dialect, so `CREATE TABLE` is read
//! here, enough to know the partition key and clustering columns
//! (`PRIMARY KEY ((a, b), c)`). Other CQL statements are parsed as generic
//! SQL when they can be (queries), and are never reported as errors.

use super::SqlStatement;
use super::schema::{Column, Table};
use crate::TextRange;
use crate::document::Document;

/// CQL-only clauses that generic SQL parsing chokes on, blanked out (same
/// length, so positions stay exact).
pub fn sql_compatible(text: &str) -> String {
    let lower = text.to_ascii_lowercase();
    let mut out = text.to_string();
    for clause in ["allow filtering"] {
        if let Some(i) = lower.rfind(clause) {
            out.replace_range(i..i + clause.len(), &" ".repeat(clause.len()));
        }
    }
    out
}

/// A CQL `CREATE TABLE` written in a block marked `sql`: a composite
/// partition key `PRIMARY KEY ((...` or a `CLUSTERING ORDER BY`.
pub fn looks_like_cql(text: &str) -> bool {
    static CQL: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
        regex::Regex::new(r"(?is)^\s*(--[^\n]*\n\s*)*create\s+table\b.*(primary\s+key\s*\(\s*\(|with\s+clustering\s+order)")
            .expect("valid regex")
    });
    CQL.is_match(text)
}

/// Splits at top-level commas, returning (start, end) byte ranges, trimmed.
fn split_top(text: &str, base: usize) -> Vec<(usize, usize)> {
    let mut parts = Vec::new();
    let mut depth = 0i32;
    let mut start = 0;
    for (i, c) in text.char_indices() {
        match c {
            '(' | '<' => depth += 1,
            ')' | '>' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(trimmed(text, start, i, base));
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(trimmed(text, start, text.len(), base));
    parts.retain(|(s, e)| e > s);
    parts
}

fn trimmed(text: &str, start: usize, end: usize, base: usize) -> (usize, usize) {
    let piece = &text[start..end];
    let lead = piece.len() - piece.trim_start().len();
    let body = piece.trim();
    (base + start + lead, base + start + lead + body.len())
}

/// Removes `-- comments` and `// comments`, keeping positions.
fn blank_comments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let cut = [line.find("--"), line.find("//")]
            .into_iter()
            .flatten()
            .min()
            .unwrap_or(line.len());
        out.push_str(&line[..cut]);
        for c in line[cut..].chars() {
            if c == '\n' {
                out.push('\n');
            } else {
                out.push_str(&" ".repeat(c.len_utf8()));
            }
        }
    }
    out
}

fn unquote(name: &str) -> String {
    name.trim_matches('"').to_lowercase()
}

fn names_in(list: &str) -> Vec<String> {
    list.split(',')
        .map(|s| unquote(s.trim().trim_matches(|c| c == '(' || c == ')').trim()))
        .filter(|s| !s.is_empty())
        .collect()
}

pub fn create_table(doc: &Document, statement: &SqlStatement, index: usize) -> Option<Table> {
    let original = doc.text(statement.range);
    let text = blank_comments(original);
    let lower = text.to_ascii_lowercase();
    let mut rest = lower.trim_start();
    let mut offset = lower.len() - rest.len();
    for word in ["create", "table"] {
        rest = rest.strip_prefix(word)?;
        offset += word.len();
        let trimmed = rest.trim_start();
        if trimmed.len() == rest.len() {
            return None;
        }
        offset += rest.len() - trimmed.len();
        rest = trimmed;
    }
    if let Some(after) = rest.strip_prefix("if not exists") {
        let trimmed = after.trim_start();
        offset += rest.len() - trimmed.len();
        rest = trimmed;
    }
    let name_len = rest.find(|c: char| c == '(' || c.is_whitespace())?;
    let qualified = &text[offset..offset + name_len];
    let name = unquote(qualified.rsplit('.').next().unwrap_or(qualified));
    let name_range = TextRange::new(
        statement.range.start + offset,
        statement.range.start + offset + name_len,
    );
    let open = offset + lower[offset..].find('(')?;
    let mut depth = 0i32;
    let mut close = None;
    for (i, c) in text[open..].char_indices() {
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
    let close = close?;
    let body = &text[open + 1..close];
    let mut table = Table {
        name,
        statement: index,
        code_block: statement.code_block,
        range: statement.range,
        name_range,
        columns: Vec::new(),
        primary_key: Vec::new(),
        partition_key: Vec::new(),
        partition_method: Some("hash".to_string()),
        clustering_key: Vec::new(),
        foreign_keys: Vec::new(),
        cql: true,
        mysql: false,
    };
    for (start, end) in split_top(body, open + 1) {
        let item = &text[start..end];
        let item_lower = item.to_ascii_lowercase();
        if let Some(keys) = item_lower.strip_prefix("primary key") {
            let keys = keys.trim();
            let inner = keys.strip_prefix('(')?.strip_suffix(')')?.trim();
            let parts = split_top(inner, 0);
            let Some(&(s, e)) = parts.first() else {
                continue;
            };
            table.partition_key = names_in(&inner[s..e]);
            table.clustering_key = parts[1..]
                .iter()
                .flat_map(|&(s, e)| names_in(&inner[s..e]))
                .collect();
            continue;
        }
        let Some(column) = item.split_whitespace().next() else {
            continue;
        };
        let inline_pk = item_lower.contains("primary key");
        let type_text = item[column.len()..]
            .to_ascii_lowercase()
            .split("primary key")
            .next()
            .unwrap_or("")
            .trim()
            .to_string();
        let name = unquote(column);
        if inline_pk {
            table.partition_key = vec![name.clone()];
        }
        let name_range = TextRange::new(
            statement.range.start + start,
            statement.range.start + start + column.len(),
        );
        table.columns.push(Column {
            name,
            data_type: type_text,
            name_range,
            range: TextRange::new(name_range.start, statement.range.start + end),
            comment: None,
        });
    }
    table.primary_key = table
        .partition_key
        .iter()
        .chain(&table.clustering_key)
        .cloned()
        .collect();
    Some(table)
}
