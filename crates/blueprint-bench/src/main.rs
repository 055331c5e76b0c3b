//! `blueprint-bench`: benchmark runs whose results are ratios measured in the
//! same run, so they mean the same on a laptop and on a loaded CI machine.
//!
//! - `analyze`: analysis of one document against merely parsing it with
//!   pulldown-cmark (the floor), at 10 KB, 100 KB, 1 MB and 10 MB.
//! - `corpus`: writes a corpus of generated design docs for comparing
//!   `blueprint check` against other Markdown linters (see `scripts/bench-cli.sh`).
//!
//! Run with `cargo run --release -p blueprint-bench -- analyze`.

mod generate;

use std::hint::black_box;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use anyhow::Result;
use blueprint_analysis::{RuleSet, analyze};
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "blueprint-bench")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Analysis time against bare pulldown-cmark parse time, per document size.
    Analyze {
        /// Sizes in KB.
        #[arg(long, value_delimiter = ',', default_value = "10,100,1000,10000")]
        sizes: Vec<usize>,
        /// Measured repetitions per size (the median is reported).
        #[arg(long, default_value_t = 7)]
        runs: usize,
    },
    /// Where analysis time goes on one generated document: the parse, each
    /// model, then each rule alone over models already built.
    Profile {
        #[arg(long, default_value_t = 1000)]
        size_kb: usize,
    },
    /// Writes `count` generated design docs into `dir`.
    Corpus {
        dir: PathBuf,
        #[arg(long, default_value_t = 2000)]
        count: usize,
    },
}

fn main() -> Result<()> {
    match Cli::parse().command {
        Command::Analyze { sizes, runs } => analyze_vs_parse(&sizes, runs),
        Command::Profile { size_kb } => profile(size_kb),
        Command::Corpus { dir, count } => {
            std::fs::create_dir_all(&dir)?;
            for i in 0..count {
                std::fs::write(
                    dir.join(format!("design-{i:04}.md")),
                    generate::document(i, 8 * 1024),
                )?;
            }
            eprintln!("wrote {count} documents to {}", dir.display());
            Ok(())
        }
    }
}

/// The median of `runs` timings of `f` (after one warm-up call).
fn median(runs: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut times: Vec<Duration> = (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[times.len() / 2]
}

fn parse_only(text: &str) -> usize {
    pulldown_cmark::Parser::new_ext(text, blueprint_analysis::document::markdown_options())
        .into_offset_iter()
        .count()
}

fn analyze_vs_parse(sizes: &[usize], runs: usize) -> Result<()> {
    let rules = RuleSet::default();
    println!(
        "{:>9} {:>12} {:>12} {:>8} {:>10} {:>9}",
        "size", "parse", "analyze", "ratio", "findings", "growth"
    );
    let mut previous: Option<(usize, Duration)> = None;
    for &kb in sizes {
        let text = generate::document(0, kb * 1024);
        let parse = median(runs, || {
            black_box(parse_only(black_box(&text)));
        });
        let mut findings = 0;
        let analysis = median(runs, || {
            findings = black_box(analyze(black_box(text.clone()), &rules))
                .findings
                .len();
        });
        let growth = previous.map_or(String::from("-"), |(prev_kb, prev)| {
            format!(
                "{:.2}x/{}x",
                analysis.as_secs_f64() / prev.as_secs_f64(),
                kb / prev_kb.max(1)
            )
        });
        println!(
            "{:>7}KB {:>10.2}ms {:>10.2}ms {:>8.2} {:>10} {:>9}",
            kb,
            parse.as_secs_f64() * 1e3,
            analysis.as_secs_f64() * 1e3,
            analysis.as_secs_f64() / parse.as_secs_f64(),
            findings,
            growth
        );
        previous = Some((kb, analysis));
    }
    println!(
        "\nratio = analysis time / pulldown-cmark parse time of the same text (median of {runs} runs);\n\
         growth = analysis time against the previous size, and the size factor."
    );
    Ok(())
}

fn profile(size_kb: usize) -> Result<()> {
    use blueprint_analysis::models::Models;
    let text = generate::document(0, size_kb * 1024);
    let time = |f: &mut dyn FnMut()| median(3, f).as_secs_f64() * 1e3;
    let row = |name: &str, ms: f64| println!("{name:<48} {ms:>10.2}ms");
    row(
        "pulldown-cmark parse",
        time(&mut || {
            black_box(parse_only(&text));
        }),
    );
    row(
        "Document::parse",
        time(&mut || {
            black_box(blueprint_analysis::Document::parse(text.clone()));
        }),
    );
    let document = blueprint_analysis::Document::parse(text.clone());
    row(
        "whole analysis (parsed document)",
        time(&mut || {
            black_box(blueprint_analysis::analyze_document(
                &document,
                &RuleSet::default(),
            ));
        }),
    );
    // Each model on its own (sharding includes the SQL model it reads).
    type BuildModel = fn(&Models, &blueprint_analysis::Document);
    let models: [(&str, BuildModel); 6] = [
        ("model: sql", |m, d| {
            black_box(m.sql(d));
        }),
        ("model: outline", |m, d| {
            black_box(m.outline(d));
        }),
        ("model: mentions", |m, d| {
            black_box(m.mentions(d));
        }),
        ("model: decisions", |m, d| {
            black_box(m.decisions(d));
        }),
        ("model: quantities", |m, d| {
            black_box(m.quantities(d));
        }),
        ("model: sharding (+ sql)", |m, d| {
            black_box(m.sharding(d));
        }),
    ];
    for (name, build) in models {
        row(name, time(&mut || build(&Models::default(), &document)));
    }
    // Each rule alone over models that are already built.
    let warm = Models::default();
    for (_, build) in models {
        build(&warm, &document);
    }
    let mut rules_total = 0.0;
    for rule in blueprint_analysis::registry::all() {
        let id = rule.meta().id;
        let only = RuleSet::only(&[id]);
        let ms = time(&mut || {
            black_box(blueprint_analysis::analyze_with(&document, &warm, &only));
        });
        rules_total += ms;
        row(id, ms);
    }
    row("all rules (sum, models built)", rules_total);
    Ok(())
}
