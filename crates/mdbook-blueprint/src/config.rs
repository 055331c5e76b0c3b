//! `[preprocessor.blueprint]` in book.toml.

use blueprint_analysis::FailOn;
use serde::Deserialize;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct BlueprintConfig {
    // mdBook's own keys for every preprocessor.
    #[serde(default)]
    pub command: Option<String>,
    #[serde(default)]
    pub before: Vec<String>,
    #[serde(default)]
    pub after: Vec<String>,
    #[serde(default)]
    pub optional: bool,
    #[serde(default)]
    pub renderers: Vec<String>,

    /// Globs (relative to the book's `src`) of chapters that are design docs:
    /// the analyzer reviews them and findings render as review callouts.
    #[serde(default)]
    pub design_docs: Vec<String>,
    /// Fail the build when a site-mode chapter has a finding at or above this
    /// level: `error`, `warning`, `info` or `never`.
    #[serde(default = "default_fail_on")]
    pub fail_on: String,
    /// Glossary tooltips on the first use of a term per section.
    #[serde(default = "yes")]
    pub tooltips: bool,
    /// The chapter that receives the generated rule reference (its rules
    /// become sub-chapters), relative to `src`.
    #[serde(default = "default_rules_page")]
    pub rule_reference: String,
    /// The chapter that receives the generated glossary, relative to `src`.
    #[serde(default = "default_glossary_page")]
    pub glossary: String,
    /// A `blueprint.toml` (relative to the book root) that selects rules and
    /// severities for design-doc callouts and site mode.
    #[serde(default)]
    pub config: Option<String>,
    /// Fail the build when a `design-doc` callout's `expect` disagrees with
    /// the analyzer (like a failing doctest). `false` only logs warnings.
    #[serde(default = "yes")]
    pub check_expect: bool,
    /// Check that `mdbook-blueprint install` wrote this version's assets.
    #[serde(default = "yes")]
    pub check_assets: bool,
}

fn yes() -> bool {
    true
}
fn default_fail_on() -> String {
    "error".into()
}
fn default_rules_page() -> String {
    "16-reference/README.md".into()
}
fn default_glossary_page() -> String {
    "16-reference/glossary.md".into()
}

impl Default for BlueprintConfig {
    fn default() -> Self {
        toml::from_str("").expect("defaults")
    }
}

impl BlueprintConfig {
    pub fn fail_on(&self) -> anyhow::Result<FailOn> {
        FailOn::parse(&self.fail_on).ok_or_else(|| {
            anyhow::anyhow!(
                "book.toml: [preprocessor.blueprint] fail-on = \"{}\" is not one of error, warning, info, never",
                self.fail_on
            )
        })
    }
}
