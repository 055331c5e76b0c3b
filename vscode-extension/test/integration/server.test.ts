// Starts the real `blueprint lsp` the way the extension does (same executable,
// arguments, initialization options and `workspace/configuration` answers, from
// src/protocol.ts and src/settings.ts) and talks to it over stdio with the
// protocol library vscode-languageclient itself uses.
//
// The binary: $BLUEPRINT_BIN, else ../target/debug/blueprint. Build it first with
// `cargo build -p blueprint-cli`. When it is missing this test FAILS: a skipped
// integration test would hide a broken editor integration.

import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationRequest,
  DidChangeConfigurationNotification,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type Diagnostic,
  type MessageConnection,
  type PublishDiagnosticsParams,
} from 'vscode-languageserver-protocol/node';
import { StreamMessageReader, StreamMessageWriter, createMessageConnection } from 'vscode-languageserver-protocol/node';

import { initializationOptions, serverExecutable } from '../../src/protocol';
import { configurationResult, didChangeConfigurationParams, type ServerSettings } from '../../src/settings';
import { blueprintBinary, requireBlueprintBinary } from '../support';

const binary = blueprintBinary();

// One line of a SQL block stores money in a float; an emoji earlier on the same
// line makes UTF-16 columns differ from byte and code-point columns.
const DOC = [
  '# Payments 💳',
  '',
  '## Data model',
  '',
  '```sql',
  'CREATE TABLE payments (',
  '  id BIGINT PRIMARY KEY, /* 💰 */ amount DOUBLE PRECISION NOT NULL',
  ');',
  '```',
  '',
].join('\n');
const FLOAT_LINE = 6;
const RULE = 'schema/float-for-money';

let child: ChildProcess;
let connection: MessageConnection;
let stderr = '';
let settings: ServerSettings = { ignore: [], severity: {} };
const published: PublishDiagnosticsParams[] = [];
const configurationRequests: unknown[] = [];
let capabilities: Record<string, unknown> = {};
// A project of its own (an empty blueprint.toml stops the config search there), so a
// config file higher up cannot change what this test sees.
const project = fs.mkdtempSync(path.join(os.tmpdir(), 'blueprint-lsp-'));
fs.writeFileSync(path.join(project, 'blueprint.toml'), '');
const uri = pathToFileURL(path.join(project, 'payments.md')).toString();

/** Resolves with the first publication for `uri` after `since` that passes `accept`. */
function nextDiagnostics(since: number, accept: (d: Diagnostic[]) => boolean, what: string): Promise<Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 20_000;
    const poll = () => {
      const hit = published.slice(since).find((p) => p.uri === uri && accept(p.diagnostics));
      if (hit) return resolve(hit.diagnostics);
      if (child.exitCode !== null) return reject(new Error(`blueprint lsp exited (${child.exitCode}) waiting for ${what}. stderr:\n${stderr}`));
      if (Date.now() > deadline) {
        return reject(
          new Error(`no diagnostics ${what} within 20s; got ${JSON.stringify(published.slice(since))}\nstderr:\n${stderr}`),
        );
      }
      setTimeout(poll, 25);
    };
    poll();
  });
}

const hasRule = (ds: Diagnostic[]) => ds.some((d) => d.code === RULE);

beforeAll(async () => {
  requireBlueprintBinary();
  const exe = serverExecutable(binary, process.env, project);
  child = spawn(exe.command, exe.args, { env: exe.options.env, cwd: exe.options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // A server that dies early closes its stdin: report that below, not as EPIPE noise.
  child.stdin!.on('error', () => {});
  const exited = new Promise<never>((_, reject) =>
    child.on('exit', (code) =>
      reject(new Error(`\`${binary} lsp\` exited with code ${code} before answering initialize. stderr:\n${stderr}`)),
    ),
  );
  connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  connection.onNotification(PublishDiagnosticsNotification.type, (p) => published.push(p));
  connection.onRequest(ConfigurationRequest.type, (params) => {
    configurationRequests.push(params);
    return configurationResult(params.items, settings);
  });
  connection.onRequest(RegistrationRequest.type, () => null);
  // Anything else the server asks (progress tokens, message boxes): a harmless answer.
  connection.onRequest(() => null);
  connection.onNotification(() => {});
  connection.listen();

  const initialized = connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: pathToFileURL(project).toString(),
    workspaceFolders: [{ uri: pathToFileURL(project).toString(), name: 'project' }],
    initializationOptions: initializationOptions(settings),
    capabilities: {
      general: { positionEncodings: ['utf-16'] },
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true }, workspaceFolders: true },
      textDocument: {
        synchronization: { dynamicRegistration: false, didSave: true },
        publishDiagnostics: { relatedInformation: true, codeDescriptionSupport: true, dataSupport: true },
        hover: { contentFormat: ['markdown', 'plaintext'] },
      },
    },
  });
  const result = await Promise.race([initialized, exited]);
  capabilities = result.capabilities as Record<string, unknown>;
  await connection.sendNotification(InitializedNotification.type, {});
});

