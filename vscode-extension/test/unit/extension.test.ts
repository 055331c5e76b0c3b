// The extension's wiring, against the mocked `vscode` module (see vitest.config.ts)
// and a fake LanguageClient that records what it was given.

import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { mock, Position, Selection, Uri, window, workspace, DiagnosticSeverity, Range } from '../mocks/vscode';

const clients: FakeClient[] = [];
let failStart: Error | undefined;

class FakeClient {
  started = false;
  stopped = false;
  notifications: { type: unknown; params: unknown }[] = [];
  /** What the execute-command feature was finally initialized with. */
  commandCapabilities: unknown;
  features = new Map<string, { initialize(capabilities: unknown, selector: unknown): void }>([
    ['workspace/executeCommand', { initialize: (capabilities: unknown) => (this.commandCapabilities = capabilities) }],
  ]);
  getFeature(method: string) {
    return this.features.get(method)!;
  }
  diagnostics = { get: (uri: { toString(): string }) => mock.diagnostics.get(uri.toString()) };
  private stateListeners: ((e: { oldState: number; newState: number }) => void)[] = [];
  constructor(
    readonly id: string,
    readonly name: string,
    readonly serverOptions: { run: { command: string; args: string[]; options: { env: Record<string, string> } } },
    readonly clientOptions: Record<string, any>,
  ) {
    clients.push(this);
  }
  onDidChangeState(listener: (e: { oldState: number; newState: number }) => void) {
    this.stateListeners.push(listener);
    return { dispose: () => {} };
  }
  async start() {
    this.stateListeners.forEach((l) => l({ oldState: 1, newState: 3 }));
    if (failStart) {
      this.stateListeners.forEach((l) => l({ oldState: 3, newState: 1 }));
      throw failStart;
    }
    this.started = true;
    this.stateListeners.forEach((l) => l({ oldState: 3, newState: 2 }));
  }
  async stop() {
    this.stopped = true;
    this.stateListeners.forEach((l) => l({ oldState: 2, newState: 1 }));
  }
  async sendNotification(type: unknown, params: unknown) {
    this.notifications.push({ type, params });
  }
}

vi.mock('vscode-languageclient/node', () => ({
  LanguageClient: FakeClient,
  State: { Stopped: 1, Running: 2, Starting: 3 },
  DidChangeConfigurationNotification: { type: { method: 'workspace/didChangeConfiguration' } },
  ExecuteCommandRequest: { method: 'workspace/executeCommand' },
}));

const { activate, deactivate } = await import('../../src/extension');

let tmp: string;
let fakeBinary: string;
const savedEnv = { ...process.env };

const contexts: { subscriptions: { dispose(): unknown }[] }[] = [];
function context() {
  const ctx = { extensionPath: path.join(tmp, 'ext'), subscriptions: [] as { dispose(): unknown }[] };
  contexts.push(ctx);
  return ctx;
}

beforeEach(() => {
  mock.reset();
  clients.length = 0;
  failStart = undefined;
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-ext-'));
  fs.mkdirSync(path.join(tmp, 'ext'));
  fakeBinary = path.join(tmp, 'bin', 'blueprint');
  fs.mkdirSync(path.dirname(fakeBinary));
  // Stands in for `blueprint explain RULE` (the LanguageClient is faked, so `lsp` is never run).
  fs.writeFileSync(
    fakeBinary,
    '#!/bin/sh\nif [ "$2" = nope ]; then echo "error: unknown rule nope (did you mean x?)" >&2; exit 2; fi\necho "explained: $1 $2"\n',
    { mode: 0o755 },
  );
  // A machine without blueprint anywhere: empty PATH, a fresh HOME.
  process.env.PATH = path.join(tmp, 'empty');
  process.env.HOME = path.join(tmp, 'home');
  delete process.env.CARGO_HOME;
});

