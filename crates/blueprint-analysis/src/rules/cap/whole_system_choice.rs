use std::sync::LazyLock;

use crate::prose::Lexicon;
use crate::{Finding, Rule, RuleContext, declare_rule};

declare_rule! {
    /// ## What it does
    /// Flags one CP or AP label declared for the whole system ("the platform
    /// is an AP system", "Ridely is a CP system") instead of per feature.
    ///
    /// ## Why is this bad?
    /// Consistency needs differ inside one product: a like counter can be a
    /// few seconds stale, a payment cannot. A system-wide label either makes
    /// everything pay the latency and availability cost of CP, or lets AP
    /// behaviour leak into the features that need consistency.
    ///
    /// ## Example
    /// ```markdown
    /// The whole platform is an AP system: availability beats consistency.
    /// ```
    ///
    /// ## Use instead
    /// ```markdown
    /// Payments and bookings are CP (quorum writes, refuse during a partition);
    /// the feed and view counts are AP (serve possibly stale data).
    /// ```
    pub struct WholeSystemChoice {
        id: "cap/whole-system-choice",
        severity: Info,
        summary: "One CP or AP choice is declared for the whole system instead of per feature.",
    }
}

/// Words that make the label apply to everything.
static WHOLE: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "whole system",
            "whole platform",
            "whole product",
            "entire system",
            "entire platform",
            "as a whole",
            "everything",
            "everywhere",
            "all features",
            "all services",
            "all data",
            "overall",
            "across the board",
            "system-wide",
            "platform-wide",
            "the system",
            "the platform",
            "our system",
            "our platform",
            "this system",
            "整个系统",
            "システム全体",
        ]
        .map(|w| (w, ())),
    )
});

/// Words that make the sentence a per-feature refinement.
static EXCEPTIONS: LazyLock<Lexicon<()>> = LazyLock::new(|| {
    Lexicon::new(
        &[
            "except",
            "apart from",
            "other than",
            "but",
            "unless",
            "per feature",
            "per-feature",
            "per service",
        ]
        .map(|w| (w, ())),
    )
});

/// The product's name: the first capitalised word of the title that is not
/// a generic word ("Design: Ridely trip platform" → "Ridely").
fn product_name(cx: &RuleContext<'_>) -> Option<String> {
    let title = cx.doc.sections.iter().find(|s| s.level == 1)?;
    title
        .title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .find(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !matches!(
                    w.to_ascii_lowercase().as_str(),
                    "design"
                        | "draft"
                        | "rfc"
                        | "adr"
                        | "the"
                        | "system"
                        | "architecture"
                        | "proposal"
                )
        })
        .map(str::to_string)
}

impl Rule for WholeSystemChoice {
    fn meta(&self) -> &'static crate::RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &RuleContext<'_>, out: &mut Vec<Finding>) {
        let doc = cx.doc;
        let product = product_name(cx);
        for statement in &cx.decisions().statements {
            let labels: Vec<_> = statement
                .cap
                .iter()
                .filter(|c| c.kind != crate::decisions::CapLabel::Ca)
                .collect();
            let [label] = labels.as_slice() else { continue };
            if !label.is_asserted() {
                continue;
            }
            let text = statement.text(doc);
            let subject = &text[..label.local.start];
            let whole = statement.asserted(doc, &WHOLE).is_some()
                || product.as_deref().is_some_and(|p| {
                    subject.split_whitespace().next().is_some_and(|first| {
                        first.trim_matches(|c: char| !c.is_alphanumeric()) == p
                    })
                });
            if !whole || EXCEPTIONS.contains(text) {
                continue;
            }
            out.push(
                Self::META
                    .finding(
                        label.range,
                        format!(
                            "`{}` is declared for the whole system instead of per feature",
                            label.kind.as_str()
                        ),
                    )
                    .help("Decide per feature: money, stock and bookings usually need CP; feeds, counters and caches can be AP."),
            );
        }
    }
}
