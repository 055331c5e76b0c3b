//! What a rule reports.

use crate::TextRange;

/// How serious a finding is. Ordered: `Info < Warning < Error`.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 3] = [Severity::Error, Severity::Warning, Severity::Info];

    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn parse(text: &str) -> Option<Severity> {
        Self::ALL.into_iter().find(|s| s.as_str() == text)
    }
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A second place that explains a finding (the requirement that a choice
/// contradicts, the table a query reads).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Related {
    pub range: TextRange,
    pub message: String,
}

/// A text edit that fixes or mitigates a finding.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Edit {
    /// Shown as the quick-fix title ("Add index on orders(user_id)").
    pub description: String,
    pub range: TextRange,
    pub replacement: String,
}

#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Finding {
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub help: Option<String>,
    /// The exact words or SQL that trigger the finding.
    pub range: TextRange,
    pub related: Vec<Related>,
    pub edit: Option<Edit>,
}

impl Finding {
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn related(mut self, range: TextRange, message: impl Into<String>) -> Self {
        self.related.push(Related {
            range,
            message: message.into(),
        });
        self
    }

    pub fn edit(mut self, edit: Edit) -> Self {
        self.edit = Some(edit);
        self
    }

    /// The rule's area: the part of the id before the `/`.
    pub fn area(&self) -> &'static str {
        crate::rule::area_of(self.rule)
    }
}