afterEach(async () => {
  await deactivate();
  for (const ctx of contexts.splice(0)) for (const d of ctx.subscriptions) d.dispose();
  // Restore key by key: replacing `process.env` would detach it from the real environment.
  for (const key of ['PATH', 'HOME', 'CARGO_HOME']) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('activation without the binary', () => {
  it('says how to install it, marks the status bar, starts no client', async () => {
    mock.answer = 'Copy Install Command';
    await activate(context() as never);
    expect(clients).toHaveLength(0);
    expect(mock.shown).toHaveLength(1);
    expect(mock.shown[0].kind).toBe('error');
    expect(mock.shown[0].message).toContain('cargo install --locked --path crates/blueprint-cli');
    expect(mock.shown[0].items).toEqual(['Copy Install Command', 'Open Settings', 'Show Output']);
    await vi.waitFor(() => expect(mock.clipboard).toBe('cargo install --locked --path crates/blueprint-cli'));
    expect(mock.statusItems[0].text).toBe('$(error) blueprint: not installed');
    expect(mock.statusItems[0].visible).toBe(true);
    expect(mock.outputLines.join('\n')).toContain(path.join(tmp, 'home', '.cargo', 'bin', 'blueprint'));
  });

  it('finds the binary once installed and "Restart Server" is run', async () => {
    await activate(context() as never);
    expect(clients).toHaveLength(0);
    fs.mkdirSync(path.join(tmp, 'home', '.cargo', 'bin'), { recursive: true });
    fs.copyFileSync(fakeBinary, path.join(tmp, 'home', '.cargo', 'bin', 'blueprint'));
    await mock.commands.get('blueprint.restartServer')!();
    expect(clients).toHaveLength(1);
    expect(clients[0].serverOptions.run.command).toBe(path.join(tmp, 'home', '.cargo', 'bin', 'blueprint'));
    expect(mock.statusItems[0].text).toBe('$(check) blueprint');
  });

  it('does not hold up activation until the message is dismissed', async () => {
    mock.hold = true;
    await activate(context() as never);
    expect(mock.shown).toHaveLength(1);
  });

  it('opens the setting when asked', async () => {
    mock.answer = 'Open Settings';
    await activate(context() as never);
    await vi.waitFor(() => expect(mock.executed.length).toBeGreaterThan(0));
    expect(mock.executed).toContainEqual({
      command: 'workbench.action.openSettings',
      args: ['blueprint.server.path'],
    });
  });
});

describe('activation with the binary', () => {
  beforeEach(() => {
    mock.config['blueprint.server.path'] = fakeBinary;
    mock.config['blueprint.server.logLevel'] = 'debug';
    mock.config['blueprint.select'] = ['cap', 'schema'];
    mock.config['blueprint.severity'] = { 'schema/float-for-money': 'error', cap: 'bogus' };
  });

  it('starts `blueprint lsp` for Markdown with the translated settings', async () => {
    await activate(context() as never);
    expect(clients).toHaveLength(1);
    const client = clients[0];
    expect(client.id).toBe('blueprint');
    expect(client.started).toBe(true);
    expect(client.serverOptions.run.command).toBe(fakeBinary);
    expect(client.serverOptions.run.args).toEqual(['lsp']);
    expect(client.serverOptions.run.options.env.BLUEPRINT_LOG).toBe('debug');
    expect(client.clientOptions.documentSelector).toEqual([
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ]);
    const expected = { select: ['cap', 'schema'], ignore: [], severity: { 'schema/float-for-money': 'error' } };
    expect(client.clientOptions.initializationOptions).toEqual(expected);
    expect(client.clientOptions.middleware.workspace.configuration({ items: [{ section: 'blueprint' }] })).toEqual([
      expected,
    ]);
    expect(client.clientOptions.synchronize.fileEvents.glob).toBe('**/blueprint.toml');
    // The bad severity was reported, not silently dropped.
    expect(mock.shown.some((s) => s.kind === 'warning' && s.message.includes('blueprint.severity["cap"]'))).toBe(true);
    expect(mock.statusItems[0].text).toBe('$(check) blueprint');
    expect(mock.statusItems[0].tooltip).toContain(fakeBinary);
  });

  it('re-sends rule settings and restarts for a new server path', async () => {
    await activate(context() as never);
    mock.config['blueprint.ignore'] = ['structure'];
    mock.onConfig.fire({ affectsConfiguration: (s: string) => s === 'blueprint.ignore' || s === 'blueprint' });
    await vi.waitFor(() => expect(clients[0].notifications).toHaveLength(1));
    expect(clients[0].notifications[0]).toEqual({
      type: { method: 'workspace/didChangeConfiguration' },
      params: {
        settings: {
          blueprint: { select: ['cap', 'schema'], ignore: ['structure'], severity: { 'schema/float-for-money': 'error' } },
        },
      },
    });

    mock.onConfig.fire({ affectsConfiguration: (s: string) => 'blueprint.server.path'.startsWith(s) });
    await vi.waitFor(() => expect(clients).toHaveLength(2));
    expect(clients[0].stopped).toBe(true);
    await vi.waitFor(() => expect(clients[1].started).toBe(true));
  });

  it("keeps the server from registering the extension's own commands", async () => {
    await activate(context() as never);
    clients[0].getFeature('workspace/executeCommand').initialize(
      { hoverProvider: true, executeCommandProvider: { commands: ['blueprint.explainRule', 'blueprint.other'] } },
      undefined,
    );
    expect(clients[0].commandCapabilities).toEqual({
      hoverProvider: true,
      executeCommandProvider: { commands: ['blueprint.other'] },
    });
  });

  it('reports a server that does not start', async () => {
    failStart = new Error('Connection closed');
    await activate(context() as never);
    const error = mock.shown.find((s) => s.kind === 'error');
    expect(error?.message).toContain(`\`${fakeBinary} lsp\` did not start: Connection closed`);
    expect(mock.statusItems[0].text).toBe('$(error) blueprint');
  });

  it('counts the findings of the active Markdown file in the status bar', async () => {
    await activate(context() as never);
    const uri = Uri.file('/docs/design.md');
    window.activeTextEditor = {
      document: { uri, languageId: 'markdown' },
      selection: new Selection(new Position(0, 0), new Position(0, 0)),
    };
    mock.diagnostics.set(uri.toString(), [
      { range: new Range(new Position(0, 0), new Position(0, 1)), message: 'a', severity: DiagnosticSeverity.Error },
      { range: new Range(new Position(1, 0), new Position(1, 1)), message: 'b', severity: DiagnosticSeverity.Warning },
    ]);
    mock.onDiagnostics.fire({});
    expect(mock.statusItems[0].text).toBe('$(error) blueprint: 2');
    expect(mock.statusItems[0].tooltip).toContain('1 error, 1 warning');
  });

  it('"Show Output" shows the output channel', async () => {
    await activate(context() as never);
    await mock.commands.get('blueprint.showOutput')!();
    expect(mock.outputShown).toBe(1);
  });
});

describe('Explain Rule', () => {
  const uri = Uri.file('/docs/design.md');
  const at = (line: number, character: number) => {
    window.activeTextEditor = {
      document: { uri, languageId: 'markdown' },
      selection: new Selection(new Position(line, character), new Position(line, character)),
    };
  };

  beforeEach(async () => {
    mock.config['blueprint.server.path'] = fakeBinary;
    workspace.workspaceFolders = undefined;
    mock.diagnostics.set(uri.toString(), [
      {
        range: new Range(new Position(3, 10), new Position(3, 26)),
        message: 'money in a float',
        source: 'blueprint',
        code: { value: 'schema/float-for-money', target: Uri.parse('https://book/float.html') },
      },
    ]);
    await activate(context() as never);
  });

  it('runs `blueprint explain` for the finding under the cursor', async () => {
    at(3, 12);
    await mock.commands.get('blueprint.explainRule')!();
    expect(mock.opened).toEqual(['blueprint-explain:/schema/float-for-money.txt']);
    const text = await mock.contentProviders
      .get('blueprint-explain')!
      .provideTextDocumentContent(Uri.parse(mock.opened[0]));
    expect(text).toBe('explained: explain schema/float-for-money\n');
  });

  it('opens the rule page when set to the browser', async () => {
    mock.config['blueprint.explain.open'] = 'browser';
    at(3, 12);
    await mock.commands.get('blueprint.explainRule')!();
    expect(mock.openedExternal).toEqual(['https://book/float.html']);
  });

  it('asks when nothing is under the cursor, and shows errors as text', async () => {
    at(0, 0);
    mock.inputAnswer = 'nope';
    await mock.commands.get('blueprint.explainRule')!();
    const text = await mock.contentProviders
      .get('blueprint-explain')!
      .provideTextDocumentContent(Uri.parse(mock.opened[0]));
    expect(text).toContain('blueprint explain nope failed');
    expect(text).toContain('did you mean x?');
  });

  it('takes a rule id argument from a code action', async () => {
    await mock.commands.get('blueprint.explainRule')!('cap/ca-distributed-claim');
    expect(mock.opened).toEqual(['blueprint-explain:/cap/ca-distributed-claim.txt']);
  });
});
