//! `blueprint lsp`: the language server. A thin front end: protocol in,
//! analysis out. Every judgement (findings, hovers, rule docs) comes from
//! `blueprint-analysis`; this crate converts positions, schedules analyses and
//! speaks LSP. All protocol types stay inside this crate.
//!
//! Concurrency model: edits are applied in arrival order on the protocol task
//! (under one fair async lock); analyses run debounced on blocking threads; a
//! newer edit bumps the document's generation, so results computed for an older
//! text are dropped and diagnostics are only ever published for the version
//! that is current when they are sent.

mod actions;
mod completion;
mod configs;
mod convert;
mod documents;
mod server;
mod settings;
mod symbols;
mod transport;

use std::fs::OpenOptions;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::{LspService, Server};
use tracing_subscriber::EnvFilter;

pub use actions::EXPLAIN_COMMAND;

/// How to run the server.
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// Write logs here instead of standard error.
    pub log_file: Option<PathBuf>,
    /// A `tracing` filter (`info`, `blueprint_lsp=debug`); `BLUEPRINT_LOG`
    /// overrides it. Default: `info`.
    pub log_level: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("cannot open log file {path}: {source}")]
    LogFile {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("invalid log filter `{filter}`: {message}")]
    LogFilter { filter: String, message: String },
    #[error("cannot start the async runtime: {0}")]
    Runtime(std::io::Error),
}

/// How the session ended, for the process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// `exit` after `shutdown`: exit code 0.
    Clean,
    /// `exit` without `shutdown`, or the client went away: exit code 1.
    WithoutShutdown,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Clean => 0,
            Exit::WithoutShutdown => 1,
        }
    }
}

/// Serves LSP over standard input/output until `exit` or end of input.
/// Logs go to standard error or the log file, never to standard output.
pub fn run_stdio(options: Options) -> Result<Exit, Error> {
    init_logging(&options)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(4)
        .enable_all()
        .build()
        .map_err(Error::Runtime)?;
    let exit = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout()));
    // Standard input is read on a blocking thread that may stay parked in
    // `read` after `exit`; do not wait for it.
    runtime.shutdown_timeout(Duration::from_millis(200));
    tracing::info!(?exit, "language server stopped");
    Ok(exit)
}

/// Serves LSP over any byte streams (stdio, pipes, in-memory duplex for
/// benchmarks) until `exit` or end of input.
pub async fn serve<I, O>(input: I, output: O) -> Exit
where
    I: AsyncRead + Unpin,
    O: AsyncWrite,
{
    let shutdown = Arc::new(AtomicBool::new(false));
    let flag = shutdown.clone();
    let (service, socket) =
        LspService::new(move |client| server::Backend::new(client, flag.clone()));
    // Input is framed and checked before the library sees it, so one
    // malformed message gets an error response instead of ending the
    // session; output is re-framed so those responses never split a message.
    let (guarded_writer, guarded_reader) = tokio::io::duplex(1 << 16);
    let (server_writer, server_reader) = tokio::io::duplex(1 << 16);
    let (frames_tx, frames_rx) = tokio::sync::mpsc::channel(64);
    let (errors_tx, errors_rx) = tokio::sync::mpsc::channel(16);
    let session = async {
        tokio::join!(
            Server::new(guarded_reader, server_writer, socket).serve(service),
            transport::pump(server_reader, frames_tx),
            transport::write_out(frames_rx, errors_rx, output),
        )
    };
    let guard = transport::guard(input, guarded_writer, errors_tx);
    tokio::pin!(session, guard);
    tokio::select! {
        _ = &mut session => {}
        // End of input: let the server finish what it has read.
        _ = &mut guard => {
            session.await;
        }
    }
    if shutdown.load(Ordering::SeqCst) {
        Exit::Clean
    } else {
        Exit::WithoutShutdown
    }
}

fn init_logging(options: &Options) -> Result<(), Error> {
    let filter_text = std::env::var("BLUEPRINT_LOG")
        .ok()
        .filter(|f| !f.trim().is_empty())
        .or_else(|| options.log_level.clone())
        .unwrap_or_else(|| "info".to_string());
    let filter = EnvFilter::try_new(&filter_text).map_err(|e| Error::LogFilter {
        filter: filter_text.clone(),
        message: e.to_string(),
    })?;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_ansi(false)
        .with_target(true);
    // `try_init` fails only when a subscriber is already set (tests, embedding);
    // keeping the existing one is right then.
    match &options.log_file {
        Some(path) => {
            let file = OpenOptions::new()
                .create(true)
                .append(true)
                .open(path)
                .map_err(|source| Error::LogFile {
                    path: path.clone(),
                    source,
                })?;
            let _ = builder.with_writer(std::sync::Mutex::new(file)).try_init();
        }
        None => {
            let _ = builder.with_writer(std::io::stderr).try_init();
        }
    }
    Ok(())
}
