//! Pathological and random inputs: every one finishes with a result, no panic,
//! and every finding range lies inside the document on char boundaries.

use blueprint_analysis::{Analysis, LineIndex, PositionEncoding, RuleSet, analyze};
use proptest::prelude::*;

fn check_invariants(analysis: &Analysis) {
    let source = analysis.document.source();
    for finding in &analysis.findings {
        let range = finding.range;
        assert!(
            range.start <= range.end && range.end <= source.len(),
            "{finding:?}"
        );
        assert!(source.is_char_boundary(range.start), "{finding:?}");
        assert!(source.is_char_boundary(range.end), "{finding:?}");
        for related in &finding.related {
            assert!(related.range.end <= source.len(), "{finding:?}");
            assert!(source.is_char_boundary(related.range.start));
            assert!(source.is_char_boundary(related.range.end));
        }
        if let Some(edit) = &finding.edit {
            assert!(edit.range.end <= source.len(), "{finding:?}");
            assert!(source.is_char_boundary(edit.range.start));
        }
    }
}

fn run(source: String) -> Analysis {
    let analysis = analyze(source, &RuleSet::default());
    check_invariants(&analysis);
    analysis
}

#[test]
fn ten_thousand_nested_list_levels() {
    let mut doc = String::from("# Design: nesting\n\n");
    for depth in 0..10_000 {
        doc.push_str(&" ".repeat(depth.min(200) * 2));
        doc.push_str("- we use Cassandra for payments\n");
    }
    run(doc);
}

#[test]
fn ten_thousand_nested_block_quotes() {
    let doc = format!("{} the cluster is CA\n", ">".repeat(10_000));
    run(doc);
}

#[test]
fn five_megabyte_single_line() {
    let sentence =
        "We store orders in PostgreSQL and replicate them across regions as a CA system ";
    let doc = sentence.repeat(5 * 1024 * 1024 / sentence.len());
    let analysis = run(doc);
    assert!(
        !analysis.findings.is_empty(),
        "the CA claims are still found"
    );
}

#[test]
fn one_giant_sql_block() {
    let mut doc = String::from("# Design\n\n```sql\n");
    for i in 0..20_000 {
        doc.push_str(&format!(
            "CREATE TABLE t{i} (id BIGINT PRIMARY KEY, price FLOAT);\nSELECT * FROM t{i} WHERE price > 3;\n"
        ));
    }
    doc.push_str("```\n");
    let analysis = run(doc);
    assert!(
        analysis
            .findings
            .iter()
            .any(|f| f.rule == "schema/float-for-money")
    );
}

#[test]
fn unterminated_fences_and_broken_sql() {
    run("# Design\n\n```sql\nCREATE TABLE (((\nSELECT FROM WHERE;\n".into());
    run("# Design\n\n````\n```sql\nSELECT 1\n".into());
    run("~~~sql\n'unterminated string\n".into());
}

#[test]
fn nul_bytes_and_control_characters() {
    run("# Design\0\n\n\0we use \u{1}Redis\0 as a CA\0 system across regions\n".into());
}

#[test]
fn mixed_line_endings() {
    let doc = "# Design\r\n\r\nThe cluster spans regions.\rIt is a CA system across regions.\n\r\n```sql\r\nCREATE TABLE a (price REAL);\n```\r\n";
    let analysis = run(doc.into());
    let index = LineIndex::new(doc);
    for finding in &analysis.findings {
        let wire = index.to_wire(doc, finding.range.start, PositionEncoding::Utf16);
        assert_eq!(
            index.from_wire(doc, wire, PositionEncoding::Utf16),
            finding.range.start
        );
    }
}

#[test]
fn analysis_is_deterministic() {
    let doc = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/photo-sharing-design.md"
    ))
    .unwrap();
    let first = run(doc.clone()).findings;
    let second = run(doc).findings;
    assert_eq!(format!("{first:?}"), format!("{second:?}"));
}

/// Markdown-ish text: structure characters, words the rules react to, and
/// multi-byte characters, so random documents exercise real code paths.
fn markdownish() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "# ",
        "## ",
        "\n",
        "\n\n",
        "- ",
        "1. ",
        "> ",
        "```sql\n",
        "```\n",
        "`",
        "*",
        "_",
        "|",
        "---",
        "<!-- blueprint-disable cap -->",
        "<!-- ",
        " -->",
        "CA",
        "partition",
        "replicated",
        "Cassandra",
        "PostgreSQL",
        "Redis",
        "payments",
        "not",
        "shard by country",
        "FLOAT",
        "CREATE TABLE t (price FLOAT, id INT PRIMARY KEY);",
        "SELECT * FROM t WHERE a = 1",
        "price",
        "😀",
        "東京",
        "é",
        "\r\n",
        "\t",
        " ",
        ".",
        "100M requests/day",
        "[x](y)",
    ]);
    prop::collection::vec(pieces, 0..80).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_documents_never_panic_and_keep_ranges_valid(doc in markdownish()) {
        let analysis = run(doc.clone());
        let again = analyze(doc, &RuleSet::default());
        prop_assert_eq!(format!("{:?}", analysis.findings), format!("{:?}", again.findings));
    }

    #[test]
    fn arbitrary_unicode_never_panics(doc in "\\PC{0,400}") {
        run(doc);
    }

    #[test]
    fn utf16_positions_round_trip(doc in "[a-z😀東\r\n ]{0,200}", at in 0usize..400) {
        let index = LineIndex::new(&doc);
        let mut offset = at.min(doc.len());
        while !doc.is_char_boundary(offset) {
            offset -= 1;
        }
        // Between the `\r` and `\n` of a CRLF is not a position of any line.
        if offset > 0 && doc[..offset].ends_with('\r') && doc[offset..].starts_with('\n') {
            offset -= 1;
        }
        for encoding in [PositionEncoding::Utf16, PositionEncoding::Utf8, PositionEncoding::Utf32] {
            let wire = index.to_wire(&doc, offset, encoding);
            prop_assert_eq!(index.from_wire(&doc, wire, encoding), offset);
        }
    }
}
