use crate::document::Document;
use crate::sql::schema::{Index, IndexKind};
use crate::{Edit, Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a secondary index whose columns are a leftmost prefix of
    /// another index on the same table (same method, same partial
    /// predicate), or an exact duplicate of one.
    ///
    /// ## Why is this bad?
    /// Every query the short index serves, the longer one serves too. The
    /// redundant index still costs a write on every insert and update,
    /// memory in the buffer cache, and vacuum time.
    ///
    /// ## Example
    /// ```sql
    /// CREATE INDEX tickets_customer ON tickets (customer_id);
    /// CREATE INDEX tickets_customer_status ON tickets (customer_id, status);
    /// ```
    ///
    /// ## Use instead
    /// Keep only the longer index:
    /// ```sql
    /// CREATE INDEX tickets_customer_status ON tickets (customer_id, status);
    /// ```
    pub struct Redundant {
        id: "index/redundant",
        severity: Info,
        summary: "An index is a leftmost prefix of another index on the same table.",
    }
}

/// `short` is served entirely by `long`.
fn covered_by(short: &Index, long: &Index) -> bool {
    if short.keys.len() > long.keys.len()
        || short.method != long.method
        || short.predicate != long.predicate
    {
        return false;
    }
    let single = short.keys.len() == 1;
    short
        .keys
        .iter()
        .zip(&long.keys)
        .all(|(a, b)| a.key == b.key && (single || a.desc == b.desc))
}

/// Deletes the `CREATE INDEX` statement with its `;` and the rest of its
/// line, when nothing else is on that line.
fn removal(doc: &Document, statement: TextRange, label: String) -> Option<Edit> {
    let source = doc.source();
    let line_start = source[..statement.start].rfind('\n').map_or(0, |i| i + 1);
    if !source[line_start..statement.start].trim().is_empty() {
        return None;
    }
    let rest = &source[statement.end..];
    let rest = rest.strip_prefix(';').unwrap_or(rest);
    let line_end = rest.find('\n').map(|i| i + 1)?;
    if !rest[..line_end].trim().is_empty() {
        return None;
    }
    let end = source.len() - rest.len() + line_end;
    Some(Edit {
        description: format!("Drop redundant {label}"),
        range: TextRange::new(line_start, end),
        replacement: String::new(),
    })
}

impl Rule for Redundant {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        let indexes = &model.schema.indexes;
        for (i, short) in indexes.iter().enumerate() {
            if short.kind != IndexKind::Secondary || !short.explicit {
                continue;
            }
            if model.schema.table(&short.table).is_none_or(|t| t.cql) {
                continue;
            }
            let longer = model.schema.indexes_of(&short.table).find(|(j, long)| {
                *j != i
                    && covered_by(short, long)
                    // Of two identical indexes, the later one is redundant.
                    && (long.keys.len() > short.keys.len() || long.kind != IndexKind::Secondary || *j < i)
            });
            let Some((_, long)) = longer else {
                continue;
            };
            let what = if long.keys.len() == short.keys.len() {
                "duplicates"
            } else {
                "is a leftmost prefix of"
            };
            let mut finding = Self::META
                .finding(
                    short.range,
                    format!("{} {what} {}", short.label(), long.label()),
                )
                .related(long.range, "the index that already serves its queries")
                .help(format!(
                    "Drop {}: {} serves every query it serves.",
                    short.label(),
                    long.label()
                ));
            if let Some(edit) = removal(cx.doc, short.range, short.label()) {
                finding = finding.edit(edit);
            }
            out.push(finding);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::{RuleSet, analyze};

    fn apply(source: &str, rule: &str) -> String {
        let analysis = analyze(source, &RuleSet::only(&[rule]));
        let edit = analysis.findings[0].edit.clone().expect("a quick fix");
        let mut out = source.to_string();
        out.replace_range(edit.range.as_range(), &edit.replacement);
        out
    }

    #[test]
    fn quick_fixes_drop_and_add_whole_statements() {
        let doc = "```sql\nCREATE TABLE t (id int PRIMARY KEY, a int, b int);\nCREATE INDEX t_a ON t (a);\nCREATE INDEX t_a_b ON t (a, b);\n```\n\n```sql\nSELECT id FROM t WHERE b = 1;\n```\n";
        assert_eq!(
            apply(doc, "index/redundant"),
            doc.replace("CREATE INDEX t_a ON t (a);\n", "")
        );
        assert_eq!(
            apply(doc, "index/missing-for-filter"),
            doc.replace(
                "CREATE INDEX t_a_b ON t (a, b);\n",
                "CREATE INDEX t_a_b ON t (a, b);\nCREATE INDEX t_b_idx ON t (b);\n"
            )
        );
    }
}
