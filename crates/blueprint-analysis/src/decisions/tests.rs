use super::*;

fn build(markdown: &str) -> (Document, Decisions) {
    let doc = Document::parse(markdown);
    let decisions = Decisions::build(&doc);
    (doc, decisions)
}

fn purposes(markdown: &str, id: &str) -> Vec<Option<String>> {
    let (doc, decisions) = build(markdown);
    decisions
        .uses_of(&doc, id)
        .into_iter()
        .map(|u| u.purpose)
        .collect()
}

#[test]
fn uses_of_reads_how_engineers_write() {
    assert_eq!(
        purposes(
            "We'll use PostgreSQL for payments and refunds.",
            "postgresql"
        ),
        [Some("payments and refunds".to_string())]
    );
    assert_eq!(
        purposes("Cassandra backs the timeline service.", "cassandra"),
        [Some("timeline service".to_string())]
    );
    assert_eq!(
        purposes(
            "- Session tokens live in Redis, because reads must be fast.",
            "redis"
        ),
        [Some("Session tokens".to_string())]
    );
    assert_eq!(
        purposes(
            "| Data | Store |\n|---|---|\n| Orders | MySQL |\n| Feed | Cassandra |\n",
            "cassandra"
        ),
        [Some("Feed".to_string())]
    );
}

#[test]
fn rejected_and_negated_uses_are_not_uses() {
    assert!(
        purposes(
            "Unlike Cassandra, we use PostgreSQL for payments.",
            "cassandra"
        )
        .is_empty()
    );
    assert_eq!(
        purposes(
            "Unlike Cassandra, we use PostgreSQL for payments.",
            "postgresql"
        )
        .len(),
        1
    );
    assert!(purposes("We considered MongoDB and rejected it.", "mongodb").is_empty());
    assert!(purposes("Should we use DynamoDB for carts?", "dynamodb").is_empty());
    assert!(purposes("## Alternatives\n\nCassandra for the ledger.", "cassandra").is_empty());
}

#[test]
fn scope_walks_sentence_unit_and_feature_headings() {
    let (doc, decisions) = build(
        "# Shop\n\n## Payments\n\nWe need a ledger. It lives in Cassandra.\n\n## Feed\n\nThe feed is in Cassandra.\n",
    );
    let stores: Vec<&Statement> = decisions
        .statements
        .iter()
        .filter(|s| !s.stores.is_empty())
        .collect();
    assert_eq!(stores.len(), 2);
    let money = |s: &Statement| s.has_signal(|k| k == Signal::Strong(Subject::Money));
    let reach: Vec<Reach> = decisions
        .scoped(&doc, stores[0])
        .into_iter()
        .filter(|(s, _)| money(s))
        .map(|(_, r)| r)
        .collect();
    assert_eq!(reach, [Reach::Unit, Reach::Heading]);
    assert!(
        decisions
            .scoped(&doc, stores[1])
            .into_iter()
            .all(|(s, _)| !money(s))
    );
}

#[test]
fn quorums_replication_and_cap_labels_are_recorded() {
    let (_, decisions) = build(
        "Commands use Cassandra with replication factor 3, W=2 and R=1. Replication to the DR site is asynchronous. Ridely is a CP system.",
    );
    let quorum: Vec<QuorumPart> = decisions
        .statements
        .iter()
        .flat_map(|s| s.quorums().map(|q| q.kind.part))
        .collect();
    assert_eq!(
        quorum,
        [QuorumPart::Replicas, QuorumPart::Writes, QuorumPart::Reads]
    );
    assert!(
        decisions
            .statements
            .iter()
            .any(|s| s.replication(|r| r == Replication::Async).is_some())
    );
    assert!(
        decisions
            .statements
            .iter()
            .any(|s| s.cap.iter().any(|c| c.kind == CapLabel::Cp))
    );
}

#[test]
fn store_at_finds_the_mention_under_the_cursor() {
    let (doc, decisions) = build("Orders live in DynamoDB.");
    let at = doc.source().find("Dynamo").unwrap() + 2;
    let (_, fact) = decisions.store_at(at).expect("a store mention");
    assert_eq!(fact.kind.profile().id, "dynamodb");
    assert_eq!(doc.text(fact.range), "DynamoDB");
}

#[test]
fn comparison_tables_and_rule_ids_decide_nothing() {
    let (doc, decisions) = build(
        "| Family | Examples |\n|---|---|\n| Wide-column | Cassandra |\n\nSee `replication/multi-primary-no-conflict-resolution`.\n",
    );
    assert!(decisions.uses_of(&doc, "cassandra").is_empty());
    assert!(
        decisions
            .statements
            .iter()
            .all(|s| s.replication(|r| r == Replication::MultiPrimary).is_none())
    );
}

#[test]
fn odd_input_never_panics() {
    let samples = [
        "",
        "—",
        "Cassandra",
        "| Store |\n|---|\n| Cassandra |",
        "| a | b |\n|---|---|\n| Payments — ledger | Cassandra — `x/y` |",
        "Payments — live in Cassandra; — RPO = 0 — async — LWW on balances —",
        "予約データは DynamoDB に保存し、非同期レプリケーションでデータ損失ゼロ（RPO = 0）。",
        "`unclosed code Cassandra for payments",
        "N= R= W= replication factor of ; QUORUM",
        "Orders, payments 💸 and stock 📦 live in MongoDB 🍃, one after another.",
        "## Payments\n\n- Backed by Riak.\n- R=1, W=1, N=3, strongly consistent.",
        "LIKE '%' || x || '%' search; LIKE CONCAT('%'",
        "After a user edits — the page is read from the read replicas",
    ];
    let rules = crate::RuleSet::default();
    for sample in samples {
        let analysis = crate::analyze(sample, &rules);
        let doc = &analysis.document;
        for finding in &analysis.findings {
            assert!(finding.range.end <= doc.source().len(), "{sample}");
            assert!(
                doc.source().is_char_boundary(finding.range.start),
                "{sample}"
            );
            assert!(doc.source().is_char_boundary(finding.range.end), "{sample}");
        }
        let decisions = analysis.decisions();
        for id in ["cassandra", "dynamodb", "mongodb", "riak"] {
            for site in decisions.uses_of(doc, id) {
                assert!(doc.source().is_char_boundary(site.range.start));
            }
        }
    }
}
