//! Hover on a SQL statement (see the module docs of [`super`]): for a query,
//! which index serves each table it reads, or that none does and the
//! `CREATE INDEX` to add; for a `CREATE TABLE`, its keys and indexes and the
//! doc's queries each index serves.

use std::fmt::Write;

use super::Hover;
use crate::Analysis;
use crate::sql::{Access, SqlModel};

pub(super) fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let model = analysis.sql();
    let (index, statement) = model
        .statements
        .iter()
        .enumerate()
        .find(|(_, s)| s.range.start <= offset && offset <= s.range.end)?;
    let parts: Vec<String> = model
        .queries_of_statement(index)
        .filter_map(|(q, _)| query_markdown(model, q))
        .collect();
    if !parts.is_empty() {
        return Some(Hover {
            range: statement.range,
            markdown: parts.join("\n\n---\n\n"),
        });
    }
    if let Some((i, created)) = model
        .schema
        .indexes
        .iter()
        .enumerate()
        .find(|(_, x)| x.statement == index && x.explicit)
    {
        let mut markdown = format!("**{}** on `{}`", created.label(), created.table);
        if created.method != crate::sql::IndexMethod::BTree {
            let _ = write!(markdown, " using {}", created.method.as_str());
        }
        if !created.predicate.is_empty() {
            let _ = write!(markdown, ", partial: `{}`", created.predicate.join(" AND "));
        }
        markdown.push_str("\n\n");
        let lines: Vec<String> = model
            .accesses
            .iter()
            .filter(|a| a.served_by.as_ref().is_some_and(|u| u.index == i))
            .map(|a| {
                let at = model.queries[a.query].range.start;
                format!("line {}", analysis.document.line_col(at).line)
            })
            .collect();
        if lines.is_empty() {
            markdown.push_str("Serves none of the doc's queries.");
        } else {
            let _ = write!(markdown, "Serves the queries at {}.", lines.join(", "));
        }
        return Some(Hover {
            range: statement.range,
            markdown,
        });
    }
    let table = model.schema.tables.iter().find(|t| t.statement == index)?;
    let mut markdown = format!("**Table `{}`**", table.name);
    if table.cql {
        markdown.push_str(" (Cassandra)");
    }
    markdown.push_str("\n\n");
    if !table.partition_key.is_empty() {
        let _ = writeln!(
            markdown,
            "- partition key: `({})`; clustering: `({})`",
            table.partition_key.join(", "),
            table.clustering_key.join(", ")
        );
    } else if !table.primary_key.is_empty() {
        let _ = writeln!(
            markdown,
            "- primary key: `({})`",
            table.primary_key.join(", ")
        );
    } else {
        markdown.push_str("- no primary key\n");
    }
    for (i, index) in model.schema.indexes_of(&table.name) {
        let serving = model
            .accesses
            .iter()
            .filter(|a| a.served_by.as_ref().is_some_and(|u| u.index == i))
            .count();
        let _ = writeln!(
            markdown,
            "- {}{}: serves {serving} of the doc's queries",
            index.label(),
            if index.method == crate::sql::IndexMethod::BTree {
                String::new()
            } else {
                format!(" using {}", index.method.as_str())
            }
        );
    }
    Some(Hover {
        range: table.name_range,
        markdown: markdown.trim_end().to_string(),
    })
}

fn access_markdown(model: &SqlModel, access: &Access, out: &mut String) {
    let _ = write!(out, "**`{}`**: ", access.table);
    let mut wanted = Vec::new();
    if !access.equality.is_empty() {
        let keys: Vec<String> = access.equality.iter().map(|k| format!("`{k}`")).collect();
        wanted.push(format!("equality on {}", keys.join(", ")));
    }
    if !access.range.is_empty() {
        let keys: Vec<String> = access.range.iter().map(|k| format!("`{k}`")).collect();
        wanted.push(format!("range on {}", keys.join(", ")));
    }
    if !access.sort.is_empty() {
        let keys: Vec<String> = access
            .sort
            .iter()
            .map(|(k, d)| {
                if *d {
                    format!("`{k} DESC`")
                } else {
                    format!("`{k}`")
                }
            })
            .collect();
        wanted.push(format!("sort by {}", keys.join(", ")));
    }
    if wanted.is_empty() {
        out.push_str("no filter or sort on this table");
    } else {
        out.push_str(&wanted.join("; "));
    }
    out.push_str("\n\n");
    match &access.served_by {
        Some(used) => {
            let index = &model.schema.indexes[used.index];
            let _ = write!(
                out,
                "Served by {} (leftmost prefix: {} equality column(s){}).",
                index.label(),
                used.equality_prefix,
                if used.range_used {
                    " then the range"
                } else {
                    ""
                }
            );
            if !access.sort.is_empty() {
                if access.sort_served_by.is_some() {
                    out.push_str(" The index also delivers the ORDER BY.");
                } else {
                    out.push_str(" The ORDER BY needs a sort of all matches.");
                }
            }
        }
        None if !access.has_filter() => match &access.sort_served_by {
            Some(used) => {
                let _ = write!(
                    out,
                    "The ORDER BY is delivered by {}.",
                    model.schema.indexes[used.index].label()
                );
            }
            None => out.push_str("Reads the whole table."),
        },
        None => {
            out.push_str("**No index serves this filter.**");
            if let Some(i) = access.wrong_order {
                let _ = write!(
                    out,
                    " {} has the columns in an order that cannot serve it.",
                    model.schema.indexes[i].label()
                );
            }
            if let Some((i, key)) = &access.hash_only {
                let _ = write!(
                    out,
                    " {} is a hash index and cannot serve the range or sort on `{key}`.",
                    model.schema.indexes[*i].label()
                );
            }
        }
    }
    if let Some(suggestion) = &access.suggestion {
        let _ = write!(
            out,
            "\n\nIndex to add (equality columns first, then range/sort):\n\n```sql\n{}\n```",
            suggestion.sql
        );
    }
    for join in access.joins.iter().filter(|j| !j.indexed) {
        let _ = write!(
            out,
            "\n\nJoin column `{}.{}` has no index.",
            access.table, join.column
        );
    }
}

