use super::*;

fn sentence_texts(doc: &Document) -> Vec<&str> {
    doc.sentences.iter().map(|s| doc.sentence_text(s)).collect()
}

#[test]
fn sections_nest_by_heading_level() {
    let doc = Document::parse("# Title\n\nintro\n\n## A\n\na\n\n### A.1\n\nx\n\n## B\n\nb\n");
    let titles: Vec<(&str, u8, Option<usize>)> = doc
        .sections
        .iter()
        .map(|s| (s.title.as_str(), s.level, s.parent))
        .collect();
    assert_eq!(
        titles,
        vec![
            ("", 0, None),
            ("Title", 1, Some(0)),
            ("A", 2, Some(1)),
            ("A.1", 3, Some(2)),
            ("B", 2, Some(1))
        ]
    );
    let a = &doc.sections[2];
    assert_eq!(doc.text(a.range), "## A\n\na\n\n### A.1\n\nx\n\n");
    let x = doc.source().find("x\n").unwrap();
    assert_eq!(doc.section_at(x), 3);
    assert!(doc.section_within(3, 2));
    assert!(!doc.section_within(4, 2));
}

#[test]
fn sentences_split_with_abbreviations_decimals_and_cjk() {
    let doc = Document::parse(
        "We use PostgreSQL, e.g. for orders. Version 1.2 ships soon! Is it fast? 決済は強整合。在庫も同じ。\n",
    );
    assert_eq!(
        sentence_texts(&doc),
        vec![
            "We use PostgreSQL, e.g. for orders.",
            "Version 1.2 ships soon!",
            "Is it fast?",
            "決済は強整合。",
            "在庫も同じ。"
        ]
    );
}

#[test]
fn sentence_ranges_point_into_the_source_through_markup() {
    let source = "Payments use **Cassandra** and `users.email`,\nwith soft breaks. Next one.";
    let doc = Document::parse(source);
    let first = &doc.sentences[0];
    assert_eq!(
        doc.sentence_text(first),
        "Payments use Cassandra and users.email, with soft breaks."
    );
    assert_eq!(
        doc.text(first.range),
        "Payments use **Cassandra** and `users.email`,\nwith soft breaks."
    );
    let text = doc.sentence_text(first);
    let at = text.find("Cassandra").unwrap();
    let range = doc.sentence_span(first, at..at + "Cassandra".len());
    assert_eq!(doc.text(range), "Cassandra");
    let code = text.find("users.email").unwrap();
    assert!(doc.sentence_is_code(first, code));
    assert!(!doc.sentence_is_code(first, at));
}

#[test]
fn escapes_and_entities_map_to_their_source() {
    let source = "Costs \\$5 &amp; more.";
    let doc = Document::parse(source);
    let sentence = &doc.sentences[0];
    assert_eq!(doc.sentence_text(sentence), "Costs $5 & more.");
    assert_eq!(doc.text(sentence.range), source);
    let text = doc.sentence_text(sentence);
    let at = text.find("more").unwrap();
    assert_eq!(doc.text(doc.sentence_span(sentence, at..at + 4)), "more");
}

#[test]
fn lists_tables_quotes_code_and_comments() {
    let source = "\
- tight item one
- item two

| Store | Use |
|---|---|
| Redis | sessions |

> We considered Cassandra and rejected it.

```sql title=\"schema\"
SELECT 1;
```

<!-- blueprint-disable cap -->
Inline `<!-- not a comment -->` here.

~~We use MongoDB.~~ We use PostgreSQL.
";
    let doc = Document::parse(source);
    let items: Vec<_> = doc
        .blocks
        .iter()
        .filter(|b| b.kind == ProseKind::ListItem)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(items, vec!["tight item one", "item two"]);

    assert_eq!(doc.tables.len(), 1);
    let rows: Vec<Vec<&str>> = doc.tables[0]
        .rows
        .iter()
        .map(|r| r.iter().map(|&b| doc.blocks[b].text.as_str()).collect())
        .collect();
    assert_eq!(rows, vec![vec!["Store", "Use"], vec!["Redis", "sessions"]]);

    let quoted = doc
        .blocks
        .iter()
        .find(|b| b.text.contains("Cassandra"))
        .unwrap();
    assert!(quoted.in_block_quote);
    assert_eq!(doc.block_quotes.len(), 1);

    assert_eq!(doc.code_blocks.len(), 1);
    let code = &doc.code_blocks[0];
    assert_eq!(code.language.as_deref(), Some("sql"));
    assert_eq!(code.info, "sql title=\"schema\"");
    assert_eq!(doc.text(code.content), "SELECT 1;\n");
    assert!(doc.in_code_block(code.content.start));

    assert_eq!(
        doc.html_comments.len(),
        1,
        "the comment inside inline code is code"
    );
    assert_eq!(doc.text(doc.html_comments[0].body), "blueprint-disable cap");

    let texts = sentence_texts(&doc);
    assert!(texts.contains(&"We use PostgreSQL."));
    assert!(
        !texts.iter().any(|t| t.contains("MongoDB")),
        "struck-through text is retracted"
    );
}

#[test]
fn crlf_documents_report_the_same_positions_as_lf() {
    let lf = "# T\n\nWe chose CA.\n";
    let crlf = lf.replace('\n', "\r\n");
    let a = Document::parse(lf);
    let b = Document::parse(crlf);
    let at_a = a.line_col(a.sentences[1].range.start);
    let at_b = b.line_col(b.sentences[1].range.start);
    assert_eq!(at_a, at_b);
    assert_eq!(b.text(b.sentences[1].range), "We chose CA.");
}

#[test]
fn front_matter_is_not_prose() {
    let doc = Document::parse("---\nblueprint: design-doc\n---\n# Title\n");
    assert!(doc.front_matter.is_some());
    assert_eq!(sentence_texts(&doc), vec!["Title"]);
}

#[test]
fn unterminated_fence_and_empty_input_do_not_panic() {
    for source in [
        "",
        "```sql\nSELECT",
        "# only a heading",
        "\u{0}\u{0}",
        "> > > deep",
        "|a|\n|-|\n",
    ] {
        let doc = Document::parse(source);
        for s in &doc.sentences {
            assert!(s.range.end <= source.len());
            assert!(source.is_char_boundary(s.range.start) && source.is_char_boundary(s.range.end));
        }
    }
}

#[test]
fn a_run_without_sentence_ends_is_cut_at_white_space_after_the_limit() {
    let run = "word ".repeat(3000);
    let doc = Document::parse(format!("{run}\n"));
    assert!(doc.sentences.len() >= 3, "{}", doc.sentences.len());
    for sentence in &doc.sentences {
        let text = doc.sentence_text(sentence);
        assert!(text.len() <= 4096 + 8, "{}", text.len());
        assert!(
            text.starts_with("word") && text.ends_with("word"),
            "{text:?}"
        );
    }
}
