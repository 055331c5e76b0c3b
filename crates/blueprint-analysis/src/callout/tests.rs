use super::*;
use crate::Document;

fn parse_one(source: &str) -> Result<Callout, CalloutError> {
    let doc = Document::parse(source);
    let mut all = parse_callouts(&doc);
    assert_eq!(all.len(), 1, "{all:?}");
    all.remove(0)
}

/// `line:column` of an error, and the text it points at.
fn at(source: &str, error: &CalloutError) -> (String, String) {
    let doc = Document::parse(source);
    let lc = doc.line_col(error.range.start);
    (
        format!("{}:{}", lc.line, lc.column),
        source[error.range.as_range()].to_string(),
    )
}

const QUIZ: &str = "# T\n\n```quiz\ntitle = \"Iso\"\n\n[[question]]\nprompt = \"Which?\"\nchoices = [\"A\", \"B\", \"C\"]\ncorrect = [3]\nexplain = \"Because *C*.\"\n\n[[question]]\nprompt = \"Name it.\"\naccept = [\"serializable\"]\nexplain = \"S.\"\n```\n";

#[test]
fn quiz_parses_choice_and_short_answer_questions() {
    let callout = parse_one(QUIZ).unwrap();
    let CalloutData::Quiz(quiz) = &callout.data else {
        panic!("{callout:?}")
    };
    assert_eq!(quiz.title.as_deref(), Some("Iso"));
    assert_eq!(quiz.questions.len(), 2);
    assert_eq!(
        quiz.questions[0].answer,
        Answer::Choice {
            choices: vec!["A".into(), "B".into(), "C".into()],
            correct: vec![2]
        }
    );
    assert!(!quiz.questions[0].answer.is_multiple());
    assert_eq!(
        quiz.questions[1].answer,
        Answer::Short {
            accept: vec!["serializable".into()]
        }
    );
    assert_eq!(quiz.questions[0].explain, "Because *C*.");
    let q1 = &QUIZ[quiz.questions[1].range.as_range()];
    assert!(q1.contains("Name it."), "{q1:?}");
}

#[test]
fn ids_are_derived_from_content_and_stable() {
    let a = parse_one(QUIZ).unwrap();
    let b = parse_one(&format!("Intro moved things.\n\n{QUIZ}")).unwrap();
    assert_eq!(a.id, b.id, "moving a callout keeps its id");
    let edited = parse_one(&QUIZ.replace("Which?", "Which one?")).unwrap();
    assert_ne!(a.id, edited.id);
    let (CalloutData::Quiz(qa), CalloutData::Quiz(qe)) = (&a.data, &edited.data) else {
        panic!()
    };
    assert_ne!(qa.questions[0].id, qe.questions[0].id, "edited question");
    assert_eq!(qa.questions[1].id, qe.questions[1].id, "untouched question");
    // Fixed value: the hash must never change between releases.
    assert_eq!(stable_id(&["ACID", "A"]), stable_id(&["ACID", "A"]));
    assert_ne!(stable_id(&["AC", "IDA"]), stable_id(&["ACID", "A"]));
    assert_eq!(stable_id(&[""]).len(), 12);
}

#[test]
fn correct_out_of_range_points_at_the_number() {
    let source = QUIZ.replace("correct = [3]", "correct = [4]");
    let error = parse_one(&source).unwrap_err();
    assert_eq!(at(&source, &error), ("9:12".into(), "4".into()));
    assert!(error.message.contains("3 choices"), "{}", error.message);
}

#[test]
fn missing_explain_and_unknown_field_are_reported_in_the_body() {
    let source = QUIZ.replace("explain = \"S.\"", "explian = \"S.\"");
    let error = parse_one(&source).unwrap_err();
    let (pos, text) = at(&source, &error);
    assert_eq!(pos, "15:1", "{error:?}");
    assert_eq!(text, "explian");
    assert!(error.message.contains("explian"), "{}", error.message);
    assert!(error.message.contains("`explain`"), "says what to write");
}