fn query_markdown(model: &SqlModel, q: usize) -> Option<String> {
    let query = &model.queries[q];
    let mut out = String::from("**Index plan**\n\n");
    let mut any = false;
    for access in model.accesses_of(q) {
        if any {
            out.push_str("\n\n");
        }
        access_markdown(model, access, &mut out);
        any = true;
    }
    let undefined: Vec<String> = query
        .tables
        .iter()
        .filter(|t| model.schema.table(&t.name).is_none())
        .map(|t| format!("`{}`", t.name))
        .collect();
    if !undefined.is_empty() {
        if any {
            out.push_str("\n\n");
        }
        let _ = write!(
            out,
            "{} not defined in this doc, so no index advice for {}.",
            undefined.join(", "),
            if undefined.len() == 1 { "it" } else { "them" }
        );
        any = true;
    }
    any.then_some(out)
}

#[cfg(test)]
mod tests {
    use crate::{RuleSet, analyze};

    fn hover_at(markdown: &str, needle: &str) -> String {
        let analysis = analyze(markdown, &RuleSet::only(&[]));
        let offset = markdown.find(needle).expect("needle in doc");
        super::hover(&analysis, offset)
            .map(|h| h.markdown)
            .unwrap_or_default()
    }

    const DOC: &str = "```sql\nCREATE TABLE orders (id bigint PRIMARY KEY, buyer_id bigint, created_at timestamptz);\nCREATE INDEX orders_buyer ON orders (buyer_id, created_at DESC);\n```\n\n```sql\nSELECT id FROM orders WHERE buyer_id = $1 ORDER BY created_at DESC LIMIT 20;\nSELECT id FROM orders WHERE created_at > $1 AND id > 5;\nSELECT id FROM carts WHERE id = 1;\n```\n";

    #[test]
    fn a_served_query_names_its_index() {
        let text = hover_at(DOC, "SELECT id FROM orders WHERE buyer_id");
        assert!(text.contains("Served by index `orders_buyer`"), "{text}");
        assert!(text.contains("also delivers the ORDER BY"), "{text}");
        assert!(!text.contains("CREATE INDEX"), "{text}");
    }

    #[test]
    fn an_unserved_query_gets_the_index_to_add() {
        let text = hover_at(DOC, "created_at > $1");
        assert!(text.contains("Served by primary key (id)"), "{text}");
        let text = hover_at(
            "```sql\nCREATE TABLE t (id int PRIMARY KEY, a int, b date);\nSELECT id FROM t WHERE a = 1 AND b > '2024-01-01';\n```\n",
            "a = 1",
        );
        assert!(text.contains("No index serves this filter"), "{text}");
        assert!(
            text.contains("CREATE INDEX t_a_b_idx ON t (a, b);"),
            "{text}"
        );
    }

    #[test]
    fn tables_and_undefined_tables() {
        let text = hover_at(DOC, "carts");
        assert!(text.contains("`carts` not defined"), "{text}");
        let text = hover_at(DOC, "CREATE INDEX orders_buyer");
        assert!(text.contains("Serves the queries at line 7."), "{text}");
        let text = hover_at(DOC, "CREATE TABLE orders");
        assert!(text.contains("primary key: `(id)`"), "{text}");
        assert!(
            text.contains("index `orders_buyer` (buyer_id, created_at DESC): serves 1"),
            "{text}"
        );
        let text = hover_at(
            "```cql\nCREATE TABLE m (a int, b int, c int, PRIMARY KEY ((a, b), c));\n```\n",
            "TABLE m",
        );
        assert!(
            text.contains("partition key: `(a, b)`; clustering: `(c)`"),
            "{text}"
        );
    }
}
