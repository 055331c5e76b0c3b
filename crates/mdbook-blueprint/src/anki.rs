//! Flashcards to an Anki-importable TSV: one note per card, with a stable
//! GUID derived from the deck name and the card's front, so re-importing
//! after edits updates notes instead of duplicating them.

use std::fmt::Write as _;
use std::path::Path;

use blueprint_analysis::Document;
use blueprint_analysis::callout::{CalloutData, parse_callouts};

use crate::html::markdown_inline;

/// Tabs and newlines would break the TSV; Anki reads the fields as HTML.
fn field(html: &str) -> String {
    html.replace(['\t'], " ")
        .replace("\r\n", "<br>")
        .replace('\n', "<br>")
}

fn deck_name(deck: &str) -> String {
    format!("Blueprint::{}", deck.replace("::", ":"))
}

/// The TSV for the given chapters (`(display path, Markdown)`), in order.
/// Bad callouts are returned as `file:line:column: message` errors.
pub fn export(chapters: &[(String, String)]) -> Result<String, Vec<String>> {
    let mut out = String::from(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype:Basic\n#deck column:2\n#tags column:5\n",
    );
    let mut errors = Vec::new();
    for (path, text) in chapters {
        let doc = Document::parse(text.as_str());
        for callout in parse_callouts(&doc) {
            match callout {
                Ok(callout) => {
                    if let CalloutData::Flashcards(deck) = callout.data {
                        let tag = format!(
                            "blueprint {}",
                            path.trim_end_matches(".md").replace(['/', ' '], "::")
                        );
                        for card in deck.cards {
                            let _ = writeln!(
                                out,
                                "bp-{}\t{}\t{}\t{}\t{}",
                                card.id,
                                field(&deck_name(&deck.deck)),
                                field(&markdown_inline(&card.front)),
                                field(&crate::html::markdown_block(&card.back)),
                                field(&tag)
                            );
                        }
                    }
                }
                Err(error) => {
                    let lc = doc.line_col(error.range.start);
                    errors.push(format!(
                        "{path}:{}:{}: {}",
                        lc.line, lc.column, error.message
                    ));
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// Reads every chapter under `src` and exports its flashcards.
pub fn export_dir(src: &Path) -> anyhow::Result<String> {
    let mut chapters = Vec::new();
    for file in crate::markdown_files(src) {
        let text = std::fs::read_to_string(&file)?;
        let rel = file.strip_prefix(src).unwrap_or(&file);
        chapters.push((crate::slash_path(rel), text));
    }
    export(&chapters).map_err(|errors| anyhow::anyhow!("{}", errors.join("\n")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tsv_has_stable_guids_and_one_line_per_card() {
        let chapter = "```flashcards\ndeck = \"ACID\"\n[[card]]\nfront = \"A\"\nback = \"All\\tor\\n\\nnothing\"\n[[card]]\nfront = \"I\"\nback = \"Isolation\"\n```\n";
        let tsv = export(&[("03-relational.md".into(), chapter.into())]).unwrap();
        let lines: Vec<&str> = tsv.lines().filter(|l| !l.starts_with('#')).collect();
        assert_eq!(lines.len(), 2, "{tsv}");
        for line in &lines {
            assert_eq!(line.split('\t').count(), 5, "{line}");
        }
        let id = blueprint_analysis::callout::stable_id(&["ACID", "A"]);
        assert!(
            lines[0].starts_with(&format!("bp-{id}\tBlueprint::ACID\tA\t")),
            "{}",
            lines[0]
        );
        assert!(lines[0].ends_with("\tblueprint 03-relational"));
        // Moving the card to another chapter keeps its GUID.
        let moved = export(&[("elsewhere.md".into(), chapter.into())]).unwrap();
        assert!(moved.contains(&format!("bp-{id}\t")));
    }
}
