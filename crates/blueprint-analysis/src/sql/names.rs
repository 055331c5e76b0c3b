//! Name and expression normalisation shared by the schema and query models,
//! and the mapping of sqlparser spans to document ranges.

use std::sync::LazyLock;

use regex::Regex;
use sqlparser::ast::{BinaryOperator, Expr, Ident, ObjectName};
use sqlparser::tokenizer::Span;

use super::schema::Key;
use crate::TextRange;

/// The words of an identifier: split at `_`, `-`, `.`, `#`, white space and
/// camelCase humps, lower-cased (`sale_id#sku` → sale, id, sku; `createdAt` →
/// created, at). Shared by the shard-key and money-column heuristics.
pub fn name_parts(name: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let mut current = String::new();
    for c in name.chars() {
        if c == '_' || c == '-' || c == '.' || c == '#' || c.is_whitespace() {
            parts.push(std::mem::take(&mut current));
        } else if c.is_uppercase()
            && !current.is_empty()
            && !current.chars().all(char::is_uppercase)
        {
            parts.push(std::mem::take(&mut current));
            current.extend(c.to_lowercase());
        } else {
            current.extend(c.to_lowercase());
        }
    }
    parts.push(current);
    parts.retain(|p| !p.is_empty());
    parts
}

/// Identifiers compare case-insensitively (quoted ones too: docs are not
/// that careful).
pub fn ident(ident: &Ident) -> String {
    ident.value.to_lowercase()
}

/// The last part of a possibly qualified name (`public.orders` → `orders`).
pub fn object(name: &ObjectName) -> String {
    name.0
        .last()
        .and_then(|p| p.as_ident())
        .map(ident)
        .unwrap_or_else(|| name.to_string().to_lowercase())
}

static QUALIFIER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r#"(?i)\b[a-z_][a-z0-9_]*\.([a-z_"])"#).expect("valid regex"));

/// Expression text without table qualifiers, white space or case, for
/// comparing an index expression or partial predicate with a query's.
pub fn normalize(expr: &Expr) -> String {
    let text = expr.to_string();
    let text = QUALIFIER.replace_all(&text, "$1");
    let mut out: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '"')
        .flat_map(char::to_lowercase)
        .collect();
    while out.starts_with('(') && out.ends_with(')') && balanced(&out[1..out.len() - 1]) {
        out = out[1..out.len() - 1].to_string();
    }
    out
}

fn balanced(text: &str) -> bool {
    let mut depth = 0i32;
    for c in text.chars() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth -= 1;
                if depth < 0 {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// The key an index column or ORDER BY item stands for.
pub fn key(expr: &Expr) -> Key {
    match strip(expr) {
        Expr::Identifier(id) => Key::Column(ident(id)),
        Expr::CompoundIdentifier(parts) => match parts.last() {
            Some(last) => Key::Column(ident(last)),
            None => Key::Expr(normalize(expr)),
        },
        other => Key::Expr(normalize(other)),
    }
}

/// Removes redundant parentheses.
pub fn strip(expr: &Expr) -> &Expr {
    match expr {
        Expr::Nested(inner) => strip(inner),
        other => other,
    }
}

/// The top-level `AND` operands of an expression.
pub fn and_parts(expr: &Expr) -> Vec<&Expr> {
    match strip(expr) {
        Expr::BinaryOp {
            left,
            op: BinaryOperator::And,
            right,
        } => {
            let mut parts = and_parts(left);
            parts.extend(and_parts(right));
            parts
        }
        other => vec![other],
    }
}

/// Normalised top-level conjuncts (partial-index predicates).
pub fn conjuncts(expr: &Expr) -> Vec<String> {
    and_parts(expr).into_iter().map(normalize).collect()
}

/// A sqlparser span (1-based lines and character columns, relative to the
/// statement text) as a document range; `None` for empty spans.
pub fn span_range(text: &str, base: TextRange, span: Span) -> Option<TextRange> {
    if span.start.line == 0 {
        return None;
    }
    let start = super::location_offset(text, span.start)?;
    let mut end = super::location_offset(text, span.end)?.max(start);
    // sqlparser ends some spans at the last argument: close what is open.
    let mut open =
        text[start..end].matches('(').count() as i64 - text[start..end].matches(')').count() as i64;
    while open > 0 {
        let rest = &text[end..];
        let skipped = rest.len() - rest.trim_start().len();
        if !rest[skipped..].starts_with(')') {
            break;
        }
        end += skipped + 1;
        open -= 1;
    }
    Some(TextRange::new(base.start + start, base.start + end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlparser::dialect::PostgreSqlDialect;
    use sqlparser::parser::Parser;

    fn expr(text: &str) -> Expr {
        Parser::new(&PostgreSqlDialect {})
            .try_with_sql(text)
            .unwrap()
            .parse_expr()
            .unwrap()
    }

    #[test]
    fn normalisation_ignores_qualifiers_case_and_spaces() {
        assert_eq!(normalize(&expr("LOWER(a.email)")), "lower(email)");
        assert_eq!(normalize(&expr("(status = 'open')")), "status='open'");
        assert_eq!(
            key(&expr("lower(email)")),
            Key::Expr("lower(email)".to_string())
        );
        assert_eq!(key(&expr("o.created_at")), Key::Column("created_at".into()));
        assert_eq!(
            conjuncts(&expr("a = 1 AND (b IS NULL AND c > 2)")),
            vec!["a=1", "bisnull", "c>2"]
        );
    }
}
