//! Per-section cue flags: which feature scopes mention a set of words.
//! Built in one pass over the sentences and one over the sections, so rules
//! that ask "does this feature say X anywhere?" for many statements stay
//! linear in the document.

use crate::document::Document;
use crate::prose::Lexicon;

/// For each section, the first matching sentence in it and in its subtree.
pub struct SectionFlags {
    own: Vec<Option<usize>>,
    subtree: Vec<Option<usize>>,
}

impl SectionFlags {
    pub fn build<T: Copy + 'static>(doc: &Document, lexicon: &Lexicon<T>) -> SectionFlags {
        let mut own = vec![None; doc.sections.len()];
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let slot = &mut own[sentence.section];
            if slot.is_none() && lexicon.contains(doc.sentence_text(sentence)) {
                *slot = Some(i);
            }
        }
        // Children come after their parents, so one backward pass folds each
        // subtree into its parent.
        let mut subtree = own.clone();
        for i in (1..doc.sections.len()).rev() {
            if let (Some(found), Some(parent)) = (subtree[i], doc.sections[i].parent) {
                let slot = &mut subtree[parent];
                if slot.is_none_or(|s| found < s) {
                    *slot = Some(found);
                }
            }
        }
        SectionFlags { own, subtree }
    }

    /// A matching sentence in the feature scope of `section`: the section
    /// itself, its subsections, or an enclosing feature section (level 2+).
    pub fn in_scope(&self, doc: &Document, section: usize) -> Option<usize> {
        if let Some(found) = self.subtree[section] {
            return Some(found);
        }
        let mut parent = doc.sections[section].parent;
        while let Some(p) = parent {
            if doc.sections[p].level < 2 {
                break;
            }
            if let Some(found) = self.own[p] {
                return Some(found);
            }
            parent = doc.sections[p].parent;
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scope_covers_subsections_and_feature_ancestors_only() {
        let doc = Document::parse(
            "# Title\n\nWe use a TTL here.\n\n## Feed\n\nIntro.\n\n### Cache\n\nCached pages.\n\n### Store\n\nThe TTL is 5 s.\n\n## Other\n\nNothing.\n",
        );
        let lexicon = Lexicon::new(&[("TTL", ())]);
        let flags = SectionFlags::build(&doc, &lexicon);
        let section = |title: &str| doc.sections.iter().position(|s| s.title == title).unwrap();
        // A sibling subsection of the same feature counts through the feature.
        assert!(flags.in_scope(&doc, section("Feed")).is_some());
        assert!(flags.in_scope(&doc, section("Cache")).is_none());
        assert!(flags.in_scope(&doc, section("Store")).is_some());
        // The document title does not join two features.
        assert!(flags.in_scope(&doc, section("Other")).is_none());
    }
}
