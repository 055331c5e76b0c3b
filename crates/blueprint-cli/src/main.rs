//! `blueprint`: the command-line front end. Argument parsing, file discovery
//! and output live here; every judgement comes from `blueprint-analysis`.

mod check;
mod explain;
mod files;
mod output;
mod rules;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Lint Markdown design docs for database and system-design mistakes.
#[derive(Parser)]
#[command(name = "blueprint", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check Markdown files and folders (default: the current folder).
    Check(check::CheckArgs),
    /// Explain a rule, a glossary term (MVCC, RC, CAP) or a database (Postgres).
    Explain(explain::ExplainArgs),
    /// List every rule with its id, area, default severity and summary.
    Rules(rules::RulesArgs),
    /// Run the language server (LSP over standard input/output).
    Lsp(LspArgs),
}

#[derive(clap::Args)]
struct LspArgs {
    /// Speak LSP over standard input/output (the default and only transport).
    #[arg(long)]
    stdio: bool,
    /// Write logs to this file instead of standard error.
    #[arg(long, value_name = "PATH")]
    log_file: Option<std::path::PathBuf>,
    /// Log filter: error, warn, info, debug, trace or a tracing directive
    /// (`BLUEPRINT_LOG` overrides it).
    #[arg(long, value_name = "LEVEL")]
    log_level: Option<String>,
}

fn run_lsp(args: LspArgs) -> anyhow::Result<u8> {
    let _ = args.stdio;
    let options = blueprint_lsp::Options {
        log_file: args.log_file,
        log_level: args.log_level,
    };
    Ok(blueprint_lsp::run_stdio(options)?.code())
}

/// Exit codes, as documented: 0 clean, 1 findings at or above the fail level,
/// 2 usage, configuration or input errors.
pub const EXIT_FINDINGS: u8 = 1;
pub const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { EXIT_ERROR } else { 0 });
        }
    };
    let result = match cli.command {
        Command::Check(args) => check::run(args),
        Command::Explain(args) => explain::run(args),
        Command::Rules(args) => rules::run(args),
        Command::Lsp(args) => run_lsp(args),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
