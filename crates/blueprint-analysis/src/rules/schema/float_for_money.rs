use crate::document::Document;
use crate::rule::{OptionDefault, RuleOption};
use crate::sql::names::name_parts;
use crate::{Finding, Rule, RuleContext, TextRange, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags money columns (price, amount, balance, cost, total, fee, ...)
    /// declared as `FLOAT`, `REAL` or `DOUBLE`, in SQL blocks and in Markdown
    /// tables that list columns with their types.
    ///
    /// ## Why is this bad?
    /// Binary floating point cannot represent most decimal fractions: `0.1 +
    /// 0.2` is `0.30000000000000004`. Sums drift, equal amounts compare unequal,
    /// and rounding differs between the database and the application, which
    /// auditors and customers notice.
    ///
    /// ## Example
    /// ```sql
    /// CREATE TABLE orders (id BIGINT PRIMARY KEY, total DOUBLE PRECISION);
    /// ```
    ///
    /// ## Use instead
    /// An exact type: `NUMERIC(12, 2)` / `DECIMAL(12, 2)`, or an integer count
    /// of the smallest unit (`total_cents BIGINT`) with the currency beside it.
    /// ```sql
    /// CREATE TABLE orders (id BIGINT PRIMARY KEY, total NUMERIC(12, 2) NOT NULL, currency CHAR(3) NOT NULL);
    /// ```
    pub struct FloatForMoney {
        id: "schema/float-for-money",
        severity: Error,
        summary: "FLOAT, REAL or DOUBLE for money (price, amount, balance, cost, total).",
        options: [RuleOption {
            name: "money-columns",
            default: OptionDefault::StringList(&[]),
            doc: "More words that mark a column as money (matched against the parts of a snake_case or camelCase name), e.g. [\"payout\", \"fare\"].",
        }],
    }
}

/// Name parts that mean money on their own.
const MONEY_WORDS: &[&str] = &[
    "price", "prices", "amount", "amounts", "balance", "balances", "cost", "costs", "fee", "fees",
    "salary", "payment", "payments", "revenue", "subtotal", "tax", "refund", "payout", "wage",
    "wages", "budget", "spend", "charge", "charges", "money", "cash", "credit", "debit", "tip",
    "tips", "fare", "earnings", "income", "invoice", "usd", "eur", "gbp", "cents",
];

/// `total` is money unless another part of the name says what is counted.
const NOT_MONEY_WORDS: &[&str] = &[
    "weight",
    "count",
    "views",
    "distance",
    "time",
    "duration",
    "size",
    "bytes",
    "score",
    "hits",
    "clicks",
    "items",
    "rows",
    "seconds",
    "ms",
    "rating",
    "percent",
    "pct",
    "ratio",
    "rate",
    "lat",
    "lng",
    "latitude",
    "longitude",
    "km",
    "miles",
    "kg",
    "volume",
    "quantity",
    "qty",
];

fn is_money_name(name: &str, extra: &[String]) -> bool {
    let parts = name_parts(name.trim_matches(|c| c == '"' || c == '`' || c == '[' || c == ']'));
    let is = |p: &String| {
        MONEY_WORDS.contains(&p.as_str()) || extra.iter().any(|e| e.eq_ignore_ascii_case(p))
    };
    if parts.iter().any(is) {
        return !parts.iter().any(|p| NOT_MONEY_WORDS.contains(&p.as_str()));
    }
    parts.iter().any(|p| p == "total")
        && !parts.iter().any(|p| NOT_MONEY_WORDS.contains(&p.as_str()))
}

fn is_float_type(data_type: &str) -> bool {
    let upper = data_type.trim().to_ascii_uppercase();
    [
        "FLOAT",
        "REAL",
        "DOUBLE",
        "FLOAT4",
        "FLOAT8",
        "FLOAT32",
        "FLOAT64",
        "BINARY_FLOAT",
        "BINARY_DOUBLE",
    ]
    .iter()
    .any(|t| {
        upper == *t || upper.starts_with(&format!("{t}(")) || upper.starts_with(&format!("{t} "))
    })
}

impl Rule for FloatForMoney {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let extra = cx.string_list_option(&Self::META, "money-columns");
        let mut report = |range: TextRange, column: &str, data_type: &str| {
            out.push(
                Self::META
                    .finding(range, format!("Money column `{column}` is `{data_type}`: binary floating point cannot store most decimal amounts exactly"))
                    .help("Use NUMERIC(precision, scale) / DECIMAL, or an integer number of cents with the currency beside it."),
            );
        };
        for column in cx.sql().columns() {
            if is_float_type(&column.data_type) && is_money_name(&column.name, &extra) {
                report(column.range, &column.name, &column.data_type);
            }
        }
        for (range, name, data_type) in schema_table_columns(cx.doc) {
            if is_float_type(&data_type) && is_money_name(&name, &extra) {
                report(range, &name, &data_type);
            }
        }
    }
}

/// `(type cell range, column name, type)` for each row of Markdown tables
/// whose header has a column/field column and a type column.
fn schema_table_columns(doc: &Document) -> Vec<(TextRange, String, String)> {
    let mut out = Vec::new();
    for table in &doc.tables {
        let Some(header) = table.rows.first() else {
            continue;
        };
        let position = |names: &[&str]| {
            header.iter().position(|&b| {
                names.contains(&doc.blocks[b].text.trim().to_ascii_lowercase().as_str())
            })
        };
        let (Some(name_col), Some(type_col)) = (
            position(&[
                "column",
                "field",
                "attribute",
                "name",
                "column name",
                "field name",
            ]),
            position(&["type", "data type", "datatype", "sql type"]),
        ) else {
            continue;
        };
        for row in table.rows.iter().skip(1) {
            let (Some(&name), Some(&ty)) = (row.get(name_col), row.get(type_col)) else {
                continue;
            };
            let (name, ty) = (&doc.blocks[name], &doc.blocks[ty]);
            let data_type = ty.text.trim().to_string();
            if !data_type.is_empty() {
                out.push((ty.range, name.text.trim().to_string(), data_type));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_names() {
        for name in [
            "price",
            "unit_price",
            "totalAmount",
            "total",
            "grand_total",
            "balance_usd",
            "shipping_fee",
        ] {
            assert!(is_money_name(name, &[]), "{name}");
        }
        for name in [
            "total_weight",
            "latitude",
            "price_ratio",
            "score",
            "rating",
            "total_count",
            "id",
        ] {
            assert!(!is_money_name(name, &[]), "{name}");
        }
        assert!(is_money_name("payout_sum", &[]));
        assert!(is_money_name("fare_estimate", &["fare".into()]));
    }

    #[test]
    fn float_types() {
        for t in [
            "FLOAT",
            "float",
            "DOUBLE PRECISION",
            "REAL",
            "FLOAT(53)",
            "double",
        ] {
            assert!(is_float_type(t), "{t}");
        }
        for t in ["NUMERIC(12,2)", "DECIMAL", "BIGINT", "MONEY", "FLOATING"] {
            assert!(!is_float_type(t), "{t}");
        }
    }
}
