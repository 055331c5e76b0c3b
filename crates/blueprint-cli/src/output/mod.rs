//! The four output formats of `blueprint check`.

mod github;
mod human;
mod json;
mod sarif;

use std::io::Write;

use anyhow::Result;
use blueprint_analysis::{Document, LineCol, TextRange};

use crate::check::{Checked, Format};

pub fn write(format: Format, checked: &[Checked]) -> Result<()> {
    match format {
        Format::Human => human::write(checked),
        Format::Json => print(&json::render(checked)),
        Format::Sarif => print(&sarif::render(checked)),
        Format::Github => github::write(checked),
    }
}

fn print(value: &serde_json::Value) -> Result<()> {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// 1-based start and end (end exclusive) of a range.
pub fn span(document: &Document, range: TextRange) -> (LineCol, LineCol) {
    (document.line_col(range.start), document.line_col(range.end))
}
