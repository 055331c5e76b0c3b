//! `blueprint explain RULE`.

use anyhow::Result;
use blueprint_analysis::config::did_you_mean;
use blueprint_analysis::{RuleMeta, registry};
use clap::Args;

#[derive(Args)]
pub struct ExplainArgs {
    /// A rule id (`cap/ca-distributed-claim`), or just its name (`ca-distributed-claim`).
    pub query: String,
}

/// Case-insensitive lookup by id, or by the name after the `/`.
pub fn find(query: &str) -> Option<&'static RuleMeta> {
    let wanted = query.trim().to_ascii_lowercase();
    registry::all().iter().map(|r| r.meta()).find(|meta| {
        meta.id == wanted
            || meta
                .id
                .split_once('/')
                .is_some_and(|(_, name)| name == wanted)
    })
}

pub fn render(meta: &RuleMeta) -> String {
    let mut out = format!("{} ({})\n{}\n", meta.id, meta.severity, meta.summary);
    for line in meta.docs_markdown().lines() {
        out.push('\n');
        match line.strip_prefix("## ") {
            Some(heading) => out.push_str(&heading.to_uppercase()),
            None => out.push_str(line),
        }
    }
    if !meta.options.is_empty() {
        out.push_str("\n\nOPTIONS\n");
        for option in meta.options {
            out.push_str(&format!(
                "{} ({}): {}\n",
                option.name,
                option.default.type_name(),
                option.doc
            ));
        }
    }
    out.push_str(&format!("\n\nMore: {}\n", meta.url()));
    out
}

pub fn run(args: ExplainArgs) -> Result<u8> {
    match find(&args.query) {
        Some(meta) => {
            print!("{}", render(meta));
            Ok(0)
        }
        None => {
            let ids = registry::all().iter().map(|r| r.meta().id);
            let hint = did_you_mean(&args.query, ids)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            eprintln!(
                "error: no rule named `{}`{hint}\nRun `blueprint rules` to list them.",
                args.query
            );
            Ok(crate::EXIT_ERROR)
        }
    }
}
