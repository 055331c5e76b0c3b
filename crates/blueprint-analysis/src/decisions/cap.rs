//! CAP labels: `CP`, `AP` and `CA` used as CAP classifications, told apart
//! from California, certificate authorities and access points by context.

use std::sync::LazyLock;

use crate::prose::Lexicon;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CapLabel {
    Cp,
    Ap,
    Ca,
}

impl CapLabel {
    pub fn as_str(self) -> &'static str {
        match self {
            CapLabel::Cp => "CP",
            CapLabel::Ap => "AP",
            CapLabel::Ca => "CA",
        }
    }
}

static LABELS: LazyLock<Lexicon<CapLabel>> = LazyLock::new(|| {
    Lexicon::new(&[
        ("CP", CapLabel::Cp),
        ("AP", CapLabel::Ap),
        ("CA", CapLabel::Ca),
    ])
});

/// Words right before a label that make it a CAP label ("a CA system", "is CA").
const LABEL_BEFORE: &[&str] = &[
    "a",
    "an",
    "is",
    "are",
    "be",
    "as",
    "choose",
    "chose",
    "chosen",
    "pick",
    "picked",
    "picks",
    "opt",
    "select",
    "selected",
    "prefer",
    "prefers",
    "go",
    "classify",
    "classified",
    "class",
    "(",
    "being",
    "remains",
    "stays",
    "fully",
    "stay",
    "remain",
];

/// Words right after a label that make it a CAP label ("CA system", "AP store").
const LABEL_AFTER: &[&str] = &[
    "system",
    "systems",
    "database",
    "databases",
    "db",
    "store",
    "stores",
    "design",
    "architecture",
    "cluster",
    "model",
    "side",
    "mode",
    "guarantees",
    "semantics",
    "choice",
    "configuration",
    "setup",
    "approach",
    "category",
    "corner",
    "service",
    "services",
    "platform",
    "システム",
    "系统",
    "構成",
    "设计",
];

/// A label is a CAP label, not California or an access point, when the
/// sentence talks about CAP, a CAP noun follows it ("CA system", also
/// directly followed by CJK text), or a verb of being or choosing precedes
/// it and the clause ends ("we chose CA.", "is AP:").
pub fn is_cap_label(text: &str, start: usize, end: usize) -> bool {
    if text.contains("CAP") {
        return true;
    }
    let before = text[..start]
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_ascii_lowercase();
    let rest = text[end..].trim_start();
    let after_word: String = rest
        .chars()
        .take_while(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase();
    let clause_ends = rest.is_empty() || rest.starts_with(['.', ',', ';', ')', ':', '：', '。']);
    LABEL_AFTER.contains(&after_word.as_str())
        || LABEL_AFTER
            .iter()
            .any(|w| !w.is_ascii() && rest.starts_with(w))
        || (LABEL_BEFORE.contains(&before.as_str()) && clause_ends)
}

/// CAP labels in a sentence's plain text, as (start, end, label).
pub fn find_labels(text: &str) -> Vec<(usize, usize, CapLabel)> {
    LABELS
        .find_all(text)
        .into_iter()
        .filter(|m| is_cap_label(text, m.start, m.end))
        .map(|m| (m.start, m.end, m.value))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_need_cap_context() {
        assert_eq!(find_labels("Ridely is a CP system.").len(), 1);
        assert_eq!(
            find_labels("The system as a whole is AP: we prefer availability.").len(),
            1
        );
        assert_eq!(
            find_labels("本システムは CA システムとして設計する").len(),
            1
        );
        assert!(find_labels("Our office in CA uses an AP per floor.").is_empty());
    }
}
