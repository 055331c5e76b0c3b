//! End-to-end tests of `blueprint check`: the real binary on real files.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

const CA_CLAIM: &str = "# Design: orders\n\n## Requirements\n\n- Orders are stored in three regions.\n\nThe cluster is replicated across three regions and we run it as a CA system.\n";

fn blueprint(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_blueprint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("the blueprint binary runs")
}

fn with_stdin(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_blueprint"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the blueprint binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).expect("stderr is UTF-8")
}

fn json(output: &Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("stdout is JSON ({e}): {}", stdout(output)))
}

fn project(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, content) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, content).unwrap();
    }
    dir
}

fn rules_of(report: &Value) -> Vec<String> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn error_finding_fails_with_exit_1_and_json_has_the_documented_shape() {
    let dir = project(&[("docs/design.md", CA_CLAIM.as_bytes())]);
    let output = blueprint(dir.path(), &["check", "docs/design.md", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["version"], 1);
    assert_eq!(report["files"], 1);
    let diagnostic = &report["diagnostics"][0];
    assert_eq!(diagnostic["file"], "docs/design.md", "paths stay as given");
    assert_eq!(diagnostic["rule"], "cap/ca-distributed-claim");
    assert_eq!(diagnostic["severity"], "error");
    assert!(diagnostic["message"].as_str().unwrap().contains("CA"));
    assert!(diagnostic["help"].is_string());
    // "CA" on line 7: "The cluster is replicated across three regions and we run it as a CA system."
    let column = "The cluster is replicated across three regions and we run it as a "
        .chars()
        .count()
        + 1;
    assert_eq!(diagnostic["range"]["start"]["line"], 7);
    assert_eq!(diagnostic["range"]["start"]["column"], column);
    assert_eq!(diagnostic["range"]["end"]["column"], column + 2);
    assert!(
        diagnostic["url"]
            .as_str()
            .unwrap()
            .ends_with("/16-reference/rules/cap-ca-distributed-claim.html")
    );
}

#[test]
fn columns_count_unicode_scalars_after_emoji_and_cjk() {
    let doc =
        "# Design: 分布式 orders\n\n🚀🚀 东京 cluster replicated across regions, a CA system.\n";
    let dir = project(&[("design.md", doc.as_bytes())]);
    let output = blueprint(dir.path(), &["check", "design.md", "--format", "json"]);
    let report = json(&output);
    let diagnostic = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "cap/ca-distributed-claim")
        .unwrap_or_else(|| panic!("CA claim found: {report}"));
    let prefix = "🚀🚀 东京 cluster replicated across regions, a ";
    assert_eq!(diagnostic["range"]["start"]["line"], 3);
    assert_eq!(
        diagnostic["range"]["start"]["column"],
        prefix.chars().count() + 1
    );
}

