use std::sync::LazyLock;

use crate::decisions::{Access, Family, Signal, Statement};
use crate::prose::Lexicon;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags Cassandra, HBase, Bigtable or a similar wide-column store chosen
    /// where the doc needs ad-hoc queries, joins or reporting across
    /// arbitrary columns, with no analytics store or pipeline in between.
    ///
    /// ## Why is this bad?
    /// A wide-column store answers the queries its partition and clustering
    /// keys were designed for, and little else: filtering on other columns
    /// scans the cluster (`ALLOW FILTERING`), and there are no joins. Ad-hoc
    /// analysis against it is slow, loads the production cluster and often
    /// is not possible at all.
    ///
    /// ## Example
    /// ```markdown
    /// Analysts will run ad-hoc queries on readings by any column and join
    /// them with the device registry, directly against Cassandra.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Readings are streamed from Cassandra (CDC) into BigQuery, where
    /// analysts run ad-hoc queries and joins; Cassandra serves the per-device
    /// time-range reads.
    /// ```
    pub struct WideColumnAdHocQueries {
        id: "choice/wide-column-ad-hoc-queries",
        severity: Warning,
        summary: "A wide-column store is chosen where the doc needs ad-hoc queries, joins or reporting across arbitrary columns.",
    }
}

/// An analytics path next to the wide-column store.
static ANALYTICS_PATH: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "Spark",
            "Presto",
            "Trino",
            "warehouse",
            "data warehouse",
            "data lake",
            "export to",
            "exported to",
            "exports to",
            "ETL",
            "CDC",
            "materialized view",
            "materialized views",
            "Athena",
            "Snowflake",
            "Redshift",
            "Databricks",
            "Hive",
            "Druid",
            "Pinot",
        ]
        .map(|w| (w, ())),
    )
});

/// Words that make "join" mean a query join rather than "users join groups".
const QUERY_WORDS: &[&str] = &[
    "query",
    "queries",
    "querying",
    "report",
    "reporting",
    "analyst",
    "analysts",
    "analytics",
    "sql",
    "notebook",
    "dashboard",
    "joined with",
    "join them",
    "joins of",
    "joins across",
    "joins between",
    "join with",
];

fn access(statement: &Statement, doc: &crate::Document) -> Option<crate::TextRange> {
    let lower = statement.text(doc).to_ascii_lowercase();
    statement
        .signals
        .iter()
        .filter(|f| f.is_asserted())
        .find(|f| match f.kind {
            Signal::Access(Access::Joins) => QUERY_WORDS.iter().any(|w| lower.contains(w)),
            Signal::Access(_) => true,
            _ => false,
        })
        .map(|f| f.range)
}

impl Rule for WideColumnAdHocQueries {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let decisions = cx.decisions();
        for statement in &decisions.statements {
            let Some(store) = statement
                .asserted_stores()
                .find(|s| s.kind.profile().family == Family::WideColumn)
            else {
                continue;
            };
            let unit: Vec<&Statement> = decisions.in_unit(statement.unit).collect();
            // Same sentence, or another sentence of the unit that names no store.
            let need = access(statement, doc).map(|r| (r, true)).or_else(|| {
                unit.iter()
                    .filter(|s| {
                        s.sentence != statement.sentence && s.asserted_stores().next().is_none()
                    })
                    .find_map(|s| access(s, doc).map(|r| (r, false)))
            });
            let Some((need, _)) = need else { continue };
            let other_path = unit.iter().any(|s| {
                s.asserted_stores().any(|f| {
                    matches!(
                        f.kind.profile().family,
                        Family::Analytics
                            | Family::Search
                            | Family::Relational
                            | Family::DistributedSql
                    )
                }) || s.mentions(doc, &ANALYTICS_PATH).is_some()
            });
            if other_path {
                continue;
            }
            let profile = store.kind.profile();
            out.push(
                Self::META
                    .finding(
                        store.range,
                        format!(
                            "{} ({}) is queried ad hoc (`{}`), which it cannot serve without scanning",
                            profile.name,
                            profile.family_name,
                            doc.text(need)
                        ),
                    )
                    .help("Serve ad-hoc queries, joins and reporting from an analytics store fed from this one (CDC or batch export to a warehouse), and keep the wide-column store for the queries its keys were designed for.")
                    .related(need, "ad-hoc access pattern"),
            );
        }
    }
}
