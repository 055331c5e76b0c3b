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

/// The sentence every pathological document hides somewhere: a relational
/// store replicated across regions called "CA" (`cap/ca-distributed-claim`,
/// reported on the word "CA").
const CA_CLAIM: &str =
    "We store orders in PostgreSQL and replicate them across regions as a CA system.";

fn with_rule<'a>(analysis: &'a Analysis, rule: &str) -> Vec<&'a str> {
    let source = analysis.document.source();
    analysis
        .findings
        .iter()
        .filter(|f| f.rule == rule)
        .map(|f| &source[f.range.as_range()])
        .collect()
}

#[test]
fn ten_thousand_nested_list_levels() {
    let mut doc = String::from("# Design: nesting\n\n");
    for depth in 0..10_000 {
        doc.push_str(&" ".repeat(depth.min(200) * 2));
        doc.push_str("- an item\n");
    }
    let last_item = doc.len();
    doc.push_str(&" ".repeat(400));
    doc.push_str("- ");
    doc.push_str(CA_CLAIM);
    doc.push('\n');
    let analysis = run(doc);
    // The claim in the deepest item is still read as prose and flagged, once.
    let ca: Vec<_> = analysis
        .findings
        .iter()
        .filter(|f| f.rule == "cap/ca-distributed-claim")
        .collect();
    assert_eq!(ca.len(), 1, "{:?}", analysis.findings);
    assert!(ca[0].range.start > last_item);
}

#[test]
fn ten_thousand_nested_block_quotes() {
    let doc = format!("{} {CA_CLAIM}\n", ">".repeat(10_000));
    let analysis = run(doc);
    assert_eq!(with_rule(&analysis, "cap/ca-distributed-claim"), ["CA"]);
}

#[test]
fn five_megabyte_single_line() {
    // One line of ordinary prose with a CA claim every ~85 KB.
    let neutral =
        "The storage team reviews every design before launch and writes down what it decided ";
    let claim = "The cluster is replicated across regions and runs as a CA system ";
    let mut line = String::with_capacity(5 * 1024 * 1024 + 128);
    let mut i: usize = 0;
    while line.len() < 5 * 1024 * 1024 {
        line.push_str(if i.is_multiple_of(1000) {
            claim
        } else {
            neutral
        });
        i += 1;
    }
    let claims = i.div_ceil(1000);
    let analysis = run(line);
    assert_eq!(analysis.document.line_index().line_count(), 1);
    let ca = with_rule(&analysis, "cap/ca-distributed-claim");
    assert_eq!(ca.len(), claims, "{ca:?}");
    assert!(ca.iter().all(|w| *w == "CA"), "{ca:?}");
}

