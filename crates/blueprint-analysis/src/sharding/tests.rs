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
