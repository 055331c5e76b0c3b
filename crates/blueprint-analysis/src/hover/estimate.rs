//! Hover for a number in a capacity estimate: what it normalizes to (per
//! second, per day, per month, bytes, durations) and, for sizes and rates,
//! the figures it implies.

use super::Hover;
use crate::Analysis;
use crate::quantity::{
    DAY, HOUR, MONTH, Quantity, QuantityKind, YEAR, human, human_bytes, human_duration,
};

pub(super) fn hover(analysis: &Analysis, offset: usize) -> Option<Hover> {
    let model = analysis.models.quantities(&analysis.document);
    let quantity = model.at(offset)?;
    let markdown = describe(analysis, quantity)?;
    Some(Hover {
        range: quantity.range,
        markdown,
    })
}

fn describe(analysis: &Analysis, q: &Quantity) -> Option<String> {
    let text = analysis.document.text(q.range);
    let mut out = format!("**`{text}`**");
    if q.approx {
        out.push_str(" (approximate)");
    }
    if q.peak {
        out.push_str(" (peak)");
    }
    out.push_str("\n\n");
    match q.kind {
        QuantityKind::Rate { .. } => {
            let per_second = q.per_second()?;
            let noun = q.noun.as_deref().unwrap_or("items");
            out.push_str(&format!(
                "| per second | per hour | per day | per month | per year |\n|---|---|---|---|---|\n| {} | {} | {} | {} | {} |\n\n",
                human(per_second),
                human(per_second * HOUR),
                human(per_second * DAY),
                human(per_second * MONTH),
                human(per_second * YEAR),
            ));
            out.push_str(&format!(
                "{} {noun} per second on average (a month counts as 30 days). Peaks are usually 2-10x the average; size for the peak.",
                human(per_second)
            ));
        }
        QuantityKind::Bytes => {
            out.push_str(&format!(
                "{} ({} bytes, decimal units).",
                human_bytes(q.value),
                human(q.value)
            ));
            if q.value >= 1e12 {
                out.push_str(
                    " Before replication: multiply by the replication factor (often 3) for disk.",
                );
            }
        }
        QuantityKind::Duration => {
            out.push_str(&format!(
                "{} = {} seconds.",
                human_duration(q.value),
                human(q.value)
            ));
        }
        QuantityKind::Count => {
            // A bare number ("in 2024", "version 15") is not an estimate.
            if q.value < 1_000.0 || q.noun.is_none() {
                return None;
            }
            out.push_str(&format!("{} ({})", human(q.value), q.value));
            if let Some(noun) = &q.noun {
                out.push_str(&format!(" {noun}"));
            }
            out.push('.');
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use crate::{RuleSet, analyze};

    #[test]
    fn rates_show_normalized_values() {
        let source = "# Scale\n\n- New links: 100M per month.\n- Storage: about 3 TB.\n";
        let analysis = analyze(source, &RuleSet::only(&[]));
        let at = source.find("100M").unwrap() + 1;
        let hover = super::hover(&analysis, at).expect("hover on a rate");
        assert_eq!(analysis.document.text(hover.range), "100M per month");
        assert!(hover.markdown.contains("38.6"), "{}", hover.markdown);
        assert!(hover.markdown.contains("3.33M"), "{}", hover.markdown);
        let at = source.find("3 TB").unwrap();
        let hover = super::hover(&analysis, at).expect("hover on a size");
        assert!(hover.markdown.contains("3 TB"), "{}", hover.markdown);
        assert!(super::hover(&analysis, source.find("Scale").unwrap()).is_none());
    }
}