#[test]
fn fail_on_controls_the_exit_code() {
    let dir = project(&[("design.md", CA_CLAIM.as_bytes())]);
    let never = blueprint(dir.path(), &["check", "design.md", "--fail-on", "never"]);
    assert_eq!(never.status.code(), Some(0));
    let clean = project(&[(
        "notes.md",
        b"# Notes\n\nThe storage team meets on Tuesdays to review designs.\n",
    )]);
    let output = blueprint(clean.path(), &["check", "notes.md", "--fail-on", "info"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
}

#[test]
fn select_and_ignore_filter_rules_by_id_and_area() {
    let dir = project(&[("design.md", CA_CLAIM.as_bytes())]);
    let ignored = blueprint(
        dir.path(),
        &["check", "design.md", "--format", "json", "--ignore", "cap"],
    );
    assert!(
        !rules_of(&json(&ignored))
            .iter()
            .any(|r| r.starts_with("cap/"))
    );
    let selected = blueprint(
        dir.path(),
        &[
            "check",
            "design.md",
            "--format",
            "json",
            "--select",
            "cap/ca-distributed-claim",
        ],
    );
    assert_eq!(rules_of(&json(&selected)), ["cap/ca-distributed-claim"]);
}

#[test]
fn unknown_rule_in_a_flag_is_a_usage_error_with_a_suggestion() {
    let dir = project(&[("design.md", CA_CLAIM.as_bytes())]);
    let output = blueprint(
        dir.path(),
        &[
            "check",
            "design.md",
            "--select",
            "cap/ca-distributed-claims",
        ],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("did you mean `cap/ca-distributed-claim`"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn config_is_discovered_and_its_errors_name_file_line_column() {
    let dir = project(&[
        ("blueprint.toml", b"ignore = [\"cap\"]\n"),
        ("docs/design.md", CA_CLAIM.as_bytes()),
    ]);
    let output = blueprint(dir.path(), &["check", "docs", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(rules_of(&json(&output)).is_empty());

    let bad = project(&[
        ("blueprint.toml", b"select = [\"cap\"]\nignroe = [\"tx\"]\n"),
        ("design.md", CA_CLAIM.as_bytes()),
    ]);
    let output = blueprint(bad.path(), &["check", "design.md"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(message.contains("blueprint.toml:2:1"), "{message}");
    assert!(message.contains("did you mean `ignore`"), "{message}");
}

#[test]
fn severity_override_in_config_changes_the_exit_code() {
    let dir = project(&[
        (
            "blueprint.toml",
            b"[severity]\n\"cap/ca-distributed-claim\" = \"info\"\n",
        ),
        ("design.md", CA_CLAIM.as_bytes()),
    ]);
    let output = blueprint(dir.path(), &["check", "design.md", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(json(&output)["diagnostics"][0]["severity"], "info");
}

#[test]
fn stdin_is_checked_under_the_given_name() {
    let dir = tempfile::tempdir().unwrap();
    let output = with_stdin(
        dir.path(),
        &[
            "check",
            "-",
            "--stdin-filename",
            "docs/from-editor.md",
            "--format",
            "json",
        ],
        CA_CLAIM.as_bytes(),
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        json(&output)["diagnostics"][0]["file"],
        "docs/from-editor.md"
    );
}

#[test]
fn folders_honour_gitignore_and_only_markdown_is_read() {
    let dir = project(&[
        (".gitignore", b"generated/\n"),
        ("docs/design.md", CA_CLAIM.as_bytes()),
        ("generated/copy.md", CA_CLAIM.as_bytes()),
        ("docs/notes.txt", CA_CLAIM.as_bytes()),
    ]);
    let output = blueprint(dir.path(), &["check", "--format", "json"]);
    let report = json(&output);
    assert_eq!(report["files"], 1, "{report}");
    let files: Vec<&str> = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["file"].as_str().unwrap())
        .collect();
    assert!(files.iter().all(|f| f.ends_with("design.md")), "{files:?}");
}

#[test]
fn invalid_utf8_and_binary_files_are_clear_errors_not_panics() {
    let dir = project(&[
        ("bad.md", b"# Title\n\nok line\nbroken \xff here\n"),
        ("blob.md", b"\x00\x01\x02PNG"),
        ("good.md", CA_CLAIM.as_bytes()),
    ]);
    let output = blueprint(dir.path(), &["check", ".", "--format", "json"]);
    assert_eq!(output.status.code(), Some(2));
    let report = json(&output);
    let errors = report["errors"].as_array().unwrap();
    let error_for = |name: &str| {
        errors
            .iter()
            .find(|e| e["file"].as_str().unwrap().ends_with(name))
            .unwrap_or_else(|| panic!("{name} reported: {report}"))
            .clone()
    };
    let bad = error_for("bad.md");
    assert!(
        bad["message"].as_str().unwrap().contains("UTF-8"),
        "{report}"
    );
    assert_eq!(bad["position"]["line"], 4);
    assert_eq!(bad["position"]["column"], 8);
    let blob = error_for("blob.md");
    assert!(
        blob["message"].as_str().unwrap().contains("binary"),
        "{report}"
    );
    // The readable file is still checked.
    assert!(rules_of(&report).contains(&"cap/ca-distributed-claim".to_owned()));

    let human = blueprint(dir.path(), &["check", "bad.md"]);
    assert!(stderr(&human).contains("bad.md:4:8"), "{}", stderr(&human));
}

#[test]
fn missing_path_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let output = blueprint(dir.path(), &["check", "nope.md"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("nope.md"));
}

#[test]
fn human_output_shows_the_code_frame_and_a_summary() {
    let dir = project(&[("design.md", CA_CLAIM.as_bytes())]);
    let output = blueprint(dir.path(), &["check", "design.md"]);
    let text = stdout(&output);
    assert!(text.contains("error[cap/ca-distributed-claim]"), "{text}");
    assert!(text.contains("--> design.md:7:"), "{text}");
    assert!(text.contains("^^"), "{text}");
    assert!(text.contains("help:"), "{text}");
    assert!(text.contains("1 error"), "{text}");
}

#[test]
fn github_format_prints_workflow_commands_with_escaping() {
    let dir = project(&[("design, v2.md", CA_CLAIM.as_bytes())]);
    let output = blueprint(
        dir.path(),
        &["check", "design, v2.md", "--format", "github"],
    );
    let text = stdout(&output);
    let line = text
        .lines()
        .find(|l| l.starts_with("::error "))
        .unwrap_or_else(|| panic!("an error command: {text}"));
    assert!(
        line.starts_with("::error file=design%2C v2.md,line=7,col="),
        "{line}"
    );
    assert!(line.contains("title=cap/ca-distributed-claim"), "{line}");
}

#[test]
fn sarif_output_validates_against_the_sarif_2_1_0_schema() {
    let dir = project(&[("design.md", CA_CLAIM.as_bytes())]);
    let output = blueprint(dir.path(), &["check", "design.md", "--format", "sarif"]);
    let sarif = json(&output);
    let schema: Value = serde_json::from_str(include_str!("data/sarif-schema-2.1.0.json")).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let problems: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(sarif["version"], "2.1.0");
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    assert!(rules.iter().any(|r| r["id"] == "cap/ca-distributed-claim"));
    let result = &run["results"][0];
    assert_eq!(result["ruleId"], "cap/ca-distributed-claim");
    assert_eq!(result["level"], "error");
    let region = &result["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startLine"], 7);
}

#[test]
fn rules_lists_every_registered_rule_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let output = blueprint(dir.path(), &["rules", "--format", "json"]);
    assert_eq!(output.status.code(), Some(0));
    let rules = json(&output);
    let rules = rules.as_array().expect("an array of rules");
    assert_eq!(rules.len(), blueprint_analysis::registry::all().len());
    let first = &rules[0];
    for key in ["id", "area", "severity", "summary"] {
        assert!(first[key].is_string(), "{key} in {first}");
    }
}

#[test]
fn bundled_example_reports_its_known_findings() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let output = blueprint(&root, &["check", "examples", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let rules = rules_of(&json(&output));
    for expected in ["cap/ca-distributed-claim", "schema/float-for-money"] {
        assert!(
            rules.iter().any(|r| r == expected),
            "{expected} in {rules:?}"
        );
    }
}
