//! `blueprint explain` through the real binary.

use std::process::{Command, Output};

fn explain(query: &str) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blueprint"))
        .args(["explain", query])
        .env_remove("CLICOLOR_FORCE")
        .env("COLUMNS", "80")
        .output()
        .expect("blueprint runs")
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("utf-8 stdout")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("utf-8 stderr")
}

#[test]
fn explains_a_glossary_term() {
    let output = explain("mvcc");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.starts_with("MVCC: "), "{text}");
    assert!(
        text.contains("Also called: multi-version concurrency control"),
        "{text}"
    );
    assert!(text.contains("Related: "), "{text}");
    assert!(text.contains("04-transactions.html"), "{text}");
    // Piped output: no colour codes, wrapped to the width.
    assert!(!text.contains('\x1b'), "escape codes in piped output");
    // Wrapped to the width; only an unbreakable word (a long URL) may exceed it.
    assert!(
        text.lines()
            .all(|l| l.chars().count() <= 80 || !l.trim().contains(' ')),
        "{text}"
    );
}

#[test]
fn an_alias_resolves_to_its_term() {
    for alias in ["RC", "read-committed", "READ COMMITTED"] {
        let output = explain(alias);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{alias}: {}",
            stderr(&output)
        );
        assert!(
            stdout(&output).starts_with("Read Committed: "),
            "{alias}: {}",
            stdout(&output)
        );
    }
}

#[test]
fn explains_a_database() {
    let output = explain("postgres");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(
        text.starts_with("PostgreSQL (relational; consistency: strong by default)"),
        "{text}"
    );
    for part in [
        "Strong reads",
        "Scaling:",
        "Good for:",
        "Bad for:",
        "Pitfalls:",
        "  • ",
    ] {
        if part == "Strong reads" {
            // PostgreSQL is strong by default, so it has no strong-read option.
            assert!(!text.contains(part), "{text}");
        } else {
            assert!(text.contains(part), "missing {part:?}: {text}");
        }
    }
    let dynamo = stdout(&explain("dynamodb"));
    assert!(
        dynamo.contains("Strong reads: ConsistentRead=true"),
        "{dynamo}"
    );
}

#[test]
fn explains_a_rule_by_id_and_by_name() {
    let by_id = explain("cap/ca-distributed-claim");
    assert_eq!(by_id.status.code(), Some(0), "{}", stderr(&by_id));
    let text = stdout(&by_id);
    assert!(
        text.starts_with("cap/ca-distributed-claim (error)"),
        "{text}"
    );
    assert!(text.contains("What it does"), "{text}");
    assert!(text.contains("Use instead"), "{text}");
    let by_name = explain("CA-Distributed-Claim");
    assert_eq!(stdout(&by_name), text);
}

#[test]
fn a_typo_one_edit_away_is_corrected_with_a_note() {
    let output = explain("serialisable");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).starts_with("Serializable: "));
    assert!(
        stderr(&output).contains("closest match"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn an_unknown_word_fails_with_a_suggestion() {
    let output = explain("consistant hash");
    assert_eq!(output.status.code(), Some(2));
    assert!(stdout(&output).is_empty());
    let err = stderr(&output);
    assert!(
        err.contains("`consistant hash` is not a rule, glossary term or database"),
        "{err}"
    );
    assert!(err.contains("did you mean"), "{err}");
    assert!(err.to_lowercase().contains("consistent hash"), "{err}");

    let nothing = explain("xylophone");
    assert_eq!(nothing.status.code(), Some(2));
    assert!(
        !stderr(&nothing).contains("did you mean"),
        "{}",
        stderr(&nothing)
    );
}