afterAll(async () => {
  fs.rmSync(project, { recursive: true, force: true });
  if (!connection || child.exitCode !== null) return;
  const exited = new Promise<number | null>((resolve) =>
    child.exitCode !== null ? resolve(child.exitCode) : child.on('exit', (code) => resolve(code)),
  );
  try {
    await connection.sendRequest(ShutdownRequest.type);
    await connection.sendNotification(ExitNotification.type);
  } finally {
    const code = await Promise.race([exited, new Promise<string>((r) => setTimeout(() => r('timeout'), 5_000))]);
    connection.dispose();
    if (code === 'timeout') child.kill();
    expect(code, `blueprint lsp should exit 0 after shutdown/exit; stderr:\n${stderr}`).toBe(0);
  }
});

describe('blueprint lsp, started like the extension starts it', () => {
  let first: Diagnostic[];

  it('announces the capabilities of the spec (incremental sync, hover, code actions, symbols)', () => {
    const sync = capabilities.textDocumentSync as number | { change?: number; openClose?: boolean };
    expect(typeof sync === 'number' ? sync : sync.change).toBe(2);
    expect(capabilities.hoverProvider).toBeTruthy();
    expect(capabilities.codeActionProvider).toBeTruthy();
    expect(capabilities.documentSymbolProvider).toBeTruthy();
  });

  it('publishes diagnostics for an opened Markdown file, with the rule id and its page', async () => {
    const since = published.length;
    await connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri, languageId: 'markdown', version: 1, text: DOC },
    });
    first = await nextDiagnostics(since, hasRule, `with ${RULE}`);
    const finding = first.find((d) => d.code === RULE)!;
    expect(finding.source).toBe('blueprint');
    expect(finding.message).toMatch(/amount/);
    expect(finding.codeDescription?.href).toMatch(/schema-float-for-money/);
  });

  it('points at the decisive words in UTF-16 columns', () => {
    const finding = first.find((d) => d.code === RULE)!;
    expect(finding.range.start.line).toBe(FLOAT_LINE);
    expect(finding.range.end.line).toBe(FLOAT_LINE);
    // JavaScript strings are UTF-16, so slicing with the wire columns must give the words.
    const line = DOC.split('\n')[FLOAT_LINE];
    const words = line.slice(finding.range.start.character, finding.range.end.character);
    expect(words).toBe('amount DOUBLE PRECISION');
  });

  it('re-checks an edited document (incremental sync)', async () => {
    const since = published.length;
    const line = DOC.split('\n')[FLOAT_LINE];
    const start = line.indexOf('DOUBLE PRECISION');
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 2 },
      contentChanges: [
        {
          range: { start: { line: FLOAT_LINE, character: start }, end: { line: FLOAT_LINE, character: start + 16 } },
          text: 'NUMERIC(12, 2)',
        },
      ],
    });
    await nextDiagnostics(since, (ds) => !hasRule(ds), `without ${RULE} after the fix`);
    const back = published.length;
    await connection.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri, version: 3 },
      contentChanges: [
        {
          range: { start: { line: FLOAT_LINE, character: start }, end: { line: FLOAT_LINE, character: start + 14 } },
          text: 'DOUBLE PRECISION',
        },
      ],
    });
    await nextDiagnostics(back, hasRule, `with ${RULE} again after undoing the fix`);
  });

  it('applies `blueprint.severity` and `blueprint.ignore` sent as the extension sends them', async () => {
    // float-for-money is an error by default: lower its area to info.
    settings = { ignore: [], severity: { schema: 'info' } };
    let since = published.length;
    await connection.sendNotification(
      DidChangeConfigurationNotification.type,
      didChangeConfigurationParams(settings),
    );
    const raised = await nextDiagnostics(
      since,
      (ds) => ds.some((d) => d.code === RULE && d.severity === 3),
      `with ${RULE} as information after severity { schema: "info" }`,
    );
    expect(raised.find((d) => d.code === RULE)!.severity).toBe(3);

    settings = { ignore: [RULE], severity: {} };
    since = published.length;
    await connection.sendNotification(
      DidChangeConfigurationNotification.type,
      didChangeConfigurationParams(settings),
    );
    await nextDiagnostics(since, (ds) => !hasRule(ds), `without ${RULE} after ignore ["${RULE}"]`);
  });
});
