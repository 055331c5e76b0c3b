//! Language-server benchmark (not a timed test): runs the real `blueprint`
//! binary (release build) over stdio and prints
//! - edit-to-diagnostics latency p50/p95 on a 5,000-line document, with the
//!   default debounce and with `debounceMs: 0` (the analysis alone);
//! - hover latency p50/p95 on that document;
//! - resident memory of the server with 100 open ~100 KB documents.
//!
//! Run: `cargo bench -p blueprint-cli --bench lsp_latency`
//! (`BLUEPRINT_BENCH_EDITS=N` changes the number of timed edits, default 60).

#[path = "../tests/support/lsp_client.rs"]
mod lsp_client;

use std::path::Path;
use std::time::{Duration, Instant};

use lsp_client::{Client, utf16_len};
use serde_json::{Value, json};

fn binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_blueprint"))
}

/// A design doc of about `lines` lines: sections of prose, a few SQL blocks,
/// a CA claim every 50 sections.
fn document(lines: usize, seed: usize) -> String {
    document_until(seed, |text| {
        text.lines().count() >= lines.saturating_sub(12)
    })
}

/// The same kind of document, grown until `done` says so.
fn document_until(seed: usize, done: impl Fn(&str) -> bool) -> String {
    let mut text = format!(
        "# Design: ledger {seed} 📒\n\n## Requirements\n\n- Writes must survive a region loss.\n\n"
    );
    let mut section = 0;
    while !done(&text) {
        section += 1;
        text.push_str(&format!("## Part {section}\n\n"));
        for i in 0..8 {
            text.push_str(&format!(
                "Entry {section}.{i}: the ledger service writes batch {i} to the primary store in Frankfurt and acknowledges after commit; 設計 😀.\n"
            ));
        }
        text.push('\n');
        if section % 25 == 0 {
            text.push_str(&format!(
                "```sql\nCREATE TABLE entries_{section} (\n  id BIGINT PRIMARY KEY,\n  amount DOUBLE PRECISION\n);\n```\n\n"
            ));
        }
        if section % 50 == 0 {
            text.push_str("The ledger is replicated across three regions. It is a CA system.\n\n");
        }
    }
    text
}

fn percentile(samples: &mut [Duration], p: f64) -> Duration {
    samples.sort();
    let index = ((samples.len() as f64 - 1.0) * p).round() as usize;
    samples[index]
}

fn report(name: &str, samples: &mut [Duration]) {
    let p50 = percentile(samples, 0.50);
    let p95 = percentile(samples, 0.95);
    println!(
        "{name:<50} p50 {:>8.1} ms   p95 {:>8.1} ms   (n = {})",
        p50.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3,
        samples.len()
    );
}

fn start(init: Value) -> Client {
    let mut client = Client::spawn(binary(), &[]);
    client.initialize(json!({}), json!({ "initializationOptions": init }));
    client
}

fn edit_latency(debounce: Option<u64>, edits: usize) {
    let init = match debounce {
        Some(ms) => json!({ "debounceMs": ms }),
        None => json!({}),
    };
    let mut client = start(init);
    let uri = "file:///bench/big.md";
    let text = document(5_000, 0);
    let last = text.lines().count() as u32 - 1;
    let last_text = text.lines().last().unwrap().to_string();
    client.open(uri, &text);
    client.diagnostics(uri, Some(1));
    let mut samples = Vec::new();
    let mut length = utf16_len(&last_text);
    for i in 0..edits {
        let version = i as i64 + 2;
        // Type a character at the end of the last line, or delete it again.
        let change = if i % 2 == 0 {
            length += 1;
            json!({ "range": { "start": { "line": last, "character": length - 1 }, "end": { "line": last, "character": length - 1 } }, "text": "x" })
        } else {
            length -= 1;
            json!({ "range": { "start": { "line": last, "character": length }, "end": { "line": last, "character": length + 1 } }, "text": "" })
        };
        let sent = Instant::now();
        client.notify("textDocument/didChange", json!({ "textDocument": { "uri": uri, "version": version }, "contentChanges": [change] }));
        client.diagnostics(uri, Some(version));
        samples.push(sent.elapsed());
    }
    let label = match debounce {
        Some(ms) => format!("edit -> diagnostics, 5,000 lines, debounce {ms} ms"),
        None => "edit -> diagnostics, 5,000 lines, default".to_string(),
    };
    report(&label, &mut samples);

    // Hovers on the current analysis: on a finding and on plain prose.
    let ca_line = text.lines().position(|l| l.contains("CA system")).unwrap() as u32;
    let ca_column = utf16_len(
        &text.lines().nth(ca_line as usize).unwrap()[..text
            .lines()
            .nth(ca_line as usize)
            .unwrap()
            .find("CA system")
            .unwrap()],
    );
    let mut hovers = Vec::new();
    let mut answered = 0;
    for i in 0..200u32 {
        let position = if i % 2 == 0 {
            json!({ "line": ca_line, "character": ca_column + 1 })
        } else {
            json!({ "line": (i * 23) % last, "character": 5 })
        };
        let started = Instant::now();
        let hover = client
            .request(
                "textDocument/hover",
                json!({ "textDocument": { "uri": uri }, "position": position }),
            )
            .expect("hover");
        hovers.push(started.elapsed());
        answered += usize::from(!hover.is_null());
    }
    assert!(answered >= 100, "the finding hovers answered: {answered}");
    if debounce.is_none() {
        report("hover, 5,000 lines", &mut hovers);
    }
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

fn resident_kib(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

fn memory() {
    let mut client = start(json!({}));
    let before = resident_kib(client.pid());
    let docs: Vec<String> = (0..100)
        .map(|i| document_until(i, |t| t.len() >= 100_000))
        .collect();
    let started = Instant::now();
    for (i, doc) in docs.iter().enumerate() {
        client.open(&format!("file:///bench/doc-{i}.md"), doc);
    }
    for i in 0..100 {
        client.diagnostics(&format!("file:///bench/doc-{i}.md"), Some(1));
    }
    let elapsed = started.elapsed();
    let after = resident_kib(client.pid());
    match (before, after) {
        (Some(before), Some(after)) => println!(
            "{:<50} {:>6.1} MiB resident ({:.1} MiB before opening); all analysed in {:.2} s",
            format!("100 open docs of {} KB", docs[0].len() / 1000),
            after as f64 / 1024.0,
            before as f64 / 1024.0,
            elapsed.as_secs_f64()
        ),
        _ => println!("memory: /proc not available"),
    }
    assert_eq!(client.shutdown_and_exit().code(), Some(0));
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this too
    // with no flag: keep that run short.
    let full = std::env::args().any(|a| a == "--bench");
    let edits: usize = std::env::var("BLUEPRINT_BENCH_EDITS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if full { 60 } else { 4 });
    println!(
        "blueprint lsp benchmark ({} build)",
        if cfg!(debug_assertions) {
            "debug"
        } else {
            "release"
        }
    );
    edit_latency(None, edits);
    edit_latency(Some(0), edits);
    if full {
        memory();
    }
}
