use super::*;

fn parse(text: &str) -> Vec<(String, f64, QuantityKind)> {
    parse_sentence(text)
        .into_iter()
        .map(|p| (text[p.local.clone()].to_string(), p.value, p.kind))
        .collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= b.abs() * 1e-9
}

#[test]
fn magnitudes_and_rates() {
    let found = parse("New links: 100M per month, which is about 400 writes/s.");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].0, "100M per month");
    assert!(close(found[0].1, 1e8));
    assert_eq!(found[0].2, QuantityKind::Rate { period: MONTH });
    assert_eq!(found[1].0, "400 writes/s");
    assert_eq!(found[1].2, QuantityKind::Rate { period: 1.0 });

    let found = parse("1.2 billion events, 50k users, 5,000 QPS and 43M readings per day");
    assert!(close(found[0].1, 1.2e9));
    assert_eq!(found[0].2, QuantityKind::Count);
    assert!(close(found[1].1, 5e4));
    assert_eq!(found[2].2, QuantityKind::Rate { period: 1.0 });
    assert!(close(found[2].1, 5000.0));
    assert_eq!(found[3].2, QuantityKind::Rate { period: DAY });
    assert!(close(found[3].1, 43e6));
}

#[test]
fn sizes_durations_and_billions() {
    let found = parse("10B × 120 B × 3 ≈ 3.6 TB, kept 90 days, 1 KB each, 7.3 PB");
    let kinds: Vec<_> = found.iter().map(|f| f.2).collect();
    assert_eq!(
        kinds,
        vec![
            QuantityKind::Count,
            QuantityKind::Bytes,
            QuantityKind::Count,
            QuantityKind::Bytes,
            QuantityKind::Duration,
            QuantityKind::Bytes,
            QuantityKind::Bytes,
        ]
    );
    assert!(close(found[0].1, 1e10));
    assert!(close(found[1].1, 120.0));
    assert!(close(found[3].1, 3.6e12));
    assert!(close(found[4].1, 90.0 * DAY));
    assert!(close(found[6].1, 7.3e15));
}

#[test]
fn percentages_versions_dates_and_multipliers_are_not_quantities() {
    assert!(
        parse("99.99% availability, p99 under 20ms, 2x growth, on 2024-05-14 at 14:50").len() == 1
    );
    assert!(parse("10 Mbit/s connection").is_empty());
}

#[test]
fn cjk_magnitudes_and_units() {
    let found = parse("予約件数：1 日 30 万件（≈ 3.5 件/秒、ピーク時 6 件/秒）");
    assert_eq!(found[0].2, QuantityKind::Duration);
    assert!(close(found[1].1, 3e5));
    assert_eq!(found[2].2, QuantityKind::Rate { period: 1.0 });
    let peak = parse_sentence("予約件数：1 日 30 万件（≈ 3.5 件/秒、ピーク時 6 件/秒）");
    assert!(peak[2].approx);
    assert!(peak[3].peak && !peak[2].peak);
}

#[test]
fn peaks_and_approximations() {
    let found = parse_sentence("Volume: 80k orders/day, peaking at 500 orders/s at dinner time.");
    assert!(!found[0].peak);
    assert!(found[1].peak);
    let found = parse_sentence("2B events/day ≈ 23,000 events/s average, ~40,000/s at peak.");
    assert!(found[1].approx && !found[1].peak);
    assert!(found[2].approx && found[2].peak);
}

#[test]
fn model_maps_quantities_to_the_source() {
    let doc = Document::parse("# Scale\n\n- Redirects: 10B per month ≈ 3,850 redirects/s.\n");
    let model = QuantityModel::build(&doc);
    assert_eq!(model.quantities.len(), 2);
    let q = &model.quantities[1];
    assert_eq!(doc.text(q.range), "3,850 redirects/s");
    assert!(close(q.per_second().unwrap(), 3850.0));
    assert!(close(
        model.quantities[0].per_second().unwrap(),
        1e10 / MONTH
    ));
    assert_eq!(model.at(q.range.start + 2), Some(q));
    assert_eq!(human(3858.0), "3858");
    assert_eq!(human_bytes(3.04e12), "3.04 TB");
    assert_eq!(human_duration(5.0 * YEAR), "5 years");
}

#[test]
fn rates_and_storage_relate_across_units() {
    // 100M per month is about 38.6/s; kept 5 years at 500 B each is about 3 TB.
    let per_second = 1e8 / MONTH;
    assert!((per_second - 38.58).abs() < 0.01);
    assert!(close(over_period(per_second, MONTH), 1e8));
    let bytes = storage_bytes(per_second, 5.0 * YEAR, 500.0);
    assert!((bytes / 1e12 - 3.04).abs() < 0.01, "{bytes}");
}
