// The VS Code side: wires the plain modules (serverPath, settings, messages,
// status, explain, protocol) to the editor and to vscode-languageclient.

import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  ExecuteCommandRequest,
  LanguageClient,
  State,
  type LanguageClientOptions,
  type ServerOptions,
} from 'vscode-languageclient/node';

import { ruleHrefOf, ruleIdsAt, ruleUrl, normalizeQuery, type DiagnosticLike } from './explain';
import {
  INSTALL_COMMAND,
  missingBinaryMessage,
  searchedReport,
  settingsProblemsMessage,
  startFailureMessage,
} from './messages';
import {
  DOCUMENT_SELECTOR,
  WATCHED_FILES,
  initializationOptions,
  serverExecutable,
  withoutClientCommands,
} from './protocol';
import { resolveServerPath, type Machine, type Resolution } from './serverPath';
import {
  SECTION,
  changeKind,
  configurationResult,
  didChangeConfigurationParams,
  emptySettings,
  readServerSettings,
  type ServerSettings,
} from './settings';
import { statusView, type Counts, type ServerState } from './status';

const EXPLAIN_SCHEME = 'blueprint-explain';

function isExecutable(file: string): boolean {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

export class BlueprintExtension implements vscode.Disposable {
  readonly output: vscode.OutputChannel;
  readonly statusItem: vscode.StatusBarItem;
  client: LanguageClient | undefined;
  serverPath: string | undefined;
  state: ServerState = 'stopped';
  private settings: ServerSettings = emptySettings();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext) {
    this.output = vscode.window.createOutputChannel('blueprint');
    this.statusItem = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
    this.statusItem.name = 'blueprint';
    this.disposables.push(this.output, this.statusItem);
  }

  machine(): Machine {
    return {
      platform: process.platform,
      env: process.env,
      homedir: os.homedir(),
      extensionPath: this.context.extensionPath,
      workspaceFolder: vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      isExecutable,
    };
  }

  resolve(): Resolution {
    const configured = vscode.workspace.getConfiguration(SECTION).get<string>('server.path');
    return resolveServerPath(configured, this.machine());
  }

  readSettings(): ServerSettings {
    const { settings, problems } = readServerSettings(vscode.workspace.getConfiguration(SECTION));
    const message = settingsProblemsMessage(problems);
    if (message) {
      this.output.appendLine(message);
      void vscode.window.showWarningMessage(message);
    }
    this.settings = settings;
    return settings;
  }

  setState(state: ServerState): void {
    this.state = state;
    this.updateStatus();
  }

  counts(): Counts | undefined {
    const editor = vscode.window.activeTextEditor;
    if (!editor || editor.document.languageId !== 'markdown' || !this.client) return undefined;
    const diagnostics = this.client.diagnostics?.get(editor.document.uri) ?? [];
    const counts: Counts = { errors: 0, warnings: 0, infos: 0 };
    for (const d of diagnostics) {
      if (d.severity === vscode.DiagnosticSeverity.Error) counts.errors++;
      else if (d.severity === vscode.DiagnosticSeverity.Warning) counts.warnings++;
      else counts.infos++;
    }
    return counts;
  }

  updateStatus(): void {
    const view = statusView(this.state, this.state === 'running' ? this.counts() : undefined, this.serverPath);
    this.statusItem.text = view.text;
    this.statusItem.tooltip = view.tooltip;
    this.statusItem.command = view.command;
    this.statusItem.backgroundColor =
      view.tone === 'error'
        ? new vscode.ThemeColor('statusBarItem.errorBackground')
        : view.tone === 'warning'
          ? new vscode.ThemeColor('statusBarItem.warningBackground')
          : undefined;
    this.statusItem.show();
  }

  async reportMissing(resolution: Extract<Resolution, { kind: 'missing' }>): Promise<void> {
    this.serverPath = undefined;
    this.setState('missing');
    const message = missingBinaryMessage(resolution);
    this.output.appendLine(message);
    this.output.appendLine(searchedReport(resolution));
    const choice = await vscode.window.showErrorMessage(
      message,
      'Copy Install Command',
      'Open Settings',
      'Show Output',
    );
    if (choice === 'Copy Install Command') {
      await vscode.env.clipboard.writeText(INSTALL_COMMAND);
    } else if (choice === 'Open Settings') {
      await vscode.commands.executeCommand('workbench.action.openSettings', 'blueprint.server.path');
    } else if (choice === 'Show Output') {
      this.output.show(true);
    }
  }

  clientOptions(): LanguageClientOptions {
    return {
      documentSelector: DOCUMENT_SELECTOR,
      diagnosticCollectionName: 'blueprint',
      outputChannel: this.output,
      initializationOptions: initializationOptions(this.settings),
      synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher(WATCHED_FILES) },
      middleware: {
        workspace: {
          // The server asks for the `blueprint` section: answer with the translated
          // settings, not the raw VS Code ones (which also hold `server.path`, ...).
          configuration: (params) => configurationResult(params.items, this.settings),
        },
      },
    };
  }

  async start(): Promise<void> {
    const resolution = this.resolve();
    if (resolution.kind === 'missing') {
      // Not awaited: activation must not wait for someone to dismiss a notification.
      void this.reportMissing(resolution);
      return;
    }
    this.serverPath = resolution.path;
    this.readSettings();
    this.output.appendLine(`Starting ${resolution.path} lsp (found via ${resolution.source}).`);
    const exe = serverExecutable(
      resolution.path,
      process.env,
      vscode.workspace.workspaceFolders?.[0]?.uri.fsPath,
      vscode.workspace.getConfiguration(SECTION).get<string>('server.logLevel'),
    );
    const serverOptions: ServerOptions = { run: exe, debug: exe };
    const client = new LanguageClient('blueprint', 'blueprint', serverOptions, this.clientOptions());
    this.client = client;
    // Keep the server from registering the commands this extension owns.
    const commands = client.getFeature(ExecuteCommandRequest.method);
    const initialize = commands.initialize.bind(commands);
    commands.initialize = (capabilities, selector) => initialize(withoutClientCommands(capabilities), selector);
    client.onDidChangeState((event) => {
      if (this.client !== client) return;
      if (event.newState === State.Running) this.setState('running');
      else if (event.newState === State.Starting) this.setState('starting');
      else if (this.state !== 'failed') this.setState('stopped');
    });
    this.setState('starting');
    try {
      await client.start();
      this.setState('running');
    } catch (error) {
      if (this.client === client) this.client = undefined;
      this.setState('failed');
      const message = startFailureMessage(resolution.path, error);
      this.output.appendLine(message);
      void vscode.window.showErrorMessage(message, 'Show Output').then((choice) => {
        if (choice === 'Show Output') this.output.show(true);
      });
    }
  }

  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (client) {
      try {
        await client.stop();
      } catch (error) {
        this.output.appendLine(`Stopping the server: ${String(error)}`);
      }
    }
    this.setState('stopped');
  }

  async restart(): Promise<void> {
    this.output.appendLine('Restarting the blueprint language server.');
    await this.stop();
    await this.start();
  }

  async onConfigurationChanged(event: vscode.ConfigurationChangeEvent): Promise<void> {
    const kind = changeKind((section) => event.affectsConfiguration(section));
    if (kind === 'restart') {
      await this.restart();
    } else if (kind === 'resend') {
      const settings = this.readSettings();
      if (this.client && this.state === 'running') {
        await this.client.sendNotification(
          DidChangeConfigurationNotification.type,
          didChangeConfigurationParams(settings),
        );
      }
    }
  }

  /** "Explain Rule": `ruleId` from a code action or a command link, else from the cursor. */
  async explain(ruleId?: unknown): Promise<void> {
    let query = typeof ruleId === 'string' ? normalizeQuery(ruleId) : undefined;
    let href: string | undefined;
    if (!query) {
      const editor = vscode.window.activeTextEditor;
      if (editor) {
        const diagnostics = vscode.languages.getDiagnostics(editor.document.uri);
        const ids = ruleIdsAt(diagnostics as readonly DiagnosticLike[], editor.selection.active);
        if (ids.length === 1) query = ids[0];
        else if (ids.length > 1) query = await vscode.window.showQuickPick(ids, { placeHolder: 'Explain which rule?' });
        if (query) {
          const d = diagnostics.find((x) => typeof x.code === 'object' && x.code.value === query);
          href = d ? ruleHrefOf(d.code as DiagnosticLike['code']) : undefined;
        }
      }
    }
    if (!query) {
      query = normalizeQuery(
        await vscode.window.showInputBox({
          prompt: 'Rule id (e.g. cap/ca-distributed-claim) or glossary term (e.g. MVCC)',
          placeHolder: 'cap/ca-distributed-claim',
        }),
      );
    }
    if (!query) return;
    const open = vscode.workspace.getConfiguration(SECTION).get<string>('explain.open') ?? 'editor';
    if (open === 'browser' && query.includes('/')) {
      await vscode.env.openExternal(vscode.Uri.parse(href ?? ruleUrl(query)));
      return;
    }
    const uri = vscode.Uri.from({ scheme: EXPLAIN_SCHEME, path: `/${query}.txt` });
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: true, viewColumn: vscode.ViewColumn.Beside });
  }

  /** Runs `blueprint explain QUERY`; errors come back as the document's text. */
  explainText(query: string): Promise<string> {
    const resolution = this.resolve();
    if (resolution.kind === 'missing') return Promise.resolve(missingBinaryMessage(resolution));
    return new Promise((resolve) => {
      execFile(
        resolution.path,
        ['explain', query],
        { env: { ...process.env, NO_COLOR: '1' }, timeout: 10_000 },
        (error, stdout, stderr) => {
          if (error) resolve(`blueprint explain ${query} failed:\n\n${stderr || error.message}`);
          else resolve(stdout);
        },
      );
    });
  }

  activate(): void {
    const subscriptions = this.context.subscriptions;
    subscriptions.push(
      this,
      vscode.commands.registerCommand('blueprint.restartServer', () => this.restart()),
      vscode.commands.registerCommand('blueprint.showOutput', () => this.output.show(true)),
      vscode.commands.registerCommand('blueprint.explainRule', (ruleId?: unknown) => this.explain(ruleId)),
      vscode.workspace.registerTextDocumentContentProvider(EXPLAIN_SCHEME, {
        provideTextDocumentContent: (uri: vscode.Uri) =>
          this.explainText(decodeURIComponent(uri.path.replace(/^\//, '').replace(/\.txt$/, ''))),
      }),
      vscode.workspace.onDidChangeConfiguration((event) => this.onConfigurationChanged(event)),
      vscode.window.onDidChangeActiveTextEditor(() => this.updateStatus()),
      vscode.languages.onDidChangeDiagnostics(() => this.updateStatus()),
    );
    this.updateStatus();
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}

let extension: BlueprintExtension | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<BlueprintExtension> {
  extension = new BlueprintExtension(context);
  extension.activate();
  await extension.start();
  return extension;
}

export async function deactivate(): Promise<void> {
  await extension?.stop();
  extension = undefined;
}
