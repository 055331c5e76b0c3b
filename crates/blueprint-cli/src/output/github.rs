//! `--format github`: GitHub Actions workflow commands, one per finding.

use std::io::Write;

use anyhow::Result;
use blueprint_analysis::Severity;

use super::span;
use crate::check::Checked;

/// Escapes the message part of a workflow command.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (`file=`, `title=`).
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(checked: &[Checked]) -> Result<()> {
    let mut out = std::io::stdout().lock();
    for c in checked {
        let file = escape_property(&c.input.display);
        match &c.outcome {
            Ok((document, findings)) => {
                for finding in findings {
                    let command = match finding.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let (start, end) = span(document, finding.range);
                    let mut message = finding.message.clone();
                    if let Some(help) = &finding.help {
                        message = format!("{message}\n{help}");
                    }
                    writeln!(
                        out,
                        "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                        start.line,
                        start.column,
                        end.line,
                        end.column,
                        escape_property(finding.rule),
                        escape_data(&message)
                    )?;
                }
            }
            Err(error) => match error.at {
                Some((line, column)) => writeln!(
                    out,
                    "::error file={file},line={line},col={column},title=blueprint::{}",
                    escape_data(&error.message)
                )?,
                None => writeln!(
                    out,
                    "::error file={file},title=blueprint::{}",
                    escape_data(&error.message)
                )?,
            },
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_per_the_workflow_command_rules() {
        assert_eq!(escape_data("50%\nnext"), "50%25%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
