//! `blueprint check`.

use std::path::PathBuf;

use anyhow::Result;
use blueprint_analysis::config::Selector;
use blueprint_analysis::{Config, Document, FailOn, Finding, Severity, analyze};
use clap::{Args, ValueEnum};
use rayon::prelude::*;

use crate::files::{self, ConfigFinder, Input};
use crate::output;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// Code frames with the offending words underlined.
    Human,
    /// One JSON object (see the README for its shape).
    Json,
    /// SARIF 2.1.0, for code-scanning tools.
    Sarif,
    /// GitHub Actions workflow commands (`::warning file=...`).
    Github,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailLevel {
    Error,
    Warning,
    Info,
    Never,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files and folders to check; folders are walked honouring .gitignore.
    /// `-` reads standard input.
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Exit with 1 when a finding is at or above this severity [default: error].
    #[arg(long, value_enum)]
    pub fail_on: Option<FailLevel>,
    /// Only these rule ids or areas (comma-separated); replaces the config's `select`.
    #[arg(long, value_delimiter = ',')]
    pub select: Vec<String>,
    /// Skip these rule ids or areas (comma-separated); added to the config's `ignore`.
    #[arg(long, value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Use this config file instead of discovering `blueprint.toml`.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Read the document from standard input and report it under this name.
    #[arg(long)]
    pub stdin_filename: Option<String>,
}

/// One checked file.
pub struct Checked {
    pub input: Input,
    pub outcome: Result<(Document, Vec<Finding>), files::FileError>,
}

fn selectors(flag: &str, values: &[String]) -> Result<Vec<Selector>, String> {
    values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(|v| {
            Selector::parse(v).map_err(|suggestion| {
                let hint = suggestion
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_default();
                format!("{flag}: unknown rule or area `{v}`{hint}")
            })
        })
        .collect()
}

pub fn run(args: CheckArgs) -> Result<u8> {
    let select = match selectors("--select", &args.select) {
        Ok(s) if s.is_empty() => None,
        Ok(s) => Some(s),
        Err(message) => return usage_error(&message),
    };
    let ignore = match selectors("--ignore", &args.ignore) {
        Ok(s) => s,
        Err(message) => return usage_error(&message),
    };
    let mut configs = match &args.config {
        Some(path) => match ConfigFinder::with_file(path) {
            Ok(finder) => finder,
            Err(message) => return usage_error(&message),
        },
        None => ConfigFinder::default(),
    };

    let mut inputs = Vec::new();
    if let Some(name) = &args.stdin_filename {
        inputs.push(Input {
            path: PathBuf::from(name),
            display: name.clone(),
            stdin: true,
        });
    }
    let mut paths: Vec<PathBuf> = Vec::new();
    for path in &args.paths {
        if path.as_os_str() == "-" {
            inputs.push(Input {
                path: PathBuf::from("-"),
                display: "<stdin>".into(),
                stdin: true,
            });
        } else {
            paths.push(path.clone());
        }
    }
    if paths.is_empty() && inputs.is_empty() {
        paths.push(PathBuf::from("."));
    }
    match files::collect(&paths, &mut configs) {
        Ok(found) => inputs.extend(found),
        Err(message) => return usage_error(&message),
    }

    // Resolve each file's config up front (discovery is cached per folder);
    // a broken config stops the run before anything is reported.
    let per_file: Vec<Option<Config>> = inputs
        .iter()
        .map(|input| configs.for_file(&input.path).map(|(_, config)| config))
        .collect();
    if !configs.errors.is_empty() {
        for errors in &configs.errors {
            eprintln!("error: invalid configuration\n{errors}");
        }
        return Ok(crate::EXIT_ERROR);
    }

    let checked: Vec<(Checked, FailOn)> = inputs
        .into_par_iter()
        .zip(per_file.into_par_iter())
        .map(|(input, config)| {
            let config = config
                .unwrap_or_default()
                .with_overrides(select.clone(), ignore.clone());
            let fail_on = match args.fail_on {
                Some(level) => fail_level(level),
                None => config.fail_on.unwrap_or(FailOn::Severity(Severity::Error)),
            };
            let rules = config.rule_set();
            let outcome = files::read(&input).map(|text| {
                let analysis = analyze(text, &rules);
                (analysis.document, analysis.findings)
            });
            (Checked { input, outcome }, fail_on)
        })
        .collect();

    let failing = checked.iter().any(|(c, fail_on)| {
        c.outcome
            .as_ref()
            .is_ok_and(|(_, findings)| findings.iter().any(|f| fail_on.fails(f.severity)))
    });
    let had_errors = checked.iter().any(|(c, _)| c.outcome.is_err());
    let checked: Vec<Checked> = checked.into_iter().map(|(c, _)| c).collect();

    output::write(args.format, &checked)?;

    Ok(if had_errors {
        crate::EXIT_ERROR
    } else if failing {
        crate::EXIT_FINDINGS
    } else {
        0
    })
}

fn fail_level(level: FailLevel) -> FailOn {
    match level {
        FailLevel::Error => FailOn::Severity(Severity::Error),
        FailLevel::Warning => FailOn::Severity(Severity::Warning),
        FailLevel::Info => FailOn::Severity(Severity::Info),
        FailLevel::Never => FailOn::Never,
    }
}

fn usage_error(message: &str) -> Result<u8> {
    eprintln!("error: {message}");
    Ok(crate::EXIT_ERROR)
}
