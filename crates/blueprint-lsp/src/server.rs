//! The protocol handlers.

use std::collections::HashMap;
use std::path::PathBuf;
use std::str::FromStr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, RwLock};
use std::time::Duration;

use blueprint_analysis::config::FILE_NAME;
use blueprint_analysis::{
    ConfigErrors, LineCol, LineIndex, PositionEncoding, TextRange, analyze, hover, registry,
};
use serde_json::{Value, json};
use tokio::sync::OwnedSemaphorePermit;
use tower_lsp_server::jsonrpc::{Error as RpcError, Result as RpcResult};
use tower_lsp_server::ls_types::*;
use tower_lsp_server::{Client, LanguageServer};
use tracing::{debug, error, info, warn};

use crate::actions::{self, EXPLAIN_COMMAND, EXPLAIN_KIND};
use crate::completion;
use crate::configs::{ConfigStore, Loaded, Reloaded};
use crate::convert::{self, Lines};
use crate::documents::{OpenDocument, Snapshot};
use crate::settings::{self, Settings};
use crate::symbols;

/// Wait this long after the last edit before analysing.
const DEFAULT_DEBOUNCE_MS: u64 = 100;

#[derive(Clone, Copy, Debug, Default)]
struct ClientFlags {
    /// `workspace/configuration` requests are answered.
    configuration: bool,
    /// `workspace/didChangeWatchedFiles` can be registered dynamically.
    watch_files: bool,
    /// `window/showDocument` is supported.
    show_document: bool,
}

pub struct Backend {
    shared: Arc<Shared>,
}

struct Shared {
    client: Client,
    /// Open documents. A fair async lock: handlers take it in arrival order,
    /// so edits apply in order, and publishing holds it so no edit can slip
    /// between "is this result current?" and sending it.
    docs: tokio::sync::Mutex<HashMap<Uri, OpenDocument>>,
    encoding: RwLock<PositionEncoding>,
    flags: RwLock<ClientFlags>,
    settings: RwLock<Settings>,
    /// Problems found in settings before the client could be told.
    pending_problems: Mutex<Vec<String>>,
    configs: Mutex<ConfigStore>,
    /// `blueprint.toml` files open in the editor, checked as they are typed.
    config_docs: Mutex<HashMap<Uri, OpenDocument>>,
    generation: AtomicU64,
    shutdown: Arc<AtomicBool>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn read<T: Clone>(lock: &RwLock<T>) -> T {
    lock.read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
}

fn write<T>(lock: &RwLock<T>, value: T) {
    *lock
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = value;
}

fn file_path(uri: &Uri) -> Option<PathBuf> {
    if !uri.scheme().as_str().eq_ignore_ascii_case("file") {
        return None;
    }
    uri.to_file_path().map(|p| p.into_owned())
}

fn is_config_uri(uri: &Uri) -> bool {
    uri.path().as_str().rsplit('/').next() == Some(FILE_NAME)
}

impl Backend {
    pub fn new(client: Client, shutdown: Arc<AtomicBool>) -> Self {
        Backend {
            shared: Arc::new(Shared {
                client,
                docs: tokio::sync::Mutex::new(HashMap::new()),
                encoding: RwLock::new(PositionEncoding::Utf16),
                flags: RwLock::new(ClientFlags::default()),
                settings: RwLock::new(Settings::default()),
                pending_problems: Mutex::new(Vec::new()),
                configs: Mutex::new(ConfigStore::default()),
                config_docs: Mutex::new(HashMap::new()),
                generation: AtomicU64::new(0),
                shutdown,
            }),
        }
    }
}

impl Shared {
    fn encoding(&self) -> PositionEncoding {
        read(&self.encoding)
    }

    fn next_generation(&self) -> u64 {
        self.generation.fetch_add(1, Ordering::Relaxed) + 1
    }

    fn debounce(&self) -> Duration {
        let ms = read(&self.settings)
            .debounce_ms
            .unwrap_or(DEFAULT_DEBOUNCE_MS);
        Duration::from_millis(ms)
    }

    /// Starts (after `delay`) the analysis of the document's current
    /// generation, replacing any pending one.
    fn schedule(self: &Arc<Self>, uri: &Uri, doc: &mut OpenDocument, delay: Duration) {
        doc.cancel_task();
        let task = self
            .clone()
            .analyze_and_publish(uri.clone(), doc.generation, delay);
        doc.task = Some(tokio::spawn(task));
    }