#[test]
fn toml_syntax_error_position() {
    let source = "```pitfall\ntitle = \"x\"\nproblem = \"unterminated\nfix = \"y\"\n```\n";
    let error = parse_one(source).unwrap_err();
    let (pos, _) = at(source, &error);
    assert!(pos.starts_with("3:"), "{pos} {error:?}");
}

#[test]
fn question_without_answer() {
    let source = "```quiz\n[[question]]\nprompt = \"p\"\nexplain = \"e\"\n```\n";
    let error = parse_one(source).unwrap_err();
    assert!(error.message.contains("no answer"), "{}", error.message);
    assert_eq!(at(source, &error).0, "2:1");
}

#[test]
fn unknown_kind_near_miss_and_other_languages() {
    let source =
        "```flashcard\ndeck = \"x\"\n```\n\n```sql\nSELECT 1;\n```\n\n```rust\nfn main() {}\n```\n";
    let doc = Document::parse(source);
    let all = parse_callouts(&doc);
    assert_eq!(all.len(), 1);
    let error = all[0].clone().unwrap_err();
    assert!(error.message.contains("`flashcards`"), "{}", error.message);
    assert_eq!(at(source, &error), ("1:4".into(), "flashcard".into()));
    assert!(parse_callouts(&Document::parse("```trade-off\n```\n"))[0].is_err());
    assert!(parse_callouts(&Document::parse("```toml\nx = 1\n```\n")).is_empty());
}

#[test]
fn flashcards_interview_pitfall_tradeoff() {
    let cards = parse_one(
        "```flashcards\ndeck = \"ACID\"\n[[card]]\nfront = \"A\"\nback = \"Atomicity\"\n[[card]]\nfront = \"C\"\nback = \"Consistency\"\n```\n",
    )
    .unwrap();
    let CalloutData::Flashcards(deck) = cards.data else {
        panic!()
    };
    assert_eq!(deck.cards.len(), 2);
    assert_eq!(deck.cards[0].id, stable_id(&["ACID", "A"]));
    let dup = parse_one(
        "```flashcards\ndeck = \"D\"\n[[card]]\nfront = \"A\"\nback = \"1\"\n[[card]]\nfront = \"A\"\nback = \"2\"\n```\n",
    );
    assert!(dup.unwrap_err().message.contains("already has"));

    let interview = parse_one(
        "```interview\nquestion = \"Q?\"\nanswer = \"\"\"\nPara 1.\n\nPara 2.\n\"\"\"\n```\n",
    )
    .unwrap();
    assert!(matches!(interview.data, CalloutData::Interview(ref i) if i.answer.contains("Para 2")));

    let one_option =
        "```tradeoff\n[[option]]\nname = \"A\"\npros = []\ncons = []\npick_when = \"x\"\n```\n";
    let error = parse_one(one_option).unwrap_err();
    assert!(error.message.contains("at least two"));
    assert_eq!(at(one_option, &error).0, "2:1");

    let missing = "```pitfall\ntitle = \"t\"\nproblem = \"p\"\n```\n";
    let error = parse_one(missing).unwrap_err();
    assert!(error.message.contains("`fix`"), "{}", error.message);
}

const DECISION: &str = "```decision\nstart = \"tx\"\n[[step]]\nid = \"tx\"\nask = \"Tx?\"\nchoices = [\n  { label = \"Yes\", next = \"rel\" },\n  { label = \"No\", next = \"kv\" },\n]\n[[outcome]]\nid = \"rel\"\nrecommend = \"PostgreSQL\"\nwhy = \"joins\"\n[[outcome]]\nid = \"kv\"\nrecommend = \"DynamoDB\"\nwhy = \"keys\"\n```\n";

#[test]
fn decision_flow_is_checked() {
    let ok = parse_one(DECISION).unwrap();
    let CalloutData::Decision(d) = ok.data else {
        panic!()
    };
    assert_eq!(d.steps[0].choices[1].next, "kv");

    let typo = DECISION.replace("next = \"kv\"", "next = \"kb\"");
    let error = parse_one(&typo).unwrap_err();
    assert_eq!(at(&typo, &error), ("8:26".into(), "\"kb\"".into()));
    assert!(
        error.message.contains("did you mean `kv`"),
        "{}",
        error.message
    );

    let cycle = DECISION.replace("next = \"kv\"", "next = \"tx\"");
    let error = parse_one(&cycle).unwrap_err();
    assert!(error.message.contains("loops"), "{}", error.message);

    let unreachable = DECISION.replace("next = \"kv\"", "next = \"rel\"");
    let error = parse_one(&unreachable).unwrap_err();
    assert!(
        error.message.contains("`kv` cannot be reached"),
        "{}",
        error.message
    );
}

