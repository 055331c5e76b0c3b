//! `blueprint rules`.

use anyhow::Result;
use blueprint_analysis::registry;
use clap::{Args, ValueEnum};
use serde_json::json;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Human,
    Json,
}

#[derive(Args)]
pub struct RulesArgs {
    #[arg(long, value_enum, default_value_t = RulesFormat::Human)]
    pub format: RulesFormat,
}

pub fn run(args: RulesArgs) -> Result<u8> {
    let rules = registry::all();
    match args.format {
        RulesFormat::Json => {
            let list: Vec<_> = rules
                .iter()
                .map(|r| {
                    let meta = r.meta();
                    json!({
                        "id": meta.id,
                        "area": meta.area(),
                        "severity": meta.severity.as_str(),
                        "summary": meta.summary,
                        "url": meta.url(),
                        "options": meta.options.iter().map(|o| json!({
                            "name": o.name,
                            "type": o.default.type_name(),
                            "doc": o.doc,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            println!("{}", serde_json::to_string_pretty(&list)?);
        }
        RulesFormat::Human => {
            let width = rules.iter().map(|r| r.meta().id.len()).max().unwrap_or(0);
            for rule in rules {
                let meta = rule.meta();
                println!(
                    "{:width$}  {:7}  {}",
                    meta.id,
                    meta.severity.as_str(),
                    meta.summary
                );
            }
        }
    }
    Ok(0)
}
