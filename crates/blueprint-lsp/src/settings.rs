//! Editor settings (`workspace/didChangeConfiguration`, `workspace/configuration`,
//! `initializationOptions`), layered over `blueprint.toml` the way command-line
//! flags are: `select` replaces the file's, `ignore` adds to it, `severity`
//! entries win over the file's for the same rule or area.
//!
//! ```json
//! { "blueprint": {
//!     "select": ["cap", "schema"],
//!     "ignore": ["structure/missing-requirements"],
//!     "severity": { "cap": "warning", "schema/float-for-money": "off" },
//!     "debounceMs": 150 } }
//! ```
//!
//! Unknown ids and bad values are reported back (shown to the user) and skipped;
//! they never stop the server.

use blueprint_analysis::Config;
use blueprint_analysis::config::{Selector, SeverityOverride};
use blueprint_analysis::{Severity, suppression};
use serde_json::Value;

/// The settings section name.
pub const SECTION: &str = "blueprint";

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub select: Option<Vec<Selector>>,
    pub ignore: Vec<Selector>,
    pub severity: Vec<(Selector, SeverityOverride)>,
    pub debounce_ms: Option<u64>,
}

impl Settings {
    /// Reads settings from a JSON value, either `{ "blueprint": {...} }` or the
    /// section itself. Returns the settings and a message per problem.
    pub fn from_json(value: &Value) -> (Settings, Vec<String>) {
        let mut problems = Vec::new();
        let mut settings = Settings::default();
        let section = match value.get(SECTION) {
            Some(inner) => inner,
            None => value,
        };
        let Some(object) = section.as_object() else {
            if !section.is_null() {
                problems.push(format!("`{SECTION}` settings must be an object"));
            }
            return (settings, problems);
        };
        for (key, value) in object {
            match key.as_str() {
                // A list whose every entry is wrong selects nothing the user
                // meant: keep the file's choice rather than disabling all.
                "select" => {
                    let chosen = selectors("select", value, &mut problems);
                    settings.select = (!chosen.is_empty()).then_some(chosen);
                }
                "ignore" => settings.ignore = selectors("ignore", value, &mut problems),
                "severity" => settings.severity = severities(value, &mut problems),
                "debounceMs" => match value.as_u64() {
                    Some(ms) if ms <= 10_000 => settings.debounce_ms = Some(ms),
                    _ => problems.push(
                        "`debounceMs` must be a number of milliseconds (0 to 10000)".to_string(),
                    ),
                },
                other => problems.push(format!(
                    "unknown setting `{SECTION}.{other}` (known: select, ignore, severity, debounceMs)"
                )),
            }
        }
        (settings, problems)
    }

    /// The file's config with these settings applied on top.
    pub fn apply(&self, config: Config) -> Config {
        let mut config = config.with_overrides(self.select.clone(), self.ignore.clone());
        // Later entries win ties of specificity, so these override the file's.
        config.severity.extend(self.severity.iter().copied());
        config
    }
}

fn selector(flag: &str, text: &str, problems: &mut Vec<String>) -> Option<Selector> {
    match Selector::parse(text.trim()) {
        Ok(selector) => Some(selector),
        Err(suggestion) => {
            let hint = suggestion
                .or_else(|| suppression::suggest(text))
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            problems.push(format!(
                "`{SECTION}.{flag}`: unknown rule or area `{text}`{hint}"
            ));
            None
        }
    }
}

fn selectors(flag: &str, value: &Value, problems: &mut Vec<String>) -> Vec<Selector> {
    match value {
        Value::String(text) => text
            .split(',')
            .filter(|t| !t.trim().is_empty())
            .filter_map(|t| selector(flag, t, problems))
            .collect(),
        Value::Array(items) => items
            .iter()
            .filter_map(|item| match item.as_str() {
                Some(text) => selector(flag, text, problems),
                None => {
                    problems.push(format!("`{SECTION}.{flag}` takes strings, found {item}"));
                    None
                }
            })
            .collect(),
        Value::Null => Vec::new(),
        other => {
            problems.push(format!(
                "`{SECTION}.{flag}` takes a list of rule ids or areas, found {other}"
            ));
            Vec::new()
        }
    }
}

fn severities(value: &Value, problems: &mut Vec<String>) -> Vec<(Selector, SeverityOverride)> {
    let Some(object) = value.as_object() else {
        if !value.is_null() {
            problems.push(format!(
                "`{SECTION}.severity` must map rule ids or areas to \"error\", \"warning\", \"info\" or \"off\""
            ));
        }
        return Vec::new();
    };
    let mut out = Vec::new();
    for (name, level) in object {
        let Some(selector) = selector("severity", name, problems) else {
            continue;
        };
        let parsed = match level.as_str() {
            Some("off") => Some(SeverityOverride::Off),
            Some(text) => Severity::parse(text).map(SeverityOverride::Level),
            None => None,
        };
        match parsed {
            Some(level) => out.push((selector, level)),
            None => problems.push(format!(
                "`{SECTION}.severity.{name}` must be \"error\", \"warning\", \"info\" or \"off\", found {level}"
            )),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn reads_nested_and_flat_settings() {
        let (nested, problems) = Settings::from_json(&json!({
            "blueprint": { "select": ["cap"], "ignore": "schema/float-for-money",
                           "severity": { "cap/all-three-claim": "info", "structure": "off" } }
        }));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(nested.select, Some(vec![Selector::Area("cap")]));
        assert_eq!(
            nested.ignore,
            vec![Selector::Rule("schema/float-for-money")]
        );
        assert_eq!(nested.severity.len(), 2);
        let (flat, _) = Settings::from_json(&json!({ "select": ["cap"] }));
        assert_eq!(flat.select, nested.select);
    }

    #[test]
    fn bad_entries_are_reported_and_skipped() {
        let (settings, problems) = Settings::from_json(&json!({
            "select": ["cap", "cap/ca-distributed-claimz", 3],
            "severity": { "cap": "loud" },
            "colour": true
        }));
        assert_eq!(settings.select, Some(vec![Selector::Area("cap")]));
        assert!(settings.severity.is_empty());
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(problems[0].contains("did you mean `cap/ca-distributed-claim`"));
    }

    #[test]
    fn settings_override_the_file() {
        let config = Config::parse("blueprint.toml", "[severity]\ncap = \"warning\"\n").unwrap();
        let (settings, _) = Settings::from_json(&json!({ "severity": { "cap": "info" },
                                                          "ignore": ["schema"] }));
        let rules = settings.apply(config).rule_set();
        assert_eq!(
            rules.severity_of("cap/ca-distributed-claim"),
            Some(Severity::Info)
        );
        assert!(!rules.is_enabled("schema/float-for-money"));
        assert!(rules.is_enabled("cap/all-three-claim"));
    }
}