#[test]
fn one_paragraph_of_ten_thousand_store_claims() {
    // Every sentence names a store or a requirement: rules that relate the
    // sentences of a paragraph or section must not compare all pairs.
    let claims = [
        "Payments are stored in Cassandra.",
        "We need strong consistency for balances.",
        "Orders live in MongoDB with eventual consistency.",
        "The cache is Redis.",
    ];
    let mut doc = String::from("# Design: ledger\n\n## Payments\n\n");
    for i in 0..10_000 {
        doc.push_str(claims[i % claims.len()]);
        doc.push(' ');
    }
    let analysis = run(doc);
    assert!(analysis.document.sentences.len() >= 10_000);
    // One finding per store, however often the choice is restated.
    assert_eq!(
        with_rule(&analysis, "cap/ap-store-for-strong-consistency"),
        ["Cassandra"]
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
    assert_eq!(analysis.document.code_blocks.len(), 1);
    let floats = with_rule(&analysis, "schema/float-for-money");
    assert!(!floats.is_empty(), "{:?}", analysis.findings);
    assert!(floats.iter().all(|w| *w == "price FLOAT"), "{floats:?}");
}

#[test]
fn unterminated_fences_and_broken_sql() {
    // An unterminated fence runs to the end: the claim inside is code, not prose.
    let doc = format!("# Design\n\n```\n{CA_CLAIM}\n");
    let analysis = run(doc.clone());
    assert_eq!(analysis.document.code_blocks.len(), 1);
    assert_eq!(analysis.document.code_blocks[0].range.end, doc.len());
    assert!(with_rule(&analysis, "cap/ca-distributed-claim").is_empty());
    // An unterminated SQL fence is still SQL.
    let analysis = run("# Design\n\n```sql\nCREATE TABLE a (price FLOAT);\n".into());
    assert_eq!(
        with_rule(&analysis, "schema/float-for-money"),
        ["price FLOAT"]
    );
    // Broken SQL is skipped, not fatal.
    let analysis = run("# Design\n\n```sql\nCREATE TABLE (((\nSELECT FROM WHERE;\n".into());
    assert!(with_rule(&analysis, "schema/float-for-money").is_empty());
    let analysis = run("# Design\n\n````\n```sql\nSELECT 1\n".into());
    assert_eq!(
        analysis.document.code_blocks.len(),
        1,
        "the inner fence is content"
    );
    let analysis = run("~~~sql\n'unterminated string\n".into());
    assert_eq!(analysis.document.code_blocks.len(), 1);
}

#[test]
fn nul_bytes_and_control_characters() {
    let doc = format!("# Design\0\n\n\0{CA_CLAIM}\0 \u{1}\n\n\0we use \u{1}Redis\0\n");
    let analysis = run(doc);
    assert_eq!(with_rule(&analysis, "cap/ca-distributed-claim"), ["CA"]);
}

#[test]
fn mixed_line_endings() {
    let doc = "# Design\r\n\r\nThe cluster spans regions.\rIt is a CA system across regions.\n\r\n```sql\r\nCREATE TABLE a (price REAL);\n```\r\n";
    let analysis = run(doc.into());
    assert_eq!(with_rule(&analysis, "cap/ca-distributed-claim"), ["CA"]);
    assert_eq!(
        with_rule(&analysis, "schema/float-for-money"),
        ["price REAL"]
    );
    let index = LineIndex::new(doc);
    // The lone `\r` ends line 3, so the claim is on line 4; the SQL on line 7.
    let lines: Vec<u32> = analysis
        .findings
        .iter()
        .filter(|f| ["cap/ca-distributed-claim", "schema/float-for-money"].contains(&f.rule))
        .map(|f| analysis.document.line_col(f.range.start).line)
        .collect();
    assert_eq!(lines, [4, 7]);
    for finding in &analysis.findings {
        for encoding in [
            PositionEncoding::Utf16,
            PositionEncoding::Utf8,
            PositionEncoding::Utf32,
        ] {
            let wire = index.to_wire(doc, finding.range.start, encoding);
            assert_eq!(index.from_wire(doc, wire, encoding), finding.range.start);
        }
    }
}

#[test]
fn ten_thousand_cell_table() {
    let mut doc = String::from("# Design\n\n");
    let row = |cell: &str| format!("|{}\n", format!(" {cell} |").repeat(100));
    doc.push_str(&row("col"));
    doc.push_str(&row("---"));
    for _ in 0..98 {
        doc.push_str(&row("x"));
    }
    doc.push_str(&format!("| {CA_CLAIM} |{}\n", " y |".repeat(99)));
    let analysis = run(doc);
    assert_eq!(analysis.document.tables.len(), 1);
    let table = &analysis.document.tables[0];
    // Header plus 99 body rows (the delimiter row is not a row) of 100 cells.
    assert_eq!(table.rows.len(), 100);
    assert!(table.rows.iter().all(|r| r.len() == 100));
    assert_eq!(with_rule(&analysis, "cap/ca-distributed-claim"), ["CA"]);
}

#[test]
fn fifty_thousand_html_comments_and_suppressions() {
    let mut doc = String::from("# Design\n\n");
    for _ in 0..25_000 {
        doc.push_str("<!-- blueprint-disable-next-line cap -->\n");
        doc.push_str(CA_CLAIM);
        doc.push_str("\n\n<!-- a plain comment -->\n\n");
    }
    doc.push_str("<!-- blueprint-disable-next-line schema -->\nnothing to suppress\n");
    let analysis = run(doc);
    assert_eq!(analysis.document.html_comments.len(), 50_001);
    // Every claim is suppressed; only the suppression with nothing to do is left.
    assert!(with_rule(&analysis, "cap/ca-distributed-claim").is_empty());
    assert_eq!(with_rule(&analysis, "meta/unused-suppression"), ["schema"]);
}

#[test]
fn deeply_nested_emphasis() {
    let depth = 5_000;
    let doc = format!(
        "# Design\n\n{}{CA_CLAIM}{}\n\n{}unbalanced {CA_CLAIM}\n",
        "*_".repeat(depth),
        "_*".repeat(depth),
        "**".repeat(depth)
    );
    let analysis = run(doc);
    assert_eq!(
        with_rule(&analysis, "cap/ca-distributed-claim"),
        ["CA", "CA"]
    );
}

#[test]
fn one_megabyte_inline_code_span() {
    let code = "SELECT * FROM orders WHERE a CA system spans regions; ".repeat(1024 * 1024 / 54);
    let doc = format!("# Design\n\nRun `{code}` nightly. {CA_CLAIM}\n");
    let analysis = run(doc);
    assert_eq!(analysis.document.inline_code.len(), 1);
    let span = analysis.document.inline_code[0];
    assert!(span.end - span.start > 1_000_000);
    // The words in the code span are not prose; the claim after it is.
    assert_eq!(with_rule(&analysis, "cap/ca-distributed-claim"), ["CA"]);
    let ca = analysis
        .findings
        .iter()
        .find(|f| f.rule == "cap/ca-distributed-claim")
        .unwrap();
    assert!(ca.range.start > analysis.document.inline_code[0].end);
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
