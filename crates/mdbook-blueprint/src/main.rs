//! `mdbook-blueprint`: the mdBook preprocessor, plus `supports`, `install`
//! and `anki`. Logs go to stderr; stdout carries only the book JSON (or the
//! TSV for `anki` without `--out`).

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context as _, bail};
use mdbook_blueprint::{Blueprint, assets};
use mdbook_preprocessor::Preprocessor as _;

const USAGE: &str = "usage:
  mdbook-blueprint                     run as mdBook preprocessor (book JSON on stdin)
  mdbook-blueprint supports RENDERER   exit 0 if RENDERER is supported
  mdbook-blueprint install [BOOK_DIR]  write CSS/JS assets and book.toml entries
  mdbook-blueprint anki [BOOK_DIR] [--out FILE]
                                       export flashcards as Anki TSV";

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_env("MDBOOK_BLUEPRINT_LOG")
                .unwrap_or_else(|_| "warn".into()),
        )
        .init();
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("mdbook-blueprint: {error:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(args: &[String]) -> anyhow::Result<ExitCode> {
    match args.first().map(String::as_str) {
        None => {
            let (ctx, book) = mdbook_preprocessor::parse_input(std::io::stdin().lock())?;
            if ctx.mdbook_version != mdbook_preprocessor::MDBOOK_VERSION {
                tracing::warn!(
                    "mdbook-blueprint was built against mdBook {} but is called by mdBook {}",
                    mdbook_preprocessor::MDBOOK_VERSION,
                    ctx.mdbook_version
                );
            }
            let book = Blueprint.run(&ctx, book)?;
            let mut stdout = std::io::stdout().lock();
            serde_json::to_writer(&mut stdout, &book)?;
            stdout.flush()?;
            Ok(ExitCode::SUCCESS)
        }
        Some("supports") => {
            let renderer = args
                .get(1)
                .context("usage: mdbook-blueprint supports RENDERER")?;
            Ok(if mdbook_blueprint::supports(renderer) {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        Some("install") => {
            let root = PathBuf::from(args.get(1).map_or(".", String::as_str));
            let report = assets::install(&root)?;
            for path in &report.written {
                eprintln!("wrote {}", path.display());
            }
            for path in &report.unchanged {
                eprintln!("up to date: {}", path.display());
            }
            eprintln!(
                "{}",
                if report.book_toml_changed {
                    "updated book.toml"
                } else {
                    "book.toml already configured"
                }
            );
            Ok(ExitCode::SUCCESS)
        }
        Some("anki") => {
            let mut root = PathBuf::from(".");
            let mut out: Option<PathBuf> = None;
            let mut rest = args[1..].iter();
            while let Some(arg) = rest.next() {
                match arg.as_str() {
                    "--out" | "-o" => out = Some(rest.next().context("--out needs a file")?.into()),
                    other if other.starts_with('-') => bail!("unknown option {other}\n{USAGE}"),
                    other => root = other.into(),
                }
            }
            let src = book_src(&root)?;
            let tsv = mdbook_blueprint::anki::export_dir(&src)?;
            match out {
                Some(path) => std::fs::write(&path, tsv)
                    .with_context(|| format!("cannot write {}", path.display()))?,
                None => std::io::stdout().lock().write_all(tsv.as_bytes())?,
            }
            Ok(ExitCode::SUCCESS)
        }
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some("-V" | "--version") => {
            println!("mdbook-blueprint {}", assets::VERSION);
            Ok(ExitCode::SUCCESS)
        }
        Some(other) => {
            eprintln!("unknown command `{other}`\n{USAGE}");
            Ok(ExitCode::from(2))
        }
    }
}

/// The book's `src` directory from its book.toml (`[book] src`, default `src`).
fn book_src(root: &std::path::Path) -> anyhow::Result<PathBuf> {
    let path = root.join("book.toml");
    let text = std::fs::read_to_string(&path)
        .with_context(|| format!("cannot read {}", path.display()))?;
    let table: toml::Table =
        toml::from_str(&text).with_context(|| format!("{} is not valid TOML", path.display()))?;
    let src = table
        .get("book")
        .and_then(|b| b.get("src"))
        .and_then(|s| s.as_str())
        .unwrap_or("src");
    Ok(root.join(src))
}
