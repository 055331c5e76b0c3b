//! Document symbols: the doc's outline (headings, nested), with its tables
//! and the tables its SQL creates (with their columns) under the section that
//! holds them.

use blueprint_analysis::{Analysis, TextRange};
use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

use crate::convert::Lines;

/// An outline item before conversion, in byte ranges.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Item {
    pub name: String,
    pub detail: Option<String>,
    pub kind: SymbolKind,
    pub range: TextRange,
    pub selection: TextRange,
    pub children: Vec<Item>,
}

pub fn document_symbols(analysis: &Analysis, lines: &Lines<'_>) -> Vec<DocumentSymbol> {
    outline(analysis)
        .iter()
        .map(|item| convert(item, lines))
        .collect()
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be written.
fn convert(item: &Item, lines: &Lines<'_>) -> DocumentSymbol {
    DocumentSymbol {
        name: item.name.clone(),
        detail: item.detail.clone(),
        kind: item.kind,
        tags: None,
        deprecated: None,
        range: lines.range(item.range),
        selection_range: lines.range(item.selection),
        children: (!item.children.is_empty())
            .then(|| item.children.iter().map(|c| convert(c, lines)).collect()),
    }
}

/// The outline tree. Section 0 (the document itself) is not an item; its
/// direct content is the top level.
pub fn outline(analysis: &Analysis) -> Vec<Item> {
    let doc = &analysis.document;
    let count = doc.sections.len();
    // Items that belong directly to each section, in any order for now.
    let mut content: Vec<Vec<Item>> = vec![Vec::new(); count];

    for table in &doc.tables {
        let header: Vec<&str> = table
            .rows
            .first()
            .map(|row| {
                row.iter()
                    .filter_map(|&b| doc.blocks.get(b))
                    .map(|b| b.text.trim())
                    .filter(|t| !t.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let name = if header.is_empty() {
            "table".to_string()
        } else {
            format!("table: {}", header.join(" | "))
        };
        content[table.section.min(count - 1)].push(Item {
            name,
            detail: Some(format!("{} rows", table.rows.len().saturating_sub(1))),
            kind: SymbolKind::ARRAY,
            range: table.range,
            selection: table.range,
            children: Vec::new(),
        });
    }

    // Tables created by the doc's SQL, one item per CREATE TABLE with columns.
    let sql = analysis.sql();
    let mut created: Vec<(usize, Item)> = Vec::new();
    for column in sql.columns() {
        let Some(statement) = sql
            .statements
            .iter()
            .find(|s| s.range.contains_range(column.range))
        else {
            continue;
        };
        let field = Item {
            name: column.name.clone(),
            detail: Some(column.data_type.clone()),
            kind: SymbolKind::FIELD,
            range: column.range,
            selection: column.name_range,
            children: Vec::new(),
        };
        match created
            .iter_mut()
            .find(|(_, item)| item.range == statement.range)
        {
            Some((_, item)) => item.children.push(field),
            None => {
                let text = doc.text(statement.range);
                let selection = find_name(text, &column.table)
                    .map(|r| {
                        TextRange::new(
                            statement.range.start + r.start,
                            statement.range.start + r.end,
                        )
                    })
                    .unwrap_or(statement.range);
                let section = doc
                    .code_blocks
                    .get(statement.code_block)
                    .map_or(0, |b| b.section);
                created.push((
                    section,
                    Item {
                        name: column.table.clone(),
                        detail: Some("SQL table".into()),
                        kind: SymbolKind::STRUCT,
                        range: statement.range,
                        selection,
                        children: vec![field],
                    },
                ));
            }
        }
    }
    for (section, item) in created {
        content[section.min(count - 1)].push(item);
    }

    // Build the heading tree bottom-up: children have higher indexes than
    // their parents, so walking backwards attaches finished subtrees.
    let mut built: Vec<Option<Item>> = (0..count).map(|_| None).collect();
    for i in (1..count).rev() {
        let section = &doc.sections[i];
        let mut children = std::mem::take(&mut content[i]);
        children.extend(
            (i + 1..count)
                .filter(|&c| doc.sections[c].parent == Some(i))
                .filter_map(|c| built[c].take()),
        );
        children.sort_by_key(|c| c.range.start);
        let title = section.title.trim();
        built[i] = Some(Item {
            name: if title.is_empty() {
                "(untitled section)".to_string()
            } else {
                title.to_string()
            },
            detail: Some(format!("h{}", section.level)),
            kind: SymbolKind::STRING,
            range: section.range.cover(section.heading),
            selection: section.heading,
            children,
        });
    }
    let mut top = std::mem::take(&mut content[0]);
    top.extend(
        (1..count)
            .filter(|&c| doc.sections[c].parent.is_none_or(|p| p == 0))
            .filter_map(|c| built[c].take()),
    );
    top.sort_by_key(|c| c.range.start);
    top
}

/// The table name in the statement text, case-insensitively and allowing
/// quotes or a schema prefix.
fn find_name(text: &str, name: &str) -> Option<std::ops::Range<usize>> {
    let bare = name
        .rsplit('.')
        .next()
        .unwrap_or(name)
        .trim_matches(['"', '`', '[', ']']);
    if bare.is_empty() {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let start = lower.find(&bare.to_ascii_lowercase())?;
    Some(start..start + bare.len())
}

#[cfg(test)]
mod tests {
    use blueprint_analysis::{RuleSet, analyze};

    use super::*;

    fn names(items: &[Item]) -> Vec<String> {
        items.iter().map(|i| i.name.clone()).collect()
    }

    #[test]
    fn headings_nest_and_hold_their_tables() {
        let text = "# Payments\n\nIntro.\n\n## Data model\n\n| Entity | Key |\n|---|---|\n| order | id |\n\n```sql\nCREATE TABLE orders (\n  id BIGINT PRIMARY KEY,\n  total NUMERIC(12,2)\n);\n```\n\n### Notes\n\nText.\n\n## Operations\n\nMore.\n";
        let analysis = analyze(text, &RuleSet::only(&[]));
        let top = outline(&analysis);
        assert_eq!(names(&top), ["Payments"]);
        let payments = &top[0];
        assert_eq!(names(&payments.children), ["Data model", "Operations"]);
        let data = &payments.children[0];
        assert_eq!(
            names(&data.children),
            ["table: Entity | Key", "orders", "Notes"]
        );
        let orders = &data.children[1];
        assert_eq!(orders.kind, SymbolKind::STRUCT);
        assert_eq!(&text[orders.selection.as_range()], "orders");
        assert_eq!(names(&orders.children), ["id", "total"]);
        assert_eq!(orders.children[1].detail.as_deref(), Some("NUMERIC(12,2)"));
        // Every selection range lies inside its range (clients reject others).
        fn check(item: &Item) {
            assert!(item.range.contains_range(item.selection), "{item:?}");
            item.children.iter().for_each(check);
        }
        top.iter().for_each(check);
    }

    #[test]
    fn a_doc_without_headings_lists_its_tables() {
        let analysis = analyze("| a | b |\n|---|---|\n| 1 | 2 |\n", &RuleSet::only(&[]));
        assert_eq!(names(&outline(&analysis)), ["table: a | b"]);
    }
}