    async fn analyze_and_publish(self: Arc<Self>, uri: Uri, generation: u64, delay: Duration) {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let gate = {
            let docs = self.docs.lock().await;
            match docs.get(&uri) {
                Some(doc) if doc.generation == generation => doc.gate.clone(),
                _ => return,
            }
        };
        // One analysis per document at a time; the permit travels into the
        // blocking task, so an abandoned analysis still holds it until done.
        let Ok(permit) = gate.acquire_owned().await else {
            return;
        };
        let (text, version, existing) = {
            let docs = self.docs.lock().await;
            match docs.get(&uri) {
                Some(doc) if doc.generation == generation => {
                    (doc.text.clone(), doc.version, doc.current_snapshot())
                }
                _ => return,
            }
        };
        let snapshot = match existing {
            // A request computed it while this task waited.
            Some(snapshot) => snapshot,
            None => match self
                .compute(&uri, text, version, generation, Some(permit))
                .await
            {
                Some(snapshot) => snapshot,
                None => return,
            },
        };
        self.publish(uri, snapshot).await;
    }

    /// Analyses one text of a document on a blocking thread.
    async fn compute(
        self: &Arc<Self>,
        uri: &Uri,
        text: String,
        version: i32,
        generation: u64,
        permit: Option<OwnedSemaphorePermit>,
    ) -> Option<Arc<Snapshot>> {
        let path = file_path(uri);
        let settings = read(&self.settings);
        let shared = self.clone();
        let started = std::time::Instant::now();
        let result = tokio::task::spawn_blocking(move || {
            let _permit = permit;
            let (config, _, reloaded) = lock(&shared.configs).for_document(path.as_deref());
            let rules = settings.apply(config).rule_set();
            (analyze(text, &rules), reloaded)
        })
        .await;
        match result {
            Ok((analysis, reloaded)) => {
                debug!(
                    uri = uri.as_str(),
                    version,
                    findings = analysis.findings.len(),
                    elapsed_ms = started.elapsed().as_secs_f64() * 1e3,
                    "analysed"
                );
                self.publish_config_reports(reloaded).await;
                Some(Arc::new(Snapshot {
                    generation,
                    version,
                    analysis,
                }))
            }
            Err(join_error) => {
                // A panic in a rule must not take the server down.
                error!(uri = uri.as_str(), version, "analysis failed: {join_error}");
                None
            }
        }
    }

    /// Publishes the snapshot's diagnostics if it is still the current text.
    async fn publish(&self, uri: Uri, snapshot: Arc<Snapshot>) {
        let diagnostics = {
            let doc = &snapshot.analysis.document;
            let lines = Lines::new(doc.source(), doc.line_index(), self.encoding());
            let callout_errors = blueprint_analysis::callout::parse_callouts(doc)
                .into_iter()
                .filter_map(Result::err);
            snapshot
                .analysis
                .findings
                .iter()
                .map(|f| convert::diagnostic(f, &lines, &uri))
                .chain(callout_errors.map(|e| convert::callout_diagnostic(&e, &lines)))
                .collect::<Vec<_>>()
        };
        let mut docs = self.docs.lock().await;
        let Some(doc) = docs.get_mut(&uri) else {
            return;
        };
        if doc.generation != snapshot.generation {
            debug!(uri = uri.as_str(), "dropping stale diagnostics");
            return;
        }
        let version = snapshot.version;
        doc.snapshot = Some(snapshot);
        self.client
            .publish_diagnostics(uri, diagnostics, Some(version))
            .await;
        drop(docs);
    }

    /// The analysis of the document's current text, computing it now if the
    /// debounced one has not run yet.
    async fn snapshot(self: &Arc<Self>, uri: &Uri) -> Option<Arc<Snapshot>> {
        let (text, version, generation) = {
            let docs = self.docs.lock().await;
            let doc = docs.get(uri)?;
            if let Some(snapshot) = doc.current_snapshot() {
                return Some(snapshot);
            }
            (doc.text.clone(), doc.version, doc.generation)
        };
        let snapshot = self.compute(uri, text, version, generation, None).await?;
        let mut docs = self.docs.lock().await;
        if let Some(doc) = docs.get_mut(uri) {
            if doc.generation == generation && doc.current_snapshot().is_none() {
                doc.snapshot = Some(snapshot.clone());
            }
        }
        Some(snapshot)
    }

