use crate::rule::{OptionDefault, RuleOption};
use crate::sql::facts;
use crate::sql::schema::IndexKind;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags a table that the doc itself calls write-heavy, append-only, an
    /// event log or an audit log (in the table's section or its SQL
    /// comments) when it carries more secondary indexes than the
    /// `max-indexes` option allows (default 4).
    ///
    /// ## Why is this bad?
    /// Every insert writes the row and one entry in every index. Six
    /// indexes turn one write into seven, with random I/O for each, and
    /// ingest throughput drops accordingly. Event logs are mostly read by
    /// one or two access paths.
    ///
    /// ## Example
    /// ```sql
    /// -- events is an append-only event log
    /// CREATE TABLE events (id bigserial PRIMARY KEY, user_id bigint, session_id uuid, event_type text, country text, device text);
    /// CREATE INDEX ON events (user_id);
    /// CREATE INDEX ON events (session_id);
    /// CREATE INDEX ON events (event_type);
    /// CREATE INDEX ON events (country);
    /// CREATE INDEX ON events (device);
    /// ```
    ///
    /// ## Use instead
    /// Keep the indexes the hot reads need, and serve analytics from a
    /// column store or a rollup table fed from the log:
    /// ```sql
    /// CREATE INDEX ON events (user_id, id DESC);
    /// ```
    pub struct OverIndexedWriteHeavy {
        id: "index/over-indexed-write-heavy",
        severity: Warning,
        summary: "A table the doc calls write-heavy, append-only or an event log has more than four secondary indexes.",
        options: [RuleOption {
            name: "max-indexes",
            default: OptionDefault::Integer(4),
            doc: "How many secondary indexes a write-heavy table may have before the rule fires.",
        }],
    }
}

impl Rule for OverIndexedWriteHeavy {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let limit = cx.integer_option(&Self::META, "max-indexes").max(0) as usize;
        let model = cx.sql();
        for table in model.schema.tables.iter().filter(|t| !t.cql) {
            let secondary = model
                .schema
                .indexes_of(&table.name)
                .filter(|(_, i)| i.kind != IndexKind::Primary)
                .count();
            if secondary <= limit {
                continue;
            }
            let Some(words) = facts::write_heavy_words(cx.doc, model, &table.name) else {
                continue;
            };
            out.push(
                Self::META
                    .finding(
                        table.name_range,
                        format!(
                            "`{}` is write-heavy by the doc's own words but has {secondary} secondary indexes (more than {limit}): every insert writes all of them",
                            table.name
                        ),
                    )
                    .related(words, "the doc calls the table write-heavy here")
                    .help("Keep the indexes the hot reads need; serve the rest from a replica, a rollup or an analytics store."),
            );
        }
    }
}
