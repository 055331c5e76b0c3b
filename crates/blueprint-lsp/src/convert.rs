//! Analysis values to protocol values: byte ranges to wire ranges in the
//! negotiated encoding, findings to diagnostics.

use std::str::FromStr;

use blueprint_analysis::{
    Finding, LineIndex, PositionEncoding, Severity, TextRange, WirePosition, registry,
};
use tower_lsp_server::ls_types::{
    CodeDescription, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag,
    Location, NumberOrString, Position, PositionEncodingKind, Range, Uri,
};

/// Converts positions of one text in one encoding.
#[derive(Clone, Copy)]
pub struct Lines<'a> {
    pub text: &'a str,
    pub index: &'a LineIndex,
    pub encoding: PositionEncoding,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str, index: &'a LineIndex, encoding: PositionEncoding) -> Self {
        Lines {
            text,
            index,
            encoding,
        }
    }

    pub fn position(&self, offset: usize) -> Position {
        let WirePosition { line, character } = self.index.to_wire(self.text, offset, self.encoding);
        Position { line, character }
    }

    pub fn range(&self, range: TextRange) -> Range {
        Range {
            start: self.position(range.start),
            end: self.position(range.end),
        }
    }

    pub fn offset(&self, position: Position) -> usize {
        self.index
            .from_wire(self.text, crate::documents::wire(position), self.encoding)
    }

    pub fn text_range(&self, range: Range) -> TextRange {
        let start = self.offset(range.start);
        let end = self.offset(range.end).max(start);
        TextRange::new(start, end)
    }
}

pub fn encoding_kind(encoding: PositionEncoding) -> PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

/// UTF-8 when the client offers it (cheapest for us: no recount), else the
/// mandatory UTF-16.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
    match offered {
        Some(kinds) if kinds.contains(&PositionEncodingKind::UTF8) => PositionEncoding::Utf8,
        _ => PositionEncoding::Utf16,
    }
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The rule's page in the book.
pub fn rule_url(rule: &str) -> Option<Uri> {
    registry::meta(rule).and_then(|meta| Uri::from_str(&meta.url()).ok())
}

pub const SOURCE: &str = "blueprint";

pub fn diagnostic(finding: &Finding, lines: &Lines<'_>, uri: &Uri) -> Diagnostic {
    let related: Vec<DiagnosticRelatedInformation> = finding
        .related
        .iter()
        .map(|related| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: lines.range(related.range),
            },
            message: related.message.clone(),
        })
        .collect();
    // Unused suppressions are dead text: editors fade them.
    let tags =
        (finding.rule == "meta/unused-suppression").then(|| vec![DiagnosticTag::UNNECESSARY]);
    Diagnostic {
        range: lines.range(finding.range),
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.rule.to_string())),
        code_description: rule_url(finding.rule).map(|href| CodeDescription { href }),
        source: Some(SOURCE.to_string()),
        message: finding.message.clone(),
        related_information: (!related.is_empty()).then_some(related),
        tags,
        data: None,
    }
}

/// A malformed study-book callout (quiz, flashcards, ...), reported with the
/// same parser the book's preprocessor uses.
pub fn callout_diagnostic(
    error: &blueprint_analysis::callout::CalloutError,
    lines: &Lines<'_>,
) -> Diagnostic {
    Diagnostic {
        range: lines.range(error.range),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String("callout".to_string())),
        source: Some(SOURCE.to_string()),
        message: error.message.clone(),
        ..Diagnostic::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_round_trip_in_both_encodings() {
        let text = "# T\n😀 設計 CA here\n";
        let index = LineIndex::new(text);
        let at = text.find("CA").unwrap();
        let range = TextRange::new(at, at + 2);
        let utf16 = Lines::new(text, &index, PositionEncoding::Utf16);
        assert_eq!(
            utf16.range(range),
            Range::new(Position::new(1, 6), Position::new(1, 8))
        );
        assert_eq!(utf16.text_range(utf16.range(range)), range);
        let utf8 = Lines::new(text, &index, PositionEncoding::Utf8);
        assert_eq!(utf8.position(at), Position::new(1, 12));
        assert_eq!(utf8.text_range(utf8.range(range)), range);
    }

    #[test]
    fn negotiation_prefers_utf8_only_when_offered() {
        assert_eq!(negotiate(None), PositionEncoding::Utf16);
        assert_eq!(
            negotiate(Some(&[PositionEncodingKind::UTF16])),
            PositionEncoding::Utf16
        );
        assert_eq!(
            negotiate(Some(&[
                PositionEncodingKind::UTF16,
                PositionEncodingKind::UTF8
            ])),
            PositionEncoding::Utf8
        );
    }
}
