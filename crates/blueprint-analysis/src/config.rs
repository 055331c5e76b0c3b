//! `blueprint.toml`: which rules run, at which severity, on which files, with
//! which options. Parsed from text handed in (this crate does no I/O); errors
//! carry `file:line:column` and a "did you mean".
//!
//! ```toml
//! select = ["cap", "structure"]          # ids or areas; default: every rule
//! ignore = ["structure/unjustified-technology"]
//! include = ["docs/**/*.md"]              # globs relative to this file
//! exclude = ["docs/archive/**"]
//! fail-on = "warning"                     # error | warning | info | never
//!
//! [severity]
//! cap = "warning"                         # an area...
//! "schema/float-for-money" = "warning"    # ...or a rule id (wins over its area)
//! "structure/missing-requirements" = "off"
//!
//! [rules."schema/float-for-money"]
//! money-columns = ["payout", "fare"]
//! ```

use std::collections::HashMap;
use std::fmt;
use std::ops::Range;

use globset::{Glob, GlobSet, GlobSetBuilder};
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::registry::{self, RuleSet};
use crate::rule::{AREAS, OptionDefault, OptionValue, area_of};
use crate::{LineIndex, Severity};

pub const FILE_NAME: &str = "blueprint.toml";

/// Chooses rules by id, by area, or all of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Selector {
    All,
    Area(&'static str),
    Rule(&'static str),
}

impl Selector {
    /// Resolves `"all"`, an area or a rule id; `Err` holds a suggestion.
    pub fn parse(text: &str) -> Result<Selector, Option<String>> {
        if text == "all" || text == "ALL" {
            return Ok(Selector::All);
        }
        if let Some(area) = AREAS.iter().find(|a| **a == text) {
            return Ok(Selector::Area(area));
        }
        if let Some(rule) = registry::find(text) {
            return Ok(Selector::Rule(rule.meta().id));
        }
        let candidates = registry::all()
            .iter()
            .map(|r| r.meta().id)
            .chain(AREAS.iter().copied())
            .chain(["all"]);
        Err(did_you_mean(text, candidates))
    }

    pub fn matches(self, id: &str) -> bool {
        match self {
            Selector::All => true,
            Selector::Area(area) => area_of(id) == area,
            Selector::Rule(rule) => rule == id,
        }
    }

    /// Higher is more specific: a rule id beats its area beats "all".
    fn specificity(self) -> u8 {
        match self {
            Selector::All => 0,
            Selector::Area(_) => 1,
            Selector::Rule(_) => 2,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SeverityOverride {
    Off,
    Level(Severity),
}

/// The level of findings that makes `blueprint check` fail.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FailOn {
    Severity(Severity),
    Never,
}

impl FailOn {
    pub fn parse(text: &str) -> Option<FailOn> {
        match text {
            "never" => Some(FailOn::Never),
            other => Severity::parse(other).map(FailOn::Severity),
        }
    }

    pub fn fails(self, severity: Severity) -> bool {
        match self {
            FailOn::Severity(level) => severity >= level,
            FailOn::Never => false,
        }
    }
}

#[derive(Clone, Debug, Default)]
pub struct Config {
    pub select: Option<Vec<Selector>>,
    pub ignore: Vec<Selector>,
    pub severity: Vec<(Selector, SeverityOverride)>,
    pub include: Option<Globs>,
    pub exclude: Option<Globs>,
    pub fail_on: Option<FailOn>,
    /// Option values per rule id.
    pub rule_options: HashMap<&'static str, HashMap<&'static str, OptionValue>>,
}

#[derive(Clone, Debug)]
pub struct Globs {
    pub patterns: Vec<String>,
    set: GlobSet,
}

impl Globs {
    pub fn new(patterns: Vec<String>) -> Result<Globs, globset::Error> {
        let mut builder = GlobSetBuilder::new();
        for pattern in &patterns {
            builder.add(Glob::new(pattern)?);
            // `docs/**` should also match `docs` itself being a folder prefix.
            if let Some(prefix) = pattern.strip_suffix("/**") {
                builder.add(Glob::new(prefix)?);
            }
        }
        Ok(Globs {
            patterns,
            set: builder.build()?,
        })
    }

    /// Matches a path relative to the config file's folder, with `/` separators.
    pub fn is_match(&self, relative: &str) -> bool {
        self.set.is_match(relative)
    }
}

/// A problem in a config file, at a place in it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ConfigError {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )?;
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// Every error found in one config file (all of them, not just the first).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, error) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

const TOP_LEVEL_KEYS: &[&str] = &[
    "select", "ignore", "include", "exclude", "fail-on", "severity", "rules",
];

struct Reader<'a> {
    file: &'a str,
    text: &'a str,
    index: LineIndex,
    errors: Vec<ConfigError>,
}

impl Reader<'_> {
    fn error(&mut self, span: Range<usize>, message: impl Into<String>, help: Option<String>) {
        let at = self.index.line_col(self.text, span.start);
        self.errors.push(ConfigError {
            file: self.file.to_string(),
            line: at.line,
            column: at.column,
            message: message.into(),
            help,
        });
    }

    fn strings(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Vec<(String, Range<usize>)> {
        match value.get_ref() {
            DeValue::String(s) => vec![(s.to_string(), value.span())],
            DeValue::Array(items) => {
                let mut out = Vec::new();
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => out.push((s.to_string(), item.span())),
                        other => self.error(
                            item.span(),
                            format!("`{key}` takes strings, found {}", other.type_str()),
                            None,
                        ),
                    }
                }
                out
            }
            other => {
                self.error(
                    value.span(),
                    format!(
                        "`{key}` takes a list of strings, found {}",
                        other.type_str()
                    ),
                    Some(format!("write `{key} = [\"...\"]`")),
                );
                Vec::new()
            }
        }
    }

    fn selectors(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Vec<Selector> {
        let mut out = Vec::new();
        for (text, span) in self.strings(key, value) {
            match Selector::parse(&text) {
                Ok(selector) => out.push(selector),
                Err(suggestion) => self.error(
                    span,
                    format!("unknown rule or area `{text}` in `{key}`"),
                    suggestion.map(|s| format!("did you mean `{s}`?")),
                ),
            }
        }
        out
    }

    fn globs(&mut self, key: &str, value: &Spanned<DeValue<'_>>) -> Option<Globs> {
        let patterns = self.strings(key, value);
        for (pattern, span) in &patterns {
            if let Err(error) = Glob::new(pattern) {
                self.error(
                    span.clone(),
                    format!("invalid glob in `{key}`: {}", error.kind()),
                    None,
                );
                return None;
            }
        }
        Globs::new(patterns.into_iter().map(|(p, _)| p).collect()).ok()
    }
}

impl Config {
    /// Parses a config file's text. `file` names it in error messages.
    pub fn parse(file: &str, text: &str) -> Result<Config, ConfigErrors> {
        let mut reader = Reader {
            file,
            text,
            index: LineIndex::new(text),
            errors: Vec::new(),
        };
        let table = match DeTable::parse(text) {
            Ok(table) => table,
            Err(error) => {
                let span = error.span().unwrap_or(0..0);
                let message = error.message().trim().to_string();
                reader.error(span, format!("invalid TOML: {message}"), None);
                return Err(ConfigErrors(reader.errors));
            }
        };
        let mut config = Config::default();
        for (key, value) in table.get_ref().iter() {
            match key.get_ref().as_ref() {
                "select" => config.select = Some(reader.selectors("select", value)),
                "ignore" => config.ignore = reader.selectors("ignore", value),
                "include" => config.include = reader.globs("include", value),
                "exclude" => config.exclude = reader.globs("exclude", value),
                "fail-on" => match value.get_ref().as_str().and_then(FailOn::parse) {
                    Some(level) => config.fail_on = Some(level),
                    None => reader.error(
                        value.span(),
                        "`fail-on` must be one of \"error\", \"warning\", \"info\", \"never\"",
                        None,
                    ),
                },
                "severity" => config.severity = read_severity(&mut reader, value),
                "rules" => config.rule_options = read_rule_options(&mut reader, value),
                other => reader.error(
                    key.span(),
                    format!("unknown key `{other}`"),
                    Some(match did_you_mean(other, TOP_LEVEL_KEYS.iter().copied()) {
                        Some(s) => format!("did you mean `{s}`?"),
                        None => format!("known keys: {}", TOP_LEVEL_KEYS.join(", ")),
                    }),
                ),
            }
        }
        if reader.errors.is_empty() {
            Ok(config)
        } else {
            reader.errors.sort_by_key(|e| (e.line, e.column));
            Err(ConfigErrors(reader.errors))
        }
    }

    /// Applies command-line choices on top: `--select` replaces, `--ignore` adds.
    pub fn with_overrides(
        mut self,
        select: Option<Vec<Selector>>,
        ignore: Vec<Selector>,
    ) -> Config {
        if select.is_some() {
            self.select = select;
        }
        self.ignore.extend(ignore);
        self
    }

    /// The rules this config enables, each at its effective severity.
    pub fn rule_set(&self) -> RuleSet {
        let mut enabled = Vec::new();
        for rule in registry::all() {
            let id = rule.meta().id;
            let selected = match &self.select {
                Some(selectors) => selectors.iter().any(|s| s.matches(id)),
                None => true,
            };
            if !selected || self.ignore.iter().any(|s| s.matches(id)) {
                continue;
            }
            let severity = self
                .severity
                .iter()
                .filter(|(s, _)| s.matches(id))
                .max_by_key(|(s, _)| s.specificity())
                .map(|(_, o)| *o)
                .unwrap_or(SeverityOverride::Level(rule.meta().severity));
            if let SeverityOverride::Level(severity) = severity {
                enabled.push((*rule, severity));
            }
        }
        RuleSet::new(enabled, self.rule_options.clone())
    }

    /// Whether a file found while walking folders is checked. `relative` is the
    /// path relative to the config file's folder, with `/` separators.
    pub fn includes(&self, relative: &str) -> bool {
        let included = self.include.as_ref().is_none_or(|g| g.is_match(relative));
        let excluded = self.exclude.as_ref().is_some_and(|g| g.is_match(relative));
        included && !excluded
    }
}

fn read_severity(
    reader: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
) -> Vec<(Selector, SeverityOverride)> {
    let Some(table) = value.get_ref().as_table() else {
        reader.error(
            value.span(),
            "`severity` must be a table",
            Some("write `[severity]`".into()),
        );
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, level) in table.iter() {
        let name = key.get_ref().as_ref();
        let selector = match Selector::parse(name) {
            Ok(selector) => selector,
            Err(suggestion) => {
                reader.error(
                    key.span(),
                    format!("unknown rule or area `{name}` in `[severity]`"),
                    suggestion.map(|s| format!("did you mean `{s}`?")),
                );
                continue;
            }
        };
        let parsed = match level.get_ref().as_str() {
            Some("off") => Some(SeverityOverride::Off),
            Some(text) => Severity::parse(text).map(SeverityOverride::Level),
            None => None,
        };
        match parsed {
            Some(o) => out.push((selector, o)),
            None => {
                let written = level.get_ref().as_str().unwrap_or_default().to_string();
                reader.error(
                    level.span(),
                    "severity must be \"error\", \"warning\", \"info\" or \"off\"",
                    did_you_mean(&written, ["error", "warning", "info", "off"])
                        .map(|s| format!("did you mean `{s}`?")),
                );
            }
        }
    }
    out
}

fn read_rule_options(
    reader: &mut Reader<'_>,
    value: &Spanned<DeValue<'_>>,
) -> HashMap<&'static str, HashMap<&'static str, OptionValue>> {
    let mut out: HashMap<&'static str, HashMap<&'static str, OptionValue>> = HashMap::new();
    let Some(rules) = value.get_ref().as_table() else {
        reader.error(
            value.span(),
            "`rules` must be a table of rule ids",
            Some("write `[rules.\"area/name\"]`".into()),
        );
        return out;
    };
    for (key, options) in rules.iter() {
        let id = key.get_ref().as_ref();
        let Some(rule) = registry::find(id) else {
            let ids = registry::all().iter().map(|r| r.meta().id);
            reader.error(
                key.span(),
                format!("unknown rule `{id}` in `[rules]`"),
                did_you_mean(id, ids).map(|s| format!("did you mean `{s}`?")),
            );
            continue;
        };
        let meta = rule.meta();
        let Some(options) = options.get_ref().as_table() else {
            reader.error(
                options.span(),
                format!("options for `{id}` must be a table"),
                None,
            );
            continue;
        };
        for (name, value) in options.iter() {
            let name_text = name.get_ref().as_ref();
            let Some(option) = meta.options.iter().find(|o| o.name == name_text) else {
                let help = if meta.options.is_empty() {
                    Some(format!("`{id}` has no options"))
                } else {
                    did_you_mean(name_text, meta.options.iter().map(|o| o.name))
                        .map(|s| format!("did you mean `{s}`?"))
                };
                reader.error(
                    name.span(),
                    format!("unknown option `{name_text}` for `{id}`"),
                    help,
                );
                continue;
            };
            let parsed = match (option.default, value.get_ref()) {
                (OptionDefault::Integer(_), DeValue::Integer(i)) => i64::from_str_radix(
                    i.as_str().replace('_', "").trim_start_matches('+'),
                    i.radix(),
                )
                .ok()
                .map(OptionValue::Integer),
                (OptionDefault::Boolean(_), DeValue::Boolean(b)) => Some(OptionValue::Boolean(*b)),
                (OptionDefault::StringList(_), DeValue::Array(items)) => items
                    .iter()
                    .map(|item| item.get_ref().as_str().map(str::to_string))
                    .collect::<Option<Vec<_>>>()
                    .map(OptionValue::StringList),
                _ => None,
            };
            match parsed {
                Some(v) => {
                    out.entry(meta.id).or_default().insert(option.name, v);
                }
                None => reader.error(
                    value.span(),
                    format!(
                        "`{name_text}` of `{id}` must be {}",
                        option.default.type_name()
                    ),
                    None,
                ),
            }
        }
    }
    out
}

/// The closest candidate by Jaro-Winkler similarity, when close enough.
pub fn did_you_mean<'a>(
    wanted: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    let wanted_lower = wanted.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&wanted_lower, &c.to_lowercase()), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests;
