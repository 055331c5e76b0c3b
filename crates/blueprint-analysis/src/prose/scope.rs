//! Feature scope: the part of the document a statement belongs to.
//!
//! A design doc describes features in sections. A statement's scope is the
//! innermost section (heading subtree) that holds it. Two statements share a
//! feature when one's section contains the other's — a requirement under
//! `## Payments` covers a choice under `### Payments storage` — but the
//! document title (H1) and the root never join two different `##` sections.

use crate::document::Document;

/// The innermost section holding `offset`.
pub fn feature_scope(doc: &Document, offset: usize) -> usize {
    doc.section_at(offset)
}

/// True when two offsets lie in one feature's scope.
pub fn same_feature(doc: &Document, a: usize, b: usize) -> bool {
    let (sa, sb) = (feature_scope(doc, a), feature_scope(doc, b));
    if sa == sb {
        return true;
    }
    let is_feature = |s: usize| doc.sections[s].level >= 2;
    (is_feature(sa) && doc.section_within(sb, sa)) || (is_feature(sb) && doc.section_within(sa, sb))
}

/// The offsets range of a feature scope's subtree.
pub fn scope_range(doc: &Document, section: usize) -> crate::TextRange {
    doc.sections[section].range
}