    /// Re-analyses every open document (settings or a config changed).
    async fn reanalyze_all(self: &Arc<Self>) {
        let mut docs = self.docs.lock().await;
        let uris: Vec<Uri> = docs.keys().cloned().collect();
        for uri in uris {
            if let Some(doc) = docs.get_mut(&uri) {
                doc.generation = self.next_generation();
                self.schedule(&uri, doc, Duration::ZERO);
            }
        }
    }

    async fn publish_config_reports(&self, reloaded: Vec<Reloaded>) {
        for report in reloaded {
            let Some(uri) = Uri::from_file_path(&report.path) else {
                continue;
            };
            let diagnostics = match &report.loaded {
                Loaded::Valid(_) => Vec::new(),
                Loaded::Invalid { text, errors } => {
                    config_diagnostics(text, errors, self.encoding())
                }
                Loaded::Unreadable(message) => vec![Diagnostic {
                    range: Range::default(),
                    severity: Some(DiagnosticSeverity::ERROR),
                    source: Some(convert::SOURCE.into()),
                    message: message.clone(),
                    ..Diagnostic::default()
                }],
            };
            self.client
                .publish_diagnostics(uri, diagnostics, None)
                .await;
        }
    }

    async fn show_problems(&self, problems: Vec<String>) {
        if problems.is_empty() {
            return;
        }
        for problem in &problems {
            warn!("settings: {problem}");
        }
        self.client
            .show_message(
                MessageType::WARNING,
                format!("blueprint settings: {}", problems.join("; ")),
            )
            .await;
    }

    /// Applies new settings and re-analyses when they changed.
    async fn set_settings(self: &Arc<Self>, value: &Value) {
        let (settings, problems) = Settings::from_json(value);
        self.show_problems(problems).await;
        let changed = read(&self.settings) != settings;
        write(&self.settings, settings);
        if changed {
            info!("settings changed; re-analysing open documents");
            self.reanalyze_all().await;
        }
    }

    /// Asks the client for the `blueprint` settings section.
    async fn pull_settings(self: &Arc<Self>) {
        let items = vec![ConfigurationItem {
            scope_uri: None,
            section: Some(settings::SECTION.to_string()),
        }];
        match self.client.configuration(items).await {
            Ok(values) => {
                let value = values.into_iter().next().unwrap_or(Value::Null);
                self.set_settings(&value).await;
            }
            Err(error) => warn!("workspace/configuration failed: {error}"),
        }
    }

    /// Validates an open `blueprint.toml` as the user types it.
    async fn check_config_document(&self, uri: Uri, text: &str) {
        let name =
            file_path(&uri).map_or_else(|| uri.as_str().to_string(), |p| p.display().to_string());
        let diagnostics = match blueprint_analysis::Config::parse(&name, text) {
            Ok(_) => Vec::new(),
            Err(errors) => config_diagnostics(text, &errors, self.encoding()),
        };
        self.client
            .publish_diagnostics(uri, diagnostics, None)
            .await;
    }
}

/// One diagnostic per config error, from its line:column to the end of the
/// word there.
fn config_diagnostics(
    text: &str,
    errors: &ConfigErrors,
    encoding: PositionEncoding,
) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    let lines = Lines::new(text, &index, encoding);
    errors
        .0
        .iter()
        .map(|error| {
            let start = index
                .offset_of_line_col(
                    text,
                    LineCol {
                        line: error.line,
                        column: error.column,
                    },
                )
                .unwrap_or(text.len());
            let line_end = index.line_range(text, index.line_of(start)).end.max(start);
            let word = text[start..line_end]
                .find(|c: char| c.is_whitespace() || matches!(c, '=' | ',' | ']'))
                .map_or(line_end, |i| start + i.max(1).min(line_end - start));
            let end = blueprint_analysis::line_index::ceil_char_boundary(text, word);
            let message = match &error.help {
                Some(help) => format!("{} ({help})", error.message),
                None => error.message.clone(),
            };
            Diagnostic {
                range: lines.range(TextRange::new(start, end.max(start))),
                severity: Some(DiagnosticSeverity::ERROR),
                code: Some(NumberOrString::String("config".into())),
                source: Some(convert::SOURCE.into()),
                message,
                ..Diagnostic::default()
            }
        })
        .collect()
}

