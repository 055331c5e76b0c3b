use super::*;

fn model(markdown: &str) -> (Document, ShardingModel) {
    let doc = Document::parse(markdown);
    let model = ShardingModel::build(&doc, &SqlModel::build(&doc));
    (doc, model)
}

#[test]
fn prose_statements_with_keys_strategies_and_tables() {
    let (doc, model) = model(
        "# Design\n\nThe `stock` table is sharded by `warehouse_region` (EU, US, APAC).\n\n\
         The clicks table is spread over 4 PostgreSQL nodes, placing each row on node `hash(code) % 4`.\n\n\
         Timelines are sharded by hash of user_id onto 256 logical shards.\n",
    );
    let s: Vec<_> = model.asserted().collect();
    assert_eq!(s.len(), 3);
    assert_eq!(s[0].key_names(), "warehouse_region");
    assert_eq!(doc.text(s[0].keys[0].range), "warehouse_region");
    assert_eq!(s[0].listed_values, Some(3));
    assert_eq!(s[0].tables, ["stock"]);
    assert_eq!(s[1].key_names(), "code");
    assert!(s[1].has_strategy(Strategy::Modulo));
    assert_eq!(doc.text(s[1].modulo.unwrap()), "% 4");
    assert_eq!(s[1].shard_count, Some(4));
    assert_eq!(s[2].key_names(), "user_id");
    assert_eq!(s[2].logical_shards, Some(256));
    assert!(s[2].has_strategy(Strategy::LogicalShards));
    assert_eq!(model.keys_for_table("stock")[0].name, "warehouse_region");
}

#[test]
fn cql_partition_keys_and_key_nouns() {
    let (doc, model) = model(
        "# Chat\n\n```cql\nCREATE TABLE messages_by_day (day date, sent_at timeuuid, PRIMARY KEY ((day), sent_at));\n```\n\n\
         Boards use `hash(game_id)`; game_id is the shard key.\n",
    );
    let cql = model
        .statements
        .iter()
        .find(|s| matches!(s.source, Source::Cql(_)))
        .unwrap();
    assert_eq!(cql.key_names(), "day");
    let a = assess(&model, &doc, cql, &cql.keys[0]);
    assert!(matches!(a.monotonicity, Monotonicity::Time { .. }));
    let prose = model
        .statements
        .iter()
        .find(|s| s.source == Source::Prose)
        .unwrap();
    assert_eq!(prose.key_names(), "game_id");
}

#[test]
fn rejected_and_keyless_statements() {
    let (_, model) = model(
        "# Design\n\nWe considered sharding by country and rejected it.\n\n\
         The registry will be sharded across 4 nodes.\n",
    );
    assert_eq!(model.statements.len(), 2);
    assert!(!model.statements[0].asserted);
    assert!(model.statements[1].asserted && model.statements[1].keys.is_empty());
}

#[test]
fn sequence_and_low_cardinality_assessments() {
    let (doc, model) = model(
        "# Design\n\n```sql\nCREATE TABLE events (id bigserial PRIMARY KEY, is_paid boolean);\n```\n\n\
         Events are range-distributed by `id`.\n\nThe orders collection is sharded by country.\n",
    );
    let s: Vec<_> = model.asserted().collect();
    let a = assess(&model, &doc, s[0], &s[0].keys[0]);
    assert!(
        matches!(a.monotonicity, Monotonicity::Sequence { .. }),
        "{a:?}"
    );
    assert!(s[0].has_strategy(Strategy::Range));
    let b = assess(&model, &doc, s[1], &s[1].keys[0]);
    assert!(matches!(b.cardinality, Cardinality::Low { .. }), "{b:?}");
}

#[test]
fn odd_input_never_panics() {
    let inputs = [
        "# 設計\n\n「hash(user_id) % 4」で配置し、`node=hash(キー)%4` にシャードする。\n",
        "# Design\n\n：`hash(x) % 4` placed on 4 nodes; （region）is the shard key.\n",
        "# D\n\nsharded by\n\nsharded by `\n\n`` sharded `` by ``a``\n\n% 4 sharded % %\n",
        "# D\n\n１２３ＫＢ × ９０ ≈ ５ＴＢ; 10B×3≈; 5 MB/s; 1e9 rows; 1,00,000 rows; 3.5.6 GB\n",
        "# D\n\n```cql\nCREATE TABLE (\nPRIMARY KEY ((\n```\n\n```cql\nCREATE TABLE t (a int, PRIMARY KEY ((a)\n```\n",
        "# D\n\nfor each 🎮 we query 20 ids\n\n```python\nfor x in y:\n```\n",
    ];
    let rules = crate::RuleSet::default();
    for input in inputs {
        let analysis = crate::analyze(input, &rules);
        for finding in &analysis.findings {
            // Ranges lie on char boundaries inside the document.
            let _ = analysis.document.text(finding.range);
        }
        for offset in 0..=input.len() {
            if input.is_char_boundary(offset) {
                let _ = crate::hover::hover(&analysis, offset);
            }
        }
    }
}
