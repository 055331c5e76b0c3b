use super::*;

fn errors(text: &str) -> Vec<String> {
    Config::parse("blueprint.toml", text)
        .expect_err("invalid config")
        .0
        .into_iter()
        .map(|e| e.to_string())
        .collect()
}

#[test]
fn a_full_config_parses() {
    let config = Config::parse(
        "blueprint.toml",
        r#"
select = ["cap", "schema/float-for-money", "structure"]
ignore = ["structure/missing-requirements"]
include = ["docs/**/*.md"]
exclude = ["docs/archive/**"]
fail-on = "warning"

[severity]
cap = "warning"
"cap/all-three-claim" = "info"
"structure/missing-data-model" = "off"

[rules."schema/float-for-money"]
money-columns = ["fare"]
"#,
    )
    .expect("valid");
    let rules = config.rule_set();
    assert_eq!(
        rules.severity_of("cap/ca-distributed-claim"),
        Some(Severity::Warning)
    );
    assert_eq!(
        rules.severity_of("cap/all-three-claim"),
        Some(Severity::Info),
        "a rule id beats its area"
    );
    assert!(
        !rules.is_enabled("structure/missing-data-model"),
        "off disables"
    );
    assert!(
        !rules.is_enabled("structure/missing-requirements"),
        "ignored"
    );
    assert!(!rules.is_enabled("meta/unused-suppression"), "not selected");
    assert_eq!(config.fail_on, Some(FailOn::Severity(Severity::Warning)));
    assert!(config.includes("docs/design/orders.md"));
    assert!(!config.includes("docs/archive/old.md"));
    assert!(!config.includes("README.md"));
    let meta = registry::meta("schema/float-for-money").unwrap();
    assert_eq!(
        rules.option(meta, "money-columns"),
        Some(OptionValue::StringList(vec!["fare".into()]))
    );
}

#[test]
fn unknown_keys_and_ids_point_at_the_place_and_suggest() {
    let found = errors("selct = [\"cap\"]\nignore = [\"cap/ca-distributed-clam\"]\n");
    assert_eq!(
        found,
        vec![
            "blueprint.toml:1:1: unknown key `selct`\n  help: did you mean `select`?",
            "blueprint.toml:2:11: unknown rule or area `cap/ca-distributed-clam` in `ignore`\n  help: did you mean `cap/ca-distributed-claim`?",
        ]
    );
}

#[test]
fn wrong_types_and_values_are_explained() {
    let found = errors(
        "select = \"cap\"\nfail-on = \"sometimes\"\n[severity]\ncap = \"warn\"\n[rules.\"schema/float-for-money\"]\nmoney-column = [\"x\"]\n",
    );
    assert_eq!(found.len(), 3, "{found:#?}");
    assert!(found[0].starts_with("blueprint.toml:2:11: `fail-on` must be one of"));
    assert!(
        found[1].contains("4:7") && found[1].contains("did you mean `warning`?"),
        "{}",
        found[1]
    );
    assert!(
        found[2].contains("6:1") && found[2].contains("did you mean `money-columns`?"),
        "{}",
        found[2]
    );
    // A single string is accepted where a list is expected.
    assert!(Config::parse("x", "select = \"cap\"").is_ok());
}

#[test]
fn option_types_are_checked() {
    let found = errors("[rules.\"schema/float-for-money\"]\nmoney-columns = 3\n");
    assert_eq!(
        found,
        vec![
            "blueprint.toml:2:17: `money-columns` of `schema/float-for-money` must be a list of strings"
        ]
    );
}

#[test]
fn invalid_toml_reports_its_position() {
    let found = errors("select = [\"cap\"\nignore = 1\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].starts_with("blueprint.toml:"), "{}", found[0]);
    assert!(found[0].contains("invalid TOML"), "{}", found[0]);
}

#[test]
fn command_line_select_replaces_and_ignore_adds() {
    let config = Config::parse(
        "x",
        "select = [\"cap\"]\nignore = [\"cap/all-three-claim\"]",
    )
    .unwrap();
    let config = config.with_overrides(
        Some(vec![Selector::Area("schema")]),
        vec![Selector::Rule("schema/float-for-money")],
    );
    let rules = config.rule_set();
    assert!(!rules.is_enabled("cap/ca-distributed-claim"));
    assert!(!rules.is_enabled("schema/float-for-money"));
}