fn server_capabilities(encoding: PositionEncoding) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(convert::encoding_kind(encoding)),
        text_document_sync: Some(TextDocumentSyncCapability::Options(
            TextDocumentSyncOptions {
                open_close: Some(true),
                change: Some(TextDocumentSyncKind::INCREMENTAL),
                will_save: None,
                will_save_wait_until: None,
                save: Some(TextDocumentSyncSaveOptions::SaveOptions(SaveOptions {
                    include_text: Some(false),
                })),
            },
        )),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::new(EXPLAIN_KIND),
            ]),
            work_done_progress_options: WorkDoneProgressOptions::default(),
            resolve_provider: Some(false),
        })),
        document_symbol_provider: Some(OneOf::Left(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![" ".into(), "-".into(), "/".into(), ",".into()]),
            ..CompletionOptions::default()
        }),
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![EXPLAIN_COMMAND.to_string()],
            work_done_progress_options: WorkDoneProgressOptions::default(),
        }),
        workspace: Some(WorkspaceServerCapabilities {
            workspace_folders: Some(WorkspaceFoldersServerCapabilities {
                supported: Some(true),
                change_notifications: Some(OneOf::Left(true)),
            }),
            file_operations: None,
        }),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> RpcResult<InitializeResult> {
        let capabilities = &params.capabilities;
        let encoding = convert::negotiate(
            capabilities
                .general
                .as_ref()
                .and_then(|g| g.position_encodings.as_deref()),
        );
        write(&self.shared.encoding, encoding);
        let workspace = capabilities.workspace.as_ref();
        write(
            &self.shared.flags,
            ClientFlags {
                configuration: workspace.and_then(|w| w.configuration) == Some(true),
                watch_files: workspace
                    .and_then(|w| w.did_change_watched_files.as_ref())
                    .and_then(|w| w.dynamic_registration)
                    == Some(true),
                show_document: capabilities
                    .window
                    .as_ref()
                    .and_then(|w| w.show_document.as_ref())
                    .is_some_and(|s| s.support),
            },
        );
        if let Some(options) = &params.initialization_options {
            let (settings, problems) = Settings::from_json(options);
            write(&self.shared.settings, settings);
            lock(&self.shared.pending_problems).extend(problems);
        }
        let folders: Vec<&str> = params
            .workspace_folders
            .iter()
            .flatten()
            .map(|f| f.uri.as_str())
            .collect();
        info!(
            client = params.client_info.as_ref().map(|c| c.name.as_str()),
            ?encoding,
            ?folders,
            "initialize"
        );
        Ok(InitializeResult {
            capabilities: server_capabilities(encoding),
            server_info: Some(ServerInfo {
                name: "blueprint".into(),
                version: Some(blueprint_analysis::VERSION.into()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let shared = self.shared.clone();
        // Requests to the client run on their own task: a client that never
        // answers must not hold up the protocol loop.
        tokio::spawn(async move {
            let problems = std::mem::take(&mut *lock(&shared.pending_problems));
            shared.show_problems(problems).await;
            let flags = read(&shared.flags);
            if flags.watch_files {
                let registration = Registration {
                    id: "blueprint-config-watcher".into(),
                    method: "workspace/didChangeWatchedFiles".into(),
                    register_options: Some(json!({
                        "watchers": [{ "globPattern": format!("**/{FILE_NAME}") }]
                    })),
                };
                if let Err(error) = shared.client.register_capability(vec![registration]).await {
                    warn!("cannot watch {FILE_NAME}: {error}");
                }
            }
            if flags.configuration {
                shared.pull_settings().await;
            }
        });
    }

    async fn shutdown(&self) -> RpcResult<()> {
        info!("shutdown");
        self.shared.shutdown.store(true, Ordering::SeqCst);
        let mut docs = self.shared.docs.lock().await;
        for doc in docs.values_mut() {
            doc.cancel_task();
        }
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let mut docs = self.shared.docs.lock().await;
        let item = params.text_document;
        if is_config_uri(&item.uri) {
            drop(docs);
            let text = item.text.clone();
            lock(&self.shared.config_docs).insert(
                item.uri.clone(),
                OpenDocument::new(item.text, item.version, 0),
            );
            self.shared.check_config_document(item.uri, &text).await;
            return;
        }
        debug!(uri = item.uri.as_str(), version = item.version, "open");
        let generation = self.shared.next_generation();
        let mut doc = OpenDocument::new(item.text, item.version, generation);
        self.shared.schedule(&item.uri, &mut doc, Duration::ZERO);
        if let Some(mut old) = docs.insert(item.uri, doc) {
            old.cancel_task();
        }
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let mut docs = self.shared.docs.lock().await;
        let uri = params.text_document.uri;
        if is_config_uri(&uri) {
            drop(docs);
            let encoding = self.shared.encoding();
            let text = {
                let mut configs = lock(&self.shared.config_docs);
                let Some(doc) = configs.get_mut(&uri) else {
                    return;
                };
                doc.apply_changes(params.content_changes, encoding);
                doc.version = params.text_document.version;
                doc.text.clone()
            };
            self.shared.check_config_document(uri, &text).await;
            return;
        }
        let encoding = self.shared.encoding();
        let delay = self.shared.debounce();
        let Some(doc) = docs.get_mut(&uri) else {
            warn!(uri = uri.as_str(), "change for a document that is not open");
            return;
        };
        doc.apply_changes(params.content_changes, encoding);
        doc.version = params.text_document.version;
        doc.generation = self.shared.next_generation();
        self.shared.schedule(&uri, doc, delay);
    }

    async fn did_save(&self, params: DidSaveTextDocumentParams) {
        let uri = params.text_document.uri;
        if is_config_uri(&uri) {
            lock(&self.shared.configs).invalidate();
            self.shared.reanalyze_all().await;
            return;
        }
        // The text is unchanged, but a config next to it may not be.
        let mut docs = self.shared.docs.lock().await;
        if let Some(doc) = docs.get_mut(&uri) {
            doc.generation = self.shared.next_generation();
            self.shared.schedule(&uri, doc, Duration::ZERO);
        }
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let mut docs = self.shared.docs.lock().await;
        let uri = params.text_document.uri;
        lock(&self.shared.config_docs).remove(&uri);
        if let Some(mut doc) = docs.remove(&uri) {
            doc.cancel_task();
        }
        // Findings of a closed document are no longer maintained: clear them.
        self.shared
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await;
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        let shared = self.shared.clone();
        let settings = params.settings;
        tokio::spawn(async move {
            let configuration = read(&shared.flags).configuration;
            match settings.get(settings::SECTION) {
                Some(section) => shared.set_settings(section).await,
                // The push carried no section of ours: pull it, if we can.
                None if configuration => shared.pull_settings().await,
                None if settings.is_object() => shared.set_settings(&settings).await,
                None => {}
            }
        });
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        if params.changes.iter().any(|c| is_config_uri(&c.uri)) {
            info!("{FILE_NAME} changed; reloading");
            // A deleted config takes its diagnostics with it.
            for change in &params.changes {
                if change.typ == FileChangeType::DELETED && is_config_uri(&change.uri) {
                    self.shared
                        .client
                        .publish_diagnostics(change.uri.clone(), Vec::new(), None)
                        .await;
                }
            }
            lock(&self.shared.configs).invalidate();
            self.shared.reanalyze_all().await;
        }
    }

    async fn did_change_workspace_folders(&self, params: DidChangeWorkspaceFoldersParams) {
        // Configs are found per document, so folders need no bookkeeping.
        info!(
            added = params.event.added.len(),
            removed = params.event.removed.len(),
            "workspace folders changed"
        );
    }

    async fn hover(&self, params: HoverParams) -> RpcResult<Option<Hover>> {
        let position = params.text_document_position_params;
        let uri = position.text_document.uri;
        let Some(snapshot) = self.shared.snapshot(&uri).await else {
            return Ok(None);
        };
        let encoding = self.shared.encoding();
        let answer = tokio::task::spawn_blocking(move || {
            let doc = &snapshot.analysis.document;
            let lines = Lines::new(doc.source(), doc.line_index(), encoding);
            let offset = lines.offset(position.position);
            hover::hover(&snapshot.analysis, offset).map(|h| Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: h.markdown,
                }),
                range: Some(lines.range(h.range)),
            })
        })
        .await;
        answer.map_err(internal_error)
    }

    async fn code_action(&self, params: CodeActionParams) -> RpcResult<Option<CodeActionResponse>> {
        let uri = params.text_document.uri;
        let Some(snapshot) = self.shared.snapshot(&uri).await else {
            return Ok(None);
        };
        let encoding = self.shared.encoding();
        let range = params.range;
        let only = params.context.only;
        let actions = tokio::task::spawn_blocking(move || {
            let doc = &snapshot.analysis.document;
            let lines = Lines::new(doc.source(), doc.line_index(), encoding);
            let range = lines.text_range(range);
            actions::code_actions(&snapshot.analysis, &lines, &uri, range, only.as_deref())
        })
        .await
        .map_err(internal_error)?;
        Ok(Some(actions))
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> RpcResult<Option<DocumentSymbolResponse>> {
        let Some(snapshot) = self.shared.snapshot(&params.text_document.uri).await else {
            return Ok(None);
        };
        let encoding = self.shared.encoding();
        let symbols = tokio::task::spawn_blocking(move || {
            let doc = &snapshot.analysis.document;
            let lines = Lines::new(doc.source(), doc.line_index(), encoding);
            symbols::document_symbols(&snapshot.analysis, &lines)
        })
        .await
        .map_err(internal_error)?;
        Ok(Some(DocumentSymbolResponse::Nested(symbols)))
    }

    async fn completion(&self, params: CompletionParams) -> RpcResult<Option<CompletionResponse>> {
        let position = params.text_document_position;
        let docs = self.shared.docs.lock().await;
        let Some(doc) = docs.get(&position.text_document.uri) else {
            return Ok(None);
        };
        let encoding = self.shared.encoding();
        let offset = doc.offset(position.position, encoding);
        let Some(context) = completion::context(&doc.text, offset) else {
            return Ok(None);
        };
        let range = match &context {
            completion::Context::Directive { range }
            | completion::Context::RuleId { range, .. } => *range,
        };
        let lines = Lines::new(&doc.text, &doc.line_index, encoding);
        let edit_range = lines.range(range);
        let items = completion::candidates(&context)
            .into_iter()
            .map(|c| CompletionItem {
                label: c.label.clone(),
                kind: Some(if c.is_area {
                    CompletionItemKind::MODULE
                } else {
                    CompletionItemKind::KEYWORD
                }),
                detail: Some(c.detail),
                documentation: c.documentation.map(|value| {
                    Documentation::MarkupContent(MarkupContent {
                        kind: MarkupKind::Markdown,
                        value,
                    })
                }),
                text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                    range: edit_range,
                    new_text: c.label,
                })),
                ..CompletionItem::default()
            })
            .collect();
        Ok(Some(CompletionResponse::Array(items)))
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> RpcResult<Option<Value>> {
        if params.command != EXPLAIN_COMMAND {
            return Err(RpcError::invalid_params(format!(
                "unknown command `{}`",
                params.command
            )));
        }
        let id = params
            .arguments
            .first()
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        let Some(meta) = registry::meta(&id) else {
            let hint = blueprint_analysis::suppression::suggest(&id)
                .map(|s| format!(" (did you mean `{s}`?)"))
                .unwrap_or_default();
            return Err(RpcError::invalid_params(format!(
                "unknown rule `{id}`{hint}"
            )));
        };
        let url = meta.url();
        let shared = self.shared.clone();
        let summary = meta.summary;
        let target = url.clone();
        tokio::spawn(async move {
            let shown = if read(&shared.flags).show_document {
                match Uri::from_str(&target) {
                    Ok(uri) => shared
                        .client
                        .show_document(ShowDocumentParams {
                            uri,
                            external: Some(true),
                            take_focus: Some(true),
                            selection: None,
                        })
                        .await
                        .unwrap_or(false),
                    Err(_) => false,
                }
            } else {
                false
            };
            if !shown {
                shared
                    .client
                    .show_message(MessageType::INFO, format!("{id}: {summary} {target}"))
                    .await;
            }
        });
        Ok(Some(json!({
            "rule": meta.id,
            "url": url,
            "markdown": meta.docs_markdown(),
        })))
    }
}

fn internal_error(error: impl std::fmt::Display) -> RpcError {
    error!("request failed: {error}");
    RpcError::internal_error()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_errors_point_at_the_offending_word() {
        let text = "select = [\"cap\"]\nignore = [\"😀\", \"cap/nope\"]\n";
        let errors = match blueprint_analysis::Config::parse("blueprint.toml", text) {
            Err(errors) => errors,
            Ok(_) => panic!("config should not parse"),
        };
        let diagnostics = config_diagnostics(text, &errors, PositionEncoding::Utf16);
        assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
        let nope = diagnostics
            .iter()
            .find(|d| d.message.contains("cap/nope"))
            .expect("a diagnostic for cap/nope");
        // The emoji before it is two UTF-16 code units.
        assert_eq!(nope.range.start, Position::new(1, 16));
        assert_eq!(nope.range.end, Position::new(1, 26));
    }
}