const DESIGN: &str = "# Ch\n\n````design-doc\ntitle = \"Draft\"\nexpect = [\"cap/nothing-like-this\"]\n---\n## Payments\n\nWe store payments in Cassandra.\n````\n";

#[test]
fn design_doc_header_and_doc_map() {
    let callout = parse_one(DESIGN).unwrap();
    let CalloutData::DesignDoc(design) = &callout.data else {
        panic!()
    };
    assert_eq!(design.title.as_deref(), Some("Draft"));
    assert_eq!(design.expect, ["cap/nothing-like-this"]);
    let at_doc = design.doc.find("Cassandra").unwrap();
    let source = design.doc_map.to_source(at_doc);
    assert_eq!(&DESIGN[source..source + 9], "Cassandra");
    assert_eq!(
        &DESIGN[design.expect_ranges[0].as_range()],
        "\"cap/nothing-like-this\""
    );

    let check = check_design_doc(design, &RuleSet::only(&[]));
    assert_eq!(check.errors.len(), 1, "{:?}", check.errors);
    assert!(check.errors[0].message.contains("not a rule id"));

    let no_rule = "```design-doc\nexpect = []\n## Doc\n```\n";
    assert!(parse_one(no_rule).unwrap_err().message.contains("`---`"));
}

#[test]
fn design_doc_mismatch_points_at_the_finding() {
    // Any rule that fires on a doc will do: find one from the registry by
    // running every rule on the doc, then expect nothing.
    let doc = "# Payments\n\n```sql\nCREATE TABLE payments (id BIGINT PRIMARY KEY, amount FLOAT NOT NULL);\n```\n";
    let analysis = crate::analyze(doc, &RuleSet::default());
    assert!(
        analysis
            .findings
            .iter()
            .any(|f| f.rule == "schema/float-for-money"),
        "{:?}",
        analysis.findings
    );
    let source = format!("# Ch\n\n````design-doc\nexpect = []\n---\n{doc}````\n");
    let callout = parse_one(&source).unwrap();
    let CalloutData::DesignDoc(design) = &callout.data else {
        panic!()
    };
    let check = check_design_doc(design, &RuleSet::default());
    assert_eq!(check.findings.len(), analysis.findings.len());
    let rules: std::collections::BTreeSet<&str> =
        analysis.findings.iter().map(|f| f.rule).collect();
    assert_eq!(check.errors.len(), rules.len());
    for (finding, error) in analysis.findings.iter().zip(&check.errors) {
        // Same words in the chapter as in the standalone doc.
        assert_eq!(
            &source[error.range.as_range()],
            &doc[finding.range.as_range()]
        );
    }
}

#[test]
fn body_in_a_list_item_maps_back_through_the_indent() {
    let source =
        "- item\n\n  ```pitfall\n  title = \"t\"\n  problem = \"p\"\n  fx = \"f\"\n  ```\n";
    let error = parse_one(source).unwrap_err();
    assert_eq!(at(source, &error), ("6:3".into(), "fx".into()));
}

#[test]
fn every_example_on_the_how_to_page_parses() {
    let page = include_str!("../../../../book/src/how-to-write-callouts.md");
    let doc = Document::parse(page);
    let mut seen = std::collections::BTreeSet::new();
    for block in doc
        .code_blocks
        .iter()
        .filter(|b| b.language.as_deref() == Some("markdown"))
    {
        let example = Document::parse(doc.text(block.content));
        for callout in parse_callouts(&example) {
            let callout =
                callout.unwrap_or_else(|e| panic!("{e:?} in\n{}", doc.text(block.content)));
            seen.insert(callout.kind);
        }
    }
    assert_eq!(seen.len(), CalloutKind::ALL.len(), "{seen:?}");
}
