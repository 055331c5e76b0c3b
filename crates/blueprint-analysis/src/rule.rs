//! The rule framework: metadata, docs and the trait every rule implements.
//!
//! One rule, one file. A rule is declared with [`declare_rule!`], which keeps
//! its id, default severity, summary, options and docs (the doc comment, with
//! the sections *What it does*, *Why is this bad?*, *Example* and *Use instead*)
//! in one place. The docs feed `blueprint explain`, hovers and the book's rule
//! reference, so they are the only copy.

use crate::{Finding, RuleContext, Severity, TextRange};

/// The areas of the rule catalog (`../shared/spec/rules.md`), in catalog order.
pub const AREAS: &[&str] = &[
    "structure",
    "estimate",
    "choice",
    "cap",
    "sharding",
    "replication",
    "index",
    "query",
    "schema",
    "tx",
    "cache",
    "ops",
    "meta",
];

pub fn area_of(id: &str) -> &str {
    id.split_once('/').map_or(id, |(area, _)| area)
}

/// The default value of a rule option; its variant fixes the option's type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OptionDefault {
    Integer(i64),
    Boolean(bool),
    StringList(&'static [&'static str]),
}

impl OptionDefault {
    pub fn type_name(self) -> &'static str {
        match self {
            OptionDefault::Integer(_) => "an integer",
            OptionDefault::Boolean(_) => "true or false",
            OptionDefault::StringList(_) => "a list of strings",
        }
    }

    pub fn value(self) -> OptionValue {
        match self {
            OptionDefault::Integer(v) => OptionValue::Integer(v),
            OptionDefault::Boolean(v) => OptionValue::Boolean(v),
            OptionDefault::StringList(v) => {
                OptionValue::StringList(v.iter().map(|s| s.to_string()).collect())
            }
        }
    }
}

/// A configured option value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OptionValue {
    Integer(i64),
    Boolean(bool),
    StringList(Vec<String>),
}

/// A setting a rule reads from `[rules."area/name"]` in `blueprint.toml`.
#[derive(Clone, Copy, Debug)]
pub struct RuleOption {
    pub name: &'static str,
    pub default: OptionDefault,
    pub doc: &'static str,
}

#[derive(Debug)]
pub struct RuleMeta {
    pub id: &'static str,
    pub severity: Severity,
    /// One line, shown by `blueprint rules`.
    pub summary: &'static str,
    /// Markdown with `## What it does`, `## Why is this bad?`, `## Example`,
    /// `## Use instead`.
    pub docs: &'static str,
    pub options: &'static [RuleOption],
}

/// The four parts of a rule's docs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RuleDocs {
    pub what: String,
    pub why: String,
    pub example: String,
    pub instead: String,
}

impl RuleMeta {
    pub fn area(&self) -> &'static str {
        area_of(self.id)
    }

    /// Starts a finding of this rule at its default severity.
    pub fn finding(&'static self, range: TextRange, message: impl Into<String>) -> Finding {
        Finding {
            rule: self.id,
            severity: self.severity,
            message: message.into(),
            help: None,
            range,
            related: Vec::new(),
            edit: None,
        }
    }

    /// The docs as Markdown, with the one-space indent of doc comments removed.
    pub fn docs_markdown(&self) -> String {
        let mut out = String::with_capacity(self.docs.len());
        for line in self.docs.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string()
    }

    /// The docs split into their four sections.
    pub fn sections(&self) -> RuleDocs {
        let mut docs = RuleDocs::default();
        let mut current: Option<&mut String> = None;
        let markdown = self.docs_markdown();
        for line in markdown.lines() {
            if let Some(heading) = line.strip_prefix("## ") {
                current = match heading.trim().to_ascii_lowercase().as_str() {
                    "what it does" => Some(&mut docs.what),
                    "why is this bad?" | "why is this bad" => Some(&mut docs.why),
                    "example" => Some(&mut docs.example),
                    "use instead" => Some(&mut docs.instead),
                    _ => None,
                };
                continue;
            }
            if let Some(section) = current.as_deref_mut() {
                section.push_str(line);
                section.push('\n');
            }
        }
        for section in [
            &mut docs.what,
            &mut docs.why,
            &mut docs.example,
            &mut docs.instead,
        ] {
            *section = section.trim().to_string();
        }
        docs
    }

    /// The rule's page in the published book.
    pub fn url(&self) -> String {
        format!(
            "{}/16-reference/rules/{}.html",
            crate::BOOK_URL,
            self.id.replace('/', "-")
        )
    }
}

/// A rule: reads the shared, once-built model and reports findings.
pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>);
}

/// Declares a rule struct and its [`RuleMeta`] from one block.
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis struct $name:ident {
            id: $id:literal,
            severity: $severity:ident,
            summary: $summary:literal
            $(, options: [$($option:expr),* $(,)?])?
            $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Default, Clone, Copy)]
        $vis struct $name;

        impl $name {
            pub const META: $crate::rule::RuleMeta = $crate::rule::RuleMeta {
                id: $id,
                severity: $crate::Severity::$severity,
                summary: $summary,
                docs: concat!($($doc, "\n"),*),
                options: &[$($($option),*)?],
            };
        }
    };
}
