use std::sync::LazyLock;

use regex::Regex;

use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a column that holds a list: a text column whose SQL comment says
    /// it is comma-separated (or separated by another character, or shows a
    /// delimited example), a text column named like a list (`tags`,
    /// `phone_numbers`, `..._ids`), or an array of foreign ids
    /// (`member_ids bigint[]`).
    ///
    /// ## Why is this bad?
    /// It violates first normal form: the database cannot index, join,
    /// constrain or count the items. "Which listings are tagged *brass*?"
    /// becomes a `LIKE '%brass%'` scan, duplicates and dangling ids creep
    /// in, and every update rewrites the whole list under a race.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE accounts (id bigint PRIMARY KEY, roles text -- e.g. 'admin,billing'
    /// );
    /// ```
    ///
    /// ## Use instead
    /// A junction table with one row per item:
    /// ```sql
    /// CREATE TABLE account_roles (
    ///     account_id bigint NOT NULL REFERENCES accounts(id),
    ///     role text NOT NULL,
    ///     PRIMARY KEY (account_id, role)
    /// );
    /// ```
    pub struct MultiValuedColumn {
        id: "schema/multi-valued-column",
        severity: Warning,
        summary: "A column holds a list (comma-separated values, arrays of foreign ids): a missing junction table.",
    }
}

static LIST_COMMENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(comma|semicolon|pipe|space)[- ]?(separated|delimited)|separated by|delimited by|\bcsv\b|list of|'[^',;|]+[,;|][^']*'"#)
        .expect("valid regex")
});

const LIST_NAMES: &[&str] = &[
    "tags",
    "phone_numbers",
    "phones",
    "emails",
    "email_addresses",
    "keywords",
    "labels",
    "categories",
];

fn is_text(data_type: &str) -> bool {
    if is_array(data_type) {
        return false;
    }
    let t = data_type.to_ascii_lowercase();
    [
        "text",
        "varchar",
        "character varying",
        "char",
        "string",
        "clob",
        "tinytext",
        "mediumtext",
        "longtext",
        "nvarchar",
    ]
    .iter()
    .any(|p| t.starts_with(p))
}

fn is_array(data_type: &str) -> bool {
    let t = data_type.to_ascii_lowercase();
    t.ends_with("[]") || t.contains("array")
}

impl Rule for MultiValuedColumn {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let model = cx.sql();
        for table in model.schema.tables.iter().filter(|t| !t.cql) {
            for column in &table.columns {
                let name = column.name.as_str();
                let list_name =
                    name.ends_with("_ids") || name.ends_with("_list") || name.ends_with("_csv");
                let why = if is_text(&column.data_type)
                    && column
                        .comment
                        .as_deref()
                        .is_some_and(|c| LIST_COMMENT.is_match(c))
                {
                    "its comment says it holds a delimited list"
                } else if is_text(&column.data_type) && (list_name || LIST_NAMES.contains(&name)) {
                    "its name says it holds several values in one text"
                } else if is_array(&column.data_type) && name.ends_with("_ids") {
                    "it is an array of foreign ids"
                } else {
                    continue;
                };
                out.push(
                    Self::META
                        .finding(
                            column.range,
                            format!("Column `{}.{name}` holds a list ({why}): a 1NF violation", table.name),
                        )
                        .help(format!(
                            "Use a junction table with one row per value, e.g. `{}_{}({}_id, value)` with a primary key on both.",
                            table.name.trim_end_matches('s'),
                            name.trim_end_matches("_ids"),
                            table.name.trim_end_matches('s')
                        )),
                );
            }
        }
    }
}
