//! Per-section cue flags: which feature scopes mention a set of words.
//! Built in one pass over the sentences, so rules that ask "does this
//! feature say X anywhere?" for many statements stay linear.

use crate::document::Document;
use crate::prose::Lexicon;

/// For each section, the first sentence in it (not its subsections) whose
/// text matches a lexicon.
pub struct SectionFlags {
    first: Vec<Option<usize>>,
}

impl SectionFlags {
    pub fn build<T: Copy + 'static>(doc: &Document, lexicon: &Lexicon<T>) -> SectionFlags {
        let mut first = vec![None; doc.sections.len()];
        for (i, sentence) in doc.sentences.iter().enumerate() {
            let slot = &mut first[sentence.section];
            if slot.is_none() && lexicon.contains(doc.sentence_text(sentence)) {
                *slot = Some(i);
            }
        }
        SectionFlags { first }
    }

    /// A matching sentence in the feature scope of `section`: the section
    /// itself, its subsections, or an enclosing feature section (level 2+).
    pub fn in_scope(&self, doc: &Document, section: usize) -> Option<usize> {
        if let Some(found) = self.first[section] {
            return Some(found);
        }
        let range = doc.sections[section].range;
        for (i, s) in doc.sections.iter().enumerate().skip(section + 1) {
            if s.range.start >= range.end {
                break;
            }
            if let Some(found) = self.first[i] {
                return Some(found);
            }
        }
        let mut parent = doc.sections[section].parent;
        while let Some(p) = parent {
            if doc.sections[p].level < 2 {
                break;
            }
            if let Some(found) = self.first[p] {
                return Some(found);
            }
            parent = doc.sections[p].parent;
        }
        None
    }
}
